#!/usr/bin/env bash
# Installs what building, running and testing Confero need, from Debian's packages, when it is missing.
#   scripts/prerequisites.sh run     JDK (17 or later, with keytool), Maven, curl
#   scripts/prerequisites.sh test    the above, plus the tools the test suite drives (tshark for DSCP captures, npm
#                                    for the Geo-IP country database, iproute2 and nftables for the network-namespace
#                                    tests, tinyproxy as the real proxy those tests join through, haproxy and
#                                    openssl for the load balancer tests, postgresql for the database tests' private
#                                    PostgreSQL server, scripts/postgres.sh, prometheus for the metrics tests,
#                                    which run it as their own child process — its Debian service is never started)
# Nothing is skipped silently: a tool that cannot be installed stops the script with a message.
set -euo pipefail

mode=${1:-run}
packages=()

need() { # need <command> <debian-package>
    command -v "$1" >/dev/null 2>&1 || packages+=("$2")
}

java_major() {
    java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
    packages+=(openjdk-17-jdk-headless)
fi
need keytool openjdk-17-jdk-headless
need mvn maven
need curl curl
if [ "$mode" = test ]; then
    need tshark tshark
    need npm npm
    need ip iproute2
    need tc iproute2
    need nft nftables
    need tinyproxy tinyproxy
    need haproxy haproxy
    need openssl openssl
    need gcc gcc            # bench/compile builds the capacity benchmark's C load tool
    need python3 python3    # … and parses the benchmark scripts
    # The server programs (initdb, pg_ctl) live under /usr/lib/postgresql/<version>/bin, not on the PATH.
    postgres_installed() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
    postgres_installed || packages+=(postgresql)
    need prometheus prometheus   # MetricsIT, SecuredPrometheusIT, ClusterStateIT scrape through a real Prometheus
fi

# The web client's browser tests (BrowserIT): Debian's Chromium, its WebDriver and a font for the screenshots.
if [ "$mode" = test ]; then
    need chromium chromium
    need chromedriver chromium-driver
    [ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || packages+=(fonts-liberation)
fi

if [ ${#packages[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "Missing ${packages[*]} and no sudo to install them" >&2; exit 1; }
        sudo=sudo
    fi
    echo "Installing ${packages[*]} from Debian's packages"
    # Debian's prometheus package enables and starts its service (all interfaces, port 9090); the tests start their own
    # on loopback. Where no policy forbids starting services during installation (Docker images ship one), one is put in
    # place for this installation only, refusing to start prometheus.
    policy=/usr/sbin/policy-rc.d
    if [[ " ${packages[*]} " == *" prometheus "* ]] && [ ! -e "$policy" ]; then
        printf '#!/bin/sh\ncase "$1" in prometheus) exit 101 ;; esac\nexit 0\n' | $sudo tee "$policy" >/dev/null
        $sudo chmod 755 "$policy"
        trap '$sudo rm -f "$policy"' EXIT
    fi
    $sudo apt-get update -qq
    # tshark asks whether non-root users may capture; answer "no" and stay non-interactive.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections 2>/dev/null || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
    # … and not at the next boot either.
    if [[ " ${packages[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null 2>&1; then
        $sudo systemctl disable prometheus >/dev/null 2>&1 || true
    fi
fi

for tool in java javac keytool mvn curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is still missing" >&2; exit 1; }
done
if [ "$mode" = test ]; then
    for tool in tshark npm ip tc nft tinyproxy haproxy openssl gcc python3 prometheus; do
        command -v "$tool" >/dev/null 2>&1 || { echo "$tool is still missing" >&2; exit 1; }
    done
    postgres_installed || { echo "PostgreSQL's server (initdb) is still missing" >&2; exit 1; }
fi
if [ "$mode" = test ]; then
    for tool in chromium chromedriver; do
        command -v "$tool" >/dev/null 2>&1 || { echo "$tool is still missing" >&2; exit 1; }
    done
fi
