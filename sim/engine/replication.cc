#include "sim/engine/replication.h"

#include <cstdlib>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/contact_centre.h"

namespace supportsim {
namespace {

constexpr int kActorStackKiB = 128;

}  // namespace

ReplicationResult run_replication(const Scenario& scenario, int index, AttemptObserver* attempts) {
  // SimGrid's own logging is silenced. The raw context factory (the default) is the fastest;
  // SUPPORTSIM_CONTEXTS=thread selects threads instead, for sanitizer builds (scripts/sanitize),
  // which do not follow raw context switches.
  const char* factory = std::getenv("SUPPORTSIM_CONTEXTS");
  // Every actor reserves its stack (SimGrid's default is 8 MiB, so that 600 agents exhausted a
  // 4 GB address space). Measured: every shipped scenario, 30,000 agents, 5,000 segments and a
  // chain of 2,000 full bots run with 8 KiB stacks; 128 KiB leaves a wide margin (unoptimised
  // and sanitizer builds have larger frames). Stacks are committed as they are touched: about
  // 9 KB of memory per agent seat. Each stack also takes two memory mappings (its guard page),
  // which bounds the actors of one process (vm.max_map_count, sim/core/limits.h).
  std::vector<std::string> args = {
      "supportsim", "--log=root.thres:critical",
      std::string("--cfg=contexts/factory:") + (factory && *factory ? factory : "raw"),
      "--cfg=contexts/stack-size:" + std::to_string(kActorStackKiB)};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  simgrid::s4u::Engine engine(&argc, argv.data());

  // The platform is one host: nothing here models computers, SimGrid supplies the clock,
  // the actors and their waits.
  auto* zone = simgrid::s4u::create_full_zone("centre");
  auto* host = zone->create_host("centre", 1e9);
  zone->seal();

  ContactCentre centre(scenario, index);
  if (attempts) centre.trace_attempts(*attempts);
  for (int s = 0; s < static_cast<int>(scenario.segments.size()); ++s) {
    if (!scenario.segments[s].customers) {
      simgrid::s4u::Actor::create("arrivals", host, [&centre, s] {
        centre.run_arrivals(s);
      })->daemonize();
      continue;
    }
    auto actor =
        simgrid::s4u::Actor::create("population", host, [&centre, s] { centre.run_population(s); });
    actor->daemonize();
    centre.attach_arrival_actor(s, actor);
  }
  for (int slot = 0; slot < centre.slot_count(); ++slot) {
    auto actor = simgrid::s4u::Actor::create("agent", host,
                                             [&centre, slot] { centre.run_agent_slot(slot); });
    actor->daemonize();
    centre.attach_slot_actor(slot, actor);
  }
  for (int c = 0; c < static_cast<int>(scenario.channels.size()); ++c) {
    if (scenario.channels[c].kind == ChannelKind::kAgents) continue;
    auto actor = simgrid::s4u::Actor::create(scenario.channels[c].name, host,
                                             [&centre, c] { centre.run_service_channel(c); });
    actor->daemonize();
    centre.attach_channel_actor(c, actor);
  }
  if (centre.has_shift_changes())
    simgrid::s4u::Actor::create("schedule", host, [&centre] {
      centre.run_schedule();
    })->daemonize();
  simgrid::s4u::Actor::create("timer", host, [&centre] { centre.run_timer(); })->daemonize();
  simgrid::s4u::Actor::create("controller", host, [&centre] { centre.run_controller(); });

  engine.run();
  if (!centre.overload().empty()) throw std::runtime_error(centre.overload());
  return centre.finish();
}

}  // namespace supportsim
