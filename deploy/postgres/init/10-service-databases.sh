#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data directory
# (/docker-entrypoint-initdb.d). One database per service, each owned by its own role: a service
# cannot read another's tables (docs/architecture.md section 1).
#
# ASN_SERVICE_DATABASES  names of the databases = roles (default: the four services)
# ASN_DB_PASSWORD        password of every service role (compose dev default; in production each
#                        role gets its own secret and this script is not used)
set -euo pipefail

databases=${ASN_SERVICE_DATABASES:-assessment feedback sanctions notifications}
password=${ASN_DB_PASSWORD:?set ASN_DB_PASSWORD}

for name in $databases; do
    echo "asn: creating role and database $name"
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v name="$name" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
done
