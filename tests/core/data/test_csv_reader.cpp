#include "DataTestFiles.h"

#include "core/Error.h"
#include "core/data/CsvReader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reciprocal;
using namespace datatest;

class TestCsvReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsRowsAsColumns();
    void skipsHeaderBlankLinesAndCrLf();
    void acceptsNumberSpellings();
    void badFilesThrow_data();
    void badFilesThrow();
};

void TestCsvReader::readsRowsAsColumns()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("t.csv"), "1.5,-2,0\n3,4e2,2\n-0.25,7,1\n");
    const Dataset data = readCsv(str(dir.filePath("t.csv")));
    QCOMPARE(data.featureCount(), 2);
    QCOMPARE(data.sampleCount(), 3);
    QCOMPARE(data.classCount, 3);
    QCOMPARE(data.sampleShape, std::vector<int>{2});
    QCOMPARE(data.labels, (std::vector<std::int32_t>{0, 2, 1}));
    // Values are kept as written, not scaled.
    QCOMPARE(data.features(0, 0), 1.5f);
    QCOMPARE(data.features(1, 0), -2.0f);
    QCOMPARE(data.features(1, 1), 400.0f);
    QCOMPARE(data.features(0, 2), -0.25f);
}

void TestCsvReader::skipsHeaderBlankLinesAndCrLf()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("t.csv"), "\xEF\xBB\xBFx, y ,label\r\n\r\n0.5, 1 ,4\r\n  \n2,3,0\r\n\n");
    const Dataset data = readCsv(str(dir.filePath("t.csv")));
    QCOMPARE(data.sampleCount(), 2);
    QCOMPARE(data.featureCount(), 2);
    QCOMPARE(data.classCount, 5);
    QCOMPARE(data.labels, (std::vector<std::int32_t>{4, 0}));
    QCOMPARE(data.features(1, 0), 1.0f);
    QCOMPARE(data.features(0, 1), 2.0f);
}

void TestCsvReader::acceptsNumberSpellings()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("t.csv"), "+1,.5,1e-3,-0,2.0\n");
    const Dataset data = readCsv(str(dir.filePath("t.csv")));
    QCOMPARE(data.featureCount(), 4);
    QCOMPARE(data.labels, std::vector<std::int32_t>{2});
    QCOMPARE(data.features(0, 0), 1.0f);
    QCOMPARE(data.features(1, 0), 0.5f);
    QCOMPARE(data.features(2, 0), 1e-3f);
}

// Each row: file contents (null: no file) and a phrase the message must contain after the
// file name (e.g. ":3: ..." for line 3).
void TestCsvReader::badFilesThrow_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("phrase");

    QTest::newRow("missing") << QByteArray() << ": no such file";
    QTest::newRow("empty") << QByteArray("") << ": no data rows";
    QTest::newRow("blank only") << QByteArray("\n  \n\r\n") << ": no data rows";
    QTest::newRow("header only") << QByteArray("a,b,label\n") << ": no data rows";
    QTest::newRow("one column") << QByteArray("1\n2\n") << ":1: need at least one feature column";
    QTest::newRow("ragged long") << QByteArray("1,2,0\n3,4,1\n5,6,7,1\n")
                                 << ":3: row has 4 fields, expected 3";
    QTest::newRow("ragged short") << QByteArray("a,b,c\n\n1,2,0\n3,1\n")
                                  << ":4: row has 2 fields, expected 3 like line 1";
    QTest::newRow("ragged vs header") << QByteArray("a,b\n1,2,0\n") << ":2: row has 3 fields, expected 2";
    QTest::newRow("non-number") << QByteArray("1,2,0\n3,abc,1\n") << ":2: field 2 'abc' is not a number";
    QTest::newRow("number with junk") << QByteArray("1,2,0\n3,4x,1\n") << ":2: field 2 '4x' is not a number";
    QTest::newRow("empty field") << QByteArray("1,2,0\n3,,1\n") << ":2: field 2 '' is not a number";
    QTest::newRow("nan") << QByteArray("1,2,0\nnan,2,1\n") << ":2: field 1 'nan' is NaN or infinite";
    QTest::newRow("nan first line") << QByteArray("NaN,2,1\n") << ":1: field 1 'NaN' is NaN or infinite";
    QTest::newRow("inf") << QByteArray("1,2,0\n1,-inf,1\n") << ":2: field 2 '-inf' is NaN or infinite";
    QTest::newRow("float overflow") << QByteArray("1,1e60,0\n") << ":1: field 2 '1e60' is out of float range";
    QTest::newRow("negative label") << QByteArray("1,2,0\n1,2,-1\n") << ":2: label '-1' is negative";
    QTest::newRow("fractional label") << QByteArray("1,2,1.5\n") << ":1: label '1.5' is not an integer";
    QTest::newRow("text label") << QByteArray("1,2,0\n1,2,cat\n") << ":2: label 'cat' is not a number";
    QTest::newRow("nan label") << QByteArray("1,2,0\n1,2,nan\n") << ":2: label 'nan' is not a finite number";
    QTest::newRow("huge label") << QByteArray("1,2,70000\n") << ":1: label '70000' is larger than 65535";
    QTest::newRow("trailing comma") << QByteArray("1,2,0,\n") << ":1: label '' is not a number";
}

void TestCsvReader::badFilesThrow()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, phrase);

    QTemporaryDir dir;
    const QString path = dir.filePath("bad.csv");
    if (!contents.isNull())
        writeFile(path, contents);
    const std::string message = inputErrorOf([&] { readCsv(str(path)); });
    QVERIFY2(contains(message, str(path) + str(phrase)), message.c_str());
    QVERIFY2(!contains(message, "\n"), message.c_str());
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "test_csv_reader.moc"
