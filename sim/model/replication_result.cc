#include "sim/model/replication_result.h"

namespace supportsim {

void QueueCounts::add(const QueueCounts& o) {
  offered += o.offered;
  answered += o.answered;
  abandoned += o.abandoned;
  waited += o.waited;
  answered_within += o.answered_within;
  abandoned_within += o.abandoned_within;
  wait_answered_s += o.wait_answered_s;
  wait_all_s += o.wait_all_s;
  open_at_end += o.open_at_end;
}

}  // namespace supportsim
