#ifndef COACH_PARSE_ARENA_H
#define COACH_PARSE_ARENA_H

/// cmark's memory during one parse: a bump allocator whose `free` does nothing, released
/// all at once when the parse is over.
///
/// cmark allocates and frees a node, a buffer or a string for nearly everything it reads;
/// with the C library's allocator that bookkeeping (and freeing the tree node by node)
/// costs as much as the parse. cmark's allocator callbacks carry no context, so each
/// thread's current arena is a thread-local variable: modules are parsed on several
/// threads at once. (It is C because Swift has no thread-local storage but a pthread key,
/// whose lookup on every one of cmark's allocations cost 3% of a course's load.)
struct coach_parse_arena;

/// Makes a new arena the calling thread's current one, which cmark's allocations on this
/// thread come from until `coach_parse_arena_end`.
struct coach_parse_arena *coach_parse_arena_begin(void);

/// Frees everything allocated in `arena`, which stops being the thread's current one.
void coach_parse_arena_end(struct coach_parse_arena *arena);

/// The allocator to hand to `cmark_parser_new_with_mem`: a `cmark_mem *` (declared
/// `void *` so that this header needs no cmark header of its own).
void *coach_parse_arena_memory(void);

#endif
