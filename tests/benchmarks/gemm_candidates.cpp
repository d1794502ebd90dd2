// The GEMM candidates of issue 18, timed on the products of one training step of a 784-W-10
// network: Eigen (at the SIMD level this binary is built for), oneDNN, OpenBLAS, BLIS and libxsmm.
// Standalone: it links none of the project's libraries. tests/benchmarks/gemm_candidates.sh builds
// it once per level and runs every library at its best level and at AVX2 (forced through each
// library's own environment variable), one process per library, so that no library's idle threads
// spin against another's. Column-major fp32 like the project: samples are columns.
//
//   gemm_candidates --library eigen|onednn|openblas|blis|libxsmm --threads N [--json]
//                   [--batches 32,100,200,1000] [--widths 100,250,500,1000,2000,4000]
//                   [--seconds 0.2] [--repetitions 5] [--glibc-malloc] [--split]

#include <Eigen/Core>
// OpenBLAS's cblas.h first: blis.h carries BLIS's own CBLAS declarations under the same include
// guard, without openblas_set_num_threads and the other OpenBLAS extensions.
#include <cblas.h>
#include <blis.h>
#include <dnnl.h>
#include <libxsmm.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>
#include <omp.h>

#include <dlfcn.h>
#include <malloc.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace {

using Eigen::Index;

#if defined(__AVX512F__)
constexpr int vectorBytes = 64;
constexpr const char* buildLevel = "avx512";
#elif defined(__AVX2__) && defined(__FMA__)
constexpr int vectorBytes = 32;
constexpr const char* buildLevel = "avx2";
#else
constexpr int vectorBytes = 16;
constexpr const char* buildLevel = "sse2";
#endif
constexpr const char* buildFlags = BUILD_FLAGS;

// C (m x n) = op(A) (m x k) * op(B) (k x n), every matrix column-major with its leading dimension.
struct Product {
    const char* name;
    Index m, n, k;
    const float* a;
    Index lda;
    bool transA;
    const float* b;
    Index ldb;
    bool transB;
    float* c;
    Index ldc;

    double multiplyAdds() const { return static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k); }
};

Product makeProduct(const char* name, const Eigen::MatrixXf& a, bool transA, const Eigen::MatrixXf& b, bool transB,
                    Eigen::MatrixXf& c)
{
    const Index m = transA ? a.cols() : a.rows();
    const Index k = transA ? a.rows() : a.cols();
    const Index n = transB ? b.rows() : b.cols();
    if ((transB ? b.cols() : b.rows()) != k || c.rows() != m || c.cols() != n)
        throw std::logic_error(std::string("inconsistent shapes in ") + name);
    return {name, m, n, k, a.data(), a.rows(), transA, b.data(), b.rows(), transB, c.data(), c.rows()};
}

// The part `index` of `parts` of a product: a block of the output's columns, or of its rows when it
// has more rows than columns, as core/math/ParallelProduct.h splits the product's GEMMs.
Product partOf(const Product& whole, int index, int parts)
{
    Product part = whole;
    const bool splitColumns = whole.n >= whole.m;
    const Index extent = splitColumns ? whole.n : whole.m;
    const Index begin = extent * index / parts;
    const Index length = extent * (index + 1) / parts - begin;
    if (splitColumns) {
        part.n = length;
        part.b += whole.transB ? begin : begin * whole.ldb;
        part.c += begin * whole.ldc;
    } else {
        part.m = length;
        part.a += whole.transA ? begin * whole.lda : begin;
        part.c += begin;
    }
    return part;
}

// A library as the step uses it. Libraries that thread themselves get the thread count once, at
// set-up; the others are split over a oneTBB arena by multiplySplit, as the product does with Eigen.
struct Candidate {
    std::string library;
    std::string level;  // the SIMD level its kernels run at: sse2, avx2 or avx512
    std::string detail;
    bool threadsItself = false;
    std::function<void(const Product&)> multiply;
    // libxsmm only: true when its JIT refuses the product and its API falls back to BLAS.
    std::function<bool(const Product&)> fallsBack = [](const Product&) { return false; };
};

std::string providerOf(const char* symbol)
{
    Dl_info info{};
    void* address = dlsym(RTLD_DEFAULT, symbol);
    return address && dladdr(address, &info) && info.dli_fname ? info.dli_fname : "nowhere";
}

