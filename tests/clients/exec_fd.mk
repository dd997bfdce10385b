# The execveat client of tests/integration/t_ov_exec_fd (static glibc).
# Included by the top GNUmakefile.
CHECK_PROGS += $(CLIENT_DIR)/exec_fd

$(CLIENT_DIR)/exec_fd: tests/clients/exec_fd.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<
