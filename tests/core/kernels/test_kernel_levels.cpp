// SPDX-License-Identifier: MIT
// Every CPU level this machine has (core/kernels) against plain double-precision arithmetic: the
// products in all four transpose combinations on strided blocks, the spectral column passes, the
// optimiser steps and the activations. CI runs this on whatever CPU it gets; the levels it lacks
// are listed as skipped.
#include "ScopedCpuLevel.h"

#include "core/Error.h"
#include "core/kernels/KernelTable.h"
#include "core/kernels/ProductLibrary.h"
#include "core/math/ParallelProduct.h"
#include "core/math/Random.h"
#include "core/training/Optimizer.h"

#include <QTest>

#include <cmath>
#include <cstdlib>

using namespace reciprocal;



namespace {

Matrix<float> randomMatrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed)
{
    Random random(seed);
    Matrix<float> m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<float>(random.uniform() * 2.0 - 1.0);
    return m;
}

double relativeError(const Matrix<float>& fast, const Eigen::MatrixXd& exact)
{
    return (fast.cast<double>() - exact).norm() / std::max(1e-30, exact.norm());
}

void addLevelRows()
{
    QTest::addColumn<CpuLevel>("level");
    for (const CpuLevel level : {CpuLevel::Baseline, CpuLevel::Avx2, CpuLevel::Avx512})
        QTest::newRow(cpuLevelName(level).data()) << level;
}

// Skips the row of a level this CPU does not have, else runs the kernels at that level.
#define USE_LEVEL_OR_SKIP(level)                                                                   \
    if ((level) > bestCpuLevel())                                                                  \
        QSKIP("this CPU does not have the level");                                                 \
    const ScopedCpuLevel scopedLevel(level)

} // namespace

class KernelLevelsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void levelsAreOrderedAndNamed();
    void environmentChoosesALowerLevel();
    void oneDnnRunsTheStartingLevelsLargeProducts();
    void productsMatchDoubleArithmetic_data() { addLevelRows(); }
    void productsMatchDoubleArithmetic();
    void spectralPassesMatchTheirFormulas_data() { addLevelRows(); }
    void spectralPassesMatchTheirFormulas();
    void optimiserStepsMatchTheirRules_data() { addLevelRows(); }
    void optimiserStepsMatchTheirRules();
    void activationsMatchTheirFunctions_data() { addLevelRows(); }
    void activationsMatchTheirFunctions();
    void peakArithmeticCountsItsWork_data() { addLevelRows(); }
    void peakArithmeticCountsItsWork();
};

void KernelLevelsTest::levelsAreOrderedAndNamed()
{
    const auto levels = supportedCpuLevels();
    QVERIFY(!levels.empty());
    QCOMPARE(levels.front(), CpuLevel::Baseline);
    QCOMPARE(levels.back(), bestCpuLevel());
    for (const auto& name : cpuLevelNames())
        QCOMPARE(cpuLevelName(parseCpuLevel(name)), std::string_view(name));
    QVERIFY_THROWS_EXCEPTION(InputError, parseCpuLevel("avx1024"));
    QVERIFY_THROWS_EXCEPTION(InputError, selectCpuLevel(static_cast<CpuLevel>(static_cast<int>(bestCpuLevel()) + 1)));
}

void KernelLevelsTest::environmentChoosesALowerLevel()
{
    const QByteArray saved = qgetenv(cpuLevelVariable);
    qputenv(cpuLevelVariable, "x86-64");
    QCOMPARE(requestedCpuLevel(), CpuLevel::Baseline);
    qputenv(cpuLevelVariable, "");
    QCOMPARE(requestedCpuLevel(), bestCpuLevel());
    qputenv(cpuLevelVariable, "fastest");
    QVERIFY_THROWS_EXCEPTION(InputError, requestedCpuLevel());
    if (saved.isNull())
        qunsetenv(cpuLevelVariable);
    else
        qputenv(cpuLevelVariable, saved);
}

void KernelLevelsTest::oneDnnRunsTheStartingLevelsLargeProducts()
{
    // ctest runs this program as it is, starting at avx2 and with RECIPROCAL_GEMM=eigen.
    const bool eigenAsked = qgetenv(productLibraryVariable) == "eigen";
    QCOMPARE(requestedProductLibrary(), eigenAsked ? ProductLibrary::Eigen : ProductLibrary::OneDnn);
    for (const CpuLevel level : supportedCpuLevels()) {
        const bool oneDnn = !eigenAsked && level == startingCpuLevel() && level != CpuLevel::Baseline;
        QCOMPARE(productLibraryAt(level), oneDnn ? ProductLibrary::OneDnn : ProductLibrary::Eigen);
        QCOMPARE(QString::fromStdString(productLibraryDescription(level)).startsWith(QLatin1String("oneDNN")), oneDnn);
    }
    const QByteArray saved = qgetenv(productLibraryVariable);
    qputenv(productLibraryVariable, "openblas");
    QVERIFY_THROWS_EXCEPTION(InputError, requestedProductLibrary());
    qputenv(productLibraryVariable, saved);
    // Small products stay with Eigen, whose call costs less.
    const ProductOperand<float> square63{nullptr, 63, 63, 63, false};
    const ProductOperand<float> square64{nullptr, 64, 64, 64, false};
    QVERIFY(!oneDnnPays(square63, square63));
    QVERIFY(oneDnnPays(square64, square64));
}

