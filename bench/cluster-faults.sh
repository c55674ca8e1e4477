#!/usr/bin/env bash
# Fault runs at the scale operators run (docs/reliability.md, "At scale"): a throwaway PostgreSQL, two silos and a
# gateway started as processes on loopback, `fleet-bench load` with reconnecting agents, then
#   kill     – kill -9 of one silo under load;
#   rolling  – a rolling restart: every silo stopped gracefully (SIGTERM) and started again, one after the other;
#   backup   – no fault; afterwards pg_dump, every process stopped, the database dropped and pg_restore'd, the
#              processes started again: the same queries must give the same answers (docs/backup-and-restore.md).
# Afterwards every device's acked reports are compared with what the database applied (fleet_check_history: with
# --facts flip every applied report is one firewall transition): lost = acked but not applied, twice = applied more
# often than sent. REST is probed during the run: any answer but 200 or 503 + Retry-After is an error.
#
#   dotnet build -c Release silo && dotnet build -c Release gateway && dotnet build -c Release bench/Fleet.Bench
#   bench/cluster-faults.sh kill|rolling|backup     (AGENTS=1000 INTERVAL=10 DURATION=150 by default)
#
# Everything listens on 127.0.0.1 on free ports; everything is written under one temp folder, deleted at the end
# (KEEP=1 keeps it). Bounded: the load runs DURATION s (+ enrollment and a drain of at most 90 s).
set -euo pipefail

SCENARIO=${1:-kill}
[[ $SCENARIO == kill || $SCENARIO == rolling || $SCENARIO == backup ]] || { echo "usage: $0 kill|rolling|backup" >&2; exit 2; }
AGENTS=${AGENTS:-1000}
INTERVAL=${INTERVAL:-10}
DURATION=${DURATION:-150}
SETTLE=${SETTLE:-20}          # seconds of steady load before the first fault
CLUSTER_ID=faults
source "$(dirname "$0")/cluster-lib.sh"

start_postgres
start_silo 1
start_silo 2
start_gateway

# --- load -----------------------------------------------------------------------------------------------------
ACKS=$WORK/acks.csv
dotnet "$BENCH_DLL" load --agents "$AGENTS" --interval "$INTERVAL" --duration "$DURATION" --stagger 20 --facts flip \
  --heartbeat 60 --drain 90 --connections 8 --enroll-parallelism 32 --acks-out "$ACKS" \
  --gateway "http://127.0.0.1:$HTTP_PORT" --agent-url "http://127.0.0.1:$AGENT_PORT" --operator-key "$Fleet__OperatorKey" \
  >"$WORK/load.log" 2>&1 &
LOAD_PID=$!; PIDS+=($LOAD_PID)
deadline=$((SECONDS + 600))
AGENTS_N0=$(python3 -c "print(f'{$AGENTS:,}')")   # as the load prints it (N0)
until grep -q "connected now $AGENTS_N0," "$WORK/load.log"; do
  (( SECONDS < deadline )) && kill -0 $LOAD_PID 2>/dev/null || { log "agents did not all connect"; tail -20 "$WORK/load.log"; exit 1; }
  sleep 1
done
ACCOUNT_KEY=$(grep -o 'key fleet_[A-Za-z0-9_-]*' "$WORK/load.log" | head -1 | cut -d' ' -f2)
log "all $AGENTS agents connected; steady load for $SETTLE s"

# REST probe: one request every 0.5 s; status and Retry-After logged.
( while kill -0 $LOAD_PID 2>/dev/null; do
    curl -s -m 30 -o /dev/null -D - -H "Authorization: Bearer $ACCOUNT_KEY" "http://127.0.0.1:$HTTP_PORT/api/v1/devices" \
      | awk -v t="$(date -u +%H:%M:%S)" 'NR==1{s=$2} tolower($1)=="retry-after:"{r=$2} END{print t, (s==""?"none":s), r}'
    sleep 0.5
  done ) >"$WORK/rest.log" 2>&1 &
PIDS+=($!)
sleep "$SETTLE"

FAULT_AT=$(date -u +%H:%M:%S)
if [[ $SCENARIO == backup ]]; then
  log "no fault: the backup is taken after the load"
elif [[ $SCENARIO == kill ]]; then
  log "kill -9 silo 1 (pid ${SILO_PID[1]})"
  kill -9 "${SILO_PID[1]}"
else
  for i in 1 2; do
    log "rolling restart: SIGTERM silo $i (pid ${SILO_PID[$i]})"
    t0=$SECONDS
    kill -TERM "${SILO_PID[$i]}"
    for _ in $(seq 1 120); do kill -0 "${SILO_PID[$i]}" 2>/dev/null || break; sleep 0.5; done
    kill -0 "${SILO_PID[$i]}" 2>/dev/null && { log "silo $i still running 60 s after SIGTERM: kill -9"; kill -9 "${SILO_PID[$i]}"; }
    log "silo $i stopped after $((SECONDS - t0)) s; starting it again"
    start_silo "$i"
    sleep "$SETTLE"
  done
fi

wait $LOAD_PID && LOAD_STATUS=0 || LOAD_STATUS=$?
log "load finished (exit $LOAD_STATUS)"
sleep 5 # history rows are appended with the state write; give the last batch its commit

