#include "sim/model/offered_load.h"

#include "sim/model/arrival_profile.h"

namespace supportsim {

std::vector<OfferedLoad> offered_load_by_interval(const Scenario& s, double from, double to) {
  std::vector<ArrivalProfile> profiles;
  // Population segments at their initial size.
  for (const Segment& seg : s.segments)
    profiles.emplace_back(
        seg.customers ? seg.contact_rate_per_s * *seg.customers : seg.arrival_rate_per_s,
        s.profile_of(seg));
  std::vector<OfferedLoad> rows;
  const double width = s.run.interval_s;
  for (double start = from; start < to; start += width) {
    for (std::size_t c = 0; c < s.channels.size(); ++c) {
      const Channel& ch = s.channels[c];
      if (ch.kind != ChannelKind::kAgents) continue;
      OfferedLoad row{start, static_cast<int>(c)};
      for (std::size_t k = 0; k < s.segments.size(); ++k) {
        const Segment& seg = s.segments[k];
        double entry_share = 0;
        for (const Share& e : seg.entry)
          if (e.index == static_cast<int>(c)) entry_share += e.share;
        if (entry_share == 0) continue;
        double mean_handle = 0;
        for (const Share& i : seg.issues)
          mean_handle += i.share * s.mean_handle_s(i.index, static_cast<int>(c));
        const double cases = profiles[k].expected_arrivals(start, start + width) * entry_share;
        row.cases += cases;
        row.erlangs += cases * mean_handle / width / ch.concurrency;
      }
      for (const Group& g : s.groups)
        for (int gc : g.channels)
          if (gc == static_cast<int>(c)) row.agents += g.schedule.at(start);
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace supportsim
