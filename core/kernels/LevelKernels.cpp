// The kernel table of one CPU level. CMake compiles this file once per level, with that level's
// -march and RECIPROCAL_KERNEL_LEVEL set to its namespace, then links each copy into one object
// whose only global symbol is the level's table (core/kernels/CMakeLists.txt): each level keeps
// its own instantiations of Eigen, and no level's code can stand in for another's.
#include "core/kernels/KernelTable.h"
#include "core/kernels/LevelEntry.h"

#include <Eigen/Core>

namespace reciprocal::RECIPROCAL_KERNEL_LEVEL {

namespace {

template <typename Scalar> using Stored = Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>, 0, Eigen::OuterStride<>>;
template <typename Scalar> using Output = Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>, 0, Eigen::OuterStride<>>;
template <typename Scalar> using ConstArray = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>;
template <typename Scalar> using Array = Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>;

template <typename Scalar> Stored<Scalar> stored(const ProductOperand<Scalar>& operand)
{
    return {operand.data, operand.storedRows, operand.storedCols, Eigen::OuterStride<>(operand.outerStride)};
}

template <typename Scalar>
void multiply(Scalar* dst, long dstStride, const ProductOperand<Scalar>& lhs, const ProductOperand<Scalar>& rhs)
{
    const Stored<Scalar> l = stored(lhs);
    const Stored<Scalar> r = stored(rhs);
    const long rows = lhs.transposed ? lhs.storedCols : lhs.storedRows;
    const long cols = rhs.transposed ? rhs.storedRows : rhs.storedCols;
    Output<Scalar> d(dst, rows, cols, Eigen::OuterStride<>(dstStride));
    if (lhs.transposed && rhs.transposed)
        d.noalias() = l.transpose() * r.transpose();
    else if (lhs.transposed)
        d.noalias() = l.transpose() * r;
    else if (rhs.transposed)
        d.noalias() = l * r.transpose();
    else
        d.noalias() = l * r;
}

template <typename Scalar> void composeColumns(const ComposeColumns<Scalar>& pass, long begin, long end)
{
    const long rows = pass.layer.rows;
    const ConstArray<Scalar> lamOut(pass.layer.lamOut, rows);
    for (long j = begin; j < end; ++j) {
        const ConstArray<Scalar> phi(pass.layer.phi + j * rows, rows);
        Array<Scalar> w(pass.weights + j * rows, rows);
        if (pass.layer.lamIn)
            w = phi * (pass.layer.lamIn[j] - lamOut);
        else
            w = -(phi * lamOut);
        if (pass.mask)
            w *= ConstArray<Scalar>(pass.mask + j * rows, rows);
    }
}

template <typename Scalar> void distributeColumns(const DistributeColumns<Scalar>& pass, long begin, long end)
{
    const long rows = pass.layer.rows;
    const ConstArray<Scalar> lamOut(pass.layer.lamOut, rows);
    for (long j = begin; j < end; ++j) {
        const ConstArray<Scalar> g(pass.weightGradient + j * rows, rows);
        const ConstArray<Scalar> phi(pass.layer.phi + j * rows, rows);
        if (pass.partialOutGradient) {
            const auto gp = g * phi;
            if (pass.lamInGradient)
                pass.lamInGradient[j] = gp.sum();
            Array<Scalar>(pass.partialOutGradient, rows) -= gp;
        }
        if (pass.phiGradient) {
            Array<Scalar> phiGradient(pass.phiGradient + j * rows, rows);
            if (pass.layer.lamIn)
                phiGradient = g * (pass.layer.lamIn[j] - lamOut);
            else
                phiGradient = -(g * lamOut);
        }
    }
}

template <typename Scalar> void optimizerStep(const OptimizerRun<Scalar>& run, long offset, long length)
{
    Array<Scalar> t(run.theta + offset, length);
    const ConstArray<Scalar> g(run.gradient + offset, length);
    Array<Scalar> m(run.first + offset, length);
    const Scalar one(1);
    switch (run.kind) {
    case OptimizerKind::Sgd:
        if (run.momentum == Scalar(0)) {
            t -= run.rate * g;
        } else {
            m = run.momentum * m - run.rate * g;
            t += m;
        }
        break;
    case OptimizerKind::Adam: {
        Array<Scalar> v(run.second + offset, length);
        m = run.beta1 * m + (one - run.beta1) * g;
        v = run.beta2 * v + (one - run.beta2) * g.square();
        t -= run.rate * m / (v.sqrt() + run.epsilon);
        break;
    }
    case OptimizerKind::Adamax: {
        Array<Scalar> u(run.second + offset, length);
        m = run.beta1 * m + (one - run.beta1) * g;
        u = (run.beta2 * u).max(g.abs());
        t -= run.rate * m / (u + run.epsilon);
        break;
    }
    }
}

template <typename Scalar> void activate(Activation activation, const Scalar* input, Scalar* output, long count)
{
    const ConstArray<Scalar> z(input, count);
    Array<Scalar> a(output, count);
    const Scalar one(1);
    switch (activation) {
    case Activation::Tanh:
        a = z.tanh();
        break;
    case Activation::Relu:
        a = z.max(Scalar(0));
        break;
    case Activation::Elu: // alpha = 1
        a = (z > Scalar(0)).select(z, z.exp() - one);
        break;
    case Activation::Sigmoid:
        a = one / (one + (-z).exp());
        break;
    case Activation::Identity:
        a = z;
        break;
    }
}

template <typename Scalar>
void multiplyByDerivative(Activation activation, const Scalar* input, const Scalar* output, Scalar* gradient, long count)
{
    const ConstArray<Scalar> z(input, count);
    const ConstArray<Scalar> a(output, count);
    Array<Scalar> g(gradient, count);
    const Scalar one(1);
    switch (activation) {
    case Activation::Tanh:
        g *= one - a.square();
        break;
    case Activation::Relu:
        g = (z > Scalar(0)).select(g, Scalar(0));
        break;
    case Activation::Elu:
        g *= (z > Scalar(0)).select(one, a + one);
        break;
    case Activation::Sigmoid:
        g *= a * (one - a);
        break;
    case Activation::Identity:
        break;
    }
}

template <typename Scalar> constexpr KernelTable<Scalar> table{
    multiply<Scalar>, composeColumns<Scalar>, distributeColumns<Scalar>,
    optimizerStep<Scalar>, activate<Scalar>, multiplyByDerivative<Scalar>,
};

} // namespace

const KernelTable<float>& floatKernels() { return table<float>; }
const KernelTable<double>& doubleKernels() { return table<double>; }

double peakArithmetic(long repetitions)
{
    // Enough independent chains to cover the latency of every FMA pipe (4 cycles x 2 pipes on
    // current cores), few enough to stay in registers at every level.
    using Packet = Eigen::internal::packet_traits<float>::type;
    constexpr int chains = 12;
    Packet sum[chains];
    for (int c = 0; c < chains; ++c)
        sum[c] = Eigen::internal::pset1<Packet>(0.001f * static_cast<float>(c));
    const Packet factor = Eigen::internal::pset1<Packet>(0.999999f);
    const Packet addend = Eigen::internal::pset1<Packet>(1e-7f);
    // Unrolled, so that the chains live in registers rather than in an array on the stack; rounding
    // keeps the compiler from folding the iterations, and the result is used below.
    for (long r = 0; r < repetitions; ++r)
#pragma GCC unroll 12
        for (int c = 0; c < chains; ++c)
            sum[c] = Eigen::internal::pmadd(sum[c], factor, addend);
    float total = 0;
    for (int c = 0; c < chains; ++c)
        total += Eigen::internal::predux(sum[c]);
    __asm__ volatile("" : : "x"(total));
    return 2.0 * chains * static_cast<double>(Eigen::internal::packet_traits<float>::size) *
           static_cast<double>(repetitions);
}

} // namespace reciprocal::RECIPROCAL_KERNEL_LEVEL
