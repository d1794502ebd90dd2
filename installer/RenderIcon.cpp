// SPDX-License-Identifier: MIT
// Build-time tool: renders the scalable icon to a square PNG for the hicolor theme's fixed sizes.
// Debian has no SVG rasteriser on a build machine by default (no ImageMagick, no rsvg-convert), but
// Qt SVG is already a build dependency, so the package draws its own PNGs with it.
//
//   reciprocal_render_icon ICON.svg SIZE OUT.png

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char* argv[])
{
    // Runs inside the build, where there is no display.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    const QStringList arguments = QGuiApplication::arguments();
    QTextStream err(stderr);
    bool sizeOk = false;
    const int size = arguments.size() == 4 ? arguments.at(2).toInt(&sizeOk) : 0;
    if (!sizeOk || size <= 0) {
        err << "usage: reciprocal_render_icon ICON.svg SIZE OUT.png\n";
        return 2;
    }
    QSvgRenderer renderer(arguments.at(1));
    if (!renderer.isValid()) {
        err << "reciprocal_render_icon: cannot read " << arguments.at(1) << '\n';
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);
    painter.end();
    if (!image.save(arguments.at(3), "PNG")) {
        err << "reciprocal_render_icon: cannot write " << arguments.at(3) << '\n';
        return 1;
    }
    return 0;
}
