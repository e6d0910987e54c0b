#!/bin/sh
# The textfile checker must fail on what the node exporter would reject, or the
# kiosk metrics test could not fail.
set -u
check=$1 dir=$2
mkdir -p "$dir"
bad() {  # NAME TEXT
  printf '%b' "$2" >"$dir/$1.prom"
  if "$check" "$dir/$1.prom" >/dev/null 2>&1; then echo "accepted $1"; exit 1; fi
}
good='# HELP a_total A.\n# TYPE a_total counter\na_total 1\n'
printf '%b' "$good" >"$dir/good.prom"
"$check" "$dir/good.prom" a_total=1 || { echo "refused a good file"; exit 1; }
bad missing-type 'a_total 1\n'
bad duplicate '# HELP a_total A.\n# TYPE a_total counter\na_total 1\na_total 2\n'
bad bad-name '# HELP 1a A.\n# TYPE 1a gauge\n1a 1\n'
bad no-newline '# HELP a A.\n# TYPE a gauge\na 1'
bad counter-name '# HELP a A.\n# TYPE a counter\na 1\n'
bad histogram-no-inf '# HELP h H.\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'
bad histogram-not-cumulative '# HELP h H.\n# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'
bad unescaped-label '# HELP a A.\n# TYPE a gauge\na{x="say "hi""} 1\n'
if "$check" "$dir/good.prom" a_total=2 >/dev/null; then echo "accepted a wrong expected value"; exit 1; fi
echo "checker refuses malformed files"
