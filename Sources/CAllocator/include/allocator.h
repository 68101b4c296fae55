#ifndef COACH_ALLOCATOR_H
#define COACH_ALLOCATOR_H

/// The `coach` executable's allocator: mimalloc (Debian's libmimalloc-dev), which takes
/// the place of the C library's `malloc` in the whole process once linked, asked at
/// start-up to back its memory with 2 MiB pages where the kernel offers them.
///
/// Nothing needs to call into this target: its settings are made by a constructor that
/// runs before `main`. The function below says what they came to, for a test.

/// Whether mimalloc was asked for large (2 MiB) OS pages: 1 unless the environment set
/// `MIMALLOC_LARGE_OS_PAGES` to something else.
int coach_allocator_uses_large_pages(void);

#endif
