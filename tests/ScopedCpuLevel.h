#pragma once

#include "core/kernels/CpuLevel.h"

#include <QMetaType>
#include <QTest>

// Runs the kernels at one CPU level for the lifetime of the object, then at the level before.
class ScopedCpuLevel {
public:
    explicit ScopedCpuLevel(reciprocal::CpuLevel level)
        : m_previous(reciprocal::activeCpuLevel())
    {
        reciprocal::selectCpuLevel(level);
    }
    ~ScopedCpuLevel() { reciprocal::selectCpuLevel(m_previous); }
    ScopedCpuLevel(const ScopedCpuLevel&) = delete;
    ScopedCpuLevel& operator=(const ScopedCpuLevel&) = delete;

private:
    reciprocal::CpuLevel m_previous;
};

Q_DECLARE_METATYPE(reciprocal::CpuLevel) // a column of data-driven tests

// A data row named after the level and the case, "avx2 spirals", for tests run at every level.
inline QTestData& newLevelRow(reciprocal::CpuLevel level, const char* name)
{
    return QTest::newRow(qPrintable(QString::fromLatin1(reciprocal::cpuLevelName(level).data()) + QLatin1Char(' ') +
                                    QLatin1String(name)));
}
