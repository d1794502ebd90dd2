#include "app/cli/ArgumentBytes.h"

#include "core/Text.h"

namespace reciprocal::cli {

QString argumentFromBytes(const std::string& bytes)
{
    QString argument;
    std::size_t start = 0;
    while (start < bytes.size()) {
        std::size_t end = start;
        while (end < bytes.size()) {
            const std::size_t length = utf8SequenceLength(std::string_view(bytes).substr(end));
            if (length == 0)
                break;
            end += length;
        }
        argument += QString::fromUtf8(bytes.data() + start, static_cast<qsizetype>(end - start));
        if (end < bytes.size())
            argument += QChar(static_cast<char16_t>(0xDC00 + static_cast<unsigned char>(bytes[end++])));
        start = end;
    }
    return argument;
}

std::string bytesOfArgument(const QString& argument)
{
    std::string bytes;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= argument.size(); ++i) {
        const bool escaped = i < argument.size() && argument[i].unicode() >= 0xDC80 && argument[i].unicode() <= 0xDCFF &&
                             (i == 0 || !argument[i - 1].isHighSurrogate());
        if (i == argument.size() || escaped) {
            bytes += argument.mid(start, i - start).toStdString();
            if (escaped)
                bytes += static_cast<char>(argument[i].unicode() - 0xDC00);
            start = i + 1;
        }
    }
    return bytes;
}

} // namespace reciprocal::cli
