//! Text as the record holds and shows it, recomputed independently of the
//! core: a value cut to a capacity, a value escaped for the display line.

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
