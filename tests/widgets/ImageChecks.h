#pragma once

// Checks on grabbed images, shared by the view tests.
#include <QColor>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QString>
#include <QTest>

#include <cstdlib>

namespace reciprocal::widgets::testing {

// Distinct colours on a grid of every step-th pixel: a drawn view has many, an empty canvas few.
inline int distinctColours(const QImage& image, int step = 3)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += step)
        for (int x = 0; x < image.width(); x += step)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

// Pixels whose red, green and blue each lie within tolerance of colour's: how much of a series
// or marker drawn in that colour shows (antialiased edges blend into what is behind them).
inline int pixelsOfColour(const QImage& image, const QColor& colour, int tolerance = 0)
{
    const auto near = [tolerance](int a, int b) { return std::abs(a - b) <= tolerance; };
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            count += near(qRed(pixel), colour.red()) && near(qGreen(pixel), colour.green()) &&
                             near(qBlue(pixel), colour.blue())
                         ? 1
                         : 0;
        }
    return count;
}

// Keeps a grabbed image for a person to look at, as <name>.png in the folder that the environment
// variable RECIPROCAL_TEST_IMAGES names (made if missing), e.g.
//     RECIPROCAL_TEST_IMAGES=$PWD/test-images ctest -R 'view|window'
// Without it nothing is written, so test runs leave no files behind and parallel runs do not
// overwrite each other's pictures.
inline void keepImage(const QImage& image, const QString& name)
{
    const QString folder = qEnvironmentVariable("RECIPROCAL_TEST_IMAGES");
    if (folder.isEmpty())
        return;
    const QString path = QDir(folder).filePath(name + QStringLiteral(".png"));
    QVERIFY2(QDir().mkpath(folder) && image.save(path), qPrintable(QStringLiteral("cannot write ") + path));
}

} // namespace reciprocal::widgets::testing
