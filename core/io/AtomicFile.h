#pragma once

#include <span>
#include <string>
#include <string_view>

namespace reciprocal {

// Replaces the file at `path` with `bytes` so that, whenever the process dies or the machine
// loses power, the path holds either the complete old content or the complete new content.
//
// The bytes go to a fresh temporary file in the same directory (same file system, so the
// rename is atomic), named "<path>.tmp-<pid>-<counter>", which is fsynced, closed and renamed
// over the target; then the directory is fsynced so the rename itself is durable. A new file
// gets mode 0666 minus the umask; the mode of a replaced file is not carried over.
//
// On failure the temporary file is removed, the previous file is untouched, and an InputError
// "cannot write '<path>': <reason>" is thrown (reason from strerror, e.g. "No such file or
// directory", "Permission denied", "No space left on device"). A process killed mid-write
// leaves its temporary file behind; it never replaces the target, and the next successful save
// of the same path removes it once no process with that pid is running.
//
// Safe to call concurrently from several threads, even on the same path (the last rename wins).
void writeFileAtomically(const std::string& path, std::string_view bytes);
// As above, with the content given as pieces written back to back (e.g. a header and a large
// payload, without first concatenating them).
void writeFileAtomically(const std::string& path, std::span<const std::string_view> pieces);

// Throws InputError "cannot write '<path>': a FIFO, not a regular file" (or a device, a socket)
// when a save to path would replace such a file ("--out /dev/null" once did); writeFileAtomically
// checks it first, and a command can check it before its long work.
void refuseSpecialTarget(const std::string& path);

// The whole content of a regular file of at most maximumBytes. Throws InputError "cannot read
// '<path>': <reason>" (e.g. "No such file or directory", "Permission denied", "a FIFO, not a
// regular file", "... bytes, more than the ... this kind of file may have"); a FIFO or a device
// (/dev/zero) is refused before anything is read, so it neither hangs nor fills the memory.
std::string readWholeFile(const std::string& path, std::size_t maximumBytes);

} // namespace reciprocal
