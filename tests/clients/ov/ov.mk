# Test clients of the overlay-mode integration tests
# (tests/integration/t_ov_*), built into $(BUILD)/clients/ as ov-NAME.
#
# Own compiler and flags, never the main CFLAGS (`make asan` puts
# sanitizers there).  Note: the top GNUmakefile includes tests/*/*.mk,
# one level only; until it also includes tests/*/*/*.mk, the tests build
# a missing client themselves (ov_client in tests/integration/ov_lib.sh,
# same command as below).

OV_CLIENT_CC ?= gcc
OV_CLIENT_CFLAGS := -O2 -g -Wall -Wextra -std=gnu11 -D_GNU_SOURCE

OV_CLIENT_PROGS := $(BUILD)/clients/ov-regs $(BUILD)/clients/ov-dirfd
CHECK_PROGS += $(OV_CLIENT_PROGS)

$(BUILD)/clients/ov-%: tests/clients/ov/%.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(OV_CLIENT_CC) $(OV_CLIENT_CFLAGS) -o $@ $<

# i386fs: the i386 ABI without libc, as a real 32-bit static program and
# as a 64-bit static one making the same int $0x80 calls (binutils and
# gcc's -m32 code generation only: no 32-bit libc is needed).
OV_I386_CFLAGS := -O2 -g -Wall -Wextra -std=gnu11 -static -nostdlib \
	-ffreestanding -fno-pic -no-pie -fno-stack-protector \
	-fno-tree-loop-distribute-patterns
OV_I386_PROGS := $(BUILD)/clients/ov-i386fs-32 $(BUILD)/clients/ov-i386fs-64
CHECK_PROGS += $(OV_I386_PROGS)

$(BUILD)/clients/ov-i386fs-32: tests/clients/ov/i386fs.c
	$(call msg,CC32,$@)
	@mkdir -p $(dir $@)
	$(Q)$(OV_CLIENT_CC) -m32 $(OV_I386_CFLAGS) -o $@ $<

$(BUILD)/clients/ov-i386fs-64: tests/clients/ov/i386fs.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(OV_CLIENT_CC) -m64 $(OV_I386_CFLAGS) -o $@ $<
