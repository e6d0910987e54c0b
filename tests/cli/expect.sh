#!/bin/sh
# Runs a command and passes when it exits with the expected code (output is kept for
# CTest's PASS_REGULAR_EXPRESSION). Usage: expect.sh CODE COMMAND [ARGS...]
want=$1
shift
"$@" 2>&1
got=$?
if [ "$got" -ne "$want" ]; then
  echo "expected exit code $want, got $got"
  exit 1
fi
exit 0
