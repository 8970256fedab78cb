//! A piece of a decoded value, as the decoders hand it out one by one.

use core::fmt;
use core::ops::ControlFlow;

use crate::bytes::memchr;

/// A piece of a decoded value: a borrowed run of text or one decoded character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A run of text, borrowed from the body (or a static `"\n"`).
    Str(&'a str),
    /// A character produced by a reference or an escape.
    Char(char),
}

impl<'a> Piece<'a> {
    /// The piece as text; a character is encoded into `tmp`.
    #[inline]
    pub fn as_str<'t>(self, tmp: &'t mut [u8; 4]) -> &'t str
    where
        'a: 't,
    {
        match self {
            Piece::Str(s) => s,
            Piece::Char(c) => c.encode_utf8(tmp),
        }
    }

    /// The length of the piece in UTF-8 bytes.
    #[inline]
    pub(crate) fn byte_len(self) -> usize {
        match self {
            Piece::Str(s) => s.len(),
            Piece::Char(c) => c.len_utf8(),
        }
    }

    /// Writes the piece into `out`.
    pub(crate) fn write_to<W: fmt::Write + ?Sized>(self, out: &mut W) -> fmt::Result {
        match self {
            Piece::Str(s) => out.write_str(s),
            Piece::Char(c) => out.write_char(c),
        }
    }
}

/// Splits `text` at each `special` byte: the runs between them go to `f` as
/// they are, and at each special byte `decode` gives the piece that stands
/// for the bytes from there and how many bytes it takes (at least 1).
pub(crate) fn split_runs<'a, B>(
    text: &'a str,
    special: u8,
    f: &mut impl FnMut(Piece<'a>) -> ControlFlow<B>,
    decode: impl Fn(&'a [u8]) -> (Piece<'a>, usize),
) -> ControlFlow<B> {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(n) = b.get(i..).and_then(|r| memchr(special, r)) {
        let at = i + n;
        if start < at {
            f(Piece::Str(text.get(start..at).unwrap_or("")))?;
        }
        let (piece, len) = decode(b.get(at..).unwrap_or(&[]));
        f(piece)?;
        i = at + len.max(1);
        start = i;
    }
    if start < b.len() {
        f(Piece::Str(text.get(start..).unwrap_or("")))?;
    }
    ControlFlow::Continue(())
}
