#pragma once

// Some test programs run a second time under a comma-decimal locale (RECIPROCAL_LOCALE_RUN in
// tests/CMakeLists.txt). That run proves something only if the locale exists: installer/setup.sh
// generates de_DE.UTF-8 and it_IT.UTF-8, and a missing one fails the run instead of passing it.
#include <QTest>

#include <clocale>

namespace testsupport {

inline void verifyRequiredLocale()
{
    if (qEnvironmentVariableIsEmpty("RECIPROCAL_LOCALE_RUN"))
        return;
    const char* locale = std::setlocale(LC_NUMERIC, "");
    QVERIFY2(locale, "the locale in LC_ALL is not installed (installer/setup.sh generates it)");
    QCOMPARE(*std::localeconv()->decimal_point, ',');
}

} // namespace testsupport
