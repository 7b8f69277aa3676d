#!/usr/bin/env bash
# Puts testharness.js (and idlharness.js, webidl2.js) from the npm package wpt-runner@7.0.0 into DIR.
# The runner's own tests drive these real harness files; they are fetched at build time, never committed.
set -euo pipefail
dir=${1:?usage: get-testharness.sh DIR}
pkg=wpt-runner@7.0.0
[ -f "$dir/testharness.js" ] && exit 0
command -v npm >/dev/null || { echo "get-testharness: npm is needed to fetch $pkg (apt-get install npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg" >/dev/null)
tar -xzf "$tmp"/wpt-runner-7.0.0.tgz -C "$tmp" package/testharness
mkdir -p "$dir"
cp "$tmp"/package/testharness/*.js "$dir"/
echo "get-testharness: testharness.js from $pkg in $dir"
