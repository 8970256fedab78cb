#!/usr/bin/env python3
"""Generate core/src/codes_table.rs from the COS error-code table.

Usage:
    python3 tools/gen_codes.py [TSV] [--output PATH] [--check]

TSV defaults to ../shared/cos/error_codes.tsv relative to the repository root
(the directory above tools/); PATH defaults to core/src/codes_table.rs.
With --check nothing is written: the script exits 1 (printing a diff) when the
file on disk differs from what it would generate, 0 when it is up to date.

The TSV has a header line and three tab-separated columns: status, code,
meaning. A code may appear on several rows (one per documented status). Each
DISTINCT code text becomes one `CodeId` variant, numbered from 1 in the order
of its first appearance, so appending rows never renumbers existing codes
(the numbers are part of the C ABI: `coserr_error.code_id`).

The output is already rustfmt-formatted (edition 2024, default settings, for a
table of more than a handful of codes); the
Rust test `core/tests/codes.rs` runs `--check`, CI's `cargo fmt --check` keeps
the formatting honest. Python 3 standard library only.
"""

import argparse
import difflib
import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_TSV = os.path.join(REPO_ROOT, "..", "shared", "cos", "error_codes.tsv")
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "core", "src", "codes_table.rs")

# Identifiers a variant may not take: Rust keywords that are CamelCase-shaped,
# and the names the generated code itself uses.
RESERVED = {"Self", "Unknown"}


class TsvError(Exception):
    pass


def read_table(path):
    """Return [(code, [statuses ascending], [(status, meaning), ...])] in
    order of first appearance."""
    with open(path, "r", encoding="utf-8", newline="") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise TsvError(f"{path}: empty file")
    header = lines[0].rstrip("\r").split("\t")
    if [h.strip().lower() for h in header] != ["status", "code", "meaning"]:
        raise TsvError(f"{path}:1: expected header 'status<TAB>code<TAB>meaning', got {header!r}")
    codes = {}
    order = []
    for lineno, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise TsvError(f"{path}:{lineno}: expected 3 tab-separated columns, got {len(cols)}")
        status_text, code, meaning = cols
        try:
            status = int(status_text.strip())
        except ValueError:
            raise TsvError(f"{path}:{lineno}: status {status_text!r} is not a number") from None
        if not 100 <= status <= 999:
            raise TsvError(f"{path}:{lineno}: status {status} out of range 100..=999")
        # The code is taken verbatim (spaces and misspellings are the service's own);
        # only reject what cannot be a code at all.
        if code == "" or code != code.strip():
            raise TsvError(f"{path}:{lineno}: code {code!r} is empty or has surrounding whitespace")
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in code + meaning):
            raise TsvError(f"{path}:{lineno}: control character in code or meaning")
        meaning = meaning.strip()
        if code not in codes:
            codes[code] = []
            order.append(code)
        if any(s == status for s, _ in codes[code]):
            raise TsvError(f"{path}:{lineno}: duplicate row for status {status} and code {code!r}")
        codes[code].append((status, meaning))
    if not order:
        raise TsvError(f"{path}: no codes")
    return [(c, sorted(s for s, _ in codes[c]), codes[c]) for c in order]


def variant_name(code):
    """CamelCase identifier from a code text: split on anything that is not an
    ASCII letter or digit, upper-case the first letter of each piece, keep the
    rest as the service spells it ("Request has expired" -> RequestHasExpired)."""
    pieces = []
    cur = ""
    for ch in code:
        if ch.isascii() and ch.isalnum():
            cur += ch
        else:
            if cur:
                pieces.append(cur)
            cur = ""
    if cur:
        pieces.append(cur)
    name = "".join(p[0].upper() + p[1:] for p in pieces)
    if not name or name[0].isdigit():
        name = "Code" + name
    return name


def unique_names(codes):
    used = set(RESERVED)
    names = []
    for code in codes:
        base = variant_name(code)
        name = base
        n = 2
        while name in used:
            name = f"{base}{n}"
            n += 1
        used.add(name)
        names.append(name)
    return names


def rust_str(s):
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def doc_text(s):
    """Plain text safe in a rustdoc comment: no intra-doc links ([doc]),
    no HTML tags, no accidental emphasis or code spans."""
    out = []
    for ch in s:
        if ch in "\\[]<>*_`#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def doc_code(code):
    # Code texts contain no backticks (checked), so a code span shows them verbatim.
    return f"`{code}`"


