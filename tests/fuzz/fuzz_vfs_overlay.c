// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: random operation sequences on an overlay and on a
 * model, compared after every operation (tests/unit/lib/vfs_ovlmodel.c).
 * A failing input aborts; keep it in tests/fuzz/regress/vfs_overlay/,
 * where test_vfs_fuzz_regress replays it.
 */
#include <stdint.h>
#include <stdlib.h>

#include "lib/vfs_ovlmodel.h"

static struct vom *model;

static void cleanup(void)
{
	vom_free(model);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!model) {
		model = vom_new();
		if (!model)
			abort();
		atexit(cleanup);
	}
	if (vom_run(model, data, size, 0))
		abort();
	return 0;
}
