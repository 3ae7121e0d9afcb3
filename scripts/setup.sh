#!/usr/bin/env bash
# Installs everything Samling needs to build, serve and test on a fresh Debian machine.
# Idempotent: every step is skipped when the right version is already present.
# Usage: scripts/setup.sh [--test]   (--test also installs the browser-test tools)
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
PLAYWRIGHT_VERSION=1.65.1
# Pinned exactly: a new axe-core release adds or tightens rules, so the browser test's
# accessibility checks would start failing on their own; a bump is a change of its own.
AXE_CORE_VERSION=4.14.1
# Pinned for the same reason: a new release adds checks, and the API fuzzing run would start
# failing on its own (scripts/api-fuzz.sh).
SCHEMATHESIS_VERSION=4.32.5
# The independent reader of the calendar feeds in tests/tests/calendar_feeds.rs (pinned, so a
# new release cannot change what the tests accept).
ICALENDAR_PY_VERSION=7.3.0
TOOLS="${SAMLING_TOOLS_DIR:-$HOME/.cache/samling-tools}"

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes, once)"
  # Without --locked: the crate's own lockfile pins a webpki-roots the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

mkdir -p "$TOOLS"
npm_pkgs=()
[ -x "$TOOLS/node_modules/.bin/wasm-opt" ] \
  && grep -q "\"version\": \"$BINARYEN_VERSION\"" "$TOOLS/node_modules/binaryen/package.json" \
  || npm_pkgs+=("binaryen@$BINARYEN_VERSION")
if $want_test; then
  grep -qs "\"version\": \"$PLAYWRIGHT_VERSION\"" "$TOOLS/node_modules/playwright-core/package.json" \
    || npm_pkgs+=("playwright-core@$PLAYWRIGHT_VERSION")
  grep -qs "\"version\": \"$AXE_CORE_VERSION\"" "$TOOLS/node_modules/axe-core/package.json" \
    || npm_pkgs+=("axe-core@$AXE_CORE_VERSION")
fi
if [ ${#npm_pkgs[@]} -gt 0 ]; then
  say "installing ${npm_pkgs[*]} into $TOOLS"
  # Debian's binaryen is too old: its wasm-opt output breaks hydration.
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "${npm_pkgs[@]}"
fi

if $want_test; then
  apt_pkgs=()
  # postgresql: the API and system tests run on PostgreSQL too (scripts/pg-cluster.sh).
  # python3-venv: Schemathesis lives in a virtualenv of its own (below).
  # python3-prometheus-client: the Prometheus project's parser reads /metrics in tests/metrics.rs.
  for p in chromium python3-aiosmtpd python3-prometheus-client postgresql python3-venv; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || apt_pkgs+=("$p")
  done
  if [ ${#apt_pkgs[@]} -gt 0 ]; then
    say "installing ${apt_pkgs[*]} from Debian"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${apt_pkgs[@]}"
  fi
fi

if $want_test; then
  # Schemathesis (API fuzzing) in a virtualenv under the tools folder, made with Debian's
  # python3 when there is one (python3-venv above is for that python).
  venv="$TOOLS/venv"
  if [ "$("$venv/bin/schemathesis" --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
    say "installing schemathesis $SCHEMATHESIS_VERSION into $venv"
    python=python3
    [ -x /usr/bin/python3 ] && python=/usr/bin/python3
    [ -x "$venv/bin/pip" ] || "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  if [ "$("$venv/bin/python" -c 'import icalendar; print(icalendar.__version__)' 2>/dev/null)" != "$ICALENDAR_PY_VERSION" ]; then
    say "installing icalendar $ICALENDAR_PY_VERSION (Python) into $venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "icalendar==$ICALENDAR_PY_VERSION"
  fi
fi
