#include "allocator_tuning.hpp"

#include <cstdint>
#include <cstdlib>  // also defines __GLIBC__ on glibc systems
#include <cstring>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#define CCHC_TUNE_GLIBC 1
#endif

namespace cchc_tool {

namespace {

bool huge_pages_wanted() noexcept {
  const char* setting = std::getenv("CCHC_HUGE_PAGES");
  return setting == nullptr || std::strcmp(setting, "0") != 0;
}

}  // namespace

void tune_allocator_for_batch_run() noexcept {
#if defined(CCHC_TUNE_GLIBC)
  // Blocks up to 32 MiB (glibc's ceiling for this setting) come from the heap instead of
  // private mappings, so that they are reused once freed.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  // Never give the top of the heap back in the middle of a run: the process ends soon.
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  // Worker threads allocate from the main heap too, so they reuse what the loader freed.
  // Their allocations are few and large, so sharing one arena costs no measurable contention.
  mallopt(M_ARENA_MAX, 1);
  if (!huge_pages_wanted()) return;
  // Grow the heap once by 64 MiB of address space (nothing is touched yet) and ask the kernel
  // to back it with transparent huge pages: a 2 MiB page fault instead of 512 small ones.
  // This is what GLIBC_TUNABLES=glibc.malloc.hugetlb=1 does; a no-op where THP is disabled.
  constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
  mallopt(M_TOP_PAD, 64 * 1024 * 1024);
  void* probe = std::malloc(std::size_t{1} << 20);  // larger than any free block yet: extends the heap
  if (probe == nullptr) return;
  const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(probe) + huge_page - 1) & ~(huge_page - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (end > begin + huge_page) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  std::free(probe);
#endif
}

}  // namespace cchc_tool
