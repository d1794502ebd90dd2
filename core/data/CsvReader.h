#pragma once

#include "core/data/Dataset.h"

#include <string>

namespace reciprocal {

// Reads a labelled table from a CSV file: each row holds the numeric features of one sample
// followed by its class label in the last column.
//
// - Fields are separated by commas; spaces and tabs around a field are ignored; no quoting.
// - The first line is a header, and skipped, if any of its fields is non-empty text that is not
//   a number; it must still have as many fields as the data rows.
// - Blank lines are ignored; CRLF line ends and a UTF-8 byte-order mark are accepted.
// - Features are parsed as float (std::from_chars) and kept exactly as written: no scaling,
//   since CSV columns have no common range the reader could know.
// - The label must be a non-negative integer (written as 3 or 3.0), at most 65535.
//
// Returns features (columns-1 x rows), classCount = largest label + 1, sampleShape
// {featureCount}. Throws InputError "<path>:<line>: <problem>" for a row with the wrong number
// of fields, a field that is not a number, NaN or infinity, a value out of float range, or a
// negative, non-integer or absurd label; "<path>: <problem>" for a missing file or one with no
// data rows or fewer than two columns.
Dataset readCsv(const std::string& path);

} // namespace reciprocal
