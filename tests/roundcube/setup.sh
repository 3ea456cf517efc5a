#!/usr/bin/env bash
# Starts a throwaway webmail for linkguard's end-to-end test: Dovecot (IMAP) + Roundcube 1.6 served
# by PHP's built-in web server, both on 127.0.0.1 on free high ports, everything in one temp dir,
# with the test messages of tests/roundcube/messages/ in the test user's INBOX.
#
#   tests/roundcube/setup.sh                 install what is missing (Debian, as root), then start
#   tests/roundcube/setup.sh --install-only  only install
#   tests/roundcube/teardown.sh [STATE_DIR]  stop everything this started and remove the temp dir
#
# On success stdout is exactly one line of JSON (also saved as STATE_DIR/env.json):
#   {"state":..., "pgid":..., "url":"http://127.0.0.1:PORT/", "imapHost":"127.0.0.1",
#    "imapPort":..., "user":..., "password":..., "messages":[...file names...]}
# Progress and errors go to stderr. Any failure exits non-zero, stops whatever it had started and
# says why; nothing is skipped silently.
#
# Environment (all optional): LINKGUARD_RC_STATE (dir to use, must not exist or be empty; default a
# new mktemp dir), LINKGUARD_RC_IMAP_PORT, LINKGUARD_RC_HTTP_PORT (default: free ports).
#
# Isolation: the system's /etc/dovecot and /etc/roundcube are neither read nor changed, no system
# service is started or stopped (packages are installed without recommends, so no apache2), and
# when run as root both services run as the unprivileged user `nobody`. Both services run under
# one supervisor in a process group of their own, whose id is in STATE_DIR/services.pgid.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
log() { printf 'roundcube-setup: %s\n' "$*" >&2; }
die() { printf 'roundcube-setup: FAILED: %s\n' "$*" >&2; exit 1; }

# --- 1. packages ---------------------------------------------------------------------------------

# Debian 12 (bookworm) names. php-cgi is listed first so that the `php` metapackage's dependency
# (libapache2-mod-php | php-fpm | php-cgi) is met by the CGI binary and apt does not pull in apache2.
packages=(php-cgi php-cli php-sqlite3 php-intl php-mbstring php-xml dovecot-core dovecot-imapd
          roundcube-core roundcube-sqlite3 sqlite3 curl python3)
install_cmd="apt-get update && apt-get install --no-install-recommends ${packages[*]}"

if ! command -v dpkg-query >/dev/null; then
  die "this test needs Debian 12 (dpkg/apt not found). It uses Debian's packages: ${packages[*]}
  (Dovecot 2.3 with imapd, Roundcube 1.6 with its SQLite driver, PHP 8 CLI with sqlite3/intl/mbstring/xml)."
fi
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  . /etc/os-release 2>/dev/null || true
  if [ "${ID:-}" != debian ] && [[ " ${ID_LIKE:-} " != *" debian "* ]]; then
    die "not a Debian system (${PRETTY_NAME:-unknown}); missing packages: ${missing[*]}.
  On Debian 12 run as root: $install_cmd"
  fi
  if [ "$(id -u)" != 0 ]; then
    die "missing packages: ${missing[*]}. Run this script as root (sudo $0), which installs
  them and answers roundcube's configuration questions, or install them yourself with:
  sudo sh -c '$install_cmd'
  (answer \"No\" to roundcube's dbconfig-common question: the test makes its own database)"
  fi
  log "installing ${missing[*]} (first run; takes a minute or two)"
  t0=$SECONDS
  # Answer roundcube's debconf questions up front: no dbconfig-common database (the test makes its
  # own SQLite file from Roundcube's schema), no web server to reconfigure or restart.
  preseed='roundcube-core roundcube/dbconfig-install boolean false
roundcube-core roundcube/reconfigure-webserver multiselect
roundcube-core roundcube/restart-webserver boolean false'
  if ! debconf-set-selections <<<"$preseed"; then
    # After `apt-get purge roundcube-core`, debconf keeps templates whose questions are gone and
    # refuses to preseed them ("Cannot find a question"); debconf's own fix_db.pl removes those.
    /usr/share/debconf/fix_db.pl >&2 || true
    debconf-set-selections <<<"$preseed" || die "could not preseed roundcube's debconf questions"
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold "${packages[@]}" >&2 \
    || die "apt-get install ${packages[*]} failed"
  log "installed in $((SECONDS - t0)) s"
  if installed apache2; then
    log "note: apache2 is installed on this machine (not by this script); the test uses its own ports"
  fi
fi

rc_version=$(dpkg-query -W -f='${Version}' roundcube-core)
case "$rc_version" in
  1.6.*) ;;
  *) die "this test is written for Roundcube 1.6; roundcube-core is $rc_version" ;;
