#!/usr/bin/env bash
# Stop the Virtuoso that start.sh started in DIR (default $SAMSYN_VIRTUOSO_DIR or /tmp/samsyn-virtuoso).
set -euo pipefail
dir="${1:-${SAMSYN_VIRTUOSO_DIR:-/tmp/samsyn-virtuoso}}"
[ -f "$dir/virtuoso.pid" ] || exit 0
pid="$(cat "$dir/virtuoso.pid")"
kill "$pid" 2>/dev/null || true
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
rm -f "$dir/virtuoso.pid"
