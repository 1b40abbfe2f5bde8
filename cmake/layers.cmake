# One static library per layer of sim/, linked only downward (docs/architecture.md):
#
#   core        units, distributions, random streams, statistics, errors, limits
#   model       the scenario, arrival profiles, the agent pool, metrics (core)
#   analytic    Erlang C / A and priority queue formulas (core)
#   engine      one replication on SimGrid (core, model)
#   io          reading scenarios and data files, writing scenario TOML (core, model)
#   calibrate   contact logs and the estimators that turn one into a scenario (core, model, io)
#   experiment  replications in worker processes, summaries, staffing, mix (all of the above
#               but calibrate)
#   output      everything that writes result folders: run, sweep, staff, mix files and
#               report.html (core, model, io, experiment, calibrate)
#   cli         the commands (everything)
#
# The allowed includes are checked before any layer compiles (cmake/check_layers.cmake): a
# header included from a layer above, or from one beside it that is not listed, fails the build
# with the file and the include named.
set(SUPPORTSIM_LAYERS core model analytic engine io calibrate experiment output cli)
set(SUPPORTSIM_LAYER_DEPS_core "")
set(SUPPORTSIM_LAYER_DEPS_model core)
set(SUPPORTSIM_LAYER_DEPS_analytic core)
set(SUPPORTSIM_LAYER_DEPS_engine core model)
set(SUPPORTSIM_LAYER_DEPS_io core model)
set(SUPPORTSIM_LAYER_DEPS_calibrate core model io)
set(SUPPORTSIM_LAYER_DEPS_experiment core model analytic engine io)
set(SUPPORTSIM_LAYER_DEPS_output core model io experiment calibrate)
set(SUPPORTSIM_LAYER_DEPS_cli core model analytic engine io calibrate experiment output)

set(layer_rules "")
foreach(layer IN LISTS SUPPORTSIM_LAYERS)
  string(JOIN "," deps ${SUPPORTSIM_LAYER_DEPS_${layer}})
  list(APPEND layer_rules "${layer}=${deps}")
endforeach()
string(JOIN "|" layer_rules ${layer_rules})  # one command-line argument
file(GLOB_RECURSE layered_files CONFIGURE_DEPENDS sim/*.h sim/*.cc sim/*.in)
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/layers.checked
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR} "-DRULES=${layer_rules}"
          -DSTAMP=${CMAKE_CURRENT_BINARY_DIR}/layers.checked
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/check_layers.cmake
  DEPENDS ${layered_files} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/check_layers.cmake
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/layers.cmake
  COMMENT "Checking that each layer of sim/ includes only the layers below it"
  VERBATIM)
add_custom_target(supportsim_layers_checked DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/layers.checked)

foreach(layer IN LISTS SUPPORTSIM_LAYERS)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS sim/${layer}/*.cc)
  list(FILTER sources EXCLUDE REGEX "sim/cli/main\\.cc$")
  add_library(supportsim_${layer} STATIC ${sources} ${SUPPORTSIM_LAYER_EXTRA_SOURCES_${layer}})
  add_dependencies(supportsim_${layer} supportsim_layers_checked)
  target_include_directories(supportsim_${layer} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  supportsim_warnings(supportsim_${layer})
  foreach(dep IN LISTS SUPPORTSIM_LAYER_DEPS_${layer})
    target_link_libraries(supportsim_${layer} PUBLIC supportsim_${dep})
  endforeach()
endforeach()