// OpenBLAS and BLIS both export the BLAS and CBLAS symbols; the build links OpenBLAS first so that
// they are OpenBLAS's, and BLIS is called through its own bli_ API. This checks that it worked.
void requireOpenBlasSymbols()
{
    for (const char* symbol : {"cblas_sgemm", "sgemm_"})
        if (providerOf(symbol).find("openblas") == std::string::npos)
            throw std::runtime_error(std::string(symbol) + " comes from " + providerOf(symbol) + ", not OpenBLAS");
}

// OpenBLAS's blasint and libxsmm's libxsmm_blasint, both 32-bit here.
int blasInt(Index value)
{
    static_assert(std::is_same_v<blasint, int> && std::is_same_v<libxsmm_blasint, int>);
    return static_cast<int>(value);
}

void eigenMultiply(const Product& p)
{
    using Stride = Eigen::OuterStride<>;
    using ConstMap = Eigen::Map<const Eigen::MatrixXf, 0, Stride>;
    const ConstMap a(p.a, p.transA ? p.k : p.m, p.transA ? p.m : p.k, Stride(p.lda));
    const ConstMap b(p.b, p.transB ? p.n : p.k, p.transB ? p.k : p.n, Stride(p.ldb));
    Eigen::Map<Eigen::MatrixXf, 0, Stride> c(p.c, p.m, p.n, Stride(p.ldc));
    if (p.transA && p.transB)
        c.noalias() = a.transpose() * b.transpose();
    else if (p.transA)
        c.noalias() = a.transpose() * b;
    else if (p.transB)
        c.noalias() = a * b.transpose();
    else
        c.noalias() = a * b;
}

int oneDnnThreads = 1;

void oneDnnMultiply(const Product& p)
{
    // OpenMP's thread count belongs to the calling thread, which with --split is one of oneTBB's.
    thread_local int threadsSet = 0;
    if (threadsSet != oneDnnThreads) {
        omp_set_num_threads(oneDnnThreads);
        threadsSet = oneDnnThreads;
    }
    // dnnl_sgemm is row-major: a column-major C = op(A) op(B) is the row-major C^T = op(B)^T op(A)^T,
    // with the same transposition flags.
    if (dnnl_sgemm(p.transB ? 'T' : 'N', p.transA ? 'T' : 'N', p.n, p.m, p.k, 1.0f, p.b, p.ldb, p.a, p.lda, 0.0f, p.c,
                   p.ldc) != dnnl_success)
        throw std::runtime_error(std::string("dnnl_sgemm failed on ") + p.name);
}

void openBlasMultiply(const Product& p)
{
    cblas_sgemm(CblasColMajor, p.transA ? CblasTrans : CblasNoTrans, p.transB ? CblasTrans : CblasNoTrans,
                blasInt(p.m), blasInt(p.n), blasInt(p.k), 1.0f, p.a, blasInt(p.lda), p.b, blasInt(p.ldb), 0.0f, p.c,
                blasInt(p.ldc));
}

void blisMultiply(const Product& p)
{
    float one = 1.0f;
    float zero = 0.0f;
    // The typed API takes non-const pointers but only writes C.
    bli_sgemm(p.transA ? BLIS_TRANSPOSE : BLIS_NO_TRANSPOSE, p.transB ? BLIS_TRANSPOSE : BLIS_NO_TRANSPOSE, p.m, p.n,
              p.k, &one, const_cast<float*>(p.a), 1, p.lda, const_cast<float*>(p.b), 1, p.ldb, &zero, p.c, 1, p.ldc);
}

// libxsmm's JIT has no transposed-A kernels (LIBXSMM_GEMM_NO_BYPASS); null for those.
libxsmm_smmfunction libxsmmKernel(const Product& p)
{
    if (p.transA)
        return nullptr;
    const int lda = blasInt(p.lda);
    const int ldb = blasInt(p.ldb);
    const int ldc = blasInt(p.ldc);
    const float alpha = 1.0f;
    const float beta = 0.0f;
    const int flags = p.transB ? LIBXSMM_GEMM_FLAG_TRANS_B : LIBXSMM_GEMM_FLAG_NONE;
    return libxsmm_smmdispatch(blasInt(p.m), blasInt(p.n), blasInt(p.k), &lda, &ldb, &ldc, &alpha, &beta, &flags,
                               nullptr);
}

