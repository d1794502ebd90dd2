#include "core/Error.h"
#include "core/io/AtomicFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include "InputErrorCapture.h"

#include <QTest>

#include <array>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace reciprocal;

namespace {
constexpr std::size_t testFileBound = std::size_t(64) << 20;
}

namespace {

using testsupport::contains;
using testsupport::inputErrorOf;

QStringList entriesOf(const QTemporaryDir& dir)
{
    return QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

// Content whose every byte depends on the version and the position, so a file mixing two
// versions, or cut short, or shifted, can never equal either complete version.
std::string versionContent(int version, std::size_t size)
{
    std::string content(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        content[i] = static_cast<char>((i * 131 + i / 4093 + static_cast<std::size_t>(version) * 77) & 0xff);
    return content;
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesAndReplaces();
    void writesPieces();
    void missingDirectoryThrowsAndLeavesNothing();
    void targetIsDirectoryThrowsAndRemovesTemporary();
    void readOnlyDirectoryThrows();
    void readErrorsNameThePath();
    void specialAndOversizedFilesAreRefused();
    void writesRefuseSpecialTargetsAndTakeLongNames();
    void survivesSigkillAtAnyMoment();
    void removesOnlyTemporariesOfDeadWriters();
};

void TestAtomicFile::writesAndReplaces()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("model.rcp").toStdString();

    writeFileAtomically(path, "first version");
    QCOMPARE(readWholeFile(path, testFileBound), std::string("first version"));
    writeFileAtomically(path, "second");
    QCOMPARE(readWholeFile(path, testFileBound), std::string("second"));
    writeFileAtomically(path, "");
    QCOMPARE(readWholeFile(path, testFileBound), std::string());
    const std::string binary = versionContent(3, 3'000'017); // larger than any read chunk
    writeFileAtomically(path, binary);
    QVERIFY(readWholeFile(path, testFileBound) == binary);

    // Only the target remains: every temporary file was renamed away.
    QCOMPARE(entriesOf(dir), QStringList{"model.rcp"});

    // A relative path (no directory part) goes to the working directory.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    writeFileAtomically("relative.bin", "r");
    QVERIFY(QDir::setCurrent(previous));
    QCOMPARE(readWholeFile(dir.filePath("relative.bin").toStdString(), testFileBound), std::string("r"));
    QCOMPARE(entriesOf(dir), (QStringList{"model.rcp", "relative.bin"}));
}

void TestAtomicFile::writesPieces()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("pieces").toStdString();
    const std::array<std::string_view, 3> pieces{"head", "", "tail"};
    writeFileAtomically(path, pieces);
    QCOMPARE(readWholeFile(path, testFileBound), std::string("headtail"));
}

void TestAtomicFile::missingDirectoryThrowsAndLeavesNothing()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("no/such/dir/model.rcp").toStdString();
    const std::string message = inputErrorOf([&] { writeFileAtomically(path, "x"); });
    QCOMPARE(message, "cannot write '" + path + "': No such file or directory");
    QVERIFY(entriesOf(dir).isEmpty());
}

// Here the temporary file is created and written, and only the rename fails: it must be removed.
void TestAtomicFile::targetIsDirectoryThrowsAndRemovesTemporary()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir("occupied"));
    QVERIFY(QDir(dir.path()).mkdir("occupied/child")); // non-empty, so the rename cannot replace it
    const std::string path = dir.filePath("occupied").toStdString();
    const std::string message = inputErrorOf([&] { writeFileAtomically(path, "x"); });
    QVERIFY2(contains(message, "cannot write '" + path + "': "), message.c_str());
    QVERIFY2(contains(message, "directory"), message.c_str());
    QCOMPARE(entriesOf(dir), QStringList{"occupied"});
}

void TestAtomicFile::readOnlyDirectoryThrows()
{
    if (::geteuid() == 0)
        QSKIP("root ignores directory permissions");
    QTemporaryDir dir;
    const std::string path = dir.filePath("locked/model.rcp").toStdString();
    QVERIFY(QDir(dir.path()).mkdir("locked"));
    writeFileAtomically(path, "old");
    QVERIFY(::chmod(dir.filePath("locked").toLocal8Bit().constData(), 0555) == 0);
    const std::string message = inputErrorOf([&] { writeFileAtomically(path, "new"); });
    ::chmod(dir.filePath("locked").toLocal8Bit().constData(), 0755);
    QCOMPARE(message, "cannot write '" + path + "': Permission denied");
    QCOMPARE(readWholeFile(path, testFileBound), std::string("old"));
}

void TestAtomicFile::readErrorsNameThePath()
{
    QTemporaryDir dir;
    const std::string missing = dir.filePath("absent.rcp").toStdString();
    QCOMPARE(inputErrorOf([&] { readWholeFile(missing, testFileBound); }),
             "cannot read '" + missing + "': No such file or directory");
    const std::string directory = dir.path().toStdString();
    QCOMPARE(inputErrorOf([&] { readWholeFile(directory, testFileBound); }),
             "cannot read '" + directory + "': a directory, not a regular file");
}

