#!/usr/bin/env bash
# Integration tests on PGlite, then again on PostgreSQL when TEST_DATABASE_URL is set.
set -euo pipefail
echo "== integration tests on PGlite (in memory)"
env -u TEST_DATABASE_URL npx vitest run --project integration "$@"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== integration tests on PostgreSQL (${TEST_DATABASE_URL%%@*}@…)"
  npx vitest run --project integration "$@"
fi