// A JIT kernel where libxsmm has one, else libxsmm_sgemm, which hands the product to the BLAS it is
// linked with.
void libxsmmMultiply(const Product& p)
{
    if (const libxsmm_smmfunction kernel = libxsmmKernel(p)) {
        kernel(p.a, p.b, p.c);
        return;
    }
    const char transA = p.transA ? 'T' : 'N';
    const char transB = p.transB ? 'T' : 'N';
    const int m = blasInt(p.m);
    const int n = blasInt(p.n);
    const int k = blasInt(p.k);
    const int lda = blasInt(p.lda);
    const int ldb = blasInt(p.ldb);
    const int ldc = blasInt(p.ldc);
    const float alpha = 1.0f;
    const float beta = 0.0f;
    libxsmm_sgemm(&transA, &transB, &m, &n, &k, &alpha, p.a, &lda, p.b, &ldb, &beta, p.c, &ldc);
}

Candidate eigenCandidate()
{
    std::ostringstream detail;
    detail << "Eigen " << EIGEN_WORLD_VERSION << '.' << EIGEN_MAJOR_VERSION << '.' << EIGEN_MINOR_VERSION << ", "
           << buildFlags << ", split over oneTBB";
    return {"eigen", buildLevel, detail.str(), false, eigenMultiply};
}

Candidate oneDnnCandidate(int threads)
{
    // Debian's oneDNN threads with OpenMP (DNNL_CPU_RUNTIME_OMP).
    oneDnnThreads = threads;
    const dnnl_cpu_isa_t isa = dnnl_get_effective_cpu_isa();
    const bool avx512 = isa == dnnl_cpu_isa_avx512_core || isa == dnnl_cpu_isa_avx512_core_vnni ||
                        isa == dnnl_cpu_isa_avx512_core_bf16 || isa == dnnl_cpu_isa_avx512_core_amx;
    const bool avx2 = isa == dnnl_cpu_isa_avx2 || isa == dnnl_cpu_isa_avx2_vnni;
    const dnnl_version_t* version = dnnl_version();
    std::ostringstream detail;
    detail << "oneDNN " << version->major << '.' << version->minor << '.' << version->patch << ", ISA 0x" << std::hex
           << static_cast<int>(isa) << ", OpenMP";
    return {"onednn", avx512 ? "avx512" : avx2 ? "avx2" : "other", detail.str(), true, oneDnnMultiply};
}

Candidate openBlasCandidate(int threads)
{
    requireOpenBlasSymbols();
    openblas_set_num_threads(threads);
    const std::string core = openblas_get_corename();
    const std::string level = core == "SkylakeX" || core == "Cooperlake" ? "avx512"
                              : core == "Haswell" || core == "Zen"       ? "avx2"
                                                                         : "other";
    return {"openblas", level, std::string(openblas_get_config()) + ", core " + core + ", pthreads", true,
            openBlasMultiply};
}

Candidate blisCandidate(int threads)
{
    // BLIS 0.9 looks BLIS_ARCH_TYPE up in its kernel registry, which only bli_init fills.
    bli_init();
    bli_thread_set_num_threads(threads);
    const std::string arch = bli_arch_string(bli_arch_query_id());
    const std::string level = arch == "skx" ? "avx512" : arch == "haswell" || arch.starts_with("zen") ? "avx2" : "other";
    return {"blis", level, std::string("BLIS ") + bli_info_get_version_str() + ", sub-configuration " + arch + ", OpenMP",
            true, blisMultiply};
}

Candidate libxsmmCandidate()
{
    requireOpenBlasSymbols();
    libxsmm_init();
    // Its fallback BLAS is called from each of our own threads, so it must not thread itself.
    openblas_set_num_threads(1);
    const int arch = libxsmm_get_target_archid();
    Candidate candidate{"libxsmm",
                        arch >= LIBXSMM_X86_AVX512_CORE ? "avx512" : arch >= LIBXSMM_X86_AVX2 ? "avx2" : "other",
                        std::string("libxsmm ") + LIBXSMM_VERSION + ", JIT target " + libxsmm_get_target_arch() +
                            ", BLAS fallback " + providerOf("sgemm_") + " (core " + openblas_get_corename() +
                            "), split over oneTBB",
                        false, libxsmmMultiply};
    candidate.fallsBack = [](const Product& p) { return libxsmmKernel(p) == nullptr; };
    return candidate;
}

