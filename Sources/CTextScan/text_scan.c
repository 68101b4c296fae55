#include "text_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static int may_start(uint8_t byte) {
  if (byte < 0x20) return byte != 0x09 && byte != 0x0A && byte != 0x0D;
  return byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == '&';
}

size_t coach_next_unsafe_start(const uint8_t *bytes, size_t count, size_t from) {
  size_t index = from;
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi8(0x1F);
  const __m128i tab = _mm_set1_epi8(0x09), feed = _mm_set1_epi8(0x0A), ret = _mm_set1_epi8(0x0D);
  const __m128i del = _mm_set1_epi8(0x7F), c1 = _mm_set1_epi8((char)0xC2), bidi = _mm_set1_epi8((char)0xE2);
  const __m128i amp = _mm_set1_epi8('&');
  while (index + 16 <= count) {
    __m128i v = _mm_loadu_si128((const __m128i *)(bytes + index));
    // Unsigned v <= 0x1F, less the three allowed controls.
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, below), v);
    __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, feed)),
                                   _mm_cmpeq_epi8(v, ret));
    __m128i found = _mm_andnot_si128(allowed, control);
    found = _mm_or_si128(found, _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, amp)));
    found = _mm_or_si128(found, _mm_or_si128(_mm_cmpeq_epi8(v, c1), _mm_cmpeq_epi8(v, bidi)));
    int mask = _mm_movemask_epi8(found);
    if (mask != 0) return index + (size_t)__builtin_ctz((unsigned)mask);
    index += 16;
  }
#endif
  for (; index < count; index++) {
    if (may_start(bytes[index])) return index;
  }
  return count;
}
