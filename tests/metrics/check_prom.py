#!/usr/bin/python3
"""Checks a node-exporter textfile against the Prometheus text exposition format.

Usage: check_prom.py FILE [NAME=VALUE ...]
The file is parsed with prometheus_client's parser (python3-prometheus-client) and
then held to the rules the node exporter enforces: valid names, one HELP and TYPE
per family before its samples, no duplicate series, counters ending in _total,
cumulative histogram buckets ending in +Inf equal to _count. Each NAME=VALUE
argument (NAME may carry labels, written as in the file) must be a sample.
"""
import math
import re
import sys

from prometheus_client.parser import text_string_to_metric_families

NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
LABEL = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")


def fail(msg):
    print(f"check_prom: {msg}")
    sys.exit(1)


def main():
    path, expected = sys.argv[1], sys.argv[2:]
    text = open(path, encoding="utf-8").read()
    if not text.endswith("\n"):
        fail("the file must end with a line feed")
    # Line rules first: comments, and that TYPE precedes every sample of its family.
    typed, seen_series = {}, set()
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            parts = line.split(" ", 3)
            if len(parts) < 4 or not NAME.match(parts[2]):
                fail(f"line {n}: malformed comment {line!r}")
            if line.startswith("# TYPE "):
                if parts[2] in typed:
                    fail(f"line {n}: second TYPE for {parts[2]}")
                if parts[3] not in ("counter", "gauge", "histogram", "summary", "untyped"):
                    fail(f"line {n}: unknown type {parts[3]}")
                typed[parts[2]] = parts[3]
            continue
        if not line or line.startswith("#"):
            fail(f"line {n}: blank or stray comment line")
        series = line.rsplit(" ", 1)[0]
        if series in seen_series:
            fail(f"line {n}: duplicate series {series}")
        seen_series.add(series)
        name = re.split(r"[{ ]", line, 1)[0]
        base = re.sub(r"_(bucket|sum|count)$", "", name)
        if name not in typed and base not in typed:
            fail(f"line {n}: sample of {name} before its TYPE line")
    samples = {}
    for fam in text_string_to_metric_families(text):
        if not NAME.match(fam.name):
            fail(f"bad metric name {fam.name}")
        if fam.type == "counter" and not typed.get(fam.name + "_total") == "counter":
            fail(f"counter {fam.name} must be named ..._total")
        buckets = []
        for s in fam.samples:
            for k in s.labels:
                if not LABEL.match(k) or k.startswith("__"):
                    fail(f"bad label name {k} on {s.name}")
            if math.isnan(s.value):
                fail(f"{s.name} is NaN")
            key = s.name + ("{" + ",".join(f'{k}="{v}"' for k, v in s.labels.items()) + "}" if s.labels else "")
            samples[key] = s.value
            if s.name.endswith("_bucket"):
                buckets.append((float(s.labels["le"]), s.value))
        if fam.type == "histogram":
            if not buckets or buckets[-1][0] != math.inf:
                fail(f"histogram {fam.name} lacks the +Inf bucket")
            if [b for b, _ in buckets] != sorted(b for b, _ in buckets):
                fail(f"histogram {fam.name} buckets are not in order")
            if any(a[1] > b[1] for a, b in zip(buckets, buckets[1:])):
                fail(f"histogram {fam.name} buckets are not cumulative")
            if samples.get(fam.name + "_count") != buckets[-1][1]:
                fail(f"histogram {fam.name}: _count differs from the +Inf bucket")
    for e in expected:
        key, value = e.rsplit("=", 1)
        if key not in samples:
            fail(f"no sample {key}")
        if value != "*" and samples[key] != float(value):
            fail(f"{key} is {samples[key]}, expected {value}")
    print(f"check_prom: {path}: {len(samples)} samples ok")


main()
