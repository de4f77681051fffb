# fuzz.mk - libFuzzer targets and their replayers.
#
#   make -f fuzz/fuzz.mk BUILD=build            build both programs
#   make -f fuzz/fuzz.mk BUILD=build replay      replay corpus and crashes
#   make -f fuzz/fuzz.mk BUILD=build run FUZZ_TIME=180
#
# $(BUILD)/fuzz/fuzz_parser is the libFuzzer binary (clang only).
# $(BUILD)/fuzz/replay_parser feeds files or directories to the same
# entry point with the ordinary compiler, so the replay needs no
# libFuzzer.  Inputs that crashed go to fuzz/crashes/parser/ and are
# replayed forever after.

BUILD     ?= build
CLANG     ?= clang
FUZZ_TIME ?= 180
FUZZ_STD  := -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 \
             -Ischema -Igrammar
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
             -fno-omit-frame-pointer

# The parser needs only the command tree from schema/.
PARSER_SRCS := $(sort $(wildcard grammar/*.c)) schema/cmdtree.c \
               schema/cmdtree_data.c
PARSER_HDRS := $(wildcard grammar/*.h) schema/schema.h

.PHONY: all replay run

all: $(BUILD)/fuzz/fuzz_parser $(BUILD)/fuzz/replay_parser

$(BUILD)/fuzz/fuzz_parser: fuzz/fuzz_parser.c $(PARSER_SRCS) $(PARSER_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_STD) -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -o $@ fuzz/fuzz_parser.c \
	    $(PARSER_SRCS)

$(BUILD)/fuzz/replay_parser: fuzz/replay.c fuzz/fuzz_parser.c $(PARSER_SRCS) \
    $(PARSER_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(FUZZ_STD) $(FUZZ_SAN) -o $@ fuzz/replay.c fuzz/fuzz_parser.c \
	    $(PARSER_SRCS)

replay: $(BUILD)/fuzz/replay_parser
	$(BUILD)/fuzz/replay_parser fuzz/corpus/parser fuzz/crashes/parser

# Grows a scratch copy of the corpus; new crashes land in crashes/.
run: $(BUILD)/fuzz/fuzz_parser
	@mkdir -p $(BUILD)/fuzz/corpus-parser
	$(BUILD)/fuzz/fuzz_parser -max_total_time=$(FUZZ_TIME) \
	    -artifact_prefix=fuzz/crashes/parser/ \
	    $(BUILD)/fuzz/corpus-parser fuzz/corpus/parser
