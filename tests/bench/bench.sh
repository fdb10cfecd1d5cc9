#!/usr/bin/env bash
# bench.sh: `make bench`. Loads the readers' pages of a database of N
# generated articles with wrk, through nginx + gazette and as static files
# from the same nginx, and prints one table (then one with every request
# rendered, and one with nginx's page cache on). Everything it starts is stopped by PID on exit, Ctrl-C too.
#
#   bench.sh BINARY        (environment: N DURATION CONNS THREADS RENDER_TABLE
#                          CACHE_TABLE)
#
# The database of each N is cached in build/bench/data-N and made again when
# gen.py or a migration changes. Making it also times `gazette import` of
# min(N, 100000) generated seed files, the importer's target being 100,000
# in under 30 s; above 100,000 articles the database itself is filled by
# gen.py's fast path (same rows, one transaction).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
N=${N:-1000} DURATION=${DURATION:-5} CONNS=${CONNS:-32} THREADS=${THREADS:-2}
CACHE_TABLE=${CACHE_TABLE:-1} RENDER_TABLE=${RENDER_TABLE:-1}
IMPORT_MAX=100000
gen="$root/tests/bench/gen.py"
bench="$root/build/bench"
data="$bench/data-$N"
run="$bench/run"

[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "bench: N must be a positive number" >&2; exit 1; }
[ -x "$bin" ] || { echo "bench: no executable at $bin" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk is not installed (make bench installs it)" >&2; exit 1; }

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# --- the database ------------------------------------------------------
# What the data depends on: the generator, the schema, and N.
stamp=$(cat "$gen" "$root"/sql/[0-9][0-9][0-9]_*.sql | sha256sum | cut -c1-16)-$N
if [ "$(cat "$data/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "Generating $N articles into $data (cached for the next runs)"
	rm -rf "$data"; mkdir -p "$data/seeds"
	m=$(( N < IMPORT_MAX ? N : IMPORT_MAX ))
	t0=$(now)
	python3 "$gen" seeds "$data/seeds" 0 "$m" "$N"
	t1=$(now)
	"$bin" --db "$data/import.db" migrate 2>/dev/null
	# xargs: gazette takes at most 4096 files per command; each batch is a
	# separate `gazette import` and all are timed together.
	( cd "$data/seeds" && printf '%s\n' *.txt | xargs -n 4000 "$bin" --db "$data/import.db" \
		import --media "$data/media" >/dev/null )
	t2=$(now)
	echo "seed files: $m written in $(secs "$t0" "$t1") s" > "$data/timings"
	echo "gazette import: $m articles in $(secs "$t1" "$t2") s" >> "$data/timings"
	rm -rf "$data/seeds"
	if [ "$N" -le "$IMPORT_MAX" ]; then
		mv "$data/import.db" "$data/gazette.db"
	else
		rm -f "$data"/import.db*
		t3=$(now)
		python3 "$gen" fill "$data/gazette.db" "$bin" "$N" 2>&1 | grep -v 'applied migration' >&2 || true
		echo "fast fill (gen.py fill): $N articles in $(secs "$t3" "$(now)") s" >> "$data/timings"
	fi
	# One search segment, as migrations 003 and 004 leave the index after
	# filling it: imports of one file at a time and one big transaction
	# leave different segments, and both should be measured alike.
	t4=$(now)
	python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("INSERT INTO article_search(article_search) VALUES (\x27optimize\x27)")
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")' "$data/gazette.db"
	echo "search index optimize: $(secs "$t4" "$(now)") s" >> "$data/timings"
	echo "database: $(du -m "$data/gazette.db" | cut -f1) MiB" >> "$data/timings"
	echo "$stamp" > "$data/stamp"
fi

# --- the pages ---------------------------------------------------------
mapfile -t terms < <(python3 "$gen" terms)
zh=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "${terms[2]}")
last=$(( (N + 9) / 10 ))
mkdir -p "$bench"
pages="$bench/pages.tsv"
printf '%s\t%s\n' \
	home / \
	list-1 /articles/ \
	list-deep "/articles/?page=$last" \
	article "/articles/$(( N / 2 + 1 ))" \
	search-rare "/search?q=${terms[0]}" \
	search-common "/search?q=${terms[1]}" \
	search-zh2 "/search?q=$zh" \
	feed /feed.xml > "$pages"

# --- the servers -------------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() { "$root/tests/site.sh" stop "$run" 2>/dev/null || true; }
trap 'stop' EXIT
trap 'echo; echo "bench: interrupted, stopping the servers" >&2; exit 130' INT TERM
rm -rf "$run"; mkdir -p "$run/twin"
start() {
	SITE_STATIC_TWIN="$run/twin" GAZETTE_TEMPLATES="$root/templates" \
		"$root/tests/site.sh" start "$run" "$port" "$data/gazette.db" "$bin"
}

echo
echo "gazette bench: N=$N, wrk -t$THREADS -c$CONNS -d${DURATION}s per page"
echo "command: make bench N=$N DURATION=$DURATION CONNS=$CONNS"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
	"$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
echo "binary:  $bin (workers: one per CPU); nginx: 1 worker, access log on"
sed 's/^/data:    /' "$data/timings"
# Other work on the machine skews every figure: say how busy it was.
read -r load1 _ < /proc/loadavg
echo "load:    $load1 (1-minute average before the runs)"
awk -v l="$load1" 'BEGIN { exit !(l > 0.5) }' &&
	echo "warning: the machine is busy; the figures below are lower than on an idle one" >&2

measure=(python3 "$root/tests/bench/measure.py" --port "$port" --run "$run" --pages "$pages"
	--duration "$DURATION" --conns "$CONNS" --threads "$THREADS")
start
"${measure[@]}" --json "$run/plain.json" \
	--title "Responder (nginx fastcgi_cache off) vs the same bytes as static files, N=$N"
if [ "$RENDER_TABLE" = 1 ]; then
	# What a miss costs: the worker's page cache off, so every request
	# runs its queries and renders (deep pages, search at large N).
	stop
	GAZETTE_PAGE_CACHE=off start
	"${measure[@]}" --json "$run/rendered.json" --static-from "$run/plain.json" \
		--title "Every request rendered (GAZETTE_PAGE_CACHE=off; static figures from the first table), N=$N"
fi
if [ "$CACHE_TABLE" = 1 ]; then
	stop
	SITE_CACHE=1 start
	"${measure[@]}" --json "$run/cached.json" --static-from "$run/plain.json" \
		--title "With nginx's page cache on (SITE_CACHE=1; static figures from the first table), N=$N"
fi
