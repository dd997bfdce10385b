# Benchmarks (issue 5): `make bench` builds the floors, the workloads and
# their data under $(BUILD)/bench/, then runs tools/bench/run.  Included
# by the top GNUmakefile.  Nothing here is part of `make check`.
#
# The floors link the library, so they use the main CFLAGS; the workload
# programs use their own flags (static glibc and Go cannot take the
# sanitizers `make asan` puts in CFLAGS).  Go builds offline with its
# caches under $(BUILD)/bench/go.  Data is generated once; `make
# bench-clean` removes it with the rest of $(BUILD)/bench.

BENCH_DIR := $(BUILD)/bench
BENCH_DATA := $(BENCH_DIR)/data
BENCH_CC ?= gcc
BENCH_GO ?= go
BENCH_CFLAGS := -O2 -g -Wall -Wextra -Wno-unused-parameter -std=gnu11 \
	-D_GNU_SOURCE
BENCH_GO_ENV := CGO_ENABLED=0 GO111MODULE=on GOFLAGS= GOPROXY=off \
	GOENV=off GOTOOLCHAIN=local GOWORK=off \
	GOCACHE=$(abspath $(BENCH_DIR))/go/cache \
	GOPATH=$(abspath $(BENCH_DIR))/go/path

BENCH_PROGS := $(addprefix $(BENCH_DIR)/, floor loop rsswrap gofiles \
	seccomp_cost)
BENCH_GEN := tools/bench/gen
BENCH_STAMPS := $(addprefix $(BENCH_DATA)/, file tree.stamp \
	proj60.stamp proj600.stamp files.tar)

.PHONY: bench-build bench-run bench-clean
bench: bench-run

# The binary from before issue 11, for the before/after targets: built
# from the repository's own history into $(BENCH_DIR)/vfstrace-REV.
BENCH_BASE ?= 506ac67
BENCH_BASE_BIN := $(BENCH_DIR)/vfstrace-$(BENCH_BASE)

bench-build: $(BIN) $(BENCH_PROGS) $(BENCH_STAMPS) $(BENCH_BASE_BIN)

$(BENCH_BASE_BIN):
	$(call msg,BUILD,$@)
	$(Q)rm -rf $(BENCH_DIR)/base-src && mkdir -p $(BENCH_DIR)/base-src
	$(Q)git archive $(BENCH_BASE) | tar -x -C $(BENCH_DIR)/base-src
	$(Q)$(MAKE) -s -C $(BENCH_DIR)/base-src BUILD=build build/vfstrace
	$(Q)cp $(BENCH_DIR)/base-src/build/vfstrace $@

# ROUNDS=3 WORKLOADS=stat,make make bench: a quick look.
bench-run: bench-build
	$(Q)BUILD=$(BUILD) BENCH_BASE=$(BENCH_BASE) tools/bench/run

bench-clean:
	rm -rf $(BENCH_DIR)

$(BENCH_DIR)/floor: tools/bench/floor.c $(LIB)
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

$(BENCH_DIR)/loop: tools/bench/loop.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(BENCH_CC) $(BENCH_CFLAGS) -static -o $@ $<

$(BENCH_DIR)/seccomp_cost: tools/bench/seccomp_cost.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $<

$(BENCH_DIR)/rsswrap: tools/bench/rsswrap.c
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $<

$(BENCH_DIR)/gofiles: tools/bench/go/go.mod tools/bench/go/main.go
	$(call msg,GO,$@)
	@mkdir -p $(dir $@)
	$(Q)cd tools/bench/go && $(BENCH_GO_ENV) $(BENCH_GO) build -trimpath \
		-buildvcs=false -o $(abspath $@) .

# The file the stat and open loops work on.
$(BENCH_DATA)/file:
	$(call msg,GEN,$@)
	@mkdir -p $(dir $@)
	$(Q)echo bench > $@

$(BENCH_DATA)/tree.stamp: $(BENCH_GEN)
	$(call msg,GEN,$(BENCH_DATA)/tree)
	@mkdir -p $(dir $@)
	$(Q)$(BENCH_GEN) tree $(BENCH_DATA)/tree 20000 && touch $@

$(BENCH_DATA)/proj%.stamp: $(BENCH_GEN)
	$(call msg,GEN,$(BENCH_DATA)/proj$*)
	@mkdir -p $(dir $@)
	$(Q)$(BENCH_GEN) project $(BENCH_DATA)/proj$* $* && touch $@

$(BENCH_DATA)/files.tar: $(BENCH_GEN)
	$(call msg,GEN,$@)
	@mkdir -p $(dir $@)
	$(Q)$(BENCH_GEN) tar $@ 5000
