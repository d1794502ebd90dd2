#include "core/io/AtomicFile.h"

#include "core/Error.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace reciprocal {

namespace {

std::string errnoText(int error)
{
    return std::strerror(error);
}

[[noreturn]] void throwWriteError(const std::string& path, int error)
{
    throw InputError("cannot write '" + path + "': " + errnoText(error));
}

// Closes a descriptor on every path out of a scope unless released first.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    int get() const { return m_fd; }
    // Closes now and reports the error: close() can be the first to report a failed write
    // (NFS, quota), so the result matters before the rename.
    int close()
    {
        const int result = ::close(m_fd);
        m_fd = -1;
        return result;
    }

private:
    int m_fd;
};

// Writes everything, resuming after partial writes and signal interruptions; returns 0 or errno.
int writeAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

// "<path>.tmp-", with the file name cut so that the whole temporary name, "<pid>-<counter>" added
// (at most 31 digits and a dash), stays within NAME_MAX: a legal 255-byte name once failed only
// after training, when the model was saved.
std::string temporaryPrefix(const std::string& path)
{
    constexpr std::size_t longestName = 255;
    constexpr std::size_t marker = 5;  // ".tmp-"
    constexpr std::size_t suffix = 31; // "<pid>-<counter>"
    const auto slash = path.find_last_of('/');
    const std::size_t nameStart = slash == std::string::npos ? 0 : slash + 1;
    const std::string name = path.substr(nameStart);
    return path.substr(0, nameStart) + name.substr(0, longestName - marker - suffix) + ".tmp-";
}

std::string directoryOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    if (slash == 0)
        return "/";
    return path.substr(0, slash);
}

// Writes the temporary file completely and durably; returns 0 or errno.
int fillTemporary(int fd, std::span<const std::string_view> pieces)
{
    for (const std::string_view piece : pieces) {
        if (const int error = writeAll(fd, piece))
            return error;
    }
    // Without this the rename could reach the disk before the data, and a power cut would leave
    // an empty or partial file under the final name.
    if (::fsync(fd) != 0)
        return errno;
    return 0;
}

void syncDirectory(const std::string& path)
{
    // The rename has already happened, so the new content is in place; this only makes the
    // directory entry durable across a power cut. A directory we may write but not open for
    // reading cannot be synced, which is no reason to report the save as failed.
    const int fd = ::open(directoryOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    FileDescriptor directory(fd);
    // Some file systems do not support fsync on directories and answer EINVAL.
    if (::fsync(directory.get()) != 0 && errno != EINVAL)
        throwWriteError(path, errno);
}

// The process id in a temporary file name's suffix "<pid>-<counter>", if the suffix is exactly that.
std::optional<pid_t> writerOf(std::string_view suffix)
{
    pid_t pid = 0;
    const char* end = suffix.data() + suffix.size();
    const auto [afterPid, pidError] = std::from_chars(suffix.data(), end, pid);
    unsigned long long counter = 0;
    if (pidError != std::errc() || pid <= 0 || afterPid == end || *afterPid != '-')
        return std::nullopt;
    const auto [afterCounter, counterError] = std::from_chars(afterPid + 1, end, counter);
    if (counterError != std::errc() || afterCounter != end)
        return std::nullopt;
    return pid;
}

// A writer killed mid-save leaves its temporary file behind. Once a save of the same path has
// succeeded, the temporaries of processes that no longer exist are garbage; those of live
// processes (this one included) may be saves in progress and stay. Best effort: a file that
// cannot be listed or removed is left as it is.
void removeStaleTemporaries(const std::string& path)
{
    namespace fs = std::filesystem;
    const std::string prefix = fs::path(temporaryPrefix(path)).filename().string();
    std::error_code error;
    for (fs::directory_iterator entry(directoryOf(path), error), end; !error && entry != end; entry.increment(error)) {
        const std::string name = entry->path().filename().string();
        if (!name.starts_with(prefix))
            continue;
        const std::optional<pid_t> writer = writerOf(std::string_view(name).substr(prefix.size()));
        if (writer && *writer != ::getpid() && ::kill(*writer, 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            fs::remove(entry->path(), ignored);
        }
    }
}

std::string fileTypeName(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "a special file";
}

[[noreturn]] void throwReadError(const std::string& path, int error)
{
    throw InputError("cannot read '" + path + "': " + errnoText(error));
}

} // namespace

void writeFileAtomically(const std::string& path, std::string_view bytes)
{
    writeFileAtomically(path, std::span<const std::string_view>(&bytes, 1));
}

void writeFileAtomically(const std::string& path, std::span<const std::string_view> pieces)
{
    // pid keeps processes apart, the counter keeps threads and successive calls apart; O_EXCL
    // guarantees we never write into somebody else's file if a stale name happens to exist.
    static std::atomic<unsigned long long> counter{0};
    const std::string temporary = temporaryPrefix(path) + std::to_string(::getpid()) + "-" + std::to_string(++counter);
    refuseSpecialTarget(path);

    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        throwWriteError(path, errno);
    FileDescriptor file(fd);

    int error = fillTemporary(file.get(), pieces);
    if (file.close() != 0 && error == 0)
        error = errno;
    if (error == 0 && ::rename(temporary.c_str(), path.c_str()) != 0)
        error = errno;
    if (error != 0) {
        ::unlink(temporary.c_str());
        throwWriteError(path, error);
    }
    syncDirectory(path);
    removeStaleTemporaries(path);
}

void refuseSpecialTarget(const std::string& path)
{
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode) && !S_ISDIR(existing.st_mode))
        throw InputError("cannot write '" + path + "': " + fileTypeName(existing.st_mode) + ", not a regular file");
}

std::string readWholeFile(const std::string& path, std::size_t maximumBytes)
{
    // O_NONBLOCK: opening a FIFO waits for a writer otherwise, forever; it is refused below anyway.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        throwReadError(path, errno);
    FileDescriptor file(fd);
    struct stat status {};
    if (::fstat(file.get(), &status) != 0)
        throwReadError(path, errno);
    // A FIFO never ends, /dev/zero and /dev/urandom neither: only regular files are read.
    if (!S_ISREG(status.st_mode))
        throw InputError("cannot read '" + path + "': " + fileTypeName(status.st_mode) + ", not a regular file");
    if (static_cast<unsigned long long>(status.st_size) > maximumBytes)
        throw InputError("cannot read '" + path + "': " + std::to_string(status.st_size) + " bytes, more than the " +
                         std::to_string(maximumBytes) + " this kind of file may have");

    // Read straight into the result, sized from fstat, but go on to end of file rather than
    // trusting st_size: the file may grow while we read (up to the bound).
    std::string content(static_cast<std::size_t>(status.st_size) + 1, '\0'); // +1: see EOF without growing
    std::size_t used = 0;
    for (;;) {
        if (used > maximumBytes)
            throw InputError("cannot read '" + path + "': it grew beyond the " + std::to_string(maximumBytes) +
                             " bytes this kind of file may have");
        if (used == content.size())
            content.resize(std::max<std::size_t>(2 * content.size(), 1 << 16));
        const ssize_t got = ::read(file.get(), content.data() + used, content.size() - used);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            throwReadError(path, errno);
        }
        if (got == 0)
            break;
        used += static_cast<std::size_t>(got);
    }
    content.resize(used);
    return content;
}

} // namespace reciprocal
