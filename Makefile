# gazette: build, run and test. `make run` and `make test` are the whole
# set-up on a fresh Debian machine: they install what is missing first.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   := build
PORT    ?= 8080
DB      ?= $(CURDIR)/run/gazette.db

CC      ?= cc
CXX     ?= c++
PKGS    := fcgi libctemplate sqlite3 libsodium libcmark libmagic jansson
WARN    := -Wall -Wextra -Wpedantic -Werror
CFLAGS  ?= -O2 -g
CXXFLAGS ?= -O2 -g
ALL_CFLAGS   = -std=c11 $(WARN) -D_GNU_SOURCE -Icgi $(CFLAGS)
ALL_CXXFLAGS = -std=c++17 $(WARN) -Icgi $(CXXFLAGS)
LIBS     = $$(pkg-config --libs $(PKGS) 2>/dev/null || echo -lfcgi -lctemplate -lsqlite3 -lsodium -lcmark -lmagic -ljansson)
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# Debian packages: to build and run, and (in addition) to test.
RUN_DEBS  := gcc g++ make pkg-config libfcgi-dev libctemplate-dev libsqlite3-dev \
             libsodium-dev libcmark-dev libmagic-dev libmagic-mgc libjansson-dev nginx-light curl
TEST_DEBS := libcmocka-dev clang libclang-rt-14-dev python3 python3-feedparser openssl \
             chromium fonts-droid-fallback wrk
# `make bench`: the HTTP load generator (test_faults loads the site with it too).
BENCH_DEBS := wrk python3
# Node and npm for the browser test, from Debian each only when its command
# is missing (a machine may have them from elsewhere, e.g. NodeSource).
NODE_DEBS := $(if $(shell command -v node 2>/dev/null),,nodejs) \
             $(if $(shell command -v npm 2>/dev/null),,npm)

C_SRCS   := $(wildcard cgi/*.c)
LIB_SRCS := $(filter-out cgi/main.c,$(C_SRCS))
OBJS     := $(C_SRCS:cgi/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/template.o $(BUILD)/obj/migrations.o
LIB_OBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS))
SAN_OBJS := $(OBJS:$(BUILD)/obj/%=$(BUILD)/asan/%)
SAN_LIB_OBJS := $(LIB_OBJS:$(BUILD)/obj/%=$(BUILD)/asan/%)
HDRS     := $(wildcard cgi/*.h)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/asan/%)
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)
MIGRATIONS := $(sort $(wildcard sql/[0-9][0-9][0-9]_*.sql))

.PHONY: all run test unit integration fuzz-smoke fuzz clean install deps test-deps check-web screenshots bench
all: $(BUILD)/gazette

# --- packages ---------------------------------------------------------
# Installs only what dpkg says is missing; nothing when all is present.
define install_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null | grep -qx installed || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null || \
	  { echo "apt-get install failed for:$$missing (run as root, or install them by hand)"; exit 1; }; \
	fi
endef

deps:
	$(call install_debs,$(RUN_DEBS))

# The browser test's npm packages (tests/browser/package-lock.json) are
# installed again only when node_modules is missing or the lock is newer.
test-deps: deps
	$(call install_debs,$(TEST_DEBS) $(NODE_DEBS))
	@if [ ! -d tests/browser/node_modules ] || \
	    [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then \
	  echo "Installing the browser test's npm packages (tests/browser)"; \
	  ( cd tests/browser && npm ci --no-audit --no-fund --loglevel=error ) && \
	  touch tests/browser/node_modules/.package-lock.json || \
	  { echo "npm ci failed in tests/browser"; exit 1; }; \
	fi

# --- build ------------------------------------------------------------
$(BUILD)/obj $(BUILD)/asan $(BUILD)/fuzz:
	mkdir -p $@

# The migrations are compiled in: each sql/NNN_name.sql becomes a byte
# array (a string literal could exceed what ISO C promises to support).
$(BUILD)/migrations.c: $(MIGRATIONS) Makefile | $(BUILD)/obj
	@{ echo '/* generated from sql/ by the Makefile: do not edit */'; \
	   echo '#include <stddef.h>'; \
	   echo 'struct migration { int version; const char *name; const char *sql; };'; \
	   echo 'extern const struct migration migrations[];'; \
	   echo 'extern const size_t migrations_count;'; \
	   for f in $(MIGRATIONS); do \
	     v=$$(basename $$f | cut -c1-3 | sed 's/^0*//'); \
	     echo "static const unsigned char sql_$$v[] = {"; \
	     od -An -v -tu1 $$f | sed -e 's/^ *//' -e 's/  */,/g' -e 's/$$/,/'; \
	     echo '0 };'; \
	   done; \
	   echo 'const struct migration migrations[] = {'; \
	   for f in $(MIGRATIONS); do \
	     n=$$(basename $$f); v=$$(echo $$n | cut -c1-3 | sed 's/^0*//'); \
	     echo "{ $$v, \"$$n\", (const char *)sql_$$v },"; \
	   done; \
	   echo '};'; \
	   echo 'const size_t migrations_count = sizeof(migrations) / sizeof(migrations[0]);'; \
	} > $@

$(BUILD)/obj/%.o: cgi/%.c $(HDRS) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) $$(pkg-config --cflags $(PKGS)) -c $< -o $@
$(BUILD)/obj/migrations.o: $(BUILD)/migrations.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@
$(BUILD)/obj/template.o: cgi/template.cc cgi/template.h | $(BUILD)/obj
	$(CXX) $(ALL_CXXFLAGS) $$(pkg-config --cflags libctemplate) -c $< -o $@
