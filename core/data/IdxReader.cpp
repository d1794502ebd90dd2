#include "core/data/IdxReader.h"

#include "core/data/FeatureStorage.h"
#include "core/Error.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

namespace reciprocal {

namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;
// This many pixel bytes or more is a corrupt header, not a data set (MNIST is 47 MB); staying
// below it also keeps every count and index within int.
constexpr std::uint64_t kMaxPayloadBytes = std::uint64_t{1} << 31;
// gzread takes an unsigned int length; read in moderate pieces and grow the buffer as data
// actually arrives.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

std::string hex32(std::uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

std::uint32_t bigEndian32(const unsigned char* bytes)
{
    return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
           (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]};
}

// A gzip-or-plain input file; every failure becomes an InputError naming the file.
class GzInput {
public:
    explicit GzInput(const std::string& path) : m_path(path)
    {
        std::error_code error;
        const auto status = std::filesystem::status(path, error);
        if (!std::filesystem::exists(status))
            fail("no such file");
        if (!std::filesystem::is_regular_file(status))
            fail("not a regular file");
        m_file = gzopen(path.c_str(), "rb");
        if (m_file == nullptr)
            fail("cannot open: " + std::system_category().message(errno));
        gzbuffer(m_file, 1 << 17);
    }
    ~GzInput()
    {
        if (m_file != nullptr)
            gzclose(m_file);
    }
    GzInput(const GzInput&) = delete;
    GzInput& operator=(const GzInput&) = delete;

    // Reads up to size bytes; fewer only at the end of the data. A corrupt gzip stream throws.
    std::size_t read(void* buffer, std::size_t size)
    {
        auto* out = static_cast<unsigned char*>(buffer);
        std::size_t total = 0;
        while (total < size) {
            const auto piece = static_cast<unsigned>(std::min(size - total, kChunkBytes));
            const int got = gzread(m_file, out + total, piece);
            if (got < 0)
                fail("gzip error: " + errorText());
            if (got == 0)
                break;
            total += static_cast<std::size_t>(got);
        }
        return total;
    }

    // Why the last read stopped short: zlib's message for a cut-off gzip stream, else empty.
    std::string shortReadReason() const
    {
        int code = Z_OK;
        gzerror(m_file, &code);
        return code == Z_OK ? std::string() : " (" + errorText() + ")";
    }

    [[noreturn]] void fail(const std::string& problem) const
    {
        throw InputError(m_path + ": " + problem);
    }

private:
    // zlib's last error without the "<path>: " it prefixes, since fail() adds the path itself.
    std::string errorText() const
    {
        int code = Z_OK;
        const char* raw = gzerror(m_file, &code);
        if (code == Z_ERRNO)
            return std::system_category().message(errno);
        std::string text = raw != nullptr && *raw != '\0' ? raw : "unknown error";
        if (text.starts_with(m_path + ": "))
            text.erase(0, m_path.size() + 2);
        return text;
    }

    std::string m_path;
    gzFile m_file = nullptr;
};

// Reads the fixed-size header: magic first, so a wrong kind of file is named as such even when
// it is shorter than the header we expected.
template <std::size_t Size>
std::array<unsigned char, Size> readHeader(GzInput& input, std::uint32_t magic, const char* kind)
{
    std::array<unsigned char, Size> header{};
    const std::size_t got = input.read(header.data(), Size);
    if (got >= 4 && bigEndian32(header.data()) != magic)
        input.fail("wrong magic number " + hex32(bigEndian32(header.data())) + " (expected " +
                   hex32(magic) + " for an IDX " + kind + " file)");
    if (got < Size)
        input.fail("truncated header (" + std::to_string(got) + " of " + std::to_string(Size) +
                   " bytes)" + input.shortReadReason());
    return header;
}

std::vector<unsigned char> readPayload(GzInput& input, std::uint64_t expected, const char* what)
{
    std::vector<unsigned char> bytes;
    bytes.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(expected, 16 * kChunkBytes)));
    while (bytes.size() < expected) {
        const std::size_t start = bytes.size();
        const auto piece = static_cast<std::size_t>(std::min<std::uint64_t>(expected - start, kChunkBytes));
        bytes.resize(start + piece);
        const std::size_t got = input.read(bytes.data() + start, piece);
        bytes.resize(start + got);
        if (got < piece)
            break;
    }
    if (bytes.size() < expected)
        input.fail("truncated data: expected " + std::to_string(expected) + " bytes of " + what +
                   " after the header, found " + std::to_string(bytes.size()) + input.shortReadReason());
    return bytes;
}

