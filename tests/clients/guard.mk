# The client of tests/integration/t_ov_guard (static glibc).  Included by
# the top GNUmakefile.
CHECK_PROGS += $(CLIENT_DIR)/guard

$(CLIENT_DIR)/guard: tests/clients/guard.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<
