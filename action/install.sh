#!/usr/bin/env bash
# Installs mlq for the action's steps with its runtime packages only, and tells them where it is (MLQ_BIN in
# GITHUB_ENV). In order:
# - a checkout of the action that carries the bundle (lib/): its runtime packages, from npm's cache;
# - the action pinned at a release (its tag, or the tag's commit): the packed package attached to that
#   release, mlq-X.Y.Z.tgz, with its runtime packages;
# - any other commit: built from source, which needs the development packages (about a minute).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(node -p 'require(process.argv[1]).version' "$here/package.json")"
install=(--no-audit --no-fund --prefer-offline --loglevel=error)

released() {
  [ -n "${MLQ_ACTION_REPOSITORY:-}" ] || return 1
  [ "${MLQ_ACTION_REF:-}" = "v$version" ] && return 0
  # Pinned by commit: is it the release tag's commit (annotated tags peeled)?
  git ls-remote "${GITHUB_SERVER_URL:-https://github.com}/$MLQ_ACTION_REPOSITORY" "refs/tags/v$version" "refs/tags/v$version^{}" 2>/dev/null |
    cut -f1 | grep -qx "${MLQ_ACTION_REF:-none}"
}

if [ -f "$here/lib/cli.js" ]; then
  npm ci --prefix "$here" --omit=dev --ignore-scripts "${install[@]}"
  bin="$here/bin/mlq.js"
elif released; then
  prefix="${RUNNER_TEMP:-/tmp}/mlq-$version"
  tarball="$prefix/mlq-$version.tgz"
  mkdir -p "$prefix"
  curl -fsSL --retry 3 -o "$tarball" "${GITHUB_SERVER_URL:-https://github.com}/$MLQ_ACTION_REPOSITORY/releases/download/v$version/mlq-$version.tgz"
  npm install --prefix "$prefix" --omit=dev --ignore-scripts "${install[@]}" "$tarball"
  bin="$prefix/node_modules/mlq/bin/mlq.js"
else
  echo "mlq: no release for this commit of the action: building mlq from source (pin a release for a faster start)"
  npm ci --prefix "$here" --ignore-scripts "${install[@]}"
  npm run --prefix "$here" --silent bundle
  bin="$here/bin/mlq.js"
fi
echo "MLQ_BIN=$bin" >> "${GITHUB_ENV:-/dev/null}"
node "$bin" --version