void KernelLevelsTest::productsMatchDoubleArithmetic()
{
    QFETCH(CpuLevel, level);
    USE_LEVEL_OR_SKIP(level);
    // Odd sizes and blocks of larger matrices (outer stride > rows), large enough to split over
    // threads; each operand stored as itself or as its transpose.
    const Matrix<float> a = randomMatrix(301, 257, 1);
    const Matrix<float> b = randomMatrix(211, 163, 2);
    const auto lhs = a.block(3, 5, 173, 190);  // 173 x 190
    const auto rhs = b.block(7, 1, 190, 150);  // 190 x 150
    const Matrix<float> lhsT = lhs.transpose();
    const Matrix<float> rhsT = rhs.transpose();
    const Eigen::MatrixXd exact = lhs.cast<double>() * rhs.cast<double>();
    Matrix<float> product;
    parallelProduct(product, lhs, rhs);
    QVERIFY(relativeError(product, exact) < 1e-6);
    parallelProduct(product, lhsT.transpose(), rhs);
    QVERIFY(relativeError(product, exact) < 1e-6);
    parallelProduct(product, lhs, rhsT.transpose());
    QVERIFY(relativeError(product, exact) < 1e-6);
    parallelProduct(product, lhsT.transpose(), rhsT.transpose());
    QVERIFY(relativeError(product, exact) < 1e-6);
    // Taller than wide: the rows are split instead of the columns.
    const Matrix<float> tall = randomMatrix(900, 40, 3);
    parallelProduct(product, tall, rhs.topRows(40));
    QVERIFY(relativeError(product, tall.cast<double>() * rhs.topRows(40).cast<double>()) < 1e-6);
}

void KernelLevelsTest::spectralPassesMatchTheirFormulas()
{
    QFETCH(CpuLevel, level);
    USE_LEVEL_OR_SKIP(level);
    const long rows = 37, cols = 29;
    const Matrix<float> phi = randomMatrix(rows, cols, 4);
    const Matrix<float> lamIn = randomMatrix(cols, 1, 5);
    const Matrix<float> lamOut = randomMatrix(rows, 1, 6);
    Matrix<float> mask = (randomMatrix(rows, cols, 7).array() > 0.0f).cast<float>();
    const Matrix<float> gradient = randomMatrix(rows, cols, 8);
    const KernelTable<float>& kernel = kernels<float>();
    for (const bool twoSets : {true, false}) {
        const SpectralColumns<float> layer{rows, phi.data(), twoSets ? lamIn.data() : nullptr, lamOut.data()};
        Eigen::MatrixXd factor(rows, cols); // lam_in_j - lam_out_i, or -lam_out_i
        for (long j = 0; j < cols; ++j)
            for (long i = 0; i < rows; ++i)
                factor(i, j) = (twoSets ? double(lamIn(j)) : 0.0) - double(lamOut(i));

        Matrix<float> weights(rows, cols);
        kernel.composeColumns({layer, mask.data(), weights.data()}, 0, cols);
        const Eigen::MatrixXd exactWeights =
            (phi.cast<double>().array() * factor.array() * mask.cast<double>().array()).matrix();
        QVERIFY(relativeError(weights, exactWeights) < 1e-6);

        Matrix<float> phiGradient(rows, cols), lamInGradient(cols, 1);
        Matrix<float> outGradient = Matrix<float>::Zero(rows, 1);
        // Two parts, as two threads would run them.
        const DistributeColumns<float> pass{layer, gradient.data(), phiGradient.data(),
                                            twoSets ? lamInGradient.data() : nullptr, outGradient.data()};
        kernel.distributeColumns(pass, 0, 11);
        kernel.distributeColumns(pass, 11, cols);
        const Eigen::ArrayXXd gp = gradient.cast<double>().array() * phi.cast<double>().array();
        QVERIFY(relativeError(phiGradient, (gradient.cast<double>().array() * factor.array()).matrix()) < 1e-6);
        QVERIFY(relativeError(outGradient, -gp.rowwise().sum().matrix()) < 1e-6);
        if (twoSets)
            QVERIFY(relativeError(lamInGradient, gp.colwise().sum().transpose().matrix()) < 1e-6);
    }
}

