#pragma once
// What `supportsim run` prints on standard output: a readable table (default), or the
// summary as JSON or CSV (--format).

#include <ostream>
#include <string>

#include "sim/experiment/summary.h"
#include "sim/model/scenario.h"

namespace supportsim {

void print_summary_table(std::ostream& out, const Scenario& scenario, const Summary& summary,
                         const std::string& folder);

}  // namespace supportsim
