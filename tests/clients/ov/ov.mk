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
