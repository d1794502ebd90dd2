#include "app/cli/CommandLine.h"

#include "core/BuildInfo.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("reciprocal"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(reciprocal::buildinfo::version));
    return reciprocal::cli::run(QCoreApplication::arguments());
}
