#include "parse_arena.h"

#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
  chunk_size = 1 << 20,
  /// Each chunk starts with the link to the chunk before it, padded to keep alignment.
  chunk_header = 16,
  /// Each allocation is preceded by its size, for `realloc`.
  header = 16,
};

struct chunk {
  struct chunk *previous;
};

struct coach_parse_arena {
  struct chunk *chunks;
  char *cursor;
  char *end;
  /// The latest allocation, which `realloc` may grow in place.
  char *last;
};

static _Thread_local struct coach_parse_arena *current;

static size_t rounded(size_t size) { return ((size ? size : 1) + 15) & ~(size_t)15; }

static void *allocate(size_t size, int zeroed) {
  struct coach_parse_arena *arena = current;
  size = rounded(size);
  if ((size_t)(arena->end - arena->cursor) < header + size) {
    size_t length = size + header + chunk_header > chunk_size ? size + header + chunk_header : chunk_size;
    struct chunk *chunk = malloc(length);
    if (chunk == NULL) return NULL;
    chunk->previous = arena->chunks;
    arena->chunks = chunk;
    arena->cursor = (char *)chunk + chunk_header;
    arena->end = (char *)chunk + length;
  }
  char *start = arena->cursor + header;
  *(size_t *)arena->cursor = size;
  arena->cursor = start + size;
  arena->last = start;
  if (zeroed) memset(start, 0, size);
  return start;
}

static void *arena_calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) return NULL;
  return allocate(count * size, 1);
}

static void *arena_realloc(void *pointer, size_t size) {
  if (pointer == NULL) return allocate(size, 0);
  struct coach_parse_arena *arena = current;
  char *start = pointer;
  size_t old = *(size_t *)(start - header);
  if (size <= old) return pointer;
  size_t grown = rounded(size);
  if (start == arena->last && (size_t)(arena->end - start) >= grown) {
    *(size_t *)(start - header) = grown;
    arena->cursor = start + grown;
    return pointer;
  }
  void *moved = allocate(size, 0);
  if (moved != NULL) memcpy(moved, pointer, old);
  return moved;
}

static void arena_free(void *pointer) { (void)pointer; }

static cmark_mem memory = {arena_calloc, arena_realloc, arena_free};

struct coach_parse_arena *coach_parse_arena_begin(void) {
  struct coach_parse_arena *arena = calloc(1, sizeof *arena);
  current = arena;
  return arena;
}

void coach_parse_arena_end(struct coach_parse_arena *arena) {
  if (arena == NULL) return;
  if (current == arena) current = NULL;
  struct chunk *chunk = arena->chunks;
  while (chunk != NULL) {
    struct chunk *previous = chunk->previous;
    free(chunk);
    chunk = previous;
  }
  free(arena);
}

void *coach_parse_arena_memory(void) { return &memory; }
