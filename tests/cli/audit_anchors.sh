#!/bin/sh
# Issue #14 item 6: medkiosk-admin audit verify --anchors reads journalctl -o export
# output and finds what the chain alone cannot: the last entries deleted with the
# head moved back. Without a journal here, the anchors are written from the database
# itself, as the journal would have kept them, before the tampering.
# Usage: audit_anchors.sh MEDKIOSK-ADMIN OUT-DIR
set -u
admin=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
db=$out/data/records.db
for n in Eva Anna Maria; do echo 246813 | "$admin" --data-dir "$out/data" nurse add "$n" >/dev/null || bad "nurse add $n"; done
python3 - "$db" "$out/anchors.export" "$(id -u)" <<'PY'
import sqlite3, sys
db, out, uid = sys.argv[1:4]
with open(out, "w") as f:
    for seq, h in sqlite3.connect(db).execute("SELECT id, hash FROM audit ORDER BY id"):
        f.write(f"__CURSOR=s=x;i={seq}\n_UID={uid}\nMESSAGE=audit entry {seq}\n"
                f"MESSAGE_ID=4f1c2a9e7b3d4c56a8e0d9b7c6f5e4a3\nMEDKIOSK_AUDIT_SEQ={seq}\nMEDKIOSK_AUDIT_HASH={h}\n\n")
PY
"$admin" --data-dir "$out/data" audit verify --anchors "$out/anchors.export" >"$out/before.out" 2>&1 \
  && grep -q "matches its anchors: 3 entries" "$out/before.out" && ok "an untouched log matches its anchors" \
  || bad "an untouched log: $(cat "$out/before.out")"
python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DELETE FROM audit WHERE id = 3")
c.execute("UPDATE audit_head SET last_id = 2, last_hash = (SELECT hash FROM audit WHERE id = 2)")
c.commit()
PY
"$admin" --data-dir "$out/data" audit verify >"$out/chain.out" 2>&1 && ok "the chain alone still verifies (exit 0)" \
  || bad "the chain alone: $(cat "$out/chain.out")"
if "$admin" --data-dir "$out/data" audit verify --anchors - <"$out/anchors.export" >"$out/after.out" 2>&1; then
  bad "the truncated log passed: $(cat "$out/after.out")"
else
  grep -q "ALTERED: entry 3: anchored in the journal but missing" "$out/after.out" \
    && grep -q "It cannot find" "$out/after.out" && ok "the deleted entry is found, with the limits stated" \
    || bad "not reported: $(cat "$out/after.out")"
fi
echo "" >"$out/empty.export"
"$admin" --data-dir "$out/data" audit verify --anchors "$out/empty.export" >"$out/empty.out" 2>&1 \
  && bad "no anchors passed" || ok "no anchors: $(grep NOT "$out/empty.out")"
exit $fail
