#include "sim/output/sweep.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/core/error.h"
#include "sim/experiment/distributed.h"
#include "sim/experiment/summary.h"
#include "sim/output/atomic_file.h"
#include "sim/output/result_writer.h"
#include "sim/io/scenario_writer.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) return std::nullopt;
  return buffer.str();
}

// Writes a complete point folder as one set, replacing a stale point of another scenario whole.
void write_point(const fs::path& final_folder, const Scenario& scenario,
                 const std::vector<ReplicationOutput>& outputs) {
  FolderFiles files = run_result_files(scenario, summarize(scenario, outputs));
  files.emplace_back("replications.csv", replications_csv(outputs));
  replace_folder_files(final_folder.string(), files, false);
}

}  // namespace

SweepPlan plan_sweep(const std::vector<SweepAxis>& axes, bool zip,
                     const std::function<Scenario(const std::vector<Override>&)>& load) {
  SweepPlan plan;
  plan.points = expand_points(axes, zip);
  for (const SweepPoint& point : plan.points) {
    try {
      plan.scenarios.push_back(load(point.settings));
    } catch (const InputError& error) {
      // The loader names a point's own setting as "--set KEY=VALUE: "; the point says it.
      std::string message = error.what();
      for (const Override& o : point.settings) {
        const std::string own = "--set " + o.key + "=" + o.value + ": ";
        if (message.starts_with(own)) {
          message.erase(0, own.size());
          break;
        }
      }
      throw InputError("point " + std::to_string(point.index) + " (" + point.label() +
                       "): " + message);
    }
  }
  return plan;
}

std::optional<std::vector<ReplicationOutput>> load_finished_point(const std::string& point_folder,
                                                                  const Scenario& scenario) {
  const fs::path dir(point_folder);
  std::error_code error;
  if (!fs::is_directory(dir, error)) return std::nullopt;
  for (const char* file : {"summary.json", "summary.csv", "intervals.csv"})
    if (!fs::is_regular_file(dir / file, error)) return std::nullopt;
  const auto toml = read_text(dir / "scenario.toml");
  if (!toml || *toml != scenario_to_toml(scenario)) return std::nullopt;
  const auto text = read_text(dir / "replications.csv");
  if (!text) return std::nullopt;
  auto outputs = parse_replications_csv(*text);
  if (!outputs || static_cast<int>(outputs->size()) != scenario.run.replications)
    return std::nullopt;
  for (int r = 0; r < scenario.run.replications; ++r)
    if ((*outputs)[static_cast<std::size_t>(r)].replication != r) return std::nullopt;
  return outputs;
}

std::optional<SweepResult> run_sweep(const SweepPlan& plan, const std::string& folder, int jobs,
                                     Cluster& cluster,
                                     const std::function<void(const SweepProgress&)>& on_progress) {
  const std::size_t n = plan.points.size();
  const fs::path top(folder);
  SweepResult result;
  result.outputs.resize(n);
  result.resumed.assign(n, false);

  // Rank 0 alone looks at the disk; every rank then builds the same work list.
  std::vector<std::uint8_t> finished(n, 0);
  if (cluster.is_root()) {
    fs::remove(top / "sweep.csv");
    clean_folder_temporaries(top.string());
    for (std::size_t p = 0; p < n; ++p) {
      clean_folder_temporaries((top / plan.points[p].folder).string());
      if (auto outputs =
              load_finished_point((top / plan.points[p].folder).string(), plan.scenarios[p])) {
        result.outputs[p] = std::move(*outputs);
        finished[p] = 1;
      }
    }
  }
  cluster.broadcast(finished);

  std::vector<ReplicationTask> tasks;
  std::vector<std::size_t> task_point;
  SweepProgress progress;
  progress.points_total = static_cast<int>(n);
  for (std::size_t p = 0; p < n; ++p) {
    result.resumed[p] = finished[p] != 0;
    if (finished[p]) {
      ++progress.points_done;
      ++progress.points_resumed;
      continue;
    }
    for (int r = 0; r < plan.scenarios[p].run.replications; ++r) {
      tasks.push_back({&plan.scenarios[p], r});
      task_point.push_back(p);
    }
  }
  progress.replications_total = static_cast<long>(tasks.size());

  if (cluster.is_root() && on_progress) on_progress(progress);
  std::vector<std::map<int, ReplicationOutput>> pending(n);
  run_tasks_on(cluster, tasks, jobs, [&](std::size_t item, ReplicationOutput&& output) {
    const std::size_t p = task_point[item];
    const Scenario& scenario = plan.scenarios[p];
    pending[p].emplace(output.replication, std::move(output));
    ++progress.replications_done;
    if (static_cast<int>(pending[p].size()) == scenario.run.replications) {
      std::vector<ReplicationOutput> outputs;
      for (auto& [replication, o] : pending[p]) outputs.push_back(std::move(o));
      pending[p].clear();
      write_point(top / plan.points[p].folder, scenario, outputs);
      for (ReplicationOutput& o : outputs) o.intervals.clear();
      result.outputs[p] = std::move(outputs);
      ++progress.points_done;
    }
    if (on_progress) on_progress(progress);
  });
  if (!cluster.is_root()) return std::nullopt;

  result.rows = compare_points(plan.scenarios, result.outputs);
  AtomicFileSet files;
  files.add((top / "sweep.csv").string(), sweep_csv(plan.points, result.rows));
  files.commit();
  return result;
}

}  // namespace supportsim
