# The warnings supportsim's own code compiles with: the layers (cmake/layers.cmake), the
# executable and the test programs (tests/CMakeLists.txt); never the libraries it uses.
# SUPPORTSIM_WERROR makes them errors (scripts/test turns it on, so that CI fails on a new one).
option(SUPPORTSIM_WERROR "Treat warnings in supportsim's own code as errors" OFF)

set(SUPPORTSIM_WARNING_FLAGS -Wall -Wextra)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 takes std::string operations with a one-character literal ("." + name, s = ".") for
  # overlapping copies once optimised (GCC bug 105329): nothing the code could do differently.
  list(APPEND SUPPORTSIM_WARNING_FLAGS -Wno-restrict)
endif()
if(SUPPORTSIM_WERROR)
  list(APPEND SUPPORTSIM_WARNING_FLAGS -Werror)
endif()

function(supportsim_warnings target)
  target_compile_options(${target} PRIVATE ${SUPPORTSIM_WARNING_FLAGS})
endfunction()
