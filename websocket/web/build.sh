#!/bin/sh
# Builds the browser page of the WebSocket server into OUTPUT_DIRECTORY: installs the npm packages
# locked in package-lock.json (npm ci, only when the lock changed since the last install; node_modules
# is git-ignored) and bundles src/ with esbuild. The websocket module's Maven build runs it
# (generate-resources) so that the jar holds the page; nothing is downloaded when the page runs.
#
#   websocket/web/build.sh OUTPUT_DIRECTORY
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTPUT_DIRECTORY}

command -v node >/dev/null 2>&1 || { echo "build.sh: node is not on the PATH (Node.js 18 or newer builds the browser page)" >&2; exit 2; }
command -v npm >/dev/null 2>&1 || { echo "build.sh: npm is not on the PATH" >&2; exit 2; }

stamp="$here/node_modules/.lightstream-package-lock.json"
if ! cmp -s "$here/package-lock.json" "$stamp"; then
  echo "build.sh: npm ci (node $(node --version))" >&2
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  cp "$here/package-lock.json" "$stamp"
fi
node "$here/build.mjs" "$out"