esac
docroot=/var/lib/roundcube/public_html   # Debian's public_html layout for 1.6 (index.php + skins)
[ -f "$docroot/index.php" ] || die "$docroot/index.php not found (roundcube-core $rc_version)"
[ -f /etc/roundcube/defaults.inc.php ] || die "/etc/roundcube/defaults.inc.php not found"
schema=/usr/share/roundcube/SQL/sqlite.initial.sql
[ -f "$schema" ] || die "$schema not found (package roundcube-sqlite3 / roundcube-core)"
dovecot_bin=/usr/sbin/dovecot
[ -x "$dovecot_bin" ] || die "$dovecot_bin not found (package dovecot-core)"
php_bin=$(command -v php) || die "php not found (package php-cli)"
php_modules=$("$php_bin" -m)   # captured once: `php -m | grep -q` can die of SIGPIPE under pipefail
for ext in pdo_sqlite intl mbstring dom; do
  grep -qix "$ext" <<<"$php_modules" || die "PHP extension $ext missing (packages php-sqlite3 php-intl php-mbstring php-xml)"
done

if [ "${1:-}" = --install-only ]; then
  log "packages present (roundcube-core $rc_version)"
  exit 0
fi

# --- 2. state dir, ports, accounts ---------------------------------------------------------------

t_start=$SECONDS
if [ -n "${LINKGUARD_RC_STATE:-}" ]; then
  state="$LINKGUARD_RC_STATE"
  mkdir -p "$state"
  [ -z "$(ls -A "$state")" ] || die "LINKGUARD_RC_STATE=$state is not empty"
else
  state=$(mktemp -d "${TMPDIR:-/tmp}/linkguard-roundcube.XXXXXX")
fi
state=$(cd "$state" && pwd)

