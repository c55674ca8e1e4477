# Shared by bench/cluster-*.sh (sourced, not run): a throwaway PostgreSQL and silo/gateway processes in cluster mode,
# all the built programs on free loopback ports, everything under one temp folder deleted at exit (KEEP=1 keeps it).
# The sourcing script sets `set -euo pipefail` and CLUSTER_ID before sourcing.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SILO_DLL=$ROOT/silo/bin/Release/net10.0/fleet-silo.dll
GATEWAY_DLL=$ROOT/gateway/bin/Release/net10.0/fleet-gateway.dll
BENCH_DLL=$ROOT/bench/Fleet.Bench/bin/Release/net10.0/fleet-bench.dll
for dll in "$SILO_DLL" "$GATEWAY_DLL" "$BENCH_DLL"; do
  [[ -f $dll ]] || { echo "$dll is missing: build silo, gateway and bench/Fleet.Bench with -c Release first" >&2; exit 2; }
done
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x $PG_BIN/initdb ]] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/fleet-cluster-XXXXXX)
chmod 711 "$WORK"   # the postgres user must reach $WORK/pg; nothing in it is listed to others
PIDS=()
log() { echo "[$(date -u +%H:%M:%S)] $*"; }

# A free TCP port below the ephemeral range (outgoing connections cannot take it meanwhile).
used_ports=" "
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    [[ $used_ports == *" $port "* ]] && continue
    ss -Hltn "sport = :$port" | grep -q . && continue
    used_ports+="$port "; echo "$port"; return
  done
}

as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

wait_ready() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null "$1"; do
    (( SECONDS < deadline )) || { log "$1 not ready after $2 s"; return 1; }
    sleep 0.5
  done
}

# A PostgreSQL server on a free port with a `fleet` role and database; exports the settings every process reads.
start_postgres() {
  PG_PORT=$(free_port)
  mkdir -p "$WORK/pg"
  [[ $(id -u) == 0 ]] && chown postgres "$WORK/pg"
  as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -w -l "$WORK/pg/server.log" \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  psql -qc "CREATE ROLE fleet LOGIN PASSWORD 'fleet'" -c "CREATE DATABASE fleet OWNER fleet"
  log "PostgreSQL on 127.0.0.1:$PG_PORT"
  export Fleet__Storage__Provider=postgres
  export Fleet__Storage__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=fleet;Password=fleet;Database=fleet;Maximum Pool Size=40"
  export Fleet__ClusterId=$CLUSTER_ID Fleet__ServiceId=$CLUSTER_ID
  export Fleet__OperatorKey=op_$(openssl rand -hex 16)
  export Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple
}
psql() { command psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }

declare -a SILO_PID SILO_ARGS SILO_HEALTH
# Silo <index>: its ports are chosen on the first start and kept across restarts.
start_silo() {
  if [[ -z ${SILO_HEALTH[$1]:-} ]]; then
    SILO_HEALTH[$1]=$(free_port)
    SILO_ARGS[$1]="--Fleet:SiloPort=$(free_port) --Fleet:SiloGatewayPort=$(free_port) --Fleet:HealthPort=${SILO_HEALTH[$1]}"
  fi
  dotnet "$SILO_DLL" ${SILO_ARGS[$1]} >>"$WORK/silo-$1.log" 2>&1 &
  SILO_PID[$1]=$!; PIDS+=($!)
  wait_ready "http://127.0.0.1:${SILO_HEALTH[$1]}/readyz" 120
  log "silo $1 ready (pid ${SILO_PID[$1]})"
}

HTTP_PORT=$(free_port); AGENT_PORT=$(free_port)
start_gateway() {
  dotnet "$GATEWAY_DLL" --Fleet:Gateway:Mode=cluster --Fleet:Gateway:HttpPort="$HTTP_PORT" --Fleet:Gateway:AgentPort="$AGENT_PORT" \
    --Fleet:Gateway:ListenAddress=127.0.0.1 >>"$WORK/gateway.log" 2>&1 &
  GATEWAY_PID=$!; PIDS+=($!)
  wait_ready "http://127.0.0.1:$HTTP_PORT/readyz" 120
  log "gateway ready on 127.0.0.1:$HTTP_PORT (agents :$AGENT_PORT)"
}

# Resident memory of a process in MB.
rss_mb() { awk '/^VmRSS:/ {printf "%.0f\n", $2 / 1024}' "/proc/$1/status"; }