Candidate makeCandidate(const std::string& library, int threads)
{
    if (library == "eigen")
        return eigenCandidate();
    if (library == "onednn")
        return oneDnnCandidate(threads);
    if (library == "openblas")
        return openBlasCandidate(threads);
    if (library == "blis")
        return blisCandidate(threads);
    if (library == "libxsmm")
        return libxsmmCandidate();
    throw std::invalid_argument("unknown library " + library);
}

// Splits a product over the current oneTBB arena's threads with ParallelProduct.h's rule: a task per
// million multiply-adds at most, and none for a product too small to amortise one.
void multiplySplit(const Candidate& candidate, const Product& product)
{
    constexpr double minimumMultiplyAddsPerTask = 1.0e6;
    const int threads = oneapi::tbb::this_task_arena::max_concurrency();
    const auto parts =
        static_cast<int>(std::min<double>(threads, std::max(1.0, product.multiplyAdds() / minimumMultiplyAddsPerTask)));
    if (parts <= 1 || std::max(product.m, product.n) < 2 * parts) {
        candidate.multiply(product);
        return;
    }
    oneapi::tbb::parallel_for(
        0, parts, [&](int part) { candidate.multiply(partOf(product, part, parts)); },
        oneapi::tbb::static_partitioner());
}

struct Timing {
    double best = 0.0;
    double median = 0.0;
    double worst = 0.0;
    int repetitions = 0;
};

// The one timing helper: runs `work` until it has taken minimumSeconds in all and at least
// minimumRepetitions times.
Timing timeRepeatedly(const std::function<void()>& work, double minimumSeconds, int minimumRepetitions)
{
    std::vector<double> seconds;
    double total = 0.0;
    while (total < minimumSeconds || static_cast<int>(seconds.size()) < minimumRepetitions) {
        const auto start = std::chrono::steady_clock::now();
        work();
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        total += seconds.back();
    }
    std::sort(seconds.begin(), seconds.end());
    return {seconds.front(), seconds[seconds.size() / 2], seconds.back(), static_cast<int>(seconds.size())};
}

using Lanes = float __attribute__((vector_size(vectorBytes)));

// One thread's share of the peak: independent multiply-add chains, more than the FMA latency times
// the FMA pipes (4 cycles x 2 on Zen 5), which also covers the SSE2 build's separate multiply and
// add (3 + 2 cycles).
constexpr int peakChains = 12;

float multiplyAddChains(long iterations, float scale)
{
    // Starting values away from the recurrence's fixed point 1, which the compiler would fold.
    Lanes accumulators[peakChains];
    for (int chain = 0; chain < peakChains; ++chain)
        accumulators[chain] = Lanes{} + static_cast<float>(chain + 2);
    const Lanes factor = Lanes{} + scale;
    const Lanes offset = Lanes{} + (1.0f - scale);
    for (long i = 0; i < iterations; ++i) {
#pragma GCC unroll 12
        for (int chain = 0; chain < peakChains; ++chain)
            accumulators[chain] = accumulators[chain] * factor + offset;
    }
    float sum = 0.0f;
    for (const Lanes& chain : accumulators)
        for (int lane = 0; lane < vectorBytes / 4; ++lane)
            sum += chain[lane];
    return sum;
}

// The fp32 multiply-add peak of this build's level on `threads` threads (std::thread, so that the
// threads certainly run at once), in GFLOP/s.
double measurePeak(int threads, double minimumSeconds)
{
    // Short runs, many of them: the best catches a moment when nothing else ran on the cores.
    constexpr long iterations = 4'000'000;
    std::vector<float> sums(threads);
    const Timing timing = timeRepeatedly(
        [&] {
            std::vector<std::thread> workers;
            for (int t = 0; t < threads; ++t)
                workers.emplace_back([&sums, t] { sums[t] = multiplyAddChains(iterations, 0.999999f); });
            for (std::thread& worker : workers)
                worker.join();
        },
        minimumSeconds, 10);
    if (!std::all_of(sums.begin(), sums.end(), [](float sum) { return std::isfinite(sum); }))
        throw std::logic_error("peak loop diverged");
    const double flops = 2.0 * peakChains * (vectorBytes / 4) * static_cast<double>(iterations) * threads;
    return flops / timing.best / 1e9;
}

