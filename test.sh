#!/usr/bin/env bash
# Runs the whole Confero test suite: every module's unit tests, then the Arquillian suite against a managed WildFly
# built from this tree (testsuite/). Installs what the tests need first (scripts/prerequisites.sh test).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash "$root/scripts/prerequisites.sh" test
cd "$root"
mvn -B verify "$@"
