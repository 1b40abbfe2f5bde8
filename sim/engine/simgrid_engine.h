#pragma once
// The SimGrid engine of a replication: its configuration and its one-host platform, in one
// place, so that the Erlang A benchmark measures SimGrid's bare cost per kernel timer on
// exactly the engine a replication runs on (tests/perf/bench_erlang_a.cc).
//
// REQUIRES: at most one per process (SimGrid keeps one clock per process).

#include <memory>
#include <simgrid/s4u/Engine.hpp>

namespace supportsim {

std::unique_ptr<simgrid::s4u::Engine> make_simgrid_engine();

}  // namespace supportsim
