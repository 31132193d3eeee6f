#!/usr/bin/env bash
# Whole-system import benchmark: `berdaya import persons` against the bulk loader
# of each engine on the same generated file, in the same run (ratios, not
# absolute times: the machine is shared and noisy).
#
#   bench/import.sh [PERSONS]            default 1,000,000 persons
#
# Environment:
#   BENCH_KEEP_DB=PATH   keep the imported SQLite database at PATH (for list.sh)
#   BENCH_KEEP_CSV=PATH  keep the generated CSV at PATH
#   BENCH_SEED=N         demo seed (default 1)
#   BENCH_PG=0           skip PostgreSQL even when a server answers
#   BENCH_PG_HOST/PORT/USER  PostgreSQL server (default 127.0.0.1 5432 postgres)
#   BENCH_TMP=DIR        where the work directory is made (default /tmp)
set -euo pipefail

PERSONS=${1:-1000000}
[[ $PERSONS =~ ^[0-9]+$ && $PERSONS -gt 0 ]] || { echo "usage: $0 [PERSONS]" >&2; exit 2; }
SEED=${BENCH_SEED:-1}
PGHOST_=${BENCH_PG_HOST:-127.0.0.1}
PGPORT_=${BENCH_PG_PORT:-5432}
PGUSER_=${BENCH_PG_USER:-postgres}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/berdaya-bench-import.XXXXXX")
PG_DBS=()
cleanup() {
	for d in "${PG_DBS[@]}"; do
		psql -X -q -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true
	done
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "n/a" }'; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

BIN=$WORK/berdaya
log "building"
(cd "$ROOT" && go build -o "$BIN" ./cmd/berdaya)

# --- the file -----------------------------------------------------------------
HOUSEHOLDS=$(awk -v p="$PERSONS" 'BEGIN { h = int(p / 3.5 + 0.5); if (h < 1) h = 1; print h }')
CSV=$WORK/persons.csv
log "generating $HOUSEHOLDS households (seed $SEED)"
t0=$(now)
"$BIN" demo --db "$WORK/gen.db" --csv "$CSV" --households "$HOUSEHOLDS" --seed "$SEED" >"$WORK/gen.out"
t1=$(now)
rm -f "$WORK"/gen.db*
ROWS=$(($(wc -l <"$CSV") - 1))
SIZE=$(du -m "$CSV" | cut -f1)
log "$(cat "$WORK/gen.out") ($ROWS data lines, ${SIZE} MiB, $(elapsed "$t0" "$t1") s)"

COLS="nik TEXT, no_kk TEXT, nama TEXT, jenis_kelamin TEXT, tanggal_lahir TEXT, hubungan TEXT, kode_wilayah TEXT, alamat TEXT, kelompok_sasaran TEXT, pendidikan TEXT, pekerjaan TEXT, disabilitas TEXT, telepon TEXT, persetujuan TEXT, tanggal_persetujuan TEXT"

# run_import DB OUTFILE: times `berdaya import persons`, echoes seconds; the
# summary line goes to OUTFILE, the progress bar is discarded.
run_import() {
	local db=$1 out=$2 a b
	a=$(now)
	"$BIN" import persons "$CSV" --db "$db" --errors "$WORK/errors.csv" >"$out" 2>"$out.err" || {
		echo "berdaya import failed:" >&2; tail -c 2000 "$out.err" >&2; return 1; }
	b=$(now)
	elapsed "$a" "$b"
}

# --- SQLite ----------------------------------------------------------------------
SQ_RAW=$WORK/raw.sqlite
log "sqlite3 .import baseline"
a=$(now)
/usr/bin/sqlite3 "$SQ_RAW" <<EOF
CREATE TABLE persons_raw ($COLS);
.mode csv
.import --csv --skip 1 $CSV persons_raw
EOF
b=$(now)
T_SQ_RAW=$(elapsed "$a" "$b")
N_SQ_RAW=$(/usr/bin/sqlite3 "$SQ_RAW" 'SELECT count(*) FROM persons_raw')
rm -f "$SQ_RAW"
log "sqlite3 .import: $N_SQ_RAW rows in $T_SQ_RAW s"

SQ_DB=$WORK/berdaya.db
"$BIN" users add --db "$SQ_DB" --username admin --password rahasia-123 --role admin >/dev/null
log "berdaya import into SQLite"
T_SQ=$(run_import "$SQ_DB" "$WORK/sq1.out")
OUT_SQ=$(tail -n1 "$WORK/sq1.out")
log "berdaya import (SQLite): $OUT_SQ in $T_SQ s"

