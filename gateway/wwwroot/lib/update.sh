#!/usr/bin/env bash
# Refreshes the vendored browser libraries in this folder from npm. Run it by hand when upgrading;
# the copied files are committed, so running or testing Fleet needs neither npm nor any network.
#   gateway/wwwroot/lib/update.sh            # the pinned versions below
#   SIGNALR_VERSION=10.0.12 gateway/wwwroot/lib/update.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
signalr_version="${SIGNALR_VERSION:-10.0.11}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "@microsoft/signalr@${signalr_version}" >/dev/null

# The UMD browser bundle (defines window.signalR); no module loader needed.
cp node_modules/@microsoft/signalr/dist/browser/signalr.min.js "$here/signalr.min.js"
license="$(node -p "require('./node_modules/@microsoft/signalr/package.json').license")"
echo "@microsoft/signalr ${signalr_version} (${license}, (c) .NET Foundation) -> signalr.min.js" > "$here/VERSIONS"
echo "updated: $(cat "$here/VERSIONS")"
