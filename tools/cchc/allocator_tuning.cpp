#include "allocator_tuning.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace cchc_tool {

void tune_allocator_for_batch_run() noexcept {
#if defined(__GLIBC__)
  // Blocks up to 32 MiB (glibc's ceiling for this setting; a table file is at most that
  // in practice) come from the heap instead of private mappings, so they are reused once freed.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  // Never give the top of the heap back in the middle of a run: the process ends soon.
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  // Worker threads allocate from the main heap too, so they reuse what the loader freed.
  // Their allocations are few and large, so sharing one arena costs no measurable contention.
  mallopt(M_ARENA_MAX, 1);
#endif
}

}  // namespace cchc_tool