def joined_meaning(rows):
    if len(rows) == 1:
        return rows[0][1]
    return " | ".join(f"{s}: {m}" for s, m in sorted(rows))


# Must stay the same function as `code_hash` in core/src/codes.rs (the crate
# checks at compile time that every code is found where this script put it).
HASH_MULTIPLIER = 0x9E37_79B9_7F4A_7C15


def code_hash(b, bits):
    """Fibonacci hash of the length and five sampled bytes (first, quarter,
    middle, three quarters, last) of a non-empty code."""
    n = len(b)
    x = n | b[0] << 8 | b[n // 4] << 16 | b[n // 2] << 24 | b[n - 1 - n // 4] << 32 | b[n - 1] << 40
    return ((x * HASH_MULTIPLIER) & 0xFFFF_FFFF_FFFF_FFFF) >> (64 - bits)


def hash_table(codes):
    """Slots (id or 0) of a linear-probing table at most a third full, and the
    longest probe sequence."""
    bits = 4
    while (1 << bits) < 3 * len(codes):
        bits += 1
    size = 1 << bits
    slots = [0] * size
    max_probes = 0
    for i, b in enumerate(codes, start=1):
        s = code_hash(b, bits)
        probes = 1
        while slots[s]:
            s = (s + 1) % size
            probes += 1
        slots[s] = i
        max_probes = max(max_probes, probes)
    return bits, slots, max_probes


def generate(table):
    for code, _, _ in table:
        if "`" in code:
            raise TsvError(f"code {code!r} contains a backtick")
    codes = [c for c, _, _ in table]
    if len(codes) >= 0xFFFF:
        raise TsvError(f"{len(codes)} codes: ids no longer fit the u16 hash slots")
    names = unique_names(codes)
    count = len(table)
    o = []
    w = o.append
    w("// @generated by tools/gen_codes.py from ../shared/cos/error_codes.tsv, do not edit.")
    w("// Regenerate with `python3 tools/gen_codes.py`; `core/tests/codes.rs` checks it is current.")
    w("")
    w("//! The COS error-code table (generated).")
    w("")
    w("use super::Entry;")
    w("")
    w("/// A known COS error code, or [`CodeId::Unknown`].")
    w("///")
    w("/// One variant per distinct code text of the COS error-code table, numbered")
    w("/// from 1 in order of first appearance (stable: new codes get new numbers,")
    w("/// existing numbers never change). The number is `coserr_error.code_id` in")
    w("/// the C ABI. Look a code up with [`CodeId::from_code`].")
    w("#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]")
    w("#[repr(u32)]")
    w("#[non_exhaustive]")
    w("pub enum CodeId {")
    w("    /// Not a code of the table (the record keeps the text anyway).")
    w("    #[default]")
    w("    Unknown = 0,")
    for i, ((code, statuses, rows), name) in enumerate(zip(table, names), start=1):
        w(f"    /// {doc_code(code)}, HTTP {', '.join(str(s) for s in statuses)}.")
        w("    ///")
        if len(rows) == 1:
            w(f"    /// {doc_text(rows[0][1])}")
        else:
            for s, m in sorted(rows):
                w(f"    /// - {s}: {doc_text(m)}")
        w(f"    {name} = {i},")
    w("}")
    w("")
    w("impl CodeId {")
    w("    /// How many known codes there are; their ids are `1..=COUNT`.")
    w(f"    pub const COUNT: usize = {count};")
    w("")
    w("    /// Every known code (not [`CodeId::Unknown`]), in id order: `ALL[i]` has id `i + 1`.")
    w("    pub const ALL: [CodeId; CodeId::COUNT] = [")
    for name in names:
        w(f"        CodeId::{name},")
    w("    ];")
    w("}")
    w("")
    # The texts and statuses are kept in three long constants, and the
    # entries hold (start, length) pairs into them: a table of `&str` and
    # `&[u16]` would be three pointers per entry, each a relocation in a
    # position-independent library (about 12 KiB of the shipped library).
    code_text, status_list, meaning_text = [], [], []
    spans = [((0, 0), (0, 0), (0, 0))]
    # CODE_TEXT starts with a NUL (the Unknown entry's empty text) and puts
    # one after every code, so that each code is also a C string there (the
    # C ABI's `coserr_code_name` hands out pointers into it).
    code_at, meaning_at = 1, 0
    for code, statuses, rows in table:
        meaning = joined_meaning(rows)
        code_len, meaning_len = len(code.encode("utf-8")), len(meaning.encode("utf-8"))
        spans.append(((code_at, code_len), (len(status_list), len(statuses)), (meaning_at, meaning_len)))
        code_text.append(code)
        status_list.extend(statuses)
        meaning_text.append(meaning)
        code_at += code_len + 1
        meaning_at += meaning_len
    if max(code_at, meaning_at, len(status_list)) > 0xFFFF:
        raise TsvError("the code table's texts no longer fit u16 offsets")
    w("/// Every code's text, each followed by a NUL, in id order, after the NUL")
    w("/// of the Unknown entry's empty text.")
    w("pub(super) const CODE_TEXT: &str = concat!(")
    w('    "\\0",')
    for code in code_text:
        w(f"    {rust_str(code)}, \"\\0\",")
    w(");")
    w("")
    w("/// Every code's statuses, one list after another, in id order.")
    w(f"pub(super) const STATUS_LIST: [u16; {len(status_list)}] = [")
    for _, statuses, _ in table:
        w(f"    {', '.join(str(x) for x in statuses)},")
    w("];")
    w("")
    w("/// Every code's meaning, one after another, in id order.")
    w("pub(super) const MEANING_TEXT: &str = concat!(")
    for meaning in meaning_text:
        w(f"    {rust_str(meaning)},")
    w(");")
    w("")
    w("/// Entry `i` describes the code with id `i`; entry 0 is [`CodeId::Unknown`].")
    w("/// Each is `(start, length)` in [`CODE_TEXT`], [`STATUS_LIST`] and [`MEANING_TEXT`].")
    w("pub(super) const ENTRIES: [Entry; CodeId::COUNT + 1] = [")
    for i, (c, st, m) in enumerate(spans):
        name = "Unknown" if i == 0 else table[i - 1][0]
        w(f"    Entry {{ code: {c}, statuses: {st}, meaning: {m} }}, // {name}")
    w("];")
    w("")
    bits, slots, max_probes = hash_table([c.encode("utf-8") for c in codes])
    w("/// The longest code text, in bytes.")
    w(f"pub(super) const MAX_CODE_LEN: usize = {max(len(c.encode('utf-8')) for c in codes)};")
    w("")
    w("/// `SLOTS` has `1 << HASH_BITS` entries.")
    w(f"pub(super) const HASH_BITS: u32 = {bits};")
    w("")
    w("/// The longest probe sequence of a known code in `SLOTS`.")
    w(f"pub(super) const MAX_PROBES: usize = {max_probes};")
    w("")
    w("/// Open-addressing hash table of the code ids (0 = empty slot), filled in id")
    w("/// order with linear probing from `super::code_hash`.")
    w("#[rustfmt::skip]")
    w("pub(super) const SLOTS: [u16; 1 << HASH_BITS] = [")
    for i in range(0, len(slots), 16):
        w("    " + " ".join(f"{v:>3}," for v in slots[i:i + 16]))
    w("];")
    return "\n".join(o) + "\n"


def main(argv):
    p = argparse.ArgumentParser(description="Generate core/src/codes_table.rs from the COS error-code TSV.")
    p.add_argument("tsv", nargs="?", default=DEFAULT_TSV, help="the error-code table (default: %(default)s)")
    p.add_argument("--output", default=DEFAULT_OUTPUT, help="the Rust file to write (default: %(default)s)")
    p.add_argument("--check", action="store_true", help="do not write; exit 1 if the output file is not up to date")
    args = p.parse_args(argv)
    try:
        text = generate(read_table(args.tsv))
    except (OSError, TsvError) as e:
        print(f"gen_codes.py: {e}", file=sys.stderr)
        return 2
    if args.check:
        try:
            with open(args.output, "r", encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError as e:
            print(f"gen_codes.py: {e}", file=sys.stderr)
            return 1
        if current != text:
            sys.stderr.writelines(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=args.output + " (on disk)",
                    tofile=args.output + " (generated)",
                )
            )
            print(f"gen_codes.py: {args.output} is stale; run python3 tools/gen_codes.py", file=sys.stderr)
            return 1
        return 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
