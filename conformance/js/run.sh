#!/bin/sh
# The full Arrow JS cross-check: every gold case, in both directions, against Apache Arrow JS
# (npm apache-arrow, the version locked in package-lock.json) run with Node.
#
#   conformance/js/run.sh          # from anywhere; needs node and npm on the PATH and a JDK 25
#
# It installs the locked npm packages into conformance/js/node_modules (npm ci; git ignores the
# folder), then runs the JS cross-check test of the conformance-tests module over every case
# (the Maven suite runs only a smoke of it). See docs/conformance.md for what it shows.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

command -v node >/dev/null 2>&1 || { echo "run.sh: node is not on the PATH (Node.js 20 or newer is needed)" >&2; exit 2; }
command -v npm >/dev/null 2>&1 || { echo "run.sh: npm is not on the PATH" >&2; exit 2; }

echo "run.sh: node $(node --version), installing the locked npm packages" >&2
(cd "$here" && npm ci --ignore-scripts --no-audit --no-fund >&2)

cd "$root"
exec ./mvnw -q -B -pl conformance-tests -am verify \
  -Dtest=ArrowJsCrossCheckTest -Dsurefire.failIfNoSpecifiedTests=false -Dlightstream.js.full=true "$@"