log "berdaya re-import into SQLite (all unchanged)"
T_SQ_RE=$(run_import "$SQ_DB" "$WORK/sq2.out")
OUT_SQ_RE=$(tail -n1 "$WORK/sq2.out")
log "berdaya re-import (SQLite): $OUT_SQ_RE in $T_SQ_RE s"
SQ_SIZE=$(du -cm "$SQ_DB"* | tail -n1 | cut -f1)

# --- PostgreSQL --------------------------------------------------------------------
PG_STATUS="skipped"
if [[ ${BENCH_PG:-1} != 0 ]] && pg_isready -q -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" 2>/dev/null; then
	psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" "$@"; }
	SUF="$(date +%s)_$$"
	PG_APP=bench_berdaya_$SUF
	PG_RAW=bench_copy_$SUF
	PG_DBS=("$PG_APP" "$PG_RAW")
	psql_ -d postgres -c "CREATE DATABASE $PG_APP" -c "CREATE DATABASE $PG_RAW" >/dev/null

	log "psql \\copy baseline"
	psql_ -d "$PG_RAW" -c "CREATE TABLE persons_raw ($COLS)" >/dev/null
	a=$(now)
	psql_ -d "$PG_RAW" -c "\\copy persons_raw FROM '$CSV' CSV HEADER" >/dev/null
	b=$(now)
	T_PG_RAW=$(elapsed "$a" "$b")
	N_PG_RAW=$(psql_ -d "$PG_RAW" -tA -c 'SELECT count(*) FROM persons_raw')
	log "psql \\copy: $N_PG_RAW rows in $T_PG_RAW s"

	URL="postgres://$PGUSER_@$PGHOST_:$PGPORT_/$PG_APP?sslmode=disable"
	"$BIN" users add --db "$URL" --username admin --password rahasia-123 --role admin >/dev/null
	log "berdaya import into PostgreSQL"
	T_PG=$(run_import "$URL" "$WORK/pg1.out")
	OUT_PG=$(tail -n1 "$WORK/pg1.out")
	log "berdaya import (PostgreSQL): $OUT_PG in $T_PG s"
	PG_STATUS="done"
	for d in "${PG_DBS[@]}"; do psql_ -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null; done
	PG_DBS=()
fi

if [[ -n ${BENCH_KEEP_DB:-} ]]; then
	mv "$SQ_DB" "$BENCH_KEEP_DB"
	for s in -wal -shm; do [[ -e $SQ_DB$s ]] && mv "$SQ_DB$s" "$BENCH_KEEP_DB$s"; done
	log "kept the SQLite database at $BENCH_KEEP_DB"
fi
if [[ -n ${BENCH_KEEP_CSV:-} ]]; then
	mv "$CSV" "$BENCH_KEEP_CSV"
	log "kept the CSV at $BENCH_KEEP_CSV"
fi

# --- summary -------------------------------------------------------------------------
echo
echo "berdaya import benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) cores  commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "file: $ROWS persons in $HOUSEHOLDS households, ${SIZE} MiB (seed $SEED)"
printf '%-34s %10s %12s %8s  %s\n' "step" "seconds" "rows/s" "ratio" "result"
printf '%-34s %10s %12s %8s  %s\n' "sqlite3 .import (baseline)" "$T_SQ_RAW" "$(rate "$ROWS" "$T_SQ_RAW")" "1.0" "$N_SQ_RAW rows"
printf '%-34s %10s %12s %8s  %s\n' "berdaya import, SQLite" "$T_SQ" "$(rate "$ROWS" "$T_SQ")" "$(ratio "$T_SQ" "$T_SQ_RAW")" "$OUT_SQ"
printf '%-34s %10s %12s %8s  %s\n' "berdaya re-import, SQLite" "$T_SQ_RE" "$(rate "$ROWS" "$T_SQ_RE")" "$(ratio "$T_SQ_RE" "$T_SQ_RAW")" "$OUT_SQ_RE"
if [[ $PG_STATUS == done ]]; then
	printf '%-34s %10s %12s %8s  %s\n' "psql \\copy (baseline)" "$T_PG_RAW" "$(rate "$ROWS" "$T_PG_RAW")" "1.0" "$N_PG_RAW rows"
	printf '%-34s %10s %12s %8s  %s\n' "berdaya import, PostgreSQL" "$T_PG" "$(rate "$ROWS" "$T_PG")" "$(ratio "$T_PG" "$T_PG_RAW")" "$OUT_PG"
else
	echo "PostgreSQL: skipped (no server answered at $PGHOST_:$PGPORT_, or BENCH_PG=0)"
fi
echo "SQLite database after import: ${SQ_SIZE} MiB"