// The matrices of one training step of 784-width-10 at a batch size, filled with fixed random
// values, and its five products in the order training runs them.
struct TrainingStep {
    static constexpr Index inputs = 784;
    static constexpr Index outputs = 10;
    Eigen::MatrixXf x, w1, h, w2, d2, d1;  // inputs of the products
    Eigen::MatrixXf z1, z2, e1, g2, g1;    // their outputs
    std::array<Product, 5> products;

    TrainingStep(Index batch, Index width)
        : x(random(inputs, batch, 1)), w1(random(width, inputs, 2)), h(random(width, batch, 3)),
          w2(random(outputs, width, 4)), d2(random(outputs, batch, 5)), d1(random(width, batch, 6)),
          z1(width, batch), z2(outputs, batch), e1(width, batch), g2(outputs, width), g1(width, inputs),
          products{makeProduct("W1*X", w1, false, x, false, z1), makeProduct("W2*H", w2, false, h, false, z2),
                   makeProduct("W2^T*D2", w2, true, d2, false, e1), makeProduct("D2*H^T", d2, false, h, true, g2),
                   makeProduct("D1*X^T", d1, false, x, true, g1)}
    {
    }

    std::array<const Eigen::MatrixXf*, 5> results() const { return {&z1, &z2, &e1, &g2, &g1}; }

    double flops() const
    {
        double multiplyAdds = 0.0;
        for (const Product& product : products)
            multiplyAdds += product.multiplyAdds();
        return 2.0 * multiplyAdds;
    }

    static Eigen::MatrixXf random(Index rows, Index cols, unsigned seed)
    {
        std::mt19937 generator(seed);
        std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
        Eigen::MatrixXf matrix(rows, cols);
        for (float& value : matrix.reshaped())
            value = uniform(generator);
        return matrix;
    }
};

Eigen::MatrixXd operand(const float* data, Index rows, Index cols, Index ld, bool transposed)
{
    const Eigen::MatrixXd stored =
        Eigen::Map<const Eigen::MatrixXf, 0, Eigen::OuterStride<>>(data, rows, cols, Eigen::OuterStride<>(ld))
            .cast<double>();
    return transposed ? Eigen::MatrixXd(stored.transpose()) : stored;
}

// The largest error of a result against a double-precision product, relative to sum_k |a_ik b_kj|
// (the scale of fp32 rounding; a wrong transposition or a misplaced block gives errors of order 1).
// Every row of up to 64 evenly spaced columns, the first and last included: enough to catch such a
// mistake at a fraction of the cost of a whole double-precision product.
double relativeError(const Product& p, const Eigen::MatrixXf& result)
{
    constexpr Index checkedColumns = 64;
    const Eigen::MatrixXd a = operand(p.a, p.transA ? p.k : p.m, p.transA ? p.m : p.k, p.lda, p.transA);
    const Eigen::MatrixXd b = operand(p.b, p.transB ? p.n : p.k, p.transB ? p.k : p.n, p.ldb, p.transB);
    const Eigen::MatrixXd absoluteA = a.cwiseAbs();
    const Index samples = std::min(p.n, checkedColumns);
    double largest = 0.0;
    for (Index sample = 0; sample < samples; ++sample) {
        const Index column = sample * (p.n - 1) / std::max<Index>(samples - 1, 1);
        const Eigen::VectorXd exact = a * b.col(column);
        const Eigen::VectorXd scale = absoluteA * b.col(column).cwiseAbs();
        const Eigen::VectorXd error = (result.col(column).cast<double>() - exact).cwiseAbs();
        largest = std::max(largest, (error.array() / scale.array().max(1e-30)).maxCoeff());
    }
    return largest;
}

struct Options {
    std::string library;
    int threads = 1;
    std::vector<Index> batches{32, 100, 200, 1000};
    std::vector<Index> widths{100, 250, 500, 1000, 2000, 4000};
    double seconds = 0.2;
    int repetitions = 5;
    bool json = false;
    bool glibcMalloc = false;
    bool split = false;  // a library that threads itself on one thread per part of our split instead
};

std::vector<Index> parseList(const std::string& text)
{
    std::vector<Index> values;
    std::istringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');)
        values.push_back(std::stol(item));
    return values;
}

