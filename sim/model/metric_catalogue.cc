#include "sim/model/metric_catalogue.h"

namespace supportsim {

std::vector<MetricValue> metric_catalogue(const Scenario& s) {
  return compute_metrics(s, empty_result(s));
}

}  // namespace supportsim
