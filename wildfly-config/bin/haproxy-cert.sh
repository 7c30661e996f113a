#!/usr/bin/env bash
# Creates, once, the certificate the load balancer terminates TLS with:
#   <dir>/confero-lb.pem   certificate and private key in one PEM file, as HAProxy's "crt" wants it (mode 0600)
#   <dir>/confero-lb.crt   the certificate alone (public): what clients trust, e.g. confero --ca-cert
# Self-signed (EC P-256, 825 days) for localhost, 127.0.0.1, ::1, this host's name and the names given. For
# production replace confero-lb.pem by your CA's certificate chain followed by its key (same file, same mode).
# Never commit either file: they are generated into a directory outside the source tree.
#   haproxy-cert.sh <dir> [extra-name ...]     (a name is a DNS name, or ip:<address>)
set -euo pipefail

dir=${1:?usage: haproxy-cert.sh <dir> [extra-dns-name|ip:address ...]}
shift
pem="$dir/confero-lb.pem"
crt="$dir/confero-lb.crt"
if [ -s "$pem" ] && [ -s "$crt" ]; then
    exit 0
fi

umask 077
mkdir -p "$dir"
host=$(hostname -f 2>/dev/null || hostname)
san="DNS:localhost,IP:127.0.0.1,IP:::1,DNS:$host"
for name in "$@"; do
    case $name in
    ip:*) san="$san,IP:${name#ip:}" ;;
    *) san="$san,DNS:$name" ;;
    esac
done
work=$(mktemp -d "$dir/.cert.XXXXXX")
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
    -subj "/O=Confero/CN=$host" -addext "subjectAltName=$san" \
    -addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=serverAuth" \
    -keyout "$work/key.pem" -out "$work/crt.pem" 2>/dev/null
cat "$work/crt.pem" "$work/key.pem" >"$work/confero-lb.pem"
chmod 600 "$work/confero-lb.pem"
cp "$work/crt.pem" "$work/confero-lb.crt"
chmod 644 "$work/confero-lb.crt"
mv "$work/confero-lb.crt" "$crt"
mv "$work/confero-lb.pem" "$pem"
echo "Generated the load balancer's certificate for $host in $pem"