// Special files in place of a file: a FIFO without a writer once hung the reader forever, and
// /dev/zero read until the memory ran out. Both are refused before a byte is read; so is a
// regular file beyond the caller's bound.
void TestAtomicFile::specialAndOversizedFilesAreRefused()
{
    QTemporaryDir dir;
    const std::string fifo = dir.filePath("pipe.rcp").toStdString();
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(inputErrorOf([&] { readWholeFile(fifo, testFileBound); }),
             "cannot read '" + fifo + "': a FIFO, not a regular file");
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(inputErrorOf([&] { readWholeFile("/dev/zero", testFileBound); }),
             std::string("cannot read '/dev/zero': a character device, not a regular file"));
    const std::string big = dir.filePath("big.json").toStdString();
    writeFileAtomically(big, std::string(2000, 'x'));
    QVERIFY(contains(inputErrorOf([&] { readWholeFile(big, 1000); }), "2000 bytes, more than the 1000"));
    QCOMPARE(readWholeFile(big, 2000).size(), std::size_t(2000));
}

// The target of a save is a file: a device or a FIFO at the path is not replaced by one, and a
// file name of 255 bytes, legal, still gets a temporary name the file system takes.
void TestAtomicFile::writesRefuseSpecialTargetsAndTakeLongNames()
{
    QTemporaryDir dir;
    const std::string fifo = dir.filePath("pipe.out").toStdString();
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    QVERIFY(contains(inputErrorOf([&] { writeFileAtomically(fifo, "x"); }), "a FIFO, not a regular file"));
    struct stat status {};
    QVERIFY(::stat(fifo.c_str(), &status) == 0 && S_ISFIFO(status.st_mode));
    QVERIFY(contains(inputErrorOf([&] { writeFileAtomically("/dev/null", "x"); }), "a character device"));

    const std::string longName = dir.filePath(QString(255, QLatin1Char('n'))).toStdString();
    writeFileAtomically(longName, "long");
    QCOMPARE(readWholeFile(longName, testFileBound), std::string("long"));
    writeFileAtomically(longName, "again");
    QCOMPARE(readWholeFile(longName, testFileBound), std::string("again"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary left behind
}

// A child rewrites the file with alternating large versions as fast as it can; the parent
// SIGKILLs it at random moments. Whatever instant the kill lands on (mid-write, before fsync,
// between fsync and rename), the file must afterwards be exactly one complete version.
void TestAtomicFile::survivesSigkillAtAnyMoment()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("state.rcp").toStdString();
    // Different sizes, so a torn file would also differ in length.
    const std::array<std::string, 2> versions{versionContent(0, 3'000'000), versionContent(1, 2'000'003)};
    writeFileAtomically(path, versions[0]);

    std::mt19937 random(12345);
    std::uniform_int_distribution<int> delayMicroseconds(0, 30'000);
    std::array<int, 2> seen{0, 0};
    QElapsedTimer timer;
    timer.start();
    const int kills = 50;
    for (int attempt = 0; attempt < kills; ++attempt) {
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // The child must never return into the test framework: it ends by SIGKILL or _exit.
            for (std::size_t i = 1;; ++i) {
                try {
                    writeFileAtomically(path, versions[i % 2]);
                } catch (...) {
                    ::_exit(3);
                }
            }
        }
        ::usleep(static_cast<useconds_t>(delayMicroseconds(random)));
        QCOMPARE(::kill(child, SIGKILL), 0);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer child failed on its own");

        const std::string content = readWholeFile(path, testFileBound);
        const int which = content == versions[0] ? 0 : content == versions[1] ? 1 : -1;
        QVERIFY2(which >= 0, qPrintable(QString("after kill %1 the file is torn (%2 bytes)")
                                            .arg(attempt)
                                            .arg(content.size())));
        ++seen[static_cast<std::size_t>(which)];

        // A killed writer may leave its temporary file; that is expected, never the target.
        for (const QString& name : entriesOf(dir))
            QVERIFY2(name == "state.rcp" || name.startsWith("state.rcp.tmp-"), qPrintable(name));
    }
    qInfo("%d kills in %lld ms; file held version 0 %d times, version 1 %d times", kills,
          static_cast<long long>(timer.elapsed()), seen[0], seen[1]);
    // The child must really have been rewriting: otherwise the test proved nothing.
    QVERIFY(seen[1] > 0);
    // The next save clears what the killed writers left.
    writeFileAtomically(path, versions[0]);
    QCOMPARE(entriesOf(dir), QStringList{"state.rcp"});
}

// Leftovers of a dead process go with the next save; a live process's may be a save in progress,
// and names that only look alike belong to somebody else.
void TestAtomicFile::removesOnlyTemporariesOfDeadWriters()
{
    const pid_t dead = ::fork();
    QVERIFY(dead >= 0);
    if (dead == 0)
        ::_exit(0);
    int status = 0;
    QCOMPARE(::waitpid(dead, &status, 0), dead);

    QTemporaryDir dir;
    const QString live = QString("a.rcp.tmp-%1-7").arg(::getppid());
    const QString deadLeftover = QString("a.rcp.tmp-%1-3").arg(dead);
    const QStringList kept{"a.rcp.tmp-notes", QString("a.rcp.tmp-%1").arg(dead), QString("b.rcp.tmp-%1-1").arg(dead), live};
    for (const QString& name : kept + QStringList{deadLeftover}) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    writeFileAtomically(dir.filePath("a.rcp").toStdString(), "new");
    QStringList expected = kept + QStringList{"a.rcp"};
    expected.sort();
    QCOMPARE(entriesOf(dir), expected);
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
