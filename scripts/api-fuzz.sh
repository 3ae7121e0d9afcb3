#!/usr/bin/env bash
# API fuzzing: Schemathesis generates requests from the OpenAPI document the server publishes
# and checks the server against it — a real `samling serve` on a free 127.0.0.1 port, a fresh
# SQLite file with the demo data, an admin's API token. Fails unless the run ends with no
# server error, no status the document does not name for the operation, no answer whose body
# breaks its schema, and no schema-valid request refused as malformed (400/422); prints the
# counts either way. scripts/test.sh runs it after the browser tests; by hand:
#   bash scripts/setup.sh --test && cargo build -p samling && bash scripts/api-fuzz.sh
# SAMLING_BIN names another binary; FUZZ_EXAMPLES (default 50) the examples per operation.
# Generation is deterministic (--generation-deterministic, which also keeps no database of
# earlier runs' examples): the same document and server give the same requests, so a failure
# seen once is seen again.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bin="${SAMLING_BIN:-$CARGO_TARGET_DIR/debug/samling}"
schemathesis="$SAMLING_TOOLS_DIR/venv/bin/schemathesis"
[ -x "$bin" ] || { echo "no server binary at $bin (cargo build -p samling)" >&2; exit 1; }
[ -x "$schemathesis" ] || { echo "no Schemathesis at $schemathesis (bash scripts/setup.sh --test)" >&2; exit 1; }

work="$(mktemp -d /tmp/samling-fuzz.XXXXXX)"
server_pid=""
finish() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap finish EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export SAMLING_DATABASE_URL="sqlite://$work/samling.db"
export SAMLING_ADDR="127.0.0.1:$port"
export SAMLING_PUBLIC_URL="http://127.0.0.1:$port"
# The per-token request limit would answer 429 long before the run ends; it is documented on
# every operation, but here it would only hide what the fuzzer is looking for.
export SAMLING_API_REQUESTS_PER_MINUTE=0
export RUST_LOG="${RUST_LOG:-warn}"

"$bin" demo >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }
token="$("$bin" token create --email koordinator@samling.test)"
"$bin" serve >"$work/server.log" 2>&1 &
server_pid=$!
ready() {
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
    "http://127.0.0.1:$port/readyz" 2>/dev/null
}
for _ in $(seq 300); do
  ready && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
ready || { echo "the server did not become ready:" >&2; cat "$work/server.log" >&2; exit 1; }
# Ids of demo records for schemathesis.toml: operations on one course, session, participant,
# programme and school get those (invented ids would mostly meet 404 and never reach the
# answers whose bodies the document describes); PATCH /users/{id} gets the course leader.
eval "$(python3 - "http://127.0.0.1:$port/api/v1" "$token" <<'EOF'
import json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
def get(path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(request))
course = next(c["id"] for c in get("/courses") if c["title"] == "Klart jeg kan – demokurs")
ids = {
    "FUZZ_COURSE": course,
    "FUZZ_SESSION": get(f"/courses/{course}/sessions")[0]["id"],
    "FUZZ_PARTICIPANT": next(e["participant_id"] for e in get(f"/courses/{course}/enrolments") if e["status"] == "enrolled"),
    "FUZZ_PROGRAMME": next(p["id"] for p in get("/programmes") if p["name"] == "Klart jeg kan"),
    "FUZZ_SCHOOL": get("/schools")[0]["id"],
    "FUZZ_OTHER_USER": next(u["id"] for u in get("/users") if u["email"] == "kursleder@samling.test"),
}
for name, value in ids.items():
    print(f"export {name}={value}")
EOF
)"

# The checks, and why these:
# - not_a_server_error: a 500 is always the server's fault.
# - status_code_conformance: every status an operation answers is in the document.
# - response_schema_conformance: every answer's body fits the schema of its status.
# - positive_data_acceptance: a request the document calls valid is not refused as malformed.
#   Its expected statuses (schemathesis.toml beside this script) are 2xx and the refusals
#   that are about the data's *state*, not its shape: 401/403 (whose it is), 404 (an id that
#   does not exist — the fuzzer invents ids), 409 (a duplicate or a state that forbids the
#   change) and 422 only for the operations listed there, whose rules a schema cannot state
#   (a date relative to today, a capacity below the number enrolled, a phone number that
#   must be a real mobile number); 400 never.
# Left out: negative_data_rejection and missing_required_header (the server answers some
# malformed requests with 404 — an unreadable path id is "no such resource"); unsupported_method
# (axum's 405 has no JSON body and no Allow header on every route); use_after_free and
# ensure_resource_availability (they need the stateful phase, see below).
# Phases: examples, coverage and fuzzing. The stateful phase needs OpenAPI links between
# operations, which the document does not declare.
set +e
# Run from the scratch folder: Schemathesis keeps a cache folder (.schemathesis/) where it runs.
config="$PWD/scripts/schemathesis.toml"
cd "$work"
"$schemathesis" --config-file "$config" run \
  "http://127.0.0.1:$port/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,response_schema_conformance,positive_data_acceptance \
  --phases examples,coverage,fuzzing \
  --mode positive \
  --max-examples "${FUZZ_EXAMPLES:-50}" \
  --generation-deterministic \
  --workers 2 \
  --no-color \
  >"$work/run.log" 2>&1
status=$?
set -e
cat "$work/run.log"

# Counts per kind of failure, from the run's summary ("❌ ST103 Undocumented status code: 2").
python3 - "$work/run.log" <<'EOF'
import re, sys
kinds = {
    "Server error": "server errors",
    "Undocumented status code": "undocumented statuses",
    "Response violates schema": "responses breaking their schema",
    "Schema-valid request rejected": "schema-valid requests rejected",
}
counts = dict.fromkeys(kinds.values(), 0)
other = 0
for name, n in re.findall(r"ST\d+ ([^:\n]+): (\d+)$", open(sys.argv[1]).read(), re.M):
    if name in kinds:
        counts[kinds[name]] += int(n)
    else:
        other += int(n)
for what, n in counts.items():
    print(f"==> API fuzzing: {n} {what}")
print(f"==> API fuzzing: {other} other failures")
EOF
if [ "$status" -ne 0 ]; then
  echo "==> API fuzzing failed (Schemathesis exited with $status); the server's log:" >&2
  tail -n 50 "$work/server.log" >&2
  exit 1
fi
echo "==> API fuzzing passed"
