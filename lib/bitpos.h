/* Where the set bits of a mask are, without a loop per bit.
 *
 * A reader that finds its delimiters 16 bytes a step (SSE2: a compare and
 * a movemask) gets a mask of where they are; turning it into offsets one
 * bit at a time (ctz, then clear the bit) waits on each cleared bit and
 * mispredicts the end of the loop about once a block. Instead each byte
 * of the mask looks its offsets up in a table and writes eight, of which
 * as many count as the byte has bits set (simdjson's "flatten" does this
 * with 64-bit masks). Used by csvread (quotes) and tsv (TABs). */
#ifndef SVY_BITPOS_H
#define SVY_BITPOS_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/* For each byte B: where its set bits are (bitpos_at[B][k] for k below
 * bitpos_count[B], the rest 0), and how many. */
extern unsigned char bitpos_at[256][8];
extern unsigned char bitpos_count[256];

/* BASE + k for each set bit k of byte B, written at O[0..7] (all eight,
 * whatever B holds: O needs room for them); returns how many count. */
static inline size_t
bitpos_put8(uint32_t *o, unsigned b, uint32_t base)
{
	__m128i z = _mm_setzero_si128();
	__m128i at = _mm_loadl_epi64((const void *)bitpos_at[b]);
	__m128i w = _mm_unpacklo_epi8(at, z), v = _mm_set1_epi32((int)base);
	_mm_storeu_si128((void *)o, _mm_add_epi32(_mm_unpacklo_epi16(w, z), v));
	_mm_storeu_si128((void *)(o + 4), _mm_add_epi32(_mm_unpackhi_epi16(w, z), v));
	return bitpos_count[b];
}

/* The same for the 16 bits of M (a movemask of 16 bytes): BASE + k for
 * each set bit k, at O[0..15]; returns how many. */
static inline size_t
bitpos_put16(uint32_t *o, unsigned m, uint32_t base)
{
	size_t n = bitpos_put8(o, m & 0xFF, base);
	return n + bitpos_put8(o + n, m >> 8 & 0xFF, base + 8);
}
#endif

#endif