started_pgid=""
ok=0
on_exit() {
  if [ "$ok" != 1 ]; then
    for f in "$state"/logs/*.log "$state"/logs/*.out; do
      [ -s "$f" ] || continue
      printf -- '--- %s (last lines) ---\n' "$f" >&2
      tail -n 30 "$f" >&2
    done
    if [ -n "$started_pgid" ]; then
      log "stopping the services started so far (process group $started_pgid)"
      LINKGUARD_RC_KEEP=1 "$here/teardown.sh" "$state" >&2 || true
    fi
    log "state dir kept for inspection: $state"
  fi
}
trap on_exit EXIT

if [ "$(id -u)" = 0 ]; then
  run_user=nobody
  run_group=$(id -gn nobody) || die "user nobody not found"
  as_run_user=(setpriv --reuid="$run_user" --regid="$run_group" --clear-groups)
else
  run_user=$(id -un)
  run_group=$(id -gn)
  as_run_user=()
fi
run_uid=$(id -u "$run_user")
run_gid=$(getent group "$run_group" | cut -d: -f3)

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
imap_port=${LINKGUARD_RC_IMAP_PORT:-$(free_port)}
http_port=${LINKGUARD_RC_HTTP_PORT:-$(free_port)}
while [ "$http_port" = "$imap_port" ]; do http_port=$(free_port); done

test_user=alice
# A fixed, throwaway password: the account exists only in this temp dir, reachable only on loopback.
test_password=linkguard-e2e

mkdir -p "$state"/{logs,mail,dovecot/run,dovecot/state,roundcube/config,roundcube/temp}
printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$test_user" "$test_password" "$run_uid" "$run_gid" \
  "$state/mail/$test_user" > "$state/dovecot/users"
sed -e "s|@STATE@|$state|g" -e "s|@IMAP_PORT@|$imap_port|g" \
    -e "s|@RUN_USER@|$run_user|g" -e "s|@RUN_GROUP@|$run_group|g" \
    "$here/dovecot.conf" > "$state/dovecot/dovecot.conf"

# Roundcube reads only this config dir (ROUNDCUBE_CONFIG_DIR): Debian's defaults + the test config.
cp "$here/config.inc.php" "$state/roundcube/config/config.inc.php"
ln -s /etc/roundcube/defaults.inc.php "$state/roundcube/config/defaults.inc.php"
[ -f /etc/roundcube/mimetypes.php ] && ln -s /etc/roundcube/mimetypes.php "$state/roundcube/config/mimetypes.php"
sqlite3 "$state/roundcube/roundcube.db" < "$schema" || die "creating the Roundcube database from $schema failed"

if [ "$(id -u)" = 0 ]; then
  chown -R "$run_user:$run_group" "$state"
fi
chmod 700 "$state"

# --- 3. start both services under one supervisor --------------------------------------------------

# The supervisor is the leader of a new session and process group (setsid); Dovecot (-F: stays in
# the foreground) and `php -S` are its children. If either exits, the supervisor stops the whole
# group, so a crash shows up as a dead webmail rather than a half-working one.
# shellcheck disable=SC2016
supervisor='
  echo "$$" >"$STATE/services.pgid"
  "$DOVECOT" -F -c "$STATE/dovecot/dovecot.conf" >>"$STATE/logs/dovecot.out" 2>&1 &
  echo "dovecot $!" >>"$STATE/services.pids"
  PHP_CLI_SERVER_WORKERS=4 ROUNDCUBE_CONFIG_DIR="$STATE/roundcube/config" \
    "$PHP" -d display_errors=stderr -d log_errors=On -d error_log="$STATE/logs/php.log" \
      -d upload_tmp_dir="$STATE/roundcube/temp" -d sys_temp_dir="$STATE/roundcube/temp" \
      -S "127.0.0.1:$LINKGUARD_RC_HTTP_PORT" -t "$DOCROOT" >>"$STATE/logs/php-server.log" 2>&1 &
  echo "php $!" >>"$STATE/services.pids"
  wait -n
  echo "supervisor: a service exited; stopping the group" >&2
  trap "" TERM
  kill 0
'
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME="$state" \
  STATE="$state" DOVECOT="$dovecot_bin" PHP="$php_bin" DOCROOT="$docroot" \
  LINKGUARD_RC_STATE="$state" LINKGUARD_RC_IMAP_PORT="$imap_port" LINKGUARD_RC_HTTP_PORT="$http_port" \
  setsid "${as_run_user[@]}" bash -c "$supervisor" </dev/null >>"$state/logs/supervisor.log" 2>&1 &
launched=$!
# The supervisor records its own id (it leads the new process group); wait for it.
for _ in $(seq 50); do [ -s "$state/services.pgid" ] && break; sleep 0.1; done
started_pgid=$(cat "$state/services.pgid" 2>/dev/null) \
  || { kill "$launched" 2>/dev/null; die "the service supervisor did not start"; }
# A stable pointer to the last started instance, for a manual teardown.sh without arguments.
ln -sfn "$state" "${TMPDIR:-/tmp}/linkguard-roundcube.last"
log "started supervisor (process group $started_pgid) as $run_user; state $state"

# --- 4. wait until both answer, then load the messages ---------------------------------------------

deadline=$((SECONDS + 30))
until python3 - "$imap_port" <<'EOF' 2>/dev/null
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2) as s:
    assert s.recv(200).startswith(b"* OK")
EOF
do
  kill -0 "$started_pgid" 2>/dev/null || die "the services exited during start-up (see logs below)"
  [ $SECONDS -lt $deadline ] || die "Dovecot did not answer on 127.0.0.1:$imap_port within 30 s"
  sleep 0.2
done
url="http://127.0.0.1:$http_port/"
until curl -fsS -o "$state/logs/login-page.html" "$url" 2>/dev/null; do
  kill -0 "$started_pgid" 2>/dev/null || die "the services exited during start-up (see logs below)"
  [ $SECONDS -lt $deadline ] || die "Roundcube did not answer on $url within 30 s"
  sleep 0.2
done
grep -q 'name="_user"' "$state/logs/login-page.html" \
  || die "$url answered but is not Roundcube's login form (saved as $state/logs/login-page.html)"

mapfile -t messages < <(cd "$here/messages" && ls -1 -- *.eml)
[ ${#messages[@]} -gt 0 ] || die "no messages in $here/messages"
python3 "$here/imap_append.py" --host 127.0.0.1 --port "$imap_port" --user "$test_user" \
  --password "$test_password" "${messages[@]/#/$here/messages/}" >&2 \
  || die "appending the test messages over IMAP failed"

python3 - "$state" "$started_pgid" "$url" "$imap_port" "$test_user" "$test_password" "${messages[@]}" \
  > "$state/env.json" <<'EOF'
import json, sys
state, pgid, url, imap_port, user, password, *messages = sys.argv[1:]
print(json.dumps({"state": state, "pgid": int(pgid), "url": url, "imapHost": "127.0.0.1",
                  "imapPort": int(imap_port), "user": user, "password": password,
                  "messages": messages}))
EOF
ok=1
log "ready in $((SECONDS - t_start)) s: Roundcube $url, IMAP 127.0.0.1:$imap_port, user $test_user, ${#messages[@]} messages"
cat "$state/env.json"
