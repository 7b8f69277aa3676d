#!/usr/bin/env bash
# Fetches the pinned WebNN WPT suite (third_party/wpt.pin) into DIR with a sparse, shallow git checkout.
set -euo pipefail
dir=${1:?usage: get-wpt.sh DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repository=$(sed -n 's/^repository=//p' "$here/wpt.pin")
commit=$(sed -n 's/^commit=//p' "$here/wpt.pin")
read -r -a paths <<<"$(sed -n 's/^paths=//p' "$here/wpt.pin")"
mkdir -p "$dir"
cd "$dir"
git init -q
git remote add origin "$repository" 2>/dev/null || git remote set-url origin "$repository"
git sparse-checkout set --no-cone "${paths[@]}"
git fetch -q --depth 1 --filter=blob:none origin "$commit"
git checkout -q FETCH_HEAD
cp resources/webidl2/lib/webidl2.js resources/WebIDLParser.js
echo "get-wpt: WebNN suite at $commit in $dir"
