# Shared environment for the scripts (sourced): a build directory outside the clone, so that
# fresh clones (CI) compile incrementally, and the tools folder on PATH.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/samling-target}"
export SAMLING_TOOLS_DIR="${SAMLING_TOOLS_DIR:-$HOME/.cache/samling-tools}"
export PATH="$SAMLING_TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# A shared build directory grows with every change built into it (old incremental sessions,
# old test binaries). Past SAMLING_TARGET_MAX_GB (default 40) it is trimmed before building:
# first the incremental caches, then, if that was not enough, the debug build as a whole
# (the next build then starts from scratch, which is slower but cannot fill the disk).
trim_build_dir() {
  local max_gb="${SAMLING_TARGET_MAX_GB:-40}" size_gb
  [ -d "$CARGO_TARGET_DIR" ] || return 0
  size_gb=$(( $(du -sk "$CARGO_TARGET_DIR" 2>/dev/null | cut -f1) / 1024 / 1024 ))
  [ "$size_gb" -gt "$max_gb" ] || return 0
  echo "==> $CARGO_TARGET_DIR is ${size_gb} GB (over ${max_gb} GB): removing incremental caches" >&2
  rm -rf "$CARGO_TARGET_DIR"/*/incremental "$CARGO_TARGET_DIR"/*/*/incremental
  size_gb=$(( $(du -sk "$CARGO_TARGET_DIR" 2>/dev/null | cut -f1) / 1024 / 1024 ))
  if [ "$size_gb" -gt "$max_gb" ]; then
    echo "==> still ${size_gb} GB: removing the debug build" >&2
    rm -rf "$CARGO_TARGET_DIR/debug"
  fi
}
