#!/usr/bin/env bash
# Stops every service that tests/roundcube/setup.sh started and removes its temp state dir.
#
#   tests/roundcube/teardown.sh [STATE_DIR]
#
# STATE_DIR defaults to $LINKGUARD_RC_STATE, else to the last instance setup.sh started
# (${TMPDIR:-/tmp}/linkguard-roundcube.last). It signals only the process group recorded in
# STATE_DIR/services.pgid (the supervisor setup.sh started, Dovecot and `php -S`), first TERM, then
# KILL after 5 s, and exits non-zero if anything of that group is still alive or a port still
# answers. Set LINKGUARD_RC_KEEP=1 to keep the state dir (logs, mail) for inspection.
set -uo pipefail
# Finish even when the test run that called this is being interrupted: it takes a few seconds at
# most (TERM, up to 5 s grace, KILL), and stopping halfway would leave services running.
trap '' INT TERM HUP

log() { printf 'roundcube-teardown: %s\n' "$*" >&2; }

last="${TMPDIR:-/tmp}/linkguard-roundcube.last"
state="${1:-${LINKGUARD_RC_STATE:-}}"
if [ -z "$state" ]; then
  [ -L "$last" ] || { log "nothing to stop (no state dir given and no $last)"; exit 0; }
  state=$(readlink "$last")
fi
if [ ! -d "$state" ]; then
  log "state dir $state does not exist; nothing to stop"
  [ "$(readlink "$last" 2>/dev/null)" = "$state" ] && rm -f "$last"
  exit 0
fi

# Live (non-zombie) members of a process group.
members() {
  ps -eo pid=,pgid=,stat= | awk -v g="$1" '$2 == g && $3 !~ /^Z/ { print $1 }'
}

status=0
pgid=$(cat "$state/services.pgid" 2>/dev/null || true)
if [[ "$pgid" =~ ^[0-9]+$ ]] && [ "$pgid" -gt 1 ]; then
  if [ -n "$(members "$pgid")" ]; then
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 50); do
      [ -z "$(members "$pgid")" ] && break
      sleep 0.1
    done
    if [ -n "$(members "$pgid")" ]; then
      log "process group $pgid did not stop on TERM within 5 s; sending KILL"
      kill -KILL -- "-$pgid" 2>/dev/null || true
      sleep 0.5
    fi
    left=$(members "$pgid")
    if [ -n "$left" ]; then
      log "still running in process group $pgid: $(echo $left)"
      status=1
    else
      log "stopped process group $pgid"
    fi
  else
    log "process group $pgid already gone"
  fi
else
  log "no process group recorded in $state/services.pgid"
fi

# The ports must be free again.
if [ -f "$state/env.json" ]; then
  for port in $(python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); print(e["imapPort"], e["url"].rsplit(":",1)[1].strip("/"))' "$state/env.json"); do
    if python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)' "$port" 2>/dev/null; then
      log "127.0.0.1:$port still answers"
      status=1
    fi
  done
fi

if [ ! -f "$state/dovecot/dovecot.conf" ]; then
  # Not a dir setup.sh made (a wrong argument?): never delete it.
  log "$state does not look like a setup.sh state dir; not removing it"
elif [ "$status" = 0 ] && [ "${LINKGUARD_RC_KEEP:-0}" != 1 ]; then
  rm -rf -- "$state"
  [ "$(readlink "$last" 2>/dev/null)" = "$state" ] && rm -f "$last"
elif [ "$status" = 0 ]; then
  log "kept $state (LINKGUARD_RC_KEEP=1)"
fi
exit "$status"
