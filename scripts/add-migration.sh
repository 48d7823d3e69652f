#!/usr/bin/env bash
# Adds one EF Core migration NAME for both providers (ADR 0900): SQLite's in src/MilleLivres.Core/Data/Migrations,
# PostgreSQL's in src/MilleLivres.Core.PostgreSql/Migrations. No database is needed to add them.
#   bash scripts/add-migration.sh NAME
# To start PostgreSQL's set again from scratch (the lead, after merging branches that changed the model):
#   rm -r src/MilleLivres.Core.PostgreSql/Migrations && bash scripts/add-migration.sh Initial --postgresql-only
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: $0 NAME [--postgresql-only]}
only=${2:-}
dotnet tool restore >/dev/null
if [ "$only" != "--postgresql-only" ]; then
  dotnet ef migrations add "$name" --project src/MilleLivres.Core --startup-project src/MilleLivres.Web \
    --output-dir Data/Migrations
fi
# The PostgreSQL model is built by the same context with Database:Provider=PostgreSql; the connection string is only
# parsed (nothing connects), so any well-formed one does.
dotnet ef migrations add "$name" --project src/MilleLivres.Core.PostgreSql --startup-project src/MilleLivres.Web \
  --output-dir Migrations -- --Database:Provider=PostgreSql "--Database:ConnectionString=Host=127.0.0.1;Database=design_time"
