//! XML 1.0 character classes, with the exact boundaries roxmltree uses.

/// `Char`: tab, LF, CR, and U+0020 and up, except U+FFFE and U+FFFF.
/// (Surrogates cannot occur in a `char`.)
pub(crate) fn is_xml_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x20 {
        return matches!(c, '\t' | '\n' | '\r');
    }
    !matches!(u, 0xFFFE | 0xFFFF)
}

/// `S`: the four XML whitespace bytes.
#[inline]
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

#[inline]
pub(crate) const fn is_ascii_name_start(b: u8) -> bool {
    matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b':' | b'_')
}

#[inline]
pub(crate) const fn is_ascii_name_char(b: u8) -> bool {
    matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b':' | b'_' | b'-' | b'.')
}

/// `NameStartChar`. U+0080 counts as not a name character (as in roxmltree).
pub(crate) fn is_name_start(c: char) -> bool {
    let u = c as u32;
    if u <= 128 {
        return u < 128 && is_ascii_name_start(u as u8);
    }
    matches!(u,
        0xC0..=0xD6
        | 0xD8..=0xF6
        | 0xF8..=0x2FF
        | 0x370..=0x37D
        | 0x37F..=0x1FFF
        | 0x200C..=0x200D
        | 0x2070..=0x218F
        | 0x2C00..=0x2FEF
        | 0x3001..=0xD7FF
        | 0xF900..=0xFDCF
        | 0xFDF0..=0xFFFD
        | 0x10000..=0xEFFFF)
}

/// `NameChar`: a `NameStartChar` or one of the few characters that may
/// only continue a name.
pub(crate) fn is_name_char(c: char) -> bool {
    let u = c as u32;
    if u <= 128 {
        return u < 128 && is_ascii_name_char(u as u8);
    }
    is_name_start(c) || matches!(u, 0xB7 | 0x300..=0x36F | 0x203F..=0x2040)
}
