#!/usr/bin/env bash
# Start (and, on a fresh Debian machine, install) the RabbitMQ and PostgreSQL servers that the
# tests and `make run` need, without Docker. Idempotent: when both servers already answer on their
# ports this prints two "already running" lines and changes nothing.
#
#   bash deploy/local-servers.sh                  # RabbitMQ + PostgreSQL (what `make test` needs)
#   bash deploy/local-servers.sh --rabbitmq-only  # RabbitMQ only (what `make run` needs)
#
# What it guarantees when it exits 0:
#   - RabbitMQ answers AMQP on 127.0.0.1:5672 (Debian's default guest/guest, loopback only).
#   - PostgreSQL answers on 127.0.0.1:5432, user `postgres` can log in over TCP without a password
#     (trust), and the database `asn_test` exists (TEST_POSTGRES_URL's default).
#
# Why trust auth for PostgreSQL: the project's connection URLs (TEST_POSTGRES_URL,
# <SVC>_DATABASE_URL in local runs) carry no password, and the CI machine's contract
# (docs/architecture.md section 7) is "PostgreSQL on 127.0.0.1:5432, trust auth". A fresh Debian
# cluster uses peer auth on the socket and scram-sha-256 for host connections, so on such a machine
# this script inserts `trust` rules for 127.0.0.1/32 and ::1/128 at the top of pg_hba.conf
# (pg_hba.conf is first-match) and reloads. That is only acceptable on a developer/CI machine where
# the port is not reachable from elsewhere: never run this against a shared or production server.
#
# Needs root (or password-less sudo) only when it has to install, start or reconfigure something.
# Ports are the project's fixed local defaults; the servers must be on this machine to be started.

set -euo pipefail

HOST=127.0.0.1
AMQP_PORT=5672
PG_PORT=5432
PG_TEST_DB=asn_test
WAIT_SECONDS=${ASN_SERVER_WAIT_SECONDS:-60}

RABBITMQ_ONLY=0
for arg in "$@"; do
    case "$arg" in
        --rabbitmq-only) RABBITMQ_ONLY=1 ;;
        -h | --help)
            sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "local-servers.sh: unknown argument: $arg (use --rabbitmq-only or --help)" >&2
            exit 2
            ;;
    esac
done

log() { echo "[local-servers] $*"; }
fail() {
    echo "[local-servers] ERROR: $*" >&2
    exit 1
}

# Run a command as root: directly when we are root, else through password-less sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        fail "need root to run: $* (re-run as root, or with password-less sudo)"
    fi
}

