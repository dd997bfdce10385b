# Small programs of tools/: the overlay demo's file writer.
$(BUILD)/file_writer: tools/file_writer.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -O2 -Wall -Wextra -o $@ $<

CHECK_PROGS += $(BUILD)/file_writer
