#include "sim/core/distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

namespace supportsim {
namespace {

struct Moments {
  double mean = 0;
  double cv = 0;
  double min = 0;
  double max = 0;
};

Moments draw(const Distribution& d, int n = 200000) {
  Rng rng = make_stream(42, 0, "distribution_test");
  double sum = 0, squares = 0;
  Moments m;
  m.min = INFINITY;
  m.max = -INFINITY;
  std::vector<double> xs(n);
  for (double& x : xs) {
    x = d.sample(rng);
    sum += x;
    m.min = std::min(m.min, x);
    m.max = std::max(m.max, x);
  }
  m.mean = sum / n;
  for (const double x : xs) squares += (x - m.mean) * (x - m.mean);
  m.cv = std::sqrt(squares / (n - 1)) / m.mean;
  return m;
}

struct MomentCase {
  const char* label;
  Distribution dist;
  double mean;
  double cv;
};

// 200,000 draws from a fixed stream: the sample mean and cv must match the theory.
TEST(Distribution, SampleMomentsMatchTheory) {
  const MomentCase cases[] = {
      {"exponential", Distribution::exponential(300), 300, 1},
      {"lognormal", Distribution::lognormal(240, 0.5), 240, 0.5},
      {"lognormal low cv", Distribution::lognormal(60, 0.1), 60, 0.1},
      {"gamma shape > 1", Distribution::gamma(500, 0.7), 500, 0.7},
      {"gamma shape < 1", Distribution::gamma(500, 1.5), 500, 1.5},
      {"weibull 1.5", Distribution::weibull(120, 1.5), 120,
       std::sqrt(std::tgamma(1 + 2 / 1.5) / std::pow(std::tgamma(1 + 1 / 1.5), 2) - 1)},
      {"weibull 0.8", Distribution::weibull(120, 0.8), 120,
       std::sqrt(std::tgamma(1 + 2 / 0.8) / std::pow(std::tgamma(1 + 1 / 0.8), 2) - 1)},
      {"uniform", Distribution::uniform(60, 180), 120, 120 / (std::sqrt(12.0) * 120)},
  };
  for (const MomentCase& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_NEAR(c.dist.mean(), c.mean, 1e-9 * c.mean);
    EXPECT_NEAR(c.dist.cv(), c.cv, 1e-9);
    const Moments m = draw(c.dist);
    EXPECT_NEAR(m.mean, c.mean, 0.01 * c.mean);
    EXPECT_NEAR(m.cv, c.cv, 0.02 * c.cv);
    EXPECT_GE(m.min, 0.0);
  }
}

TEST(Distribution, UniformStaysInBounds) {
  const Moments m = draw(Distribution::uniform(60, 180));
  EXPECT_GE(m.min, 60.0);
  EXPECT_LT(m.max, 180.0);
  EXPECT_LT(m.min, 61.0);
  EXPECT_GT(m.max, 179.0);
}

TEST(Distribution, UniformWithEqualBoundsIsConstant) {
  const Distribution d = Distribution::uniform(45, 45);
  Rng rng = make_stream(1, 0, "u");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(d.sample(rng), 45.0);
  EXPECT_EQ(d.mean(), 45.0);
  EXPECT_EQ(d.cv(), 0.0);
}

TEST(Distribution, ConstantIsExact) {
  const Distribution d = Distribution::constant(37.5);
  Rng rng = make_stream(1, 0, "c");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(d.sample(rng), 37.5);
  EXPECT_EQ(d.mean(), 37.5);
  EXPECT_EQ(d.cv(), 0.0);
  EXPECT_EQ(d.param_value(), 37.5);
}

TEST(Distribution, EmpiricalDrawsItsSamples) {
  const std::vector<double> samples = {10, 20, 30, 100, 0};
  const Distribution d = Distribution::empirical("times.csv", samples);
  EXPECT_EQ(d.file(), "times.csv");
  EXPECT_EQ(d.samples(), samples);
  EXPECT_DOUBLE_EQ(d.mean(), 32);
  // Population stdev of the samples: the distribution is uniform over them.
  EXPECT_DOUBLE_EQ(d.cv(), std::sqrt((22 * 22 + 12 * 12 + 2 * 2 + 68 * 68 + 32 * 32) / 5.0) / 32);
  const Moments m = draw(d);
  EXPECT_NEAR(m.mean, 32, 0.01 * 32);
  EXPECT_NEAR(m.cv, d.cv(), 0.02 * d.cv());
  EXPECT_EQ(m.min, 0.0);
  EXPECT_EQ(m.max, 100.0);
  Rng rng = make_stream(5, 0, "e");
  for (int i = 0; i < 1000; ++i) {
    const double x = d.sample(rng);
    EXPECT_TRUE(x == 0 || x == 10 || x == 20 || x == 30 || x == 100) << x;
  }
}

TEST(Distribution, SameStreamSameDraws) {
  const Distribution d = Distribution::lognormal(100, 1.2);
  Rng a = make_stream(7, 3, "handle");
  Rng b = make_stream(7, 3, "handle");
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(d.sample(a), d.sample(b));
}

TEST(Distribution, KeepsParametersAsGiven) {
  const Distribution l = Distribution::lognormal(240, 0.5);
  EXPECT_EQ(l.kind(), Distribution::Kind::kLognormal);
  EXPECT_EQ(l.param_mean(), 240);
  EXPECT_EQ(l.param_cv(), 0.5);
  const Distribution w = Distribution::weibull(120, 1.5);
  EXPECT_EQ(w.param_mean(), 120);
  EXPECT_EQ(w.param_shape(), 1.5);
  const Distribution u = Distribution::uniform(1, 2);
  EXPECT_EQ(u.param_min(), 1);
  EXPECT_EQ(u.param_max(), 2);
}

TEST(Distribution, WeibullCvFromGammaFunctions) {
  EXPECT_NEAR(Distribution::weibull(10, 1).cv(), 1, 1e-12);
  EXPECT_NEAR(Distribution::weibull(10, 2).cv(), std::sqrt(4 / std::numbers::pi - 1), 1e-12);
  EXPECT_NEAR(Distribution::gamma(10, 1).cv(), 1, 0);
}

TEST(Distribution, KindNames) {
  using K = Distribution::Kind;
  EXPECT_STREQ(Distribution::kind_name(K::kExponential), "exponential");
  EXPECT_STREQ(Distribution::kind_name(K::kLognormal), "lognormal");
  EXPECT_STREQ(Distribution::kind_name(K::kGamma), "gamma");
  EXPECT_STREQ(Distribution::kind_name(K::kWeibull), "weibull");
  EXPECT_STREQ(Distribution::kind_name(K::kUniform), "uniform");
  EXPECT_STREQ(Distribution::kind_name(K::kConstant), "constant");
  EXPECT_STREQ(Distribution::kind_name(K::kEmpirical), "empirical");
}

template <typename Make>
std::string rejection(Make make) {
  try {
    make();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Distribution, FactoriesRejectWithReason) {
  EXPECT_EQ(rejection([] { Distribution::exponential(-1); }), "mean must be > 0, got -1");
  EXPECT_EQ(rejection([] { Distribution::exponential(0); }), "mean must be > 0, got 0");
  EXPECT_EQ(rejection([] { Distribution::exponential(NAN); }), "mean must be > 0, got nan");
  EXPECT_EQ(rejection([] { Distribution::exponential(INFINITY); }), "mean must be finite, got inf");
  EXPECT_EQ(rejection([] { Distribution::lognormal(-2.5, 1); }), "mean must be > 0, got -2.5");
  EXPECT_EQ(rejection([] { Distribution::lognormal(10, 0); }), "cv must be > 0, got 0");
  EXPECT_EQ(rejection([] { Distribution::gamma(0, 1); }), "mean must be > 0, got 0");
  EXPECT_EQ(rejection([] { Distribution::gamma(10, -1); }), "cv must be > 0, got -1");
  EXPECT_EQ(rejection([] { Distribution::gamma(10, 1e-200); }),
            "cv must be in [0.001, 1000] (use a constant below), got 1e-200");
  // What the samplers represent: a lognormal cv of 1e155 overflowed to NaN durations, a Weibull
  // shape of 0.05 has a cv above 1000.
  EXPECT_EQ(rejection([] { Distribution::lognormal(10, 1e155); }),
            "cv must be in [0.001, 1000] (use a constant below), got 1e+155");
  EXPECT_EQ(rejection([] { Distribution::lognormal(10, 1e-160); }),
            "cv must be in [0.001, 1000] (use a constant below), got 1e-160");
  EXPECT_EQ(rejection([] { Distribution::weibull(10, 0.05); }), "shape too small, got 0.05");
  EXPECT_EQ(rejection([] { Distribution::lognormal(10, 1000); }), "(accepted)");
  EXPECT_EQ(rejection([] { Distribution::gamma(10, 0.001); }), "(accepted)");
  EXPECT_EQ(rejection([] { Distribution::weibull(10, 0.1); }), "(accepted)");
  EXPECT_EQ(rejection([] { Distribution::weibull(0, 1); }), "mean must be > 0, got 0");
  EXPECT_EQ(rejection([] { Distribution::weibull(10, 0); }), "shape must be > 0, got 0");
  EXPECT_EQ(rejection([] { Distribution::weibull(10, 0.001); }), "shape too small, got 0.001");
  EXPECT_EQ(rejection([] { Distribution::uniform(-1, 2); }), "min must be >= 0, got -1");
  EXPECT_EQ(rejection([] { Distribution::uniform(5, 3); }), "min must be <= max, got 5 > 3");
  EXPECT_EQ(rejection([] { Distribution::constant(-0.5); }), "value must be >= 0, got -0.5");
  EXPECT_EQ(rejection([] { Distribution::empirical("f.csv", {}); }), "needs at least one sample");
  EXPECT_EQ(rejection([] {
              Distribution::empirical("f.csv", {1, -3});
            }),
            "samples must be >= 0, got -3");
  EXPECT_EQ(rejection([] { Distribution::constant(0); }), "(accepted)");
  EXPECT_EQ(rejection([] { Distribution::uniform(0, 0); }), "(accepted)");
}

}  // namespace
}  // namespace supportsim
