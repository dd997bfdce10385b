# The scratch-mapping client of tests/integration/t_ov_scratch_seal
# (static glibc).  Included by the top GNUmakefile.
CHECK_PROGS += $(CLIENT_DIR)/scratch_seal

$(CLIENT_DIR)/scratch_seal: tests/clients/scratch_seal.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<
