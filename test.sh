#!/usr/bin/env bash
# Runs the whole Confero test suite: every module's unit tests, then the Arquillian suite against a managed WildFly
# built from this tree (testsuite/). Installs what the tests need first (scripts/prerequisites.sh test). The benchmarks
# are compiled, not run: their C load tool and scripts by bench/compile, their Java sides by the reactor (root pom).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash "$root/scripts/prerequisites.sh" test
cd "$root"

# The Geo-IP tests also read the real default country database (npm package), fetched like run.sh does.
geoip="$root/target/geoip-cache"
bash "$root/scripts/fetch-geoip.sh" "$geoip"
if [ ! -f "$geoip/geo-whois-asn-country.mmdb" ]; then
    echo "The Geo-IP country database could not be fetched with npm; the tests need it." >&2
    exit 1
fi
export CONFERO_GEOIP_TEST_DATABASE="$geoip/geo-whois-asn-country.mmdb"

# Seconds, and it fails before the long build when a benchmark no longer compiles.
bash "$root/bench/compile"

mvn -B verify "$@"
