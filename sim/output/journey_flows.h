#pragma once
// The flows of the report's `journeys` chart: where the cases each channel received came from
// and what became of them, laid out in columns (arrivals, channels by escalation depth,
// outcomes), from the channel metrics of summary.json and the scenario's escalation targets.
//
// Per channel (means per replication): entries = ended + escalated + returned - escalations
// received (cases that first reached the channel from arrivals, returns or recontacts; never
// below 0); out to the channel it escalates to (escalated); to "resolved" (ended - gave_up), to
// "abandoned" (ended_abandoned), to "ended unresolved" (gave_up - ended_abandoned) and to "came
// back" (returned: resolutions that did not hold). Retries of abandoners stay in their channel
// and are not drawn. Without the scenario (nullptr) escalations go to an "escalated" outcome.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/model/scenario.h"

namespace supportsim {

struct FlowNode {
  std::string name;
  int column = 0;
  double cases = 0;   // the larger of what flows in and out
  double y = 0;       // centre, in cases from the top of the column
  std::string kind;   // "arrivals", "channel" or "outcome"
};

struct FlowLink {
  int from = 0, to = 0;  // node indices
  double cases = 0;
};

struct JourneyFlows {
  std::vector<FlowNode> nodes;
  std::vector<FlowLink> links;
  double height = 0;  // of the tallest column, in cases
};

// `channels` is summary.json's "channels" object.
JourneyFlows journey_flows(const nlohmann::ordered_json& channels, const Scenario* scenario);

}  // namespace supportsim
