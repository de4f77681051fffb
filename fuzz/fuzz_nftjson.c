/*
 * fuzz_nftjson.c - libFuzzer target for be_nft_counters_parse and
 * be_nft_set_elems_parse (backend/nft.c), the JSON scanner that reads
 * `nft -j list table` and `nft -j list set`.
 *
 * The input is the text, without a NUL after it (libFuzzer's buffer is
 * of exact size, so ASan sees any read past the end).  Besides the
 * sanitizers' findings (leaks included), the target aborts when the
 * result breaks what backend.h promises: on success an array of n
 * counters with terminated chain names, or of n elements with lo <= hi,
 * on failure NULL and 0.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_CHECK(c)	do { if (!(c)) abort(); } while (0)
#define FZ_MAX		(1 << 20)

static void
fz_elems(const uint8_t *data, size_t size)
{
	struct be_nft_elem *v;
	int n, i, r;

	r = be_nft_set_elems_parse((const char *)data, size, &v, &n);
	FZ_CHECK(r == 0 || r == -1);
	if (r < 0) {
		FZ_CHECK(v == NULL && n == 0);
		return;
	}
	FZ_CHECK(v != NULL && n >= 0);
	for (i = 0; i < n; i++)
		FZ_CHECK(v[i].lo <= v[i].hi);
	free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct be_nft_counter *v;
	int n, i, r;

	if (size > FZ_MAX)
		return 0;
	fz_elems(data, size);
	r = be_nft_counters_parse((const char *)data, size, &v, &n);
	FZ_CHECK(r == 0 || r == -1);
	if (r < 0) {
		FZ_CHECK(v == NULL && n == 0);
		return 0;
	}
	FZ_CHECK(v != NULL && n >= 0);
	for (i = 0; i < n; i++) {
		FZ_CHECK(memchr(v[i].chain, '\0', sizeof(v[i].chain)) != NULL);
		FZ_CHECK(v[i].id >= -1);
	}
	free(v);
	return 0;
}
