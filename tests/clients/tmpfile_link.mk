# The O_TMPFILE client of tests/integration/t_ov_tmpfile_link (static
# glibc).  Included by the top GNUmakefile.
CHECK_PROGS += $(CLIENT_DIR)/tmpfile_link

$(CLIENT_DIR)/tmpfile_link: tests/clients/tmpfile_link.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<
