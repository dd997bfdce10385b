# The openat2 client of tests/integration/t_ov_openat2 (static glibc).
# Included by the top GNUmakefile.
CHECK_PROGS += $(CLIENT_DIR)/openat2

$(CLIENT_DIR)/openat2: tests/clients/openat2.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<
