#!/usr/bin/env bash
# Fetches the default Geo-IP country database for zone ranking into a directory, with the ordinary npm client:
#   scripts/fetch-geoip.sh DIR            writes DIR/geo-whois-asn-country.mmdb (skipped when it is already there)
#   scripts/fetch-geoip.sh --refresh DIR  replaces it with the newest published version
# The server reads <confero.data.path>/geoip/geo-whois-asn-country.mmdb unless confero.geoip.database names another
# MaxMind DB file (e.g. GeoLite2-Country.mmdb or GeoLite2-City.mmdb).
#
# The database is the npm package @ip-location-db/geo-whois-asn-country-mmdb (records: {country_code}); its package
# declares CC0-1.0, its data derives from the RIRs' statistics published by the NRO under CC BY 4.0, so the
# attribution is written next to the file. Override the package (e.g. to pin a version) with
# CONFERO_GEOIP_NPM_PACKAGE=@ip-location-db/geo-whois-asn-country-mmdb@VERSION.
#
# Never fails a build or a set-up: when npm is missing or the download fails it prints a warning and exits 0, and
# Confero ranks zones without Geo-IP (by CIDR rules, state and load) until a database is there.
set -euo pipefail

package=${CONFERO_GEOIP_NPM_PACKAGE:-@ip-location-db/geo-whois-asn-country-mmdb}
file_name=geo-whois-asn-country.mmdb

usage() {
    echo "usage: $0 [--refresh] DIR" >&2
    exit 2
}

refresh=false
if [ "${1:-}" = --refresh ]; then
    refresh=true
    shift
fi
[ $# -eq 1 ] && [ -n "$1" ] || usage
target_dir=$1
target=$target_dir/$file_name

# The package name without a version: @scope/name@1.2 -> @scope/name.
package_name() {
    case $1 in
        @*) local rest=${1#@}; echo "@${rest%%@*}" ;;
        *) echo "${1%%@*}" ;;
    esac
}

warn() {
    echo "fetch-geoip: WARNING: $*; zones will be ranked without Geo-IP until $target exists" >&2
    exit 0
}

if [ -s "$target" ] && [ "$refresh" = false ]; then
    echo "fetch-geoip: $target is already there (use --refresh to replace it)"
    exit 0
fi
command -v npm >/dev/null 2>&1 || warn "npm is not installed (Debian: apt-get install npm)"
command -v tar >/dev/null 2>&1 || warn "tar is not installed"
mkdir -p "$target_dir" 2>/dev/null || warn "cannot create $target_dir"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# npm retries on its own; the outer time limit keeps an unreachable registry from stalling a set-up for long.
limit=()
command -v timeout >/dev/null 2>&1 && limit=(timeout 300)
echo "fetch-geoip: fetching $package with npm"
if ! ${limit[@]+"${limit[@]}"} npm pack --loglevel=error --ignore-scripts --pack-destination "$work" "$package" \
    >"$work/npm.out" 2>"$work/npm.err"; then
    sed 's/^/fetch-geoip:   npm: /' "$work/npm.err" >&2
    warn "npm could not fetch $package"
fi
tarball=$(find "$work" -maxdepth 1 -name '*.tgz' | head -n 1)
[ -n "$tarball" ] || warn "npm fetched no package file for $package"

tar -xzf "$tarball" -C "$work" package/package.json "package/$file_name" 2>"$work/tar.err" \
    || warn "$package does not contain $file_name ($(head -c 200 "$work/tar.err"))"
tar -xzf "$tarball" -C "$work" package/NRO_LICENSE 2>/dev/null || true

# A MaxMind DB ends with its metadata, which starts with this marker within the last 128 KiB.
tail -c 131072 "$work/package/$file_name" >"$work/metadata"
LC_ALL=C grep -aq 'MaxMind\.com' "$work/metadata" || warn "$file_name in $package is not a MaxMind DB file"

version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$work/package/package.json" | head -n 1)
license=$(sed -n 's/^ *"license": *"\([^"]*\)".*/\1/p' "$work/package/package.json" | head -n 1)
{
    echo "Geo-IP country database for Confero's zone ranking"
    echo "file:    $file_name"
    echo "source:  npm package $(package_name "$package")@${version:-unknown}, fetched $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "licence: the package declares ${license:-no licence}; its data derives from statistics of the Number"
    echo "         Resource Organization (NRO) under CC BY 4.0: attribute the NRO when you redistribute it."
    if [ -f "$work/package/NRO_LICENSE" ]; then
        echo
        cat "$work/package/NRO_LICENSE"
        echo
    fi
} >"$work/README.txt"

# Replace by rename, never in place: a server that has the old file open keeps reading a consistent copy.
cp "$work/package/$file_name" "$target.tmp.$$" || warn "cannot write into $target_dir"
cp "$work/README.txt" "$target_dir/${file_name%.mmdb}.README.txt" || true
mv -f "$target.tmp.$$" "$target" || { rm -f "$target.tmp.$$"; warn "cannot write $target"; }
echo "fetch-geoip: wrote $target ($(wc -c <"$target") bytes, $(package_name "$package")@${version:-unknown})"
