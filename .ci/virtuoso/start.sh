#!/usr/bin/env bash
# Start Virtuoso Open Source 7 (Debian's virtuoso-opensource) on loopback for samsyn's tests,
# benchmarks and CI: SQL on 127.0.0.1:1111, HTTP (SPARQL, Graph Store Protocol) on 127.0.0.1:8890.
#
#   .ci/virtuoso/start.sh [DIR]     DIR: data folder (default $SAMSYN_VIRTUOSO_DIR or /tmp/samsyn-virtuoso)
#   .ci/virtuoso/stop.sh  [DIR]
#
# Installs the package if it is missing (root, apt). A fresh database has the user dba with
# password dba; this script lets the anonymous SPARQL user update (loopback only), so the
# Graph Store Protocol works at /sparql-graph-crud without authentication, and
# /sparql-graph-crud-auth works with digest auth as dba. Prints the SPARQL endpoint when ready.
# If a server already answers on 8890 it is left alone (and reused).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-${SAMSYN_VIRTUOSO_DIR:-/tmp/samsyn-virtuoso}}"
# other ports for a second, private server (the benchmarks use 1112/8891)
http_port="${SAMSYN_VIRTUOSO_HTTP_PORT:-8890}"
sql_port="${SAMSYN_VIRTUOSO_SQL_PORT:-1111}"
endpoint="http://127.0.0.1:$http_port/sparql"

answers() { curl -fsS -o /dev/null --max-time 2 "$endpoint?query=ASK%7B%7D" 2>/dev/null; }

if answers; then
  echo "virtuoso: already answering at $endpoint"
  exit 0
fi

if ! command -v virtuoso-t >/dev/null 2>&1; then
  echo "virtuoso: installing virtuoso-opensource (apt)" >&2
  export DEBIAN_FRONTEND=noninteractive
  # The package asks for a dba password for its system database: preseed it (that database
  # and its service are not used; this script runs its own on loopback).
  echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba" | debconf-set-selections
  echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba" | debconf-set-selections
  # Keep the package's own service from starting (it would take ports 1111/8890).
  policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_added=1
  fi
  { apt-get install -y -q -o DPkg::Lock::Timeout=600 virtuoso-opensource >/tmp/samsyn-virtuoso-apt.log 2>&1 \
    || { apt-get update -q -o DPkg::Lock::Timeout=600 >>/tmp/samsyn-virtuoso-apt.log 2>&1 && apt-get install -y -q -o DPkg::Lock::Timeout=600 virtuoso-opensource >>/tmp/samsyn-virtuoso-apt.log 2>&1; }; } \
    || { [ "$policy_added" = 1 ] && rm -f /usr/sbin/policy-rc.d; echo "virtuoso: apt-get install failed, see /tmp/samsyn-virtuoso-apt.log" >&2; exit 3; }
  [ "$policy_added" = 1 ] && rm -f /usr/sbin/policy-rc.d
  # If the service started anyway, stop it: it holds the ports.
  if [ -x /etc/init.d/virtuoso-opensource-7 ]; then /etc/init.d/virtuoso-opensource-7 stop >/dev/null 2>&1 || true; fi
fi

mkdir -p "$dir"
sed -e "s#@DIR@#$dir#g" -e "s#127.0.0.1:8890#127.0.0.1:$http_port#g" -e "s#127.0.0.1:1111#127.0.0.1:$sql_port#g" \
  "$here/virtuoso.ini" > "$dir/virtuoso.ini"
cd "$dir"
rm -f virtuoso.lck
nohup virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >"$dir/stdout.log" 2>&1 &
echo $! > "$dir/virtuoso.pid"

for _ in $(seq 1 120); do
  if answers; then break; fi
  if ! kill -0 "$(cat "$dir/virtuoso.pid")" 2>/dev/null; then
    echo "virtuoso: exited while starting; see $dir/virtuoso.log" >&2
    tail -20 "$dir/virtuoso.log" >&2 || true
    exit 4
  fi
  sleep 0.5
done
answers || { echo "virtuoso: no answer at $endpoint after 60 s" >&2; exit 4; }

isql="$(command -v isql-vt || command -v isql)"
"$isql" "127.0.0.1:$sql_port" dba dba >"$dir/grants.log" 2>&1 <<'SQL' || true  # errors when granted before: fine
GRANT SPARQL_UPDATE TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);
SQL
echo "virtuoso: ready at $endpoint (data in $dir, pid $(cat "$dir/virtuoso.pid"))"
