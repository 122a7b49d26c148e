#!/usr/bin/env bash
# Dumps the OpenAPI document a freshly migrated server serves and lints it
# with Redocly's CLI: usage openapi-lint.sh BIN OUT.json
set -euo pipefail
bin=$(realpath "$1") out=$(realpath -m "$2")
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
port=$((20000 + RANDOM % 20000))
"$bin" serve --http "127.0.0.1:$port" --dir "$dir" >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/api/openapi.json" -o "$out" 2>/dev/null && break
  sleep 0.2
done
[ -s "$out" ] || { cat "$dir/log"; exit 1; }
cd "$(dirname "$0")" && npx --no-install redocly lint --config redocly.yaml "$out"
