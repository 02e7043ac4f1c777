// How the command asks glibc's allocator to behave for a one-shot batch job.
#ifndef CCHC_TOOLS_ALLOCATOR_TUNING_HPP
#define CCHC_TOOLS_ALLOCATOR_TUNING_HPP

namespace cchc_tool {

/// A run of `cchc` reads a file of megabytes, frees it, then builds scorecards of about the
/// same size. By default glibc returns the freed file to the system (large blocks are their
/// own mappings) and serves each worker thread from a fresh arena, so every page of the
/// scorecards is faulted in anew: on the national benchmark ~4,400 of ~15,600 page faults.
/// Keeping freed memory in one heap lets later allocations reuse pages already mapped, and
/// advising transparent huge pages for the heap leaves ~500 faults in all (each fault is
/// costly on virtual machines). The environment variable CCHC_HUGE_PAGES=0 turns the advice
/// off (it can cost memory, up to 2 MiB per partly used huge page, and on a host short of
/// free huge pages a fault may wait for the kernel to compact memory).
/// This is process-wide policy, so it belongs to the command, never to the library.
void tune_allocator_for_batch_run() noexcept;

}  // namespace cchc_tool

#endif
