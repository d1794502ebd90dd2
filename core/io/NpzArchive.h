#pragma once

#include "core/math/Types.h"

#include <string>
#include <vector>

namespace reciprocal {

// A NumPy .npz archive (a zip of .npy arrays, what numpy.savez writes and numpy.load reads), built
// in memory through libzip and returned as bytes, so that the caller saves it atomically.
class NpzArchive {
public:
    // NAME.npy: float32 in C order; a one-column matrix becomes a 1-D array when `vector` is true.
    void addArray(const std::string& name, const Matrix<float>& values, bool vector = false);
    // A file that is not an array (numpy.load returns its bytes), e.g. meta.json.
    void addFile(const std::string& name, std::string bytes);
    // The whole archive. Throws InputError with libzip's message if it cannot be built.
    std::string bytes() const;

private:
    std::vector<std::pair<std::string, std::string>> m_entries;
};

// The .npy encoding (format 1.0) of a float32 array of this shape, C order.
std::string npyBytes(const Matrix<float>& values, bool vector);

} // namespace reciprocal
