# The escape suite (tests/escape/README.md): each attack NAME.c is built
# statically into $(BUILD)/clients/escape/NAME, its spec NAME.sh and the
# driver `run` are installed beside it (uid 65534 reaches them there).
# Included by the top GNUmakefile.

ESCAPE_DIR := $(CLIENT_DIR)/escape
ESCAPE_SRC := $(sort $(wildcard tests/escape/*.c))
ESCAPE_SPEC := $(sort $(wildcard tests/escape/*.sh))
ESCAPE_PROGS := $(patsubst tests/escape/%.c,$(ESCAPE_DIR)/%,$(ESCAPE_SRC)) \
	$(patsubst tests/escape/%,$(ESCAPE_DIR)/%,$(ESCAPE_SPEC)) \
	$(ESCAPE_DIR)/run
CHECK_PROGS += $(ESCAPE_PROGS)

.PHONY: escape escape-baseline
escape: $(ESCAPE_PROGS)

$(ESCAPE_DIR)/%: tests/escape/%.c tests/escape/escape.h tests/escape/i386.h
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<

$(ESCAPE_DIR)/%.sh: tests/escape/%.sh
	@mkdir -p $(dir $@)
	$(Q)install -m 0644 $< $@

$(ESCAPE_DIR)/run: tests/escape/run
	@mkdir -p $(dir $@)
	$(Q)install -m 0755 $< $@

# Every attack under the binary from before issue 12 (the last commit
# before its work), built from the repository's history: the judge must
# see each attack escape there.
ESCAPE_BASE ?= 17fd36c
ESCAPE_BASE_BIN := $(BUILD)/escape-base/vfstrace-$(ESCAPE_BASE)

$(ESCAPE_BASE_BIN):
	$(call msg,BUILD,$@)
	$(Q)rm -rf $(BUILD)/escape-base/src && mkdir -p $(BUILD)/escape-base/src
	$(Q)git archive $(ESCAPE_BASE) | tar -x -C $(BUILD)/escape-base/src
	$(Q)$(MAKE) -s -C $(BUILD)/escape-base/src BUILD=build build/vfstrace
	$(Q)cp $(BUILD)/escape-base/src/build/vfstrace $@

escape-baseline: $(ESCAPE_PROGS) $(ESCAPE_BASE_BIN)
	$(Q)BUILD=$(BUILD) $(ESCAPE_DIR)/run --against $(ESCAPE_BASE_BIN)
