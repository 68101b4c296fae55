#ifndef COACH_TEXT_SCAN_H
#define COACH_TEXT_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// The first offset at or after `from` whose byte may start a character a terminal would
/// act on, or a reference to one: a C0 control but tab, line feed and carriage return;
/// DEL; 0xC2 (the lead byte of the C1 controls); 0xE2 (of the bidirectional controls);
/// and `&`. `count` when there is none.
///
/// Every module file is scanned so, whole, before it is parsed: it is C for SSE2, sixteen
/// bytes a step, where Swift's SIMD types were turned into a byte at a time (the caller
/// then decides what the byte found really starts).
size_t coach_next_unsafe_start(const uint8_t *bytes, size_t count, size_t from);

#endif
