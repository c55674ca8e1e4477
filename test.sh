#!/usr/bin/env bash
# The test command (README): installs what the tests need when it is missing, then runs every test.
# Tests that need PostgreSQL start their own throwaway server from the Debian binaries.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
command -v docker-compose >/dev/null || need_apt+=(docker-compose)   # validates docker-compose.yml
[ -x /usr/bin/chromium ] || need_apt+=(chromium fonts-liberation)    # the dashboard's browser tests (Playwright drives it)
if ((${#need_apt[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "test.sh: missing ${need_apt[*]}; install them (sudo apt-get install ${need_apt[*]}) or run as root" >&2
    exit 1
  fi
fi

dotnet build Fleet.sln -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
status=0
dotnet test Fleet.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
awk '/^(Passed|Failed)! +- Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
