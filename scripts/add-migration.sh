#!/usr/bin/env bash
# Adds one migration for both database providers, so their schemas never drift apart:
#   scripts/add-migration.sh NAME
# MigrationTests fails on either provider when the model has a change that no migration holds.
set -euo pipefail
[[ $# -eq 1 && "$1" =~ ^[A-Z][A-Za-z0-9]*$ ]] || { echo "usage: scripts/add-migration.sh NameInPascalCase" >&2; exit 1; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
dotnet tool restore >/dev/null
cd src/Warta.Web
dotnet ef migrations add "$1" --context SqliteWartaDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$1" --context PostgresWartaDb --output-dir Data/Migrations/Postgres
echo "Added $1 for SQLite and PostgreSQL; review both, then run the tests on both providers (scripts/test.sh)."
