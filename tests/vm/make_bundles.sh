#!/bin/sh
# The update chain's bundles for scripts/vm-test, put on the VM's second disk:
#   good/      the content of CONTENT_DIR as the shipped version + 1, signed;
#   tampered/  the shipped version + 2, signed, then one byte of its database changed
#              (same size, so only the SHA-256 check can catch it).
# Usage: make_bundles.sh MEDKIOSK_CONTENT CONTENT_DIR PUBLISHER_KEY OUT_DIR
set -eu
mkc=$1 src=$2 key=$3 out=$4
shipped=$(cat "$src/VERSION")
expires=$(date -u -d '+1 year' +%Y-%m-%d)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$mkc" build "$src" -o "$tmp/good.db" --content-version $((shipped + 1))
"$mkc" sign "$tmp/good.db" --key "$key" --expires "$expires" --out "$out/good"
"$mkc" build "$src" -o "$tmp/next.db" --content-version $((shipped + 2))
"$mkc" sign "$tmp/next.db" --key "$key" --expires "$expires" --out "$out/tampered"
db=$(ls "$out"/tampered/content-*.db)
offset=$(($(stat -c %s "$db") / 2))
old=$(dd if="$db" bs=1 skip="$offset" count=1 status=none | od -An -tu1 | tr -d ' ')
printf "\\$(printf %o $(((old + 1) % 256)))" | dd of="$db" bs=1 seek="$offset" conv=notrunc status=none
echo "shipped content version $shipped; good/ is $((shipped + 1)), tampered/ is $((shipped + 2)) with byte $offset changed"