$(BUILD)/gazette: $(OBJS)
	$(CXX) $(OBJS) -o $@ $(LIBS)

# The same program built with AddressSanitizer and UBSan, for the tests.
$(BUILD)/asan/%.o: cgi/%.c $(HDRS) | $(BUILD)/asan
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) $$(pkg-config --cflags $(PKGS)) -c $< -o $@
$(BUILD)/asan/migrations.o: $(BUILD)/migrations.c | $(BUILD)/asan
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c $< -o $@
$(BUILD)/asan/template.o: cgi/template.cc cgi/template.h | $(BUILD)/asan
	$(CXX) $(ALL_CXXFLAGS) -O1 $(SAN) -c $< -o $@
$(BUILD)/asan/gazette: $(SAN_OBJS)
	$(CXX) $(SAN) $(SAN_OBJS) -o $@ $(LIBS)
$(BUILD)/asan/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(SAN_LIB_OBJS)
	$(CXX) -x c -std=c11 $(WARN) -D_GNU_SOURCE -Icgi -O1 -g $(SAN) $< -x none \
	    $(SAN_LIB_OBJS) -o $@ $(LIBS) -lcmocka

# libFuzzer targets over the parsers of untrusted input (clang only).
FUZZ_LIB := cgi/arena.c cgi/strbuf.c cgi/urlencoded.c cgi/seed_parser.c cgi/router.c \
            cgi/pagination.c cgi/request.c cgi/cookie.c cgi/multipart.c cgi/header_param.c cgi/search_query.c \
            cgi/http_conditional.c cgi/i18n.c cgi/markdown.c cgi/form_body.c
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB) $(HDRS) | $(BUILD)/fuzz
	clang -std=c11 $(WARN) -D_GNU_SOURCE -Icgi -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    $< $(FUZZ_LIB) -o $@ $$(pkg-config --libs libcmark)

# --- run --------------------------------------------------------------
# A new database gets the demo content; an existing one is only migrated
# (importing the seeds again would change nothing anyway).
DEMO_NAME := Chengdu High-tech Medical Association Party Branch
run: deps all
	@mkdir -p run
	@fresh=0; [ -f "$(DB)" ] || fresh=1; \
	$(BUILD)/gazette --db "$(DB)" migrate && \
	$(BUILD)/gazette --db "$(DB)" import --media "$(CURDIR)/run/media" sql/seeds/*.txt >/dev/null && \
	if [ $$fresh = 1 ]; then $(BUILD)/gazette --db "$(DB)" setting site_name "$(DEMO_NAME)"; fi
	@tests/site.sh run "$(CURDIR)/run" "$(PORT)" "$(DB)" "$(CURDIR)/$(BUILD)/gazette"

# --- tests ------------------------------------------------------------
# Every suite runs; tests/run_suites.sh prints one "N passed, N failed".
test: test-deps all $(BUILD)/asan/gazette $(UNIT_BINS) $(FUZZ_BINS)
	@tests/run_suites.sh $(CURDIR)

# The readers' pages checked by machines: html-validate, axe-core at 360 and
# 1280 px, no JavaScript needed, no other host, Lighthouse >= 95
# (tests/browser/check_web.mjs; screenshots in tests/screenshots/).
check-web: test-deps $(BUILD)/gazette
	@GAZETTE_BIN=$(BUILD)/gazette node tests/browser/check_web.mjs

# The README's screenshots, docs/screenshots/home.png and article.png.
screenshots: test-deps $(BUILD)/gazette
	@GAZETTE_BIN=$(BUILD)/gazette node tests/browser/check_web.mjs --readme-shots

fuzz: test-deps $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do n=$$(basename $$f); mkdir -p $(BUILD)/corpus/$$n; \
	  echo "== $$n (60 s)"; $$f -max_total_time=60 -dict=tests/fuzz/$$n.dict \
	    $(BUILD)/corpus/$$n tests/fuzz/corpus/$$n || exit 1; done

# --- bench ------------------------------------------------------------
# Requests per second, latency, CPU and memory of the readers' pages against
# the same bytes as static files (tests/bench/bench.sh; docs/performance.md).
# The binary is built optimised without assertions in its own folder.
# BENCH_BIN=path measures another binary instead.
N        ?= 1000
DURATION ?= 5
CONNS    ?= 32
BENCH_CFLAGS := -O2 -DNDEBUG
bench: deps
	$(call install_debs,$(BENCH_DEBS))
	@if [ -z "$(BENCH_BIN)" ]; then \
	  $(MAKE) --no-print-directory BUILD=build/bench CFLAGS='$(BENCH_CFLAGS)' \
	    CXXFLAGS='$(BENCH_CFLAGS)' build/bench/gazette || exit 1; fi
	@N=$(N) DURATION=$(DURATION) CONNS=$(CONNS) \
	  tests/bench/bench.sh $(or $(BENCH_BIN),build/bench/gazette)

# --- install ----------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gazette/templates \
	    $(DESTDIR)$(PREFIX)/share/gazette/static $(DESTDIR)$(PREFIX)/share/gazette/sql
	install -m 0755 $(BUILD)/gazette $(DESTDIR)$(PREFIX)/bin/gazette
	install -m 0644 templates/*.tpl $(DESTDIR)$(PREFIX)/share/gazette/templates/
	cp -R static/. $(DESTDIR)$(PREFIX)/share/gazette/static/
	install -m 0644 sql/*.sql $(DESTDIR)$(PREFIX)/share/gazette/sql/

clean:
	rm -rf $(BUILD)
