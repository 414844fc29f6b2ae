#!/usr/bin/env bash
# One mlq command for action.yml: the banks and the config come from the action's inputs, in the
# environment, so that no input is ever pasted into a script. MLQ_BIN is the mlq that install.sh installed.
set -euo pipefail
args=("$@")
while IFS= read -r source; do
  [ -n "$source" ] && args+=(--source "$source")
done <<< "${MLQ_SOURCES:-}"
if [ -n "${MLQ_CONFIG:-}" ]; then args+=(--config "$MLQ_CONFIG"); fi
exec node "${MLQ_BIN:-$(dirname "${BASH_SOURCE[0]}")/../bin/mlq.js}" "${args[@]}"