Options parseOptions(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--json") {
            options.json = true;
            continue;
        }
        if (flag == "--glibc-malloc") {
            options.glibcMalloc = true;
            continue;
        }
        if (flag == "--split") {
            options.split = true;
            continue;
        }
        if (i + 1 >= argc)
            throw std::invalid_argument("missing value after " + flag);
        const std::string value = argv[++i];
        if (flag == "--library")
            options.library = value;
        else if (flag == "--threads")
            options.threads = std::stoi(value);
        else if (flag == "--batches")
            options.batches = parseList(value);
        else if (flag == "--widths")
            options.widths = parseList(value);
        else if (flag == "--seconds")
            options.seconds = std::stod(value);
        else if (flag == "--repetitions")
            options.repetitions = std::stoi(value);
        else
            throw std::invalid_argument("unknown option " + flag);
    }
    if (options.library.empty() || options.threads < 1)
        throw std::invalid_argument("usage: gemm_candidates --library eigen|onednn|openblas|blis|libxsmm --threads N "
                                    "[--json] [--batches LIST] [--widths LIST] [--seconds S] [--repetitions R] "
                                    "[--glibc-malloc] [--split]");
    return options;
}

std::string jsonString(const std::string& text)
{
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return quoted + '"';
}

struct Cell {
    Index batch = 0;
    Index width = 0;
    double flops = 0.0;
    Timing timing;
    bool bitReproducible = false;
    double maxRelativeError = 0.0;
    double fallbackFlopFraction = 0.0;
};

Cell measureCell(const Candidate& candidate, Index batch, Index width, const Options& options)
{
    TrainingStep step(batch, width);
    const auto runStep = [&] {
        for (const Product& product : step.products) {
            if (candidate.threadsItself)
                candidate.multiply(product);
            else
                multiplySplit(candidate, product);
        }
    };
    runStep();  // also JIT-compiles and warms the caches
    std::vector<Eigen::MatrixXf> first;
    for (const Eigen::MatrixXf* result : step.results())
        first.push_back(*result);

    Cell cell{batch, width, step.flops(), {}};
    cell.timing = timeRepeatedly(runStep, options.seconds, options.repetitions);

    cell.bitReproducible = true;
    double fallbackMultiplyAdds = 0.0;
    for (std::size_t i = 0; i < step.products.size(); ++i) {
        const Eigen::MatrixXf& last = *step.results()[i];
        cell.bitReproducible = cell.bitReproducible &&
                               std::memcmp(first[i].data(), last.data(), sizeof(float) * last.size()) == 0;
        cell.maxRelativeError = std::max(cell.maxRelativeError, relativeError(step.products[i], first[i]));
        if (candidate.fallsBack(step.products[i]))
            fallbackMultiplyAdds += step.products[i].multiplyAdds();
    }
    cell.fallbackFlopFraction = 2.0 * fallbackMultiplyAdds / cell.flops;
    return cell;
}