void KernelLevelsTest::optimiserStepsMatchTheirRules()
{
    QFETCH(CpuLevel, level);
    USE_LEVEL_OR_SKIP(level);
    const long count = 1031; // not a multiple of any vector width
    const Matrix<float> theta0 = randomMatrix(count, 1, 9);
    const Matrix<float> gradient = randomMatrix(count, 1, 10);
    const Matrix<float> first0 = randomMatrix(count, 1, 11);
    const Matrix<float> second0 = randomMatrix(count, 1, 12).array().abs();
    const double rate = 0.01, momentum = 0.9, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;
    for (const OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::Adamax}) {
        Matrix<float> theta = theta0, first = first0, second = second0;
        const OptimizerRun<float> run{kind,
                                      float(rate),
                                      float(momentum),
                                      float(beta1),
                                      float(beta2),
                                      float(epsilon),
                                      theta.data(),
                                      gradient.data(),
                                      first.data(),
                                      kind == OptimizerKind::Sgd ? nullptr : second.data()};
        kernels<float>().optimizerStep(run, 0, 500);
        kernels<float>().optimizerStep(run, 500, count - 500);
        Eigen::VectorXd exact(count);
        for (long i = 0; i < count; ++i) {
            const double g = gradient(i), m0 = first0(i), s0 = second0(i);
            switch (kind) {
            case OptimizerKind::Sgd:
                exact(i) = theta0(i) + (momentum * m0 - rate * g);
                break;
            case OptimizerKind::Adam: {
                const double m = beta1 * m0 + (1 - beta1) * g, v = beta2 * s0 + (1 - beta2) * g * g;
                exact(i) = theta0(i) - rate * m / (std::sqrt(v) + epsilon);
                break;
            }
            case OptimizerKind::Adamax: {
                const double m = beta1 * m0 + (1 - beta1) * g, u = std::max(beta2 * s0, std::abs(g));
                exact(i) = theta0(i) - rate * m / (u + epsilon);
                break;
            }
            }
        }
        QVERIFY2(relativeError(theta, exact) < 1e-6, optimizerName(kind).data());
    }
}

void KernelLevelsTest::activationsMatchTheirFunctions()
{
    QFETCH(CpuLevel, level);
    USE_LEVEL_OR_SKIP(level);
    const long count = 1003;
    const Matrix<float> z = 4.0f * randomMatrix(count, 1, 13);
    const Matrix<float> upstream = randomMatrix(count, 1, 14);
    for (const Activation activation :
         {Activation::Tanh, Activation::Relu, Activation::Elu, Activation::Sigmoid, Activation::Identity}) {
        Matrix<float> a(count, 1), g = upstream;
        kernels<float>().activate(activation, z.data(), a.data(), count);
        kernels<float>().multiplyByDerivative(activation, z.data(), a.data(), g.data(), count);
        Eigen::VectorXd exactA(count), exactG(count);
        for (long i = 0; i < count; ++i) {
            const double x = z(i);
            double f = x, derivative = 1;
            switch (activation) {
            case Activation::Tanh:
                f = std::tanh(x), derivative = 1 - f * f;
                break;
            case Activation::Relu:
                f = std::max(x, 0.0), derivative = x > 0 ? 1 : 0;
                break;
            case Activation::Elu:
                f = x > 0 ? x : std::expm1(x), derivative = x > 0 ? 1 : f + 1;
                break;
            case Activation::Sigmoid:
                f = 1 / (1 + std::exp(-x)), derivative = f * (1 - f);
                break;
            case Activation::Identity:
                break;
            }
            exactA(i) = f;
            exactG(i) = upstream(i) * derivative;
        }
        QVERIFY2(relativeError(a, exactA) < 1e-6, activationName(activation).data());
        QVERIFY2(relativeError(g, exactG) < 1e-5, activationName(activation).data());
    }
}

void KernelLevelsTest::peakArithmeticCountsItsWork()
{
    QFETCH(CpuLevel, level);
    if (level > bestCpuLevel())
        QSKIP("this CPU does not have the level");
    // 12 chains of the level's widest float vector: 4, 8 or 16 lanes, 2 flops each.
    const double lanes = level == CpuLevel::Avx512 ? 16 : level == CpuLevel::Avx2 ? 8 : 4;
    QCOMPARE(runPeakArithmetic(level, 1000), 2.0 * 12 * lanes * 1000);
}

QTEST_APPLESS_MAIN(KernelLevelsTest)
#include "test_kernel_levels.moc"
