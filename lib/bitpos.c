/* The tables of bitpos.h, made before main. */
#include "bitpos.h"

#if defined(__SSE2__)
unsigned char bitpos_at[256][8], bitpos_count[256];

__attribute__((constructor)) static void
bitpos_init(void)
{
	for (unsigned b = 0; b < 256; b++)
		for (unsigned k = 0; k < 8; k++)
			if (b >> k & 1)
				bitpos_at[b][bitpos_count[b]++] = (unsigned char)k;
}
#else
typedef int bitpos_empty;	/* ISO C: a translation unit is not empty */
#endif