// The variables that choose a library's level or its threads' waiting, as this process saw them.
std::string environment()
{
    std::ostringstream settings;
    for (const char* name : {"ONEDNN_MAX_CPU_ISA", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "BLIS_ARCH_TYPE",
                             "LIBXSMM_TARGET", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT"})
        if (const char* value = std::getenv(name))
            settings << (settings.tellp() > 0 ? " " : "") << name << '=' << value;
    return settings.str();
}

// The options that change how a library is used, for telling its results apart.
std::string variant(const Options& options)
{
    std::ostringstream flags;
    if (options.glibcMalloc)
        flags << "--glibc-malloc";
    if (options.split)
        flags << (flags.tellp() > 0 ? " " : "") << "--split";
    return flags.str();
}

// Eigen allocates its packing buffers in every product. With glibc's defaults the freed buffers can
// go back to the kernel and be faulted in again on every call, depending on the allocations before
// (7 times slower at batch 100, width 100 as a fresh process's first shape here); a program using
// Eigen keeps them, as this does unless --glibc-malloc.
void keepFreedMemory()
{
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

void reportPeak(const Candidate& candidate, const Options& options, double peak)
{
    if (options.json)
        std::printf("{\"record\": \"peak\", \"library\": %s, \"level\": %s, \"build\": %s, \"threads\": %d, "
                    "\"gflops\": %.6g, \"environment\": %s}\n",
                    jsonString(candidate.library).c_str(), jsonString(buildLevel).c_str(),
                    jsonString(buildFlags).c_str(), options.threads, peak, jsonString(environment()).c_str());
    std::fprintf(stderr, "%s: %s; %s fp32 multiply-add peak on %d thread(s): %.1f GFLOP/s\n",
                 candidate.library.c_str(), candidate.detail.c_str(), buildLevel, options.threads, peak);
}

void report(const Candidate& candidate, const Options& options, double peak, const Cell& cell)
{
    const double gflopsBest = cell.flops / cell.timing.best / 1e9;
    const double gflopsMedian = cell.flops / cell.timing.median / 1e9;
    if (!options.json) {
        std::printf("%-8s %-6s %d thr  batch %4ld  width %4ld  %7.1f GFLOP/s best (%5.1f %% of peak)  %7.1f median"
                    "  %3d reps  %s  err %.1e%s\n",
                    candidate.library.c_str(), candidate.level.c_str(), options.threads, static_cast<long>(cell.batch),
                    static_cast<long>(cell.width), gflopsBest, 100.0 * gflopsBest / peak, gflopsMedian,
                    cell.timing.repetitions, cell.bitReproducible ? "bit-reproducible" : "NOT bit-reproducible",
                    cell.maxRelativeError, cell.fallbackFlopFraction > 0.0 ? "  (part BLAS fallback)" : "");
        return;
    }
    std::printf("{\"record\": \"cell\", \"library\": %s, \"level\": %s, \"build\": %s, \"threads\": %d, "
                "\"batch\": %ld, \"width\": %ld, \"flops\": %.0f, \"repetitions\": %d, \"best_s\": %.9g, "
                "\"median_s\": %.9g, \"worst_s\": %.9g, \"gflops_best\": %.6g, \"gflops_median\": %.6g, "
                "\"peak_gflops\": %.6g, \"peak_fraction\": %.6g, \"bit_reproducible\": %s, "
                "\"max_relative_error\": %.3g, \"fallback_flop_fraction\": %.6g, \"threading\": %s, "
                "\"variant\": %s, \"environment\": %s, \"detail\": %s}\n",
                jsonString(candidate.library).c_str(), jsonString(candidate.level).c_str(),
                jsonString(buildFlags).c_str(), options.threads, static_cast<long>(cell.batch),
                static_cast<long>(cell.width), cell.flops, cell.timing.repetitions, cell.timing.best,
                cell.timing.median, cell.timing.worst, gflopsBest, gflopsMedian, peak, gflopsBest / peak,
                cell.bitReproducible ? "true" : "false", cell.maxRelativeError, cell.fallbackFlopFraction,
                candidate.threadsItself ? "\"library\"" : "\"oneTBB split\"", jsonString(variant(options)).c_str(),
                jsonString(environment()).c_str(),
                jsonString(candidate.detail).c_str());
    std::fflush(stdout);
}

int run(const Options& options)
{
    if (!options.glibcMalloc)
        keepFreedMemory();
    Candidate candidate = makeCandidate(options.library, options.split ? 1 : options.threads);
    if (options.split) {
        if (!candidate.threadsItself)
            throw std::invalid_argument("--split is for the libraries that thread themselves");
        candidate.threadsItself = false;
        candidate.detail += ", one thread per part of a oneTBB split";
    }
    // The fraction of peak means something only against the peak of the level the library runs at.
    if (candidate.level != buildLevel)
        throw std::runtime_error(candidate.library + " runs at " + candidate.level + " (" + candidate.detail +
                                 "); run it from the " + candidate.level + " build");
    // Measured before and after the cells, since other work on the machine moves it; the highest
    // is the machine's.
    double peak = 0.0;
    const auto measureAndReportPeak = [&] {
        const double measured = measurePeak(options.threads, options.seconds);
        peak = std::max(peak, measured);
        reportPeak(candidate, options, measured);
    };
    measureAndReportPeak();
    const auto measureAll = [&] {
        for (const Index batch : options.batches)
            for (const Index width : options.widths)
                report(candidate, options, peak, measureCell(candidate, batch, width, options));
    };
    // Our split's threads only for the libraries that do not thread themselves.
    if (candidate.threadsItself)
        measureAll();
    else
        oneapi::tbb::task_arena(options.threads).execute(measureAll);
    measureAndReportPeak();
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        return run(parseOptions(argc, argv));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "gemm_candidates: %s\n", error.what());
        return 1;
    }
}
