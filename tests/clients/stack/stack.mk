# The stack-trace client (issue 6, -k): one source, a static and a dynamic
# build, into $(BUILD)/clients/.  Included by the top GNUmakefile.
#
# Own compiler and flags, never the main CFLAGS (`make asan` puts the
# sanitizers there and a static glibc cannot link them).  Frame pointers,
# no sibling calls and noipa (in the source) keep main, level_one,
# level_two and level_three four real frames.

STACK_CC ?= gcc
STACK_CFLAGS := -O1 -g -fno-omit-frame-pointer -fno-optimize-sibling-calls \
	-Wall -Wextra -std=gnu11 -D_GNU_SOURCE
STACK_PROGS := $(addprefix $(BUILD)/clients/, stack-static stack-dynamic)
CHECK_PROGS += $(STACK_PROGS)

$(BUILD)/clients/stack-static: tests/clients/stack/stack_client.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(STACK_CC) $(STACK_CFLAGS) -static -o $@ $<

$(BUILD)/clients/stack-dynamic: tests/clients/stack/stack_client.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(STACK_CC) $(STACK_CFLAGS) -o $@ $<

# The unwinder's unit test runs both (found next to its own directory).
$(BUILD)/tests/test_unwind: $(STACK_PROGS)