can_root() { [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }

port_open() { # port_open PORT -> 0 when something accepts TCP connections on HOST:PORT
    timeout 3 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 ||
        fail "package(s) $* missing and apt-get not available: install them by hand"
    if [ "$APT_UPDATED" -eq 0 ]; then
        log "apt-get update"
        as_root apt-get update
        APT_UPDATED=1
    fi
    log "apt-get install -y $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# ----------------------------------------------------------------------------------------------
# RabbitMQ
# ----------------------------------------------------------------------------------------------

rabbitmq_up() {
    port_open "$AMQP_PORT" || return 1
    # Only a local Debian install can be pinged; a broker from elsewhere (a container forwarded to
    # the port) is accepted on the port alone.
    if command -v rabbitmq-diagnostics >/dev/null 2>&1 && [ -d /var/lib/rabbitmq ] && can_root; then
        as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1 || return 1
    fi
}

wait_for_rabbitmq() { # wait_for_rabbitmq SECONDS
    local deadline=$((SECONDS + $1))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if rabbitmq_up; then return 0; fi
        sleep 2
    done
    return 1
}

ensure_rabbitmq() {
    if port_open "$AMQP_PORT"; then
        log "RabbitMQ: already running on $HOST:$AMQP_PORT, nothing to do"
        return 0
    fi
    if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/sbin/rabbitmq-server ]; then
        log "RabbitMQ: not installed, installing the Debian package rabbitmq-server"
        apt_install rabbitmq-server
        # The package's postinst may already have started it (where invoke-rc.d is allowed to).
        if wait_for_rabbitmq 5; then
            log "RabbitMQ: started by the package install, up on $HOST:$AMQP_PORT"
            return 0
        fi
    fi
    PATH="$PATH:/usr/sbin:/sbin"

    # A node that is still booting answers ping before its AMQP listener is up: just wait for it.
    if can_root && as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
        log "RabbitMQ: node is running but $HOST:$AMQP_PORT not open yet, waiting"
        if wait_for_rabbitmq "$WAIT_SECONDS"; then
            log "RabbitMQ: up on $HOST:$AMQP_PORT"
            return 0
        fi
        fail "RabbitMQ node answers ping but nothing listens on $HOST:$AMQP_PORT after ${WAIT_SECONDS}s.
  Check the listeners (rabbitmq-diagnostics listeners) and the config in /etc/rabbitmq/, then
  re-run: bash deploy/local-servers.sh"
    fi

    log "RabbitMQ: not reachable on $HOST:$AMQP_PORT, starting it (rabbitmq-server -detached)"
    # -detached forks a background node and returns; the Debian wrapper switches to the rabbitmq
    # user when run as root.
    if as_root rabbitmq-server -detached && wait_for_rabbitmq "$WAIT_SECONDS"; then
        log "RabbitMQ: up on $HOST:$AMQP_PORT"
        return 0
    fi
    log "RabbitMQ: rabbitmq-server -detached did not bring it up, trying: service rabbitmq-server start"
    if as_root service rabbitmq-server start && wait_for_rabbitmq "$WAIT_SECONDS"; then
        log "RabbitMQ: up on $HOST:$AMQP_PORT"
        return 0
    fi
    fail "RabbitMQ did not come up on $HOST:$AMQP_PORT within ${WAIT_SECONDS}s.
  Look at: /var/log/rabbitmq/ (rabbit@*.log, startup_err), and run: rabbitmq-diagnostics status
  Common causes: another process on port $AMQP_PORT or 25672 (ss -ltnp), a stale node
  (rabbitmqctl stop; then re-run this script), a changed hostname (the node name rabbit@<host>
  no longer matches /var/lib/rabbitmq/mnesia), or a full disk.
  Then re-run: bash deploy/local-servers.sh"
}

# ----------------------------------------------------------------------------------------------
# PostgreSQL
# ----------------------------------------------------------------------------------------------

pg_version() { # newest installed server major version with a config directory, or empty
    ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1
}

wait_for_port() { # wait_for_port PORT SECONDS
    local deadline=$((SECONDS + $2))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if port_open "$1"; then return 0; fi
        sleep 1
    done
    return 1
}

pg_tcp() { # psql as postgres over TCP, never prompting for a password
    PGCONNECT_TIMEOUT=5 psql -w -X -q -h "$HOST" -p "$PG_PORT" -U postgres "$@"
}

pg_start() {
    PATH="$PATH:/usr/sbin:/sbin"
    local version
    version=$(pg_version)
    if [ -z "$version" ] || [ ! -d "/etc/postgresql/$version/main" ]; then
        # Some images set create_main_cluster=false; make the cluster the package would have made.
        local bin_version
        bin_version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
        [ -n "$bin_version" ] || fail "PostgreSQL server binaries not found under /usr/lib/postgresql"
        log "PostgreSQL: no cluster found, creating $bin_version/main (pg_createcluster)"
        as_root pg_createcluster --port "$PG_PORT" "$bin_version" main
        version=$bin_version
    fi
    log "PostgreSQL: starting cluster $version/main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
        log "PostgreSQL: pg_ctlcluster start returned non-zero (it may already be starting)"
    wait_for_port "$PG_PORT" "$WAIT_SECONDS" || fail "PostgreSQL did not come up on $HOST:$PG_PORT within ${WAIT_SECONDS}s.
  Look at: /var/log/postgresql/postgresql-$version-main.log and run: pg_lsclusters
  Common causes: the cluster listens on another port (port = ... in
  /etc/postgresql/$version/main/postgresql.conf; this project expects $PG_PORT), another process
  on port $PG_PORT (ss -ltnp), or a stale postmaster.pid after a crash.
  Then re-run: bash deploy/local-servers.sh"
    log "PostgreSQL: up on $HOST:$PG_PORT"
}

# Make `psql -h 127.0.0.1 -U postgres` work without a password (see the header for why).
pg_ensure_trust() {
    if pg_tcp -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        return 0
    fi
    local version hba
    version=$(pg_version)
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    [ -n "$version" ] && [ -f "$hba" ] || fail "cannot log in to PostgreSQL on $HOST:$PG_PORT as postgres
  without a password, and there is no local Debian cluster config to fix. Make the server accept
  user postgres over TCP from $HOST (trust), or point TEST_POSTGRES_URL at a server that does."
    if grep -q 'asn-local-servers' "$hba"; then
        fail "PostgreSQL login as postgres over TCP fails although $hba already has this script's
  trust rules. Check that user postgres exists and look at /var/log/postgresql/postgresql-$version-main.log"
    fi
    log "PostgreSQL: login as postgres over TCP needs a password; adding trust rules for"
    log "  127.0.0.1/32 and ::1/128 at the top of $hba (backup: $hba.bak-asn) and reloading"
    as_root cp -p "$hba" "$hba.bak-asn"
    local tmp
    tmp=$(mktemp)
    {
        echo "# asn-local-servers: trust for loopback TCP, added by deploy/local-servers.sh so the"
        echo "# project's password-less URLs (postgresql+asyncpg://postgres@127.0.0.1:5432/...) work."
        echo "# Developer/CI machines only. pg_hba.conf is first-match, so these come first."
        echo "host    all             all             127.0.0.1/32            trust"
        echo "host    all             all             ::1/128                 trust"
        echo
        cat "$hba"
    } >"$tmp"
    as_root cp "$tmp" "$hba"
    rm -f "$tmp"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    local deadline=$((SECONDS + 10))
    until pg_tcp -d postgres -Atc 'select 1' >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || fail "PostgreSQL login as postgres over TCP still fails after
  adding trust rules to $hba. Look at /var/log/postgresql/postgresql-$version-main.log"
        sleep 1
    done
    log "PostgreSQL: user postgres can log in over TCP without a password"
}

pg_ensure_database() {
    local exists
    exists=$(pg_tcp -d postgres -Atc "select 1 from pg_database where datname = '$PG_TEST_DB'")
    if [ "$exists" = "1" ]; then
        return 0
    fi
    log "PostgreSQL: creating database $PG_TEST_DB"
    pg_tcp -d postgres -c "create database \"$PG_TEST_DB\""
}

ensure_postgres() {
    if port_open "$PG_PORT"; then
        log "PostgreSQL: already running on $HOST:$PG_PORT"
    else
        if [ -z "$(pg_version)" ] && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
            log "PostgreSQL: not installed, installing the Debian package postgresql"
            apt_install postgresql
        fi
        if port_open "$PG_PORT"; then
            log "PostgreSQL: started by the package install, up on $HOST:$PG_PORT"
        else
            pg_start
        fi
    fi
    if ! command -v psql >/dev/null 2>&1; then
        log "PostgreSQL: psql missing (the server is elsewhere), installing postgresql-client"
        apt_install postgresql-client
    fi
    pg_ensure_trust
    pg_ensure_database
}

ensure_rabbitmq
if [ "$RABBITMQ_ONLY" -eq 0 ]; then
    ensure_postgres
fi
