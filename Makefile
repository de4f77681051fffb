# rosh - RouterOS-compatible console and L2TP/IPsec server for Linux.
#
#   make          build build/rosh
#   make run      install missing packages, build, open the console
#   make check    install missing packages, build, run every test
#   make bench    print the benchmark figures
#   make fuzz     build the libFuzzer targets
#   make e2e      run the real-kernel tests, each in a qemu VM (tests/e2e/)

CC      ?= cc
PKGS    := libedit sqlite3 libssl libcrypto libnl-3.0 libnl-route-3.0 \
           libnl-xfrm-3.0 libnl-genl-3.0 libnftables check
DEB_PKGS := libedit-dev libsqlite3-dev sqlite3 libssl-dev libnl-3-dev \
           libnl-route-3-dev libnl-xfrm-3-dev libnl-genl-3-dev \
           libnftables-dev check pkg-config clang nftables iproute2 \
           openssh-server openssh-client valgrind tmux python3
DEB_PKGS += qemu-system-x86 busybox-static cpio kmod

BUILD   := build
STD     := -std=gnu11 -D_GNU_SOURCE
WARN    := -Wall -Wextra -Werror
INC     := -I. -Ischema -Igrammar -Iengine -Ibackend -Ishell
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs libedit sqlite3 libssl libcrypto libnl-3.0 libnl-route-3.0 libnl-xfrm-3.0 libnl-genl-3.0 libnftables 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(STD) $(WARN) $(INC) $(PKG_CFLAGS) $(CFLAGS)
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRCS := $(wildcard schema/*.c grammar/*.c engine/*.c backend/*.c)
SHELL_SRCS := $(filter-out shell/main.c shell/roshd.c,$(wildcard shell/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(SHELL_SRCS:%.c=$(BUILD)/obj/%.o)
SAN_OBJS := $(LIB_SRCS:%.c=$(BUILD)/san/%.o) $(SHELL_SRCS:%.c=$(BUILD)/san/%.o)
TEST_SRCS := $(sort $(wildcard tests/*/check_*.c))
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)

.PHONY: all run check unit e2e-console bench fuzz deps clean format
.DEFAULT_GOAL := all

all: $(BUILD)/rosh $(BUILD)/roshd

# Install what the build and the tests need, only when something is missing.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/san/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC-SAN  $<"
	@$(CC) $(ALL_CFLAGS) $(SAN) -O1 -MMD -MP -c $< -o $@

$(BUILD)/librosh.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/librosh-san.a: $(SAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/rosh: $(BUILD)/obj/shell/main.o $(BUILD)/librosh.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/roshd: $(BUILD)/obj/shell/roshd.o $(BUILD)/librosh.a
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/bench/%: bench/%.c $(BUILD)/librosh.a
	@mkdir -p $(dir $@)
	@echo "  BENCH   $<"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/librosh.a $(PKG_LIBS) -lm

$(BUILD)/rosh-san: $(BUILD)/san/shell/main.o $(BUILD)/librosh-san.a
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/tests/%: tests/%.c $(BUILD)/librosh-san.a
	@mkdir -p $(dir $@)
	@echo "  TEST    $<"
	@$(CC) $(ALL_CFLAGS) $(SAN) -O1 -o $@ $< $(BUILD)/librosh-san.a $(CHECK_LIBS) $(PKG_LIBS) -lm

# make install [PREFIX=/usr/local] [DESTDIR=...]: the console, the
# daemon, the account helper and the systemd unit.  docs/ssh.md tells
# how to make rosh the login shell of an account (rosh-adduser NAME).
PREFIX  ?= /usr/local
UNITDIR ?= $(PREFIX)/lib/systemd/system

.PHONY: install
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/sbin \
	    $(DESTDIR)$(UNITDIR)
	install -m 0755 $(BUILD)/rosh $(DESTDIR)$(PREFIX)/bin/rosh
	install -m 0755 $(BUILD)/roshd $(DESTDIR)$(PREFIX)/sbin/roshd
	sed 's|/usr/local/bin/rosh|$(PREFIX)/bin/rosh|' packaging/rosh-adduser \
	    >$(DESTDIR)$(PREFIX)/sbin/rosh-adduser
	chmod 0755 $(DESTDIR)$(PREFIX)/sbin/rosh-adduser
	sed 's|/usr/local/sbin/roshd|$(PREFIX)/sbin/roshd|' \
	    packaging/roshd.service >$(DESTDIR)$(UNITDIR)/roshd.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/roshd.service

run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(HOME)/.rosh
	./$(BUILD)/rosh --db $(HOME)/.rosh/config.db

# Unit tests under ASan+UBSan, then the console end-to-end tests, then
# the fuzz corpus replay.  The last line is the overall summary.
check: deps
	@$(MAKE) --no-print-directory all $(BUILD)/rosh-san $(TEST_BINS)
	@tests/run-all.sh $(BUILD)

unit: $(TEST_BINS)
	@for t in $(TEST_BINS); do $$t || exit 1; done

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/bench/fw_reconcile
	@bench/run.sh $(BUILD)

fuzz: deps
	@$(MAKE) --no-print-directory -f fuzz/fuzz.mk BUILD=$(BUILD)

# Real-kernel tests: each tests/e2e/scenarios/*.sh runs in a Debian kernel
# booted under qemu (tests/e2e/vm.sh); the last line is the summary.
.PHONY: e2e
e2e: deps
	@$(MAKE) --no-print-directory all
	@tests/e2e/run-all.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
