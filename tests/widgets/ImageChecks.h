#pragma once

// Checks on grabbed images, shared by the view tests.
#include <QDir>
#include <QImage>
#include <QSet>
#include <QString>
#include <QTest>

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
