# quotecheck — build, test, demo and benchmarks.
#
#   make            build bin/quotecheck (needs the Debian -dev packages; see .ci/deps)
#   make demo       install what is missing, build, check the bundled example
#   make test       install what is missing, build, run every test
#   make test-asan  the same tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      benchmarks against a ripgrep baseline (see bench/)
#   make vsix       package the VS Code extension into build/quotecheck.vsix
#   make fuzz       run every libFuzzer harness for FUZZ_SECONDS (tests/fuzz)
#   make soak       a language-server session of SOAK_EDITS edits (tests/soak)
#   make test-valgrind  unit tests, CLI runs and an LSP session under valgrind
#
# Objects go to $(BUILD) (build/ by default; build/asan for the sanitizer
# run). The Markdown grammar's generated C sources are installed from npm
# (version pinned in grammar/package-lock.json, --ignore-scripts) into
# build/grammar and compiled with our code; nothing generated is committed.

CC      ?= cc
BUILD   ?= build
BIN     ?= bin/quotecheck
OPT     ?= -O2 -g
SAN     ?=
CSTD     = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS  += $(OPT) $(SAN) $(CSTD) -pthread
CPPFLAGS+= -Iserver/src -MMD -MP
LDLIBS   = -ltree-sitter -lgit2 -lcjson -lutf8proc -lstemmer -lpthread -lm
.DEFAULT_GOAL := all
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

# --- grammar ---------------------------------------------------------------
GRAMMAR_ROOT = build/grammar
GRAMMAR_PKG  = $(GRAMMAR_ROOT)/node_modules/@tree-sitter-grammars/tree-sitter-markdown
GRAMMAR_STAMP= $(GRAMMAR_ROOT)/.installed
GRAMMAR_OBJS = $(BUILD)/grammar/md_parser.o $(BUILD)/grammar/md_scanner.o \
               $(BUILD)/grammar/mdi_parser.o $(BUILD)/grammar/mdi_scanner.o

$(GRAMMAR_STAMP): grammar/package.json grammar/package-lock.json
	@mkdir -p $(GRAMMAR_ROOT)
	cp grammar/package.json grammar/package-lock.json $(GRAMMAR_ROOT)/
	cd $(GRAMMAR_ROOT) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

$(GRAMMAR_PKG)/tree-sitter-markdown/src/parser.c $(GRAMMAR_PKG)/tree-sitter-markdown/src/scanner.c \
$(GRAMMAR_PKG)/tree-sitter-markdown-inline/src/parser.c $(GRAMMAR_PKG)/tree-sitter-markdown-inline/src/scanner.c: $(GRAMMAR_STAMP)

GRAMMAR_CFLAGS = $(OPT) $(SAN) -std=c11 -w
$(BUILD)/grammar/md_%.o: $(GRAMMAR_PKG)/tree-sitter-markdown/src/%.c
	@mkdir -p $(@D)
	$(CC) $(GRAMMAR_CFLAGS) -I$(GRAMMAR_PKG)/tree-sitter-markdown/src -c $< -o $@
$(BUILD)/grammar/mdi_%.o: $(GRAMMAR_PKG)/tree-sitter-markdown-inline/src/%.c
	@mkdir -p $(@D)
	$(CC) $(GRAMMAR_CFLAGS) -I$(GRAMMAR_PKG)/tree-sitter-markdown-inline/src -c $< -o $@

# --- our code --------------------------------------------------------------
SRCS     := $(sort $(wildcard server/src/*/*.c))
MAIN_SRC := server/src/cli/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
LIB_OBJS := $(LIB_SRCS:server/src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(MAIN_SRC:server/src/%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/libquotecheck.a

$(BUILD)/obj/%.o: server/src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -DQC_VERSION='"$(VERSION)"' -c $< -o $@

$(LIB): $(LIB_OBJS) $(GRAMMAR_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LDLIBS) -o $@

# --- unit tests (cmocka) ---------------------------------------------------
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)

$(BUILD)/tests/unit/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Itests/unit $< $(LIB) $(LDLIBS) -lcmocka -o $@

# --- targets ---------------------------------------------------------------
.PHONY: all deps deps-test demo test test-run test-asan bench clean units vsix fuzz soak test-valgrind
all: $(BIN)

deps:
	@bash .ci/deps build
deps-test:
	@bash .ci/deps test

units: $(UNIT_BINS)

demo: deps
	@$(MAKE) --no-print-directory all
	@bash tests/demo.sh $(BIN)

test: deps-test
	@$(MAKE) --no-print-directory all units
	@QC_BIN=$(BIN) QC_BUILD=$(BUILD) bash tests/run.sh

ASAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
test-asan: deps-test
	@$(MAKE) --no-print-directory BUILD=build/asan BIN=build/asan/quotecheck CC=clang \
	    OPT="-O1 -g" SAN="$(ASAN_FLAGS)" all units
	@QC_BIN=build/asan/quotecheck QC_BUILD=build/asan QC_SANITIZE=1 \
	    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    bash tests/run.sh

bench:
	@bash .ci/deps bench
	@$(MAKE) --no-print-directory all
	@bash bench/run.sh $(BIN)

vsix:
	@bash editors/vscode/build.sh

# --- reliability: fuzzing, soak, valgrind ------------------------------------
FUZZ_SECONDS ?= 60
SOAK_EDITS   ?= 100000
fuzz: deps-test
	@bash tests/fuzz/run.sh $(FUZZ_SECONDS)

soak: deps-test
	@$(MAKE) --no-print-directory all
	@python3 tests/soak/soak.py --bin $(BIN) --edits $(SOAK_EDITS) --json $(BUILD)/soak.json

test-valgrind: deps-test
	@$(MAKE) --no-print-directory all units
	@QC_BIN=$(BIN) QC_BUILD=$(BUILD) QC_VALGRIND=1 bash tests/valgrind/run-suite.sh

clean:
	rm -rf build bin

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BINS:=.d)
