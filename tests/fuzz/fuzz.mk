# libFuzzer targets (clang): `make fuzz` builds each into $(BUILD)/fuzz/
# and runs it for FUZZ_SECONDS on its corpus (seeds in tests/fuzz/corpus/,
# new inputs kept in $(BUILD)/fuzz/corpus-*).  A crash leaves crash-* in
# $(BUILD)/fuzz/: copy it to tests/fuzz/regress/<target>/, where
# the unit tests replay it.

FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -std=gnu11 -D_GNU_SOURCE \
	-Iinclude -Itests/unit $(WARNFLAGS)
FUZZ_VFS_SRC := $(wildcard vfs/*.c) tests/unit/lib/vfs_ovlmodel.c
FUZZ_VFS_DEPS := $(FUZZ_VFS_SRC) $(wildcard vfs/*.h) include/vfs.h \
	tests/unit/lib/vfs_ovlmodel.h

$(BUILD)/fuzz/fuzz_vfs_overlay: tests/fuzz/fuzz_vfs_overlay.c $(FUZZ_VFS_DEPS)
	$(call msg,FUZZCC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_VFS_SRC)

.PHONY: fuzz-vfs-overlay
fuzz: fuzz-vfs-overlay
fuzz-vfs-overlay: $(BUILD)/fuzz/fuzz_vfs_overlay
	@mkdir -p $(BUILD)/fuzz/corpus-vfs-overlay
	$(Q)$< -max_total_time=$(FUZZ_SECONDS) -max_len=256 \
		-timeout=20 -artifact_prefix=$(BUILD)/fuzz/ \
		$(BUILD)/fuzz/corpus-vfs-overlay \
		tests/fuzz/corpus/vfs_overlay

# The unwinder's parsers: /proc/PID/maps text, .eh_frame, .eh_frame_hdr.
FUZZ_UNWIND_SRC := supervisor/procmaps.c supervisor/ehframe.c
$(BUILD)/fuzz/fuzz_unwind_parse: tests/fuzz/fuzz_unwind_parse.c \
		$(FUZZ_UNWIND_SRC) include/procmaps.h include/ehframe.h
	$(call msg,FUZZCC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_UNWIND_SRC)

.PHONY: fuzz-unwind-parse
fuzz: fuzz-unwind-parse
fuzz-unwind-parse: $(BUILD)/fuzz/fuzz_unwind_parse
	@mkdir -p $(BUILD)/fuzz/corpus-unwind-parse
	$(Q)$< -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-timeout=20 -artifact_prefix=$(BUILD)/fuzz/ \
		$(BUILD)/fuzz/corpus-unwind-parse \
		tests/fuzz/corpus/unwind_parse
