# The "#!" client of tests/integration/t_ov_shebang_self (static glibc).
# Included by the top GNUmakefile.
CHECK_PROGS += $(CLIENT_DIR)/shebang_self

$(CLIENT_DIR)/shebang_self: tests/clients/shebang_self.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<
