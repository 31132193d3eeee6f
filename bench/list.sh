#!/usr/bin/env bash
# Whole-system list benchmark: a SQLite database of PERSONS generated persons,
# `berdaya serve` on a free loopback port, and bench/list sending a seeded mix of
# filtered GET /api/v1/persons requests at concurrency 1 and 4.
#
#   bench/list.sh [PERSONS]              default 1,000,000 persons
#
# Environment:
#   BENCH_DB=PATH      use this existing SQLite database (with user admin) instead
#                      of generating and importing; e.g. one kept by
#                      BENCH_KEEP_DB=PATH bench/import.sh. It is used in place
#                      (a token is added to it).
#   BENCH_KEEP_DB=PATH keep the generated database at PATH
#   BENCH_N=N          requests per run (default 300)
#   BENCH_SEED=N       seed of the data and the query mix (default 1)
#   BENCH_TMP=DIR      where the work directory is made (default /tmp)
set -euo pipefail

PERSONS=${1:-1000000}
[[ $PERSONS =~ ^[0-9]+$ && $PERSONS -gt 0 ]] || { echo "usage: $0 [PERSONS]" >&2; exit 2; }
SEED=${BENCH_SEED:-1}
N=${BENCH_N:-300}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/berdaya-bench-list.XXXXXX")
SERVER_PID=""
stop_server() {
	if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill "$SERVER_PID" 2>/dev/null || true
		for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
		kill -9 "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
	SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

BIN=$WORK/berdaya
LIST=$WORK/list
log "building"
(cd "$ROOT" && go build -o "$BIN" ./cmd/berdaya && go build -o "$LIST" ./bench/list)

if [[ -n ${BENCH_DB:-} ]]; then
	DB=$BENCH_DB
	[[ -f $DB ]] || { echo "BENCH_DB=$DB: no such file" >&2; exit 2; }
	log "using the existing database $DB"
else
	DB=$WORK/berdaya.db
	HOUSEHOLDS=$(awk -v p="$PERSONS" 'BEGIN { h = int(p / 3.5 + 0.5); if (h < 1) h = 1; print h }')
	log "generating $HOUSEHOLDS households (seed $SEED)"
	"$BIN" demo --db "$WORK/gen.db" --csv "$WORK/persons.csv" --households "$HOUSEHOLDS" --seed "$SEED" >&2
	rm -f "$WORK"/gen.db*
	"$BIN" users add --db "$DB" --username admin --password rahasia-123 --role admin >/dev/null
	log "importing"
	a=$(now)
	"$BIN" import persons "$WORK/persons.csv" --db "$DB" --errors "$WORK/errors.csv" 2>/dev/null | tail -n1 >&2
	log "imported in $(elapsed "$a" "$(now)") s"
	rm -f "$WORK/persons.csv"
fi

TOKEN=$("$BIN" users token --db "$DB" --name bench-list admin | tail -n1)

# A free loopback port: one that nothing answers on.
PORT=""
for _ in $(seq 1 50); do
	p=$((20000 + RANDOM % 40000))
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
[[ -n $PORT ]] || { echo "no free port found" >&2; exit 1; }
URL=http://127.0.0.1:$PORT

log "serving on $URL"
"$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
	curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break
	kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:" >&2; tail -n 20 "$WORK/serve.log" >&2; exit 1; }
	sleep 0.2
done
curl -fsS -o /dev/null "$URL/healthz" || { echo "server did not come up" >&2; exit 1; }
WEB=$(curl -s -o /dev/null -w '%{http_code}' "$URL/persons" || true)

echo
echo "berdaya list benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) cores  commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "database: $DB ($(du -cm "$DB"* | tail -n1 | cut -f1) MiB); web page /persons answers $WEB (not measured; the API is)"
status=0
for c in 1 4; do
	"$LIST" --url "$URL" --token "$TOKEN" --n "$N" --concurrency "$c" --seed "$SEED" || status=1
	echo
done
stop_server

if [[ -z ${BENCH_DB:-} && -n ${BENCH_KEEP_DB:-} ]]; then
	mv "$DB" "$BENCH_KEEP_DB"
	for s in -wal -shm; do [[ -e $DB$s ]] && mv "$DB$s" "$BENCH_KEEP_DB$s"; done
	log "kept the database at $BENCH_KEEP_DB"
fi
exit $status
