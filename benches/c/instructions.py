#!/usr/bin/env python3
"""Instructions per parse for every parser on every bench body, counted by
callgrind: a number that other processes on the machine cannot disturb,
beside bench_c's times (which they can).

    instructions.py BENCH_C BENCH_DIR EXPECTED_DIR [N]

For each (body, parser) that bench_c's check finds right, runs
`bench_c ... --repeat PARSER BODY N` under callgrind, counting only inside
bench_c_repeat, and prints the count divided by N as a markdown table.
WRONG cells are shown as such, as in bench_c's tables.
"""
import re
import subprocess
import sys


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    binary, bench, expected = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) == 5 else 200
    quick = subprocess.run([binary, bench, expected, "--rounds", "1", "--batch-ms", "0.01"],
                           check=True, capture_output=True, text=True).stdout
    lines = quick.splitlines()
    header = next(line for line in lines if line.startswith("| body | byte-sum floor |"))
    parsers = [cell.strip() for cell in header.strip("|").split("|")][2:]
    rows = []
    for line in lines[lines.index(header) + 2:]:
        if not line.startswith("| "):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        body = re.match(r"(\S+) \(", cells[0]).group(1)
        rows.append((cells[0], body, cells[2:]))
    print(f"Instructions per parse (callgrind, {n} parses each, inside bench_c_repeat only)\n")
    print("| body | " + " | ".join(parsers) + " |")
    print("|---|" + "---:|" * len(parsers))
    for label, body, marks in rows:
        out = []
        for parser, mark in zip(parsers, marks):
            if mark == "WRONG":
                out.append("WRONG")
                continue
            run = subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=bench_c_repeat",
                                  "--callgrind-out-file=/dev/null", binary, bench, expected,
                                  "--repeat", parser, body, str(n)],
                                 check=True, capture_output=True, text=True)
            collected = int(re.search(r"Collected : (\d+)", run.stderr).group(1))
            out.append(f"{collected / n:,.0f}")
        print(f"| {label} | " + " | ".join(out) + " |", flush=True)


if __name__ == "__main__":
    main()
