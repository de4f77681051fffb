# fuzz.mk - libFuzzer targets and their replayers.
#
#   make -f fuzz/fuzz.mk BUILD=build              build every program
#   make -f fuzz/fuzz.mk BUILD=build replay        replay corpora and crashes
#   make -f fuzz/fuzz.mk BUILD=build run FUZZ_TIME=180   fuzz each target
#   make -f fuzz/fuzz.mk BUILD=build run-xfrm      fuzz one target
#   make -f fuzz/fuzz.mk list                      print the target names
#
# Each name in FUZZ_TARGETS has an entry point fuzz/fuzz_NAME.c, seed
# inputs in fuzz/corpus/NAME/ and the inputs that once crashed it in
# fuzz/crashes/NAME/.  NAME_SRCS are the project sources it links and
# NAME_LIBS the libraries they need.  Two programs are made of each:
#
#   $(BUILD)/fuzz/fuzz_NAME    the libFuzzer binary (clang only);
#   $(BUILD)/fuzz/replay_NAME  fuzz/replay.c around the same entry point,
#                              built with the ordinary compiler and
#                              ASan+UBSan, which runs saved inputs without
#                              libFuzzer (tests/run-all.sh replays every
#                              target's corpus and crashes).
#
# Objects go to $(BUILD)/fuzz/cc/ and $(BUILD)/fuzz/clang/, so sources
# that several targets share are compiled once per compiler.
#
# run-NAME fuzzes for FUZZ_TIME seconds, growing $(BUILD)/fuzz/corpus-NAME
# from the seeds, with fuzz/NAME.dict when there is one and any further
# libFuzzer options in FUZZ_FLAGS.  What it finds goes to
# $(FUZZ_ARTIFACTS)/NAME/ (set FUZZ_ARTIFACTS=/tmp/finds to look before
# keeping); an input kept under fuzz/crashes/ is replayed forever after,
# so keep one there once the bug it shows is fixed.

BUILD     ?= build
CLANG     ?= clang
FUZZ_TIME ?= 180
FUZZ_FLAGS ?=
FUZZ_ARTIFACTS ?= fuzz/crashes

FUZZ_TARGETS := parser complete rtnl xfrm nftjson types

GRAMMAR_SRCS := $(sort $(wildcard grammar/*.c))
SCHEMA_SRCS  := $(sort $(wildcard schema/*.c))
NL_LIBS      := $(shell pkg-config --libs libnl-3.0 libnl-route-3.0 2>/dev/null)

# The console parser (fuzz_parser.c); it needs the command tree.
parser_SRCS   := $(GRAMMAR_SRCS) $(SCHEMA_SRCS)
# Tab completion and ? help on partial lines (fuzz_complete.c).
complete_SRCS := $(GRAMMAR_SRCS) $(SCHEMA_SRCS)
# Route netlink replies: addresses, routes, acks (fuzz_rtnl.c).
rtnl_SRCS     := backend/addr.c backend/route.c backend/rtnl.c \
                 backend/link.c
rtnl_LIBS     := $(NL_LIBS)
# XFRM replies and /proc/net/xfrm_stat (fuzz_xfrm.c).
xfrm_SRCS     := backend/xfrm_parse.c backend/xfrm_msg.c
xfrm_LIBS     := $(NL_LIBS)
# `nft -j list table` output (fuzz_nftjson.c).
nftjson_SRCS  := backend/nft.c
nftjson_LIBS  := $(shell pkg-config --libs libnftables 2>/dev/null)
# Property values typed at the console (fuzz_types.c).
types_SRCS    := $(SCHEMA_SRCS)

FUZZ_STD  := -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 \
             -I. -Ischema -Igrammar -Ibackend \
             $(shell pkg-config --cflags libnl-3.0 libnl-route-3.0 \
                 libnftables 2>/dev/null)
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
             -fno-omit-frame-pointer
FUZZ_LF   := -fsanitize=fuzzer-no-link,address,undefined \
             -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# UBSan reports come with a stack trace unless the caller says otherwise.
FUZZ_ENV  := UBSAN_OPTIONS=$${UBSAN_OPTIONS:-print_stacktrace=1}

.PHONY: all fuzzers replayers replay run list
.DELETE_ON_ERROR:

all: fuzzers replayers

list:
	@echo $(FUZZ_TARGETS)

$(BUILD)/fuzz/cc/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(FUZZ_STD) $(FUZZ_SAN) -MMD -MP -c -o $@ $<

$(BUILD)/fuzz/clang/%.o: %.c
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_STD) $(FUZZ_LF) -MMD -MP -c -o $@ $<

# The two programs of one target and its run-NAME rule.
define FUZZ_TARGET
$(BUILD)/fuzz/fuzz_$(1): $$(patsubst %.c,$(BUILD)/fuzz/clang/%.o, \
    fuzz/fuzz_$(1).c $$($(1)_SRCS))
	$$(CLANG) -fsanitize=fuzzer,address,undefined -o $$@ $$^ $$($(1)_LIBS)

$(BUILD)/fuzz/replay_$(1): $$(patsubst %.c,$(BUILD)/fuzz/cc/%.o, \
    fuzz/replay.c fuzz/fuzz_$(1).c $$($(1)_SRCS))
	$$(CC) $$(FUZZ_SAN) -o $$@ $$^ $$($(1)_LIBS)

.PHONY: run-$(1)
run-$(1): $(BUILD)/fuzz/fuzz_$(1)
	@mkdir -p $(BUILD)/fuzz/corpus-$(1) $(FUZZ_ARTIFACTS)/$(1)
	$$(FUZZ_ENV) $(BUILD)/fuzz/fuzz_$(1) -max_total_time=$(FUZZ_TIME) \
	    -artifact_prefix=$(FUZZ_ARTIFACTS)/$(1)/ \
	    $$(patsubst %,-dict=%,$$(wildcard fuzz/$(1).dict)) $(FUZZ_FLAGS) \
	    $(BUILD)/fuzz/corpus-$(1) fuzz/corpus/$(1)
endef

$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_TARGET,$(t))))

fuzzers: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
replayers: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)

# Every target's seeds and kept crashes; the first failure stops make.
replay: replayers
	@set -e; for t in $(FUZZ_TARGETS); do \
	    echo "replay $$t"; \
	    $(FUZZ_ENV) $(BUILD)/fuzz/replay_$$t fuzz/corpus/$$t \
	        $$(test -d fuzz/crashes/$$t && echo fuzz/crashes/$$t); \
	done

# Grows a scratch copy of each corpus; new crashes land in
# $(FUZZ_ARTIFACTS)/NAME/.  With -j2 two targets run at once.
run: $(FUZZ_TARGETS:%=run-%)

-include $(shell find $(BUILD)/fuzz -name '*.d' 2>/dev/null)
