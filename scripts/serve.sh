#!/usr/bin/env bash
# Builds Samling (release) and serves it on the embedded defaults: a SQLite file under ./data,
# SMS and e-mail written to the log, demo data loaded. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trim_build_dir
bash scripts/setup.sh
cargo run -q -p xtask -- build --release
exec "$CARGO_TARGET_DIR/release/samling" serve --demo
