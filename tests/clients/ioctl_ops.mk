# The ioctl client of tests/integration/t_ov_ioctl (static glibc).
# Included by the top GNUmakefile.
CHECK_PROGS += $(CLIENT_DIR)/ioctl_ops

$(CLIENT_DIR)/ioctl_ops: tests/clients/ioctl_ops.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<