# --- check: acks vs. applied ----------------------------------------------------------------------------------
psql -d fleet -AtF, -c "SELECT device_id, count(*) FROM fleet_check_history WHERE check_id = 'firewall' AND old_status IS NOT NULL GROUP BY device_id" >"$WORK/applied.csv"
python3 - "$ACKS" "$WORK/applied.csv" <<'EOF' && CHECK=0 || CHECK=$?
import sys
acks = [l.strip().split(',') for l in open(sys.argv[1]).readlines()[1:] if l.strip()]
applied = {d: int(n) for d, n in (l.strip().split(',') for l in open(sys.argv[2]) if l.strip())}
lost = [(d, int(up), applied.get(d, 0)) for d, last, up, _ in acks if applied.get(d, 0) < int(up)]
twice = [(d, int(last), applied.get(d, 0)) for d, last, up, _ in acks if applied.get(d, 0) > int(last)]
print(f"devices {len(acks)}, reports queued {sum(int(a[1]) for a in acks)}, acked up to {sum(int(a[2]) for a in acks)}, "
      f"applied {sum(applied.get(a[0], 0) for a in acks)}, unacked {sum(int(a[3]) for a in acks)}")
print(f"acked but not applied (lost): {len(lost)} devices {lost[:5]}")
print(f"applied more often than sent (twice): {len(twice)} devices {twice[:5]}")
sys.exit(1 if lost or twice else 0)
EOF

echo; echo "== load summary ($SCENARIO, fault at $FAULT_AT UTC)"; sed -n '/^| agents/,$p' "$WORK/load.log"
echo; echo "== REST during the run (status, Retry-After: count)"
awk '{print $2, ($3==""?"-":$3)}' "$WORK/rest.log" | sort | uniq -c
if awk '$2!="200" && !($2=="503" && $3!="")' "$WORK/rest.log" | grep -q .; then
  echo "REST answers other than 200 and 503 + Retry-After:"; awk '$2!="200" && !($2=="503" && $3!="")' "$WORK/rest.log" | head
  CHECK=1
fi
echo; echo "== warnings and errors logged: silo 1 $(grep -c -E '^(warn|fail|crit)' "$WORK/silo-1.log" || true), silo 2 $(grep -c -E '^(warn|fail|crit)' "$WORK/silo-2.log" || true), gateway $(grep -c -E '^(warn|fail|crit)' "$WORK/gateway.log" || true)"
grep -h -A1 -E '^(fail|crit)' "$WORK"/silo-*.log "$WORK/gateway.log" | grep -v -E '^(fail|crit|--)' | sed 's/^ *//' | cut -c1-160 | sort | uniq -c | sort -rn | head -8 || true

# --- backup: pg_dump, stop, drop, pg_restore, start, same answers ----------------------------------------------
answers() { # the device list and a query, reduced to their sorted ids
  curl -sf -H "Authorization: Bearer $ACCOUNT_KEY" "http://127.0.0.1:$HTTP_PORT/api/v1/devices" >"$1.devices"
  curl -sf -H "Authorization: Bearer $ACCOUNT_KEY" -H 'Content-Type: application/json' \
    -d '{"query":"FIND HostAgent WITH compliant = false"}' "http://127.0.0.1:$HTTP_PORT/api/v1/query" >"$1.query"
  python3 -c '
import hashlib, re, sys
for path in sys.argv[1:]:
    ids = sorted(set(re.findall(r"dev_[0-9a-f]{32}", open(path).read())))
    print(path.rsplit(".", 1)[1], len(ids), hashlib.sha256(" ".join(ids).encode()).hexdigest()[:16])
' "$1.devices" "$1.query"
}
if [[ $SCENARIO == backup ]]; then
  echo; echo "== backup and restore"
  answers "$WORK/before" >"$WORK/before.txt"
  t0=$SECONDS
  PGPASSWORD=fleet pg_dump --format=custom --file="$WORK/fleet.dump" "host=127.0.0.1 port=$PG_PORT user=fleet dbname=fleet"
  log "pg_dump: $(stat -c %s "$WORK/fleet.dump") bytes in $((SECONDS - t0)) s while the cluster ran"
  kill -TERM "$GATEWAY_PID" "${SILO_PID[1]}" "${SILO_PID[2]}"
  wait "$GATEWAY_PID" "${SILO_PID[1]}" "${SILO_PID[2]}" 2>/dev/null || true
  psql -qc "DROP DATABASE fleet" -c "CREATE DATABASE fleet OWNER fleet"
  t0=$SECONDS
  PGPASSWORD=fleet pg_restore --no-owner --role=fleet --dbname="host=127.0.0.1 port=$PG_PORT user=fleet dbname=fleet" "$WORK/fleet.dump"
  log "pg_restore into a new, empty database in $((SECONDS - t0)) s; starting the silos and the gateway again"
  start_silo 1; start_silo 2; start_gateway
  for _ in $(seq 1 60); do answers "$WORK/after" >"$WORK/after.txt" 2>/dev/null && cmp -s "$WORK/before.txt" "$WORK/after.txt" && break; sleep 1; done
  echo "before: $(tr '\n' ' ' <"$WORK/before.txt")"; echo "after:  $(tr '\n' ' ' <"$WORK/after.txt")"
  if cmp -s "$WORK/before.txt" "$WORK/after.txt"; then echo "the restored cluster answers the same"; else echo "the restored cluster answers differently"; CHECK=1; fi
fi
exit $(( CHECK != 0 || LOAD_STATUS != 0 ))
