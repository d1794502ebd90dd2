#include "core/data/Cifar10Reader.h"

#include "core/data/FeatureStorage.h"
#include "core/Error.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace reciprocal {

namespace {

constexpr int kClassCount = 10;
constexpr int kPixelCount = 3 * 32 * 32;
constexpr std::size_t kRecordBytes = 1 + kPixelCount;

std::string joinPath(const std::string& directory, const std::string& name)
{
    return (std::filesystem::path(directory) / name).string();
}

std::uintmax_t checkedFileSize(const std::string& path)
{
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status))
        throw InputError(path + ": no such file");
    if (!std::filesystem::is_regular_file(status))
        throw InputError(path + ": not a regular file");
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error)
        throw InputError(path + ": cannot read size: " + error.message());
    if (size == 0)
        throw InputError(path + ": empty file, expected 3073-byte CIFAR-10 records");
    if (size % kRecordBytes != 0)
        throw InputError(path + ": size " + std::to_string(size) +
                         " bytes is not a multiple of the 3073-byte CIFAR-10 record");
    return size;
}

} // namespace

std::vector<std::string> cifar10FileNames()
{
    return {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"};
}

void requireCifar10Files(const std::string& directory)
{
    std::string missing;
    for (const std::string& name : cifar10FileNames()) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(joinPath(directory, name), error))
            missing += (missing.empty() ? "" : ", ") + name;
    }
    if (!missing.empty())
        throw InputError("cifar10: missing " + missing + " in " + directory +
                         " (need data_batch_1..5.bin and test_batch.bin)");
}

Dataset readCifar10(const std::vector<std::string>& batchPaths, int limit)
{
    if (limit < 0)
        throw InputError("CIFAR-10 sample limit " + std::to_string(limit) + " is negative");

    // Sizes first, so the whole matrix is allocated once and a bad later batch fails fast.
    std::vector<std::size_t> recordCounts;
    std::size_t total = 0;
    for (const std::string& path : batchPaths) {
        std::size_t records = static_cast<std::size_t>(checkedFileSize(path) / kRecordBytes);
        if (limit > 0)
            records = std::min(records, static_cast<std::size_t>(limit) - total);
        recordCounts.push_back(records);
        total += records;
        if (limit > 0 && total == static_cast<std::size_t>(limit))
            break;
    }

    Dataset data;
    data.classCount = kClassCount;
    data.sampleShape = {3, 32, 32};
    allocateFeatures(data, kPixelCount, static_cast<Eigen::Index>(total));
    data.labels.reserve(total);

    std::vector<unsigned char> buffer;
    Eigen::Index column = 0;
    for (std::size_t file = 0; file < recordCounts.size(); ++file) {
        const std::string& path = batchPaths[file];
        std::ifstream in(path, std::ios::binary);
        buffer.resize(recordCounts[file] * kRecordBytes);
        const auto size = static_cast<std::streamsize>(buffer.size());
        if (!in || !in.read(reinterpret_cast<char*>(buffer.data()), size))
            throw InputError(path + ": read error");
        for (std::size_t record = 0; record < recordCounts[file]; ++record, ++column) {
            const unsigned char* bytes = buffer.data() + record * kRecordBytes;
            if (bytes[0] >= kClassCount)
                throw InputError(path + ": record " + std::to_string(record) + " has label " +
                                 std::to_string(bytes[0]) + ", expected 0..9");
            data.labels.push_back(bytes[0]);
            for (int pixel = 0; pixel < kPixelCount; ++pixel)
                data.features(pixel, column) = static_cast<float>(bytes[1 + pixel]) / 255.0f;
        }
    }
    return data;
}

Dataset readCifar10Train(const std::string& directory, int limit)
{
    std::vector<std::string> paths = cifar10FileNames();
    paths.pop_back();
    for (std::string& name : paths)
        name = joinPath(directory, name);
    return readCifar10(paths, limit);
}

Dataset readCifar10Test(const std::string& directory, int limit)
{
    return readCifar10({joinPath(directory, cifar10FileNames().back())}, limit);
}

} // namespace reciprocal
