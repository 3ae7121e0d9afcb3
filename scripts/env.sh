# Shared environment for the scripts (sourced): a build directory outside the clone, so that
# fresh clones (CI) compile incrementally, and the tools folder on PATH.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/samling-target}"
export SAMLING_TOOLS_DIR="${SAMLING_TOOLS_DIR:-$HOME/.cache/samling-tools}"
export PATH="$SAMLING_TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
