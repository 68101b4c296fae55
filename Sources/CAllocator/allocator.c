#include "allocator.h"

#include <mimalloc.h>
#include <stdlib.h>

/// Reading a course touches every page of about 15 times its size once (the 10 MB course
/// of `make bench`: 150 MB), and with 4 KiB pages that is one page fault for each, a fifth
/// of `coach check`'s time. With the kernel's transparent huge pages (`madvise` mode, as
/// on Debian) mimalloc can mark its segments for 2 MiB pages: 512 times fewer faults, for
/// the same memory zeroed. A process that allocates little keeps its first segment, which
/// was made before this runs, in small pages. `MIMALLOC_LARGE_OS_PAGES=0` turns it off.
__attribute__((constructor)) static void coach_allocator_setup(void) {
  if (getenv("MIMALLOC_LARGE_OS_PAGES") == NULL) mi_option_enable(mi_option_large_os_pages);
}

int coach_allocator_uses_large_pages(void) { return mi_option_is_enabled(mi_option_large_os_pages) ? 1 : 0; }
