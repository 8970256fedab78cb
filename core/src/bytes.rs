//! Byte-level helpers, in one place: short searches, the word-at-a-time
//! (SWAR) scans and their constants, the name matcher that compares a short
//! name as two machine words, and cutting text on a character boundary.
//!
//! Everything here works on plain bytes and knows nothing of XML or JSON.

/// The first `needle` in `hay`. Inline rather than the memchr crate: most
/// searches here end within a few bytes (a reference's `;`, an attribute's
/// quote), where a call to its SIMD routines costs more than it saves. Long
/// runs of text use the crate directly.
#[inline]
pub(crate) fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

/// The first `a` or `b` in `hay` (see [`memchr()`] for why it is inline).
#[inline]
pub(crate) fn memchr2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == a || c == b)
}

/// The first occurrence of `needle` in `hay`: candidates found by its first byte.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    let mut i = 0;
    while let Some(n) = memchr(first, hay.get(i..)?) {
        let at = i + n;
        if hay.get(at..at + needle.len()) == Some(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Whether `hay` contains `needle` with ASCII letters compared without
/// case. Window by window: the texts searched (an error message) are short,
/// where a first-byte search costs more than it saves.
pub(crate) fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// The largest `n <= max` at which `s` can be cut without splitting a
/// character. Our own copy of `str::floor_char_boundary`, which is not
/// stable at the crate's minimum Rust version (1.88).
#[inline]
pub fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    let mut n = max;
    while n > 0 && !s.is_char_boundary(n) {
        n -= 1;
    }
    n
}

// ---------------------------------------------------------------------------
// Word-at-a-time scans

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// High bit set in (at least) the lowest byte of `x` that is below `n` (n <= 128).
#[inline(always)]
pub(crate) fn swar_lt(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * n as u64) & !x & HIGHS
}

/// High bit set in (at least) the lowest byte of `x` that equals `c`.
#[inline(always)]
pub(crate) fn swar_eq(x: u64, c: u8) -> u64 {
    swar_lt(x ^ (ONES * c as u64), 1)
}

