#!/usr/bin/env bash
# Runs every test: formatting, lints, unit and API tests (real server, fresh SQLite file per test),
# the API and system tests again on a PostgreSQL cluster this script starts and removes, then the
# browser tests in headless Chromium against the built site. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trim_build_dir
bash scripts/setup.sh --test

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> unit and API tests (SQLite)"
cargo test --workspace --locked

echo "==> API and system tests on PostgreSQL"
pg_dir="$(mktemp -d /tmp/samling-pg.XXXXXX)"
trap 'scripts/pg-cluster.sh stop "$pg_dir"' EXIT
# The same package selection as above, so nothing is compiled again; the unit tests, which
# touch no database, simply run twice.
SAMLING_TEST_POSTGRES="$(scripts/pg-cluster.sh start "$pg_dir")" \
  cargo test --workspace --locked
scripts/pg-cluster.sh stop "$pg_dir"
trap - EXIT

echo "==> building the site (wasm, release) and the server"
cargo run -q -p xtask -- site --release
cargo build -p samling --bin samling --locked

echo "==> browser tests (headless Chromium)"
export SAMLING_BIN="$CARGO_TARGET_DIR/debug/samling"
export SAMLING_SITE_ROOT="$PWD/target/site"
export PLAYWRIGHT="$SAMLING_TOOLS_DIR/node_modules/playwright-core/index.mjs"
export AXE="$SAMLING_TOOLS_DIR/node_modules/axe-core/axe.min.js"
node tests/browser/course.test.mjs
node tests/browser/consent.test.mjs
node tests/browser/reports.test.mjs
node tests/browser/privacy.test.mjs

echo "==> API fuzzing (Schemathesis)"
# The binary built above; the run starts its own server on a fresh SQLite file.
bash scripts/api-fuzz.sh

echo "==> all tests passed"
