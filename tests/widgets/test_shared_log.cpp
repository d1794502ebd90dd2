// SPDX-License-Identifier: MIT
// The snapshots' append-only log: it reads like the vector of what was appended across chunk
// boundaries, a copy keeps what it had whatever the log appends or replaces later while it shares
// the full chunks, and a log made afresh shares nothing with the last one.
#include "widgets/session/SharedLog.h"

#include <QTest>

#include <algorithm>
#include <iterator>
#include <numeric>
#include <vector>

using namespace reciprocal::widgets;

namespace {

using Log = SharedLog<int>;
constexpr auto chunk = static_cast<int>(Log::chunkSize);

static_assert(std::random_access_iterator<Log::const_iterator>);

std::vector<int> upTo(int count)
{
    std::vector<int> values(static_cast<std::size_t>(count));
    std::iota(values.begin(), values.end(), 0);
    return values;
}

Log appended(const std::vector<int>& values)
{
    Log log;
    for (const int value : values)
        log.push_back(value);
    return log;
}

std::vector<int> contents(const Log& log) { return {log.begin(), log.end()}; }

} // namespace

class SharedLogTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsAsAppendedAcrossChunks();
    void madeFromValuesAsAppended();
    void copiesKeepWhatTheyHad();
    void copiesShareFullChunks();
    void freshLogSharesNothing();
};

void SharedLogTest::readsAsAppendedAcrossChunks()
{
    for (const int count : {0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk + 7}) {
        const std::vector<int> values = upTo(count);
        const Log log = appended(values);
        QCOMPARE(log.size(), values.size());
        QCOMPARE(log.empty(), values.empty());
        QCOMPARE(contents(log), values);
        for (std::size_t i = 0; i < values.size(); ++i)
            QCOMPARE(log[i], values[i]);
        if (count > 0) {
            QCOMPARE(log.front(), 0);
            QCOMPARE(log.back(), count - 1);
            // The views' searches: a binary search and a step back from the end.
            QCOMPARE(*std::lower_bound(log.begin(), log.end(), count / 2), count / 2);
            QCOMPARE(*std::prev(log.end()), count - 1);
            QCOMPARE(log.end() - log.begin(), static_cast<std::ptrdiff_t>(count));
        }
    }
}

void SharedLogTest::madeFromValuesAsAppended()
{
    for (const int count : {0, 3, chunk, 2 * chunk + 7}) {
        const std::vector<int> values = upTo(count);
        Log log(values);
        QCOMPARE(contents(log), values);
        log.push_back(count); // onto a full or a partial last chunk
        QCOMPARE(contents(log), upTo(count + 1));
    }
    QCOMPARE(contents(Log{4, 5, 6}), (std::vector<int>{4, 5, 6}));
}

void SharedLogTest::copiesKeepWhatTheyHad()
{
    for (const int count : {1, chunk - 1, chunk, chunk + 1}) {
        Log log = appended(upTo(count));
        const Log copy = log;
        log.replaceBack(-1);
        for (int i = 0; i < 2 * chunk; ++i)
            log.push_back(-2);
        log.replaceBack(-3);
        QCOMPARE(contents(copy), upTo(count));
        QCOMPARE(log.size(), static_cast<std::size_t>(count + 2 * chunk));
        QCOMPARE(log[static_cast<std::size_t>(count - 1)], -1);
        QCOMPARE(log.back(), -3);
    }
}

void SharedLogTest::copiesShareFullChunks()
{
    Log log = appended(upTo(2 * chunk + 7));
    const Log copy = log;
    log.push_back(0);
    // The full chunks are the same memory; the partial last one was copied before the append.
    QCOMPARE(&copy[0], &log[0]);
    QCOMPARE(&copy[2 * Log::chunkSize - 1], &log[2 * Log::chunkSize - 1]);
    QVERIFY(&copy[2 * Log::chunkSize] != &log[2 * Log::chunkSize]);
}

void SharedLogTest::freshLogSharesNothing()
{
    Log log = appended(upTo(chunk + 1));
    const Log earlier = log;
    log = {}; // a new session
    QVERIFY(log.empty());
    QVERIFY(log.begin() == log.end());
    log.push_back(7);
    QCOMPARE(contents(log), std::vector<int>{7});
    QCOMPARE(contents(earlier), upTo(chunk + 1));
    const Log again(contents(earlier));
    QVERIFY(&again[0] != &earlier[0]);
}

QTEST_APPLESS_MAIN(SharedLogTest)
#include "test_shared_log.moc"