/// The index of the first byte at or after `i` for which `stop` holds (or
/// `b.len()`). `stop_swar` flags the same bytes in a little-endian `u64`,
/// exactly for the lowest flagged byte (the classic has-less / has-zero bit
/// tricks, whose false positives only ever sit above a true one).
///
/// Sixteen bytes are tested at a time with a branch-free fold, which the
/// compiler turns into SIMD compares: most of a COS body is long runs of
/// plain text (ids, base64 trace ids) that need no attention. The chunk that
/// holds the stop is then searched eight bytes at a time.
#[inline(always)]
pub(crate) fn skip_while_not(
    b: &[u8],
    mut i: usize,
    stop: impl Fn(u8) -> bool,
    stop_swar: impl Fn(u64) -> u64,
) -> usize {
    i = skip_chunks_without(b, i, &stop);
    while let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let mask = stop_swar(u64::from_le_bytes(word));
        if mask != 0 {
            return i + (mask.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if stop(c) {
            return i;
        }
        i += 1;
    }
    i
}

/// The start of the first 16-byte chunk from `i` that holds a byte for
/// which `stop` holds (or of the last, partial chunk): a branch-free fold per
/// chunk, which the compiler turns into SIMD compares.
#[inline(always)]
pub(crate) fn skip_chunks_without(b: &[u8], mut i: usize, stop: impl Fn(u8) -> bool) -> usize {
    for chunk in b.get(i..).unwrap_or(&[]).chunks_exact(16) {
        let mut any = 0u8;
        for &c in chunk {
            any |= stop(c) as u8;
        }
        if any != 0 {
            break;
        }
        i += 16;
    }
    i
}

/// Bytes one [`stops32`] mask covers.
pub(crate) const WINDOW: usize = 32;

/// Bit `k` set when `stop` holds for `b[at + k]`, for the [`WINDOW`] bytes
/// from `at` (fewer at the end of `b`; none past it). A scanner takes every
/// stop of a window from the mask, one after the other, without searching
/// the bytes again after each. The bytes are classified lane by lane into
/// an array (which the compiler turns into SIMD compares), whose high bits
/// are then gathered eight at a time with a multiply.
#[inline(always)]
pub(crate) fn stops32(b: &[u8], at: usize, stop: impl Fn(u8) -> bool) -> u32 {
    if let Some(w) = b.get(at..).and_then(|r| r.first_chunk::<WINDOW>()) {
        return window_stops(w, stop);
    }
    // Near the end: the last window of `b`, its mask shifted down to `at`.
    if let Some(from) = b.len().checked_sub(WINDOW)
        && let Some(w) = b.get(from..).and_then(|r| r.first_chunk::<WINDOW>())
    {
        return window_stops(w, stop)
            .checked_shr((at.saturating_sub(from)) as u32)
            .unwrap_or(0);
    }
    // An input shorter than a window, padded with bytes that are not stops.
    let rest = b.get(at..).unwrap_or(&[]);
    let mut mask = 0u32;
    for (k, &c) in rest.iter().take(WINDOW).enumerate() {
        mask |= (stop(c) as u32) << k;
    }
    mask
}

/// Bit `k` set when `stop` holds for `w[k]`.
#[inline(always)]
fn window_stops(w: &[u8; WINDOW], stop: impl Fn(u8) -> bool) -> u32 {
    let mut lanes = [0u8; WINDOW];
    for (l, &c) in lanes.iter_mut().zip(w) {
        *l = (stop(c) as u8) << 7;
    }
    let mut mask = 0u32;
    for (k, word) in lanes.chunks_exact(8).enumerate() {
        let mut x = [0u8; 8];
        x.copy_from_slice(word);
        mask |= high_bits(u64::from_le_bytes(x)) << (8 * k);
    }
    mask
}

/// The high bits of the eight bytes of `x` (all other bits clear) as the
/// low eight bits of the result, byte `k`'s as bit `k`.
#[inline(always)]
fn high_bits(x: u64) -> u32 {
    ((x >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

// ---------------------------------------------------------------------------
// Short names compared as two words

/// `b[at..at + 8]` as a little-endian word, zero-padded past the end of `b`
/// (a word that does not fit whole is all zero).
#[inline(always)]
pub(crate) fn load_word(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(src) = b.get(at..at + 8) {
        w.copy_from_slice(src);
    }
    u64::from_le_bytes(w)
}

/// A name of up to 16 bytes as two little-endian words — its bytes at
/// `0..8` and at `hi_from..hi_from + 8` — so that a candidate is compared
/// with two word compares instead of a loop over its bytes. Used for the
/// element names COS sends and for the header names coserr reads.
#[derive(Clone, Copy)]
pub(crate) struct WordName {
    lo: u64,
    hi: u64,
    /// The bytes that exist (a name shorter than 16 leaves the rest out).
    lo_mask: u64,
    hi_mask: u64,
    /// 0x20 at each ASCII letter when matching without regard to case
    /// (`|` then lowercases the candidate's letter), 0 elsewhere.
    lo_fold: u64,
    hi_fold: u64,
}

impl WordName {
    /// Matches exactly the bytes of `name`, read at `0` and at `8`.
    pub(crate) const fn exact(name: &[u8]) -> Self {
        Self::new(name, 8, false)
    }

    /// Matches `name` (lowercase ASCII, 8 to 16 bytes) in any ASCII case,
    /// read as two overlapping words: at `0` and at `name.len() - 8`.
    pub(crate) const fn folded(name: &[u8]) -> Self {
        Self::new(name, name.len() - 8, true)
    }

    const fn new(name: &[u8], hi_from: usize, fold: bool) -> Self {
        let (lo, lo_mask, lo_fold) = Self::word(name, 0, fold);
        let (hi, hi_mask, hi_fold) = Self::word(name, hi_from, fold);
        WordName {
            lo,
            hi,
            lo_mask,
            hi_mask,
            lo_fold,
            hi_fold,
        }
    }

    /// `s[from..from + 8]` as a word, the mask of the bytes that exist, and
    /// the fold of its letters.
    const fn word(s: &[u8], from: usize, fold: bool) -> (u64, u64, u64) {
        let (mut word, mut mask, mut folds, mut k) = (0u64, 0u64, 0u64, 0);
        while k < 8 {
            if from + k < s.len() {
                let c = s[from + k];
                word |= (c as u64) << (8 * k);
                mask |= 0xFF << (8 * k);
                if fold && c.is_ascii_lowercase() {
                    folds |= 0x20 << (8 * k);
                }
            }
            k += 1;
        }
        (word, mask, folds)
    }

    /// Whether the candidate whose words (at `0` and at `hi_from`, see
    /// [`load_word`]) are `lo` and `hi` is this name.
    #[inline(always)]
    pub(crate) fn matches(&self, lo: u64, hi: u64) -> bool {
        (lo | self.lo_fold) & self.lo_mask == self.lo
            && (hi | self.hi_fold) & self.hi_mask == self.hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_char_boundary_never_splits_a_character() {
        // "aé€": a (1 byte), é (2 bytes, 1..3), € (3 bytes, 3..6).
        let s = "a\u{e9}\u{20ac}";
        let cuts = [
            (0, 0),
            (1, 1),
            (2, 1),
            (3, 3),
            (4, 3),
            (5, 3),
            (6, 6),
            (99, 6),
        ];
        for (max, want) in cuts {
            assert_eq!(floor_char_boundary(s, max), want, "max {max}");
        }
    }

    #[test]
    fn word_names_match_exactly_or_folded() {
        let header = WordName::folded(b"x-cos-trace-id");
        let words = |b: &[u8], hi: usize| (load_word(b, 0), load_word(b, hi));
        let (lo, hi) = words(b"X-Cos-Trace-ID", 6);
        assert!(header.matches(lo, hi));
        let (lo, hi) = words(b"x-cos-trace-ie", 6);
        assert!(!header.matches(lo, hi));
        // Only letters fold: `_` is not `-`.
        let (lo, hi) = words(b"x_cos-trace-id", 6);
        assert!(!header.matches(lo, hi));

        let element = WordName::exact(b"Code>");
        let (lo, hi) = words(b"Code>text", 8);
        assert!(element.matches(lo, hi));
        let (lo, hi) = words(b"code>text", 8);
        assert!(!element.matches(lo, hi));
        let long = WordName::exact(b"ErrorResponse>");
        let (lo, hi) = words(b"ErrorResponse></ErrorResponse>", 8);
        assert!(long.matches(lo, hi));
        let (lo, hi) = words(b"ErrorResponsE></ErrorResponse>", 8);
        assert!(!long.matches(lo, hi));
    }

    #[test]
    fn skip_while_not_finds_the_first_stop_at_every_position() {
        // Every length up to 40 and every position of one or two stops,
        // against a plain scan: the chunked and SWAR paths and the tail.
        let stop = |c: u8| c == b'<' || c < 0x20 || c == 0xEF;
        let stop_swar = |x: u64| swar_eq(x, b'<') | swar_lt(x, 0x20) | swar_eq(x, 0xEF);
        for len in 0..=40 {
            for first in 0..=len {
                for (k, &c) in [b'<', b'\n', 0xEF, 0x00].iter().enumerate() {
                    let mut buf = [b'a' + (k as u8); 40];
                    if first < len {
                        buf[first] = c;
                    }
                    if first + 3 < len {
                        buf[first + 3] = b'<';
                    }
                    let b = &buf[..len];
                    let want = b.iter().position(|&c| stop(c)).unwrap_or(len);
                    for from in [0, first.min(len)] {
                        let want = if from <= want { want } else { from };
                        let got = skip_while_not(b, from, stop, stop_swar);
                        assert_eq!(got, want, "len {len}, stop at {first}, from {from}");
                    }
                }
            }
        }
    }

    #[test]
    fn stops32_flags_exactly_the_stops_of_the_window() {
        // Every input length up to 80 and every window start, with stops
        // spread so that windows hold none, one and several, near the end
        // of the input too; against a byte-by-byte mask.
        let stop = |c: u8| c == b'<' || c == 0xEF || c < 0x20;
        let mut buf = [b'a'; 80];
        for (k, slot) in buf.iter_mut().enumerate() {
            if k % 7 == 3 || k % 11 == 0 {
                *slot = [b'<', 0xEF, 0x01, b'\n'][k % 4];
            }
        }
        for len in 0..=buf.len() {
            let b = &buf[..len];
            for at in 0..=len + 1 {
                let want = (0..WINDOW)
                    .filter(|&k| b.get(at + k).is_some_and(|&c| stop(c)))
                    .fold(0u32, |m, k| m | 1 << k);
                assert_eq!(stops32(b, at, stop), want, "len {len}, at {at}");
            }
        }
    }

    #[test]
    fn find_is_the_first_occurrence() {
        assert_eq!(find(b"a]]b]]>c]]>", b"]]>"), Some(4));
        assert_eq!(find(b"]]", b"]]>"), None);
        assert_eq!(find(b"abc", b""), Some(0));
        assert_eq!(memchr2(b';', b'&', b"ab&c;"), Some(2));
    }

    /// The search finds the phrase in any case, at every position, and
    /// nothing else: against `find` on lowercased copies.
    #[test]
    fn contains_ignore_ascii_case_is_find_without_case() {
        let needle = b"request has expired";
        let texts: [&[u8]; 4] = [
            b"xx Request HAS Expired. rrequest has expire",
            b"REQUEST HAS EXPIRED",
            b"request has\xFFexpired request has expire",
            b"",
        ];
        for text in texts {
            for from in 0..=text.len() {
                for to in from..=text.len() {
                    let hay = &text[from..to];
                    let lower: [u8; 64] =
                        core::array::from_fn(|i| hay.get(i).map_or(0, u8::to_ascii_lowercase));
                    let want = find(&lower[..hay.len()], needle).is_some();
                    assert_eq!(contains_ignore_ascii_case(hay, needle), want, "{hay:?}");
                }
            }
        }
        assert!(contains_ignore_ascii_case(b"", b""));
        assert!(!contains_ignore_ascii_case(b"1@", b"1`"));
    }
}
