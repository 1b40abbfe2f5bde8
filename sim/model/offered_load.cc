#include "sim/model/offered_load.h"

#include <algorithm>
#include <cmath>

#include "sim/core/units.h"
#include "sim/model/arrival_profile.h"

namespace supportsim {
namespace {

// A community post is two branches: answered (after the mean first answer, at most
// give_up_after) and unanswered (after give_up_after). Escalation loops are refused by the
// loader; the depth guard only bounds the walk. Resolutions that do not hold come back after
// the mean return_after, for up to kReturnGenerations generations (each a small share of the
// one before).
constexpr int kReturnGenerations = 3;
void follow(const Scenario& s, int segment, int issue, int channel, double mass,
            double handle_factor, double delay_s,
            const std::function<void(const ExpectedOffer&)>& offer, int depth, int returns) {
  if (mass <= 1e-12 || depth > static_cast<int>(s.channels.size()) * (returns + 1)) return;
  const Channel& ch = s.channels[channel];
  const Issue& is = s.issues[issue];
  const double resolve = is.resolve[channel];
  const double factor = ch.context_transfer ? handle_factor : handle_factor * ch.repeat_penalty;
  auto move_on = [&](double unresolved, double spent_s) {
    if (ch.escalate_to)
      follow(s, segment, issue, *ch.escalate_to, unresolved * ch.escalate_share, factor,
             delay_s + spent_s, offer, depth + 1, returns);
  };
  auto come_back = [&](double resolved, double spent_s) {
    const double back = resolved * ch.return_share;
    if (back <= 0 || returns >= kReturnGenerations) return;
    const double when = delay_s + spent_s + ch.return_after.mean();
    if (ch.return_to) {
      follow(s, segment, issue, *ch.return_to, back, handle_factor, when, offer, depth + 1,
             returns + 1);
      return;
    }
    for (const Share& entry : s.segments[segment].entry)
      follow(s, segment, issue, entry.index, back * entry.share, handle_factor, when, offer,
             depth + 1, returns + 1);
  };
  switch (ch.kind) {
    case ChannelKind::kAgents: {
      ExpectedOffer o;
      o.channel = channel;
      o.skill = is.skill;
      o.cases = mass;
      // A deferred case's work is all its touches; it leaves after them and the replies between.
      const double touches = ch.deferred ? ch.touches.mean() : 1;
      o.handle_s = s.mean_handle_s(issue, channel) * handle_factor * touches;
      const auto& patience = s.segments[segment].patience[channel];
      if (patience) o.patience_s = std::max(patience->mean(), 1e-3);
      o.delay_s = delay_s;
      offer(o);
      const double replies_s = ch.reply_delay ? (touches - 1) * ch.reply_delay->mean() : 0;
      move_on(mass * (1 - resolve), o.handle_s + replies_s);
      come_back(mass * resolve, o.handle_s + replies_s);
      break;
    }
    case ChannelKind::kCommunity: {
      const double answer_s = ch.first_answer
                                  ? std::min(ch.first_answer->mean(), ch.give_up_after_s)
                                  : ch.give_up_after_s;
      move_on(mass * ch.answer_share * (1 - resolve), answer_s);
      move_on(mass * (1 - ch.answer_share), ch.give_up_after_s);
      come_back(mass * ch.answer_share * resolve, answer_s);
      break;
    }
    default: {
      const double session_s = ch.session_time ? ch.session_time->mean() : 0;
      move_on(mass * (1 - resolve), session_s);
      come_back(mass * resolve, session_s);
      break;
    }
  }
}

}  // namespace

double expected_case_rate(const Segment& seg, double t) {
  if (!seg.customers) return seg.arrival_rate_per_s;
  const double start = *seg.customers;
  const double hazard = seg.baseline_churn > 0 ? -std::log1p(-seg.baseline_churn) / kMonth : 0;
  const double population = hazard > 0
                                ? start * std::exp(-hazard * t) +
                                      seg.acquisition_per_s / hazard * -std::expm1(-hazard * t)
                                : start + seg.acquisition_per_s * t;
  return seg.contact_rate_per_s * population;
}

void follow_expected_cases(const Scenario& s, int segment, int issue, int channel, double cases,
                           const std::function<void(const ExpectedOffer&)>& offer) {
  follow(s, segment, issue, channel, cases, 1.0, 0.0, offer, 0, 0);
}

std::vector<OfferedLoad> offered_load_by_interval(const Scenario& s, double from, double to,
                                                  bool wrap) {
  const double width = s.run.interval_s;
  std::vector<double> starts;
  for (double start = from; start < to; start += width) starts.push_back(start);
  const std::size_t slots = starts.size();
  std::vector<int> agents_channels;
  std::vector<int> row_of(s.channels.size(), -1);
  for (std::size_t c = 0; c < s.channels.size(); ++c) {
    if (s.channels[c].kind != ChannelKind::kAgents) continue;
    row_of[c] = static_cast<int>(agents_channels.size());
    agents_channels.push_back(static_cast<int>(c));
  }
  std::vector<OfferedLoad> rows(slots * agents_channels.size());
  for (std::size_t i = 0; i < slots; ++i) {
    for (std::size_t k = 0; k < agents_channels.size(); ++k) {
      OfferedLoad& row = rows[i * agents_channels.size() + k];
      row.interval_start_s = starts[i];
      row.channel = agents_channels[k];
      for (const Group& g : s.groups)
        for (int gc : g.channels)
          if (gc == row.channel) row.agents += g.schedule.at(starts[i]);
    }
  }
  // Profiles of mean 1, scaled by each segment's mean rate at the interval's middle.
  std::vector<ArrivalProfile> profiles;
  for (const Segment& seg : s.segments) profiles.emplace_back(1.0, s.profile_of(seg));
  for (std::size_t i = 0; i < slots; ++i) {
    const double start = starts[i], end = std::min(start + width, to);
    for (std::size_t k = 0; k < s.segments.size(); ++k) {
      const double arrivals = expected_case_rate(s.segments[k], (start + end) / 2) *
                              profiles[k].expected_arrivals(start, end);
      if (!(arrivals > 0)) continue;
      for (const Share& entry : s.segments[k].entry)
        for (const Share& issue : s.segments[k].issues)
          follow_expected_cases(
              s, static_cast<int>(k), issue.index, entry.index,
              arrivals * entry.share * issue.share, [&](const ExpectedOffer& o) {
                long slot = static_cast<long>(i) + std::lround(o.delay_s / width);
                if (slot >= static_cast<long>(slots)) {
                  if (!wrap) return;
                  slot %= static_cast<long>(slots);
                }
                OfferedLoad& row = rows[static_cast<std::size_t>(slot) * agents_channels.size() +
                                        static_cast<std::size_t>(row_of[o.channel])];
                row.cases += o.cases;
                row.erlangs += o.cases * o.handle_s / width / s.channels[o.channel].concurrency;
                if (o.patience_s) row.abandon_weight += o.cases / *o.patience_s;
              });
    }
  }
  return rows;
}

}  // namespace supportsim
