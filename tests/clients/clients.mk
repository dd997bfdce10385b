# Test clients of the integration tests (tests/integration/), built into
# $(BUILD)/clients/.  Included by the top GNUmakefile.
#
# The clients use their own compilers and flags, never the main CFLAGS:
# `make asan` puts sanitizers there, and static glibc, musl and Go builds
# cannot link them.  Go builds offline, as any user: its caches live under
# $(BUILD)/go and no module is ever downloaded.

CLIENT_DIR := $(BUILD)/clients
CLIENT_CC ?= gcc
CLIENT_MUSL_CC ?= musl-gcc
CLIENT_GO ?= go
CLIENT_CFLAGS := -O2 -g -Wall -Wextra -Wno-unused-parameter -std=gnu11 \
	-D_GNU_SOURCE -pthread
CLIENT_GO_ENV := CGO_ENABLED=0 GO111MODULE=on GOFLAGS= GOPROXY=off \
	GOENV=off GOTOOLCHAIN=local GOWORK=off \
	GOCACHE=$(abspath $(BUILD))/go/cache GOPATH=$(abspath $(BUILD))/go/path
CLIENT_GO_BUILD := $(CLIENT_GO) build -trimpath -buildvcs=false

CLIENT_PROGS := $(addprefix $(CLIENT_DIR)/, fsops-glibc fsops-musl \
	fsops-go fsops.sh goexec thread_exec vfork_exec spawn fork_race i386 \
	uring)
CHECK_PROGS += $(CLIENT_PROGS)

.PHONY: clients
clients: $(CLIENT_PROGS)

# The same scenario three ways: static glibc, static musl, static Go.
$(CLIENT_DIR)/fsops-glibc: tests/clients/fsops.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<

$(CLIENT_DIR)/fsops-musl: tests/clients/fsops.c
	$(call msg,MUSLCC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_MUSL_CC) $(CLIENT_CFLAGS) -static -o $@ $<

$(CLIENT_DIR)/fsops-go: tests/clients/go/go.mod \
		$(wildcard tests/clients/go/fsops/*.go)
	$(call msg,GO,$@)
	@mkdir -p $(dir $@)
	$(Q)cd tests/clients/go && $(CLIENT_GO_ENV) $(CLIENT_GO_BUILD) \
		-o $(abspath $@) ./fsops

$(CLIENT_DIR)/goexec: tests/clients/go/go.mod \
		$(wildcard tests/clients/go/goexec/*.go)
	$(call msg,GO,$@)
	@mkdir -p $(dir $@)
	$(Q)cd tests/clients/go && $(CLIENT_GO_ENV) $(CLIENT_GO_BUILD) \
		-o $(abspath $@) ./goexec

# Run with Debian's static busybox: /bin/busybox sh fsops.sh DIR.
$(CLIENT_DIR)/fsops.sh: tests/clients/fsops.sh
	$(call msg,INSTALL,$@)
	@mkdir -p $(dir $@)
	$(Q)install -m 0644 $< $@

# Special cases of process handling; the system glibc (dynamic) is the
# one whose posix_spawn uses clone3.
$(CLIENT_DIR)/thread_exec $(CLIENT_DIR)/vfork_exec $(CLIENT_DIR)/spawn \
$(CLIENT_DIR)/fork_race $(CLIENT_DIR)/i386: $(CLIENT_DIR)/%: tests/clients/%.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -o $@ $<

$(CLIENT_DIR)/uring: tests/clients/uring.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -o $@ $< -luring

# The sandbox deny list's probes (tests/integration/t_sandbox_deny).
CHECK_PROGS += $(CLIENT_DIR)/deny
$(CLIENT_DIR)/deny: tests/clients/deny.c include/sandbox_deny_list.h
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CLIENT_CC) $(CLIENT_CFLAGS) -static -o $@ $<