// When a whole gzip file has been consumed, one more read makes zlib check the stream's CRC and
// length trailer, so corruption in the last block is not silently accepted.
void verifyEnd(GzInput& input)
{
    unsigned char probe = 0;
    input.read(&probe, 1);
}

} // namespace

Dataset readIdx(const std::string& imagesPath, const std::string& labelsPath, int classCount, int limit,
                std::optional<double> available)
{
    if (classCount < 1)
        throw InputError("IDX class count " + std::to_string(classCount) + " must be positive");
    if (limit < 0)
        throw InputError("IDX sample limit " + std::to_string(limit) + " is negative");

    GzInput images(imagesPath);
    const auto imageHeader = readHeader<16>(images, kImagesMagic, "images");
    const std::uint32_t count = bigEndian32(imageHeader.data() + 4);
    const std::uint32_t rows = bigEndian32(imageHeader.data() + 8);
    const std::uint32_t cols = bigEndian32(imageHeader.data() + 12);
    const std::string dims = std::to_string(count) + " images of " + std::to_string(rows) + " x " +
                             std::to_string(cols);
    if (count == 0 || rows == 0 || cols == 0)
        images.fail("zero dimension in header (" + dims + ")");
    // Each factor is below 2^32, so rows * cols fits in 64 bits; divide rather than multiply
    // by count to stay clear of overflow.
    const std::uint64_t pixelsPerImage = std::uint64_t{rows} * cols;
    if (pixelsPerImage >= kMaxPayloadBytes || count > (kMaxPayloadBytes - 1) / pixelsPerImage)
        images.fail("absurd dimensions in header (" + dims + ", 2^31 bytes or more)");

    GzInput labelsFile(labelsPath);
    const auto labelHeader = readHeader<8>(labelsFile, kLabelsMagic, "labels");
    const std::uint32_t labelCount = bigEndian32(labelHeader.data() + 4);
    if (labelCount != count)
        throw InputError(imagesPath + ": has " + std::to_string(count) + " images but " + labelsPath +
                         " has " + std::to_string(labelCount) + " labels");

    const std::uint32_t used =
        limit > 0 ? std::min(count, static_cast<std::uint32_t>(limit)) : count;
    // A small gzip file may declare millions of images: 2 MB once inflated into a 10 GB process.
    // The decoded samples (the bytes, then a float per pixel) must fit the memory there is.
    const double decoded = static_cast<double>(used) * static_cast<double>(pixelsPerImage) * (1 + sizeof(float));
    if (available && decoded > *available)
        images.fail("its " + std::to_string(used) + " images of " + std::to_string(rows) + " x " +
                    std::to_string(cols) + " need about " + formatBytes(decoded) + " decoded, more than the " +
                    formatBytes(*available) + " available");
    const std::vector<unsigned char> labelBytes = readPayload(labelsFile, used, "labels");
    if (used == count)
        verifyEnd(labelsFile);

    Dataset data;
    data.classCount = classCount;
    data.sampleShape = {static_cast<int>(rows), static_cast<int>(cols)};
    data.labels.reserve(used);
    for (std::uint32_t i = 0; i < used; ++i) {
        if (labelBytes[i] >= classCount)
            labelsFile.fail("label " + std::to_string(labelBytes[i]) + " of sample " + std::to_string(i) +
                            " is outside 0.." + std::to_string(classCount - 1));
        data.labels.push_back(labelBytes[i]);
    }

    const std::vector<unsigned char> pixels = readPayload(images, pixelsPerImage * used, "pixels");
    if (used == count)
        verifyEnd(images);
    using ByteMatrix = Eigen::Matrix<unsigned char, Eigen::Dynamic, Eigen::Dynamic>;
    allocateFeatures(data, static_cast<Eigen::Index>(pixelsPerImage), static_cast<Eigen::Index>(used));
    data.features = Eigen::Map<const ByteMatrix>(pixels.data(), static_cast<Eigen::Index>(pixelsPerImage),
                                                 static_cast<Eigen::Index>(used))
                        .cast<float>() /
                    255.0f;
    return data;
}

} // namespace reciprocal
