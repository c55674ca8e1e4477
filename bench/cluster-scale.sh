#!/usr/bin/env bash
# Scale-out on one machine (docs/benchmarks.md, "Scale-out"): for 1, 2 and 3 silo processes (SILOS="1 2 3"), a fresh
# throwaway PostgreSQL, the silos and one gateway in cluster mode on loopback; `fleet-bench load` with AGENTS agents
# enrolled for real, each reporting changed facts every INTERVAL s for DURATION s; then RUNS sequential REST queries of
# the first seed question; then the resident memory of every process. One line per silo count, all from one run.
# Reports are offered faster than one machine takes them, so "reports/s acked" is what the cluster sustained: every ack
# over the time from all agents connected to the last ack of the drain.
#
#   dotnet build -c Release silo && dotnet build -c Release gateway && dotnet build -c Release bench/Fleet.Bench
#   bench/cluster-scale.sh        (SILOS="1 2 3" AGENTS=2000 INTERVAL=1 DURATION=30 RUNS=30 by default)
#
# Bounded: per silo count, enrollment, DURATION s of load, a drain of at most 60 s and RUNS queries.
set -euo pipefail

SILOS=${SILOS:-1 2 3}
AGENTS=${AGENTS:-2000}
INTERVAL=${INTERVAL:-1}
DURATION=${DURATION:-30}
RUNS=${RUNS:-30}
QUERY='FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE'

if [[ ${1:-} != one ]]; then
  echo "| silos | agents | enrolled in | reports/s acked | ack p50 / p99 ms | query p50 / p99 ms | RSS per silo MB | gateway RSS MB | PostgreSQL commits/s | load average |"
  echo "|---:|---:|---:|---:|---|---|---|---:|---:|---|"
  for n in $SILOS; do N=$n "$0" one; done
  exit 0
fi

CLUSTER_ID=scale-$N
source "$(dirname "$0")/cluster-lib.sh"
start_postgres >&2
for i in $(seq 1 "$N"); do start_silo "$i" >&2; done
start_gateway >&2

commits() { psql -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = 'fleet'"; }
LOAD_LOG=$WORK/load.log
t0=$SECONDS
dotnet "$BENCH_DLL" load --agents "$AGENTS" --interval "$INTERVAL" --duration "$DURATION" --stagger 2 --facts changed \
  --heartbeat 60 --drain 60 --connections 8 --enroll-parallelism 32 \
  --gateway "http://127.0.0.1:$HTTP_PORT" --agent-url "http://127.0.0.1:$AGENT_PORT" --operator-key "$Fleet__OperatorKey" \
  >"$LOAD_LOG" 2>&1 &
LOAD_PID=$!; PIDS+=($LOAD_PID)
AGENTS_N0=$(python3 -c "print(f'{$AGENTS:,}')")   # as the load prints it (N0)
until grep -q "connected now $AGENTS_N0," "$LOAD_LOG"; do
  kill -0 $LOAD_PID 2>/dev/null || { log "load ended before all agents connected" >&2; tail -20 "$LOAD_LOG" >&2; exit 1; }
  sleep 1
done
ENROLLED_IN=$((SECONDS - t0))
c0=$(commits); s0=$SECONDS
wait $LOAD_PID || true
LOAD_SECONDS=$((SECONDS - s0))
COMMITS_PER_S=$(( ($(commits) - c0) / LOAD_SECONDS ))
ACCOUNT_KEY=$(grep -o 'key fleet_[A-Za-z0-9_-]*' "$LOAD_LOG" | head -1 | cut -d' ' -f2)

# The summary row: | agents | connected | queued | acked | unacked | resent | duplicates | refused | stream ends | ack p50 / p99 / max ms |
SUMMARY=$(grep -A2 '^| agents | connected' "$LOAD_LOG" | tail -1)
ACKED=$(echo "$SUMMARY" | awk -F'|' '{gsub(/[ ,]/, "", $5); print $5}')
ACK_MS=$(echo "$SUMMARY" | awk -F'|' '{split($11, a, "/"); gsub(/ /, "", a[1]); gsub(/ /, "", a[2]); print a[1] " / " a[2]}')

for _ in $(seq 1 "$RUNS"); do
  curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $ACCOUNT_KEY" -H 'Content-Type: application/json' \
    -d "{\"query\":\"$QUERY\"}" "http://127.0.0.1:$HTTP_PORT/api/v1/query"
done >"$WORK/query.times"
QUERY_MS=$(python3 -c '
import sys
t = sorted(float(l) * 1000 for l in open(sys.argv[1]) if l.strip())
print(f"{t[len(t) // 2]:.0f} / {t[min(len(t) - 1, int(len(t) * 0.99))]:.0f}")' "$WORK/query.times")

SILO_RSS=$(for i in $(seq 1 "$N"); do rss_mb "${SILO_PID[$i]}"; done | paste -sd' ' | sed 's/ / + /g')
echo "| $N | $AGENTS | $ENROLLED_IN s | $(( ${ACKED:-0} / LOAD_SECONDS )) | $ACK_MS | $QUERY_MS | $SILO_RSS | $(rss_mb "$GATEWAY_PID") | $COMMITS_PER_S | $(cut -d' ' -f1-3 /proc/loadavg) |"
