#!/usr/bin/env bash
# Publishes fleet-agent as one self-contained file per platform into artifacts/agent/<rid>/.
# Usage: agent-grpc/publish.sh [rid ...]   (default: every supported rid)
#
# Native AOT for linux-x64: it builds on the development machine (Debian 12, gcc/ld, no clang) with
# no trim/AOT warnings — the agent uses source-generated JSON and logging, no reflection. Measured
# there: a 14 MB binary, `scan` in ~40 ms, `run` at ~22 MB RSS (single-file: 40 MB file, ~140 ms
# scan). AOT cannot cross-compile to other OSes, so the other rids are self-contained single files.
# If AOT fails (no native toolchain), linux-x64 falls back to single-file. FLEET_AGENT_AOT=0 skips it.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  rids=(linux-x64 linux-arm64 osx-arm64 osx-x64 win-x64)
fi

for rid in "${rids[@]}"; do
  out="$root/artifacts/agent/$rid"
  args=(-c Release -r "$rid" --self-contained -o "$out" -p:DebugType=none)
  single=(-p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true)
  echo "publishing $rid -> $out"
  if [ "$rid" = "linux-x64" ] && [ "${FLEET_AGENT_AOT:-1}" = "1" ]; then
    if dotnet publish "$here/Fleet.Agent.csproj" "${args[@]}" -p:PublishAot=true; then
      rm -f "$out"/*.dbg "$out"/*.pdb
      continue
    fi
    echo "Native AOT failed for $rid; publishing a single file instead" >&2
  fi
  dotnet publish "$here/Fleet.Agent.csproj" "${args[@]}" "${single[@]}"
done
