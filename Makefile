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
# systemd: test_install checks docs/gazette.service with systemd-analyze
# (no running systemd needed).
TEST_DEBS := libcmocka-dev clang libclang-rt-14-dev python3 python3-feedparser openssl \
             chromium fonts-droid-fallback wrk systemd
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

.PHONY: all run test unit integration fuzz-smoke fuzz clean install uninstall deps test-deps check-web screenshots bench
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
            cgi/http_conditional.c cgi/i18n.c cgi/markdown.c cgi/form_body.c \
            cgi/config.c cgi/config_values.c cgi/paths.c cgi/json_import.c cgi/json_article.c \
            cgi/export_format.c
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB) $(HDRS) | $(BUILD)/fuzz
	clang -std=c11 $(WARN) -D_GNU_SOURCE -Icgi -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    $< $(FUZZ_LIB) -o $@ $$(pkg-config --libs libcmark jansson libsodium)

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
# make install [PREFIX=/usr/local] [DESTDIR=] [INSTALL_BIN=path]
# Lays out an installed gazette (docs/deploy.md):
#   BINDIR/gazette                   the program
#   DATADIR/templates, static, sql   read-only data (the program finds the
#                                    templates as ../share/gazette/templates
#                                    from its own folder, so BINDIR and DATADIR
#                                    must stay PREFIX/bin and PREFIX/share/gazette)
#   SYSCONFDIR/gazette/gazette.conf  the config (docs/gazette.conf), written only
#                                    when none is there; the program reads it from
#                                    PREFIX/etc, or /etc when PREFIX ends in /usr
#   UNITDIR/gazette.service          the systemd unit (docs/gazette.service)
#   STATEDIR, STATEDIR/media         made when missing, for gazette:www-data
# Plain `make install` builds first; INSTALL_BIN=path installs that binary
# instead, without building (the tests install the binary under test).
BINDIR     = $(PREFIX)/bin
DATADIR    = $(PREFIX)/share/gazette
SYSCONFDIR = $(if $(filter %/usr,$(PREFIX)),$(patsubst %/usr,%/etc,$(PREFIX)),$(PREFIX)/etc)
STATEDIR   = /var/lib/gazette
UNITDIR    = $(if $(filter /usr /usr/local,$(PREFIX)),$(PREFIX)/lib/systemd/system,/etc/systemd/system)
INSTALL_BIN ?=
# The samples name the paths of `make install PREFIX=/usr`; these fill in
# the paths of this install.
FILL_CONF = sed -e 's|/var/lib/gazette|$(STATEDIR)|g' \
                -e 's|^\# templates = /usr/share/gazette/|\# templates = $(DATADIR)/|'
FILL_UNIT = sed -e 's|^ExecStart=/usr/bin/|ExecStart=$(BINDIR)/|' \
                -e 's|/etc/gazette/gazette.conf|$(SYSCONFDIR)/gazette/gazette.conf|g' \
                -e 's|/var/lib/gazette|$(STATEDIR)|g'

install: $(if $(INSTALL_BIN),,$(BUILD)/gazette)
	@[ -x "$(or $(INSTALL_BIN),$(BUILD)/gazette)" ] || \
	  { echo "install: no program at $(or $(INSTALL_BIN),$(BUILD)/gazette)"; exit 1; }
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(DATADIR)/static $(DESTDIR)$(DATADIR)/sql \
	    $(DESTDIR)$(SYSCONFDIR)/gazette $(DESTDIR)$(UNITDIR)
	@# A new file renamed over the old one: a running gazette keeps its copy.
	install -m 0755 $(or $(INSTALL_BIN),$(BUILD)/gazette) $(DESTDIR)$(BINDIR)/.gazette.new
	mv -f $(DESTDIR)$(BINDIR)/.gazette.new $(DESTDIR)$(BINDIR)/gazette
	install -m 0644 templates/*.tpl $(DESTDIR)$(DATADIR)/templates/
	install -m 0644 static/* $(DESTDIR)$(DATADIR)/static/
	install -m 0644 sql/*.sql $(DESTDIR)$(DATADIR)/sql/
	$(FILL_CONF) docs/gazette.conf > $(DESTDIR)$(DATADIR)/gazette.conf.sample
	chmod 0644 $(DESTDIR)$(DATADIR)/gazette.conf.sample
	$(FILL_UNIT) docs/gazette.service > $(DESTDIR)$(UNITDIR)/gazette.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/gazette.service
	@# The config: never over an operator's file. root:gazette 0640 when
	@# that group exists (the service reads it as a member), else 0644.
	@conf=$(DESTDIR)$(SYSCONFDIR)/gazette/gazette.conf; \
	if [ -e "$$conf" ]; then \
	  echo "install: keeping $$conf (this release's sample: $(DATADIR)/gazette.conf.sample)"; \
	else \
	  if [ "$$(id -u)" -eq 0 ] && getent group gazette >/dev/null; then \
	    mode=0640; group=gazette; else mode=0644; group=; fi; \
	  echo "install: writing $$conf (mode $$mode$${group:+, group $$group})"; \
	  install -m $$mode $${group:+-g $$group} $(DESTDIR)$(DATADIR)/gazette.conf.sample "$$conf" || exit 1; \
	fi
	@# The state folder: gazette:www-data 0750 when both exist (as
	@# systemd's StateDirectory= would make it); never changed once there.
	@for d in $(DESTDIR)$(STATEDIR) $(DESTDIR)$(STATEDIR)/media; do \
	  [ -d "$$d" ] && continue; \
	  if [ "$$(id -u)" -eq 0 ] && id -u gazette >/dev/null 2>&1 && getent group www-data >/dev/null; then \
	    install -d -m 0750 -o gazette -g www-data "$$d"; else install -d -m 0750 "$$d"; fi || exit 1; \
	  echo "install: made $$d"; \
	done

# Removes what install put, except the config and the state folder (the
# site's data): those are the operator's to delete.
uninstall:
	@case "$(DATADIR)" in */gazette) ;; *) echo "uninstall: DATADIR $(DATADIR) is not gazette's own folder; refusing to delete it"; exit 1 ;; esac
	rm -f $(DESTDIR)$(BINDIR)/gazette $(DESTDIR)$(UNITDIR)/gazette.service
	rm -rf $(DESTDIR)$(DATADIR)
	@echo "uninstall: kept $(DESTDIR)$(SYSCONFDIR)/gazette/gazette.conf and $(DESTDIR)$(STATEDIR) (delete them by hand if you want them gone)"

clean:
	rm -rf $(BUILD)
