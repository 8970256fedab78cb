//! Shared test helpers: a small seeded PRNG and the shared sample bodies.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

mod rng;
#[allow(unused_imports)]
pub use rng::Rng;

/// `../shared/cos` as seen from the repository root.
pub fn shared_cos() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/cos")
}

/// Reads `../shared/cos/<rel>`.
pub fn read_shared(rel: &str) -> Vec<u8> {
    let p = shared_cos().join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Every body in samples/, edge/ and bench/ (name, bytes), sorted by name.
pub fn all_bodies() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["samples", "edge", "bench"] {
        let d = shared_cos().join(dir);
        for entry in
            std::fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot list {}: {e}", d.display()))
        {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "tsv") {
                continue;
            }
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            out.push((name, std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// The capacity in bytes of `field` in the owned record.
pub fn field_capacity(field: coserr::Field) -> usize {
    coserr::capacity::of(field)
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char
/// boundary (how the record cuts a value that does not fit).
pub fn cut(s: &str, max: usize) -> &str {
    let mut n = max.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// A value as the display line shows it: `"`, `\` and control characters
/// escaped Rust-style (`char::escape_default`), everything else verbatim.
pub fn display_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '"' || c == '\\' || c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}
