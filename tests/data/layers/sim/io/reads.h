#pragma once
// A fixture of the layering check: io may not include experiment.
#include "sim/experiment/summary.h"
