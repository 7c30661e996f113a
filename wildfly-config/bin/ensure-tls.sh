#!/usr/bin/env bash
# Creates, on the first start only, the TLS keystore a Confero server uses for HTTPS 8443:
#   <data>/tls/confero.p12          a self-signed certificate for this host (PKCS#12)
#   <data>/tls/keystore.properties  confero.tls.keystore.password=<random>, passed to WildFly with -P
#   <data>/tls/confero.crt          the certificate alone (PEM, public): what clients trust, e.g. confero --ca-cert
# Both are readable by the owner only and never leave the machine. Replace confero.p12 by a certificate of your own
# CA (same alias "confero", same password) for production; behind a load balancer that terminates TLS this one only
# secures the hop from the balancer.
#   ensure-tls.sh <data-dir> [extra-name ...]     (a name is a DNS name, or ip:<address>)
set -euo pipefail

data=${1:?usage: ensure-tls.sh <data-dir> [extra-dns-name ...]}
shift
dir="$data/tls"
keystore="$dir/confero.p12"
properties="$dir/keystore.properties"
certificate="$dir/confero.crt"

export_certificate() {
    CONFERO_KEYSTORE_PASSWORD=$(sed -n 's/^confero.tls.keystore.password=//p' "$properties")
    export CONFERO_KEYSTORE_PASSWORD
    keytool -exportcert -rfc -alias confero -keystore "$keystore" -storetype PKCS12 \
        -storepass:env CONFERO_KEYSTORE_PASSWORD -file "$certificate.tmp" >/dev/null 2>&1
    chmod 644 "$certificate.tmp"
    mv "$certificate.tmp" "$certificate"
}

if [ -f "$keystore" ] && [ -f "$properties" ]; then
    [ -f "$certificate" ] || export_certificate
    exit 0
fi

umask 077
mkdir -p "$dir"
host=$(hostname -f 2>/dev/null || hostname)
san="dns:localhost,ip:127.0.0.1,ip:::1,dns:$host"
for name in "$@"; do
    case $name in
    ip:*) san="$san,$name" ;;
    *) san="$san,dns:$name" ;;
    esac
done

# 32 characters from the kernel's CSPRNG; handed to keytool through the environment, never on a command line.
CONFERO_KEYSTORE_PASSWORD=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
export CONFERO_KEYSTORE_PASSWORD
rm -f "$keystore"
keytool -genkeypair -alias confero -keyalg EC -groupname secp256r1 -validity 825 \
    -dname "CN=$host, O=Confero" -ext "SAN=$san" \
    -keystore "$keystore" -storetype PKCS12 \
    -storepass:env CONFERO_KEYSTORE_PASSWORD -keypass:env CONFERO_KEYSTORE_PASSWORD >/dev/null 2>&1
printf 'confero.tls.keystore.password=%s\n' "$CONFERO_KEYSTORE_PASSWORD" > "$properties"
export_certificate
echo "Generated a TLS keystore for $host in $keystore"
