# The launcher of tests/integration/t_sandbox_degrade: a seccomp filter
# that lies about Landlock.  Included by the top GNUmakefile.
CHECK_PROGS += $(CLIENT_DIR)/landlock_fake

$(CLIENT_DIR)/landlock_fake: tests/clients/landlock_fake.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<
