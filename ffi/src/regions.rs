//! The record sink: eight byte regions, one per field, into which the core
//! writes a record's texts straight in the caller's memory (the arrays of
//! a `coserr_error`, or the text buffer of `coserr_parse_response_spans`,
//! tiled by the fields' capacities), and what C sees of a text that holds
//! a NUL byte.

use core::ffi::c_char;

use coserr_core::abi::{RecordHead, RecordSink, floor_char_boundary};
use coserr_core::{BodyFormat, BodyStatus, Field, capacity};

use crate::types::coserr_error;

/// The number of texts (and regions).
const FIELDS: usize = Field::ALL.len();

/// Eight byte regions, one per field, as the core's [`RecordSink`]: no
/// intermediate record is built and copied, and no byte is zeroed only to
/// be overwritten.
///
/// It holds raw pointers, not references, because the regions may be
/// uninitialised C memory: only bytes the sink wrote are ever read back.
pub(crate) struct Regions {
    /// The start of each field's region, indexed by `Field as usize`; each
    /// is valid for writes of `cap` bytes, and not otherwise accessed, for
    /// as long as the sink lives ([`Regions::new`]).
    base: [*mut u8; FIELDS],
    /// The capacity of each region in bytes (text only, no NUL).
    cap: [usize; FIELDS],
    /// The length of each field's text; `len <= cap`. The first `len`
    /// bytes of each region were written by the sink and are UTF-8.
    len: [usize; FIELDS],
}

impl Regions {
    /// A sink over the regions, which may hold anything (they are not read).
    ///
    /// # Safety
    ///
    /// Each `base[i]` must be valid for writes of `cap[i]` bytes, the
    /// regions must not overlap each other or anything the core reads,
    /// and nothing else may access them while the sink lives.
    unsafe fn new(base: [*mut u8; FIELDS], cap: [usize; FIELDS]) -> Self {
        Regions {
            base,
            cap,
            len: [0; FIELDS],
        }
    }

    /// `*out`'s eight arrays as regions (each its array less the NUL).
    ///
    /// # Safety
    ///
    /// `out` must be valid for writes of one aligned `coserr_error`, and
    /// must not be accessed otherwise (nor overlap anything the core reads)
    /// while the sink lives.
    pub(crate) unsafe fn arrays(out: *mut coserr_error) -> Self {
        /// A C array field as a byte pointer and its length without the NUL.
        fn array<const N: usize>(a: *mut [c_char; N]) -> (*mut u8, usize) {
            (a.cast::<u8>(), N - 1)
        }
        // SAFETY: `out` points to one valid `coserr_error`, so each field
        // projection stays inside it; nothing is read or written here.
        let a = unsafe {
            [
                array(&raw mut (*out).code),
                array(&raw mut (*out).message),
                array(&raw mut (*out).resource),
                array(&raw mut (*out).request_id),
                array(&raw mut (*out).trace_id),
                array(&raw mut (*out).server_time),
                array(&raw mut (*out).location),
                array(&raw mut (*out).region),
            ]
        };
        // SAFETY: the arrays are disjoint fields of `*out`, which the caller
        // guarantees is valid for writes and exclusive.
        unsafe { Regions::new(a.map(|r| r.0), a.map(|r| r.1)) }
    }

    /// A text buffer of `COSERR_TEXT_CAPACITY` bytes tiled into the
    /// regions, each of its field's capacity, at [`text_offset`].
    ///
    /// # Safety
    ///
    /// `text` must be valid for writes of `COSERR_TEXT_CAPACITY` bytes, and
    /// must not be accessed otherwise (nor overlap anything the core reads)
    /// while the sink lives.
    pub(crate) unsafe fn tiling(text: *mut u8) -> Self {
        // SAFETY: each offset plus its capacity is at most the capacities
        // summed, the buffer's length (caller).
        let base = Field::ALL.map(|f| unsafe { text.add(text_offset(f)) });
        // SAFETY: the regions are disjoint parts of the caller's buffer,
        // valid for writes and exclusive while the sink lives.
        unsafe { Regions::new(base, Field::ALL.map(capacity::of)) }
    }

    /// The bytes of `field`'s text.
    pub(crate) fn bytes(&self, field: Field) -> &[u8] {
        let i = field as usize;
        // SAFETY: the first `len[i] <= cap[i]` bytes of the region were
        // written by `append`, so they are initialised, and nothing else
        // writes the region while the sink (hence this borrow) lives.
        unsafe { core::slice::from_raw_parts(self.base[i], self.len[i]) }
    }

    /// Sets every byte after each text, up to and including its array's
    /// NUL, to 0: a record's arrays hold nothing stale.
    ///
    /// # Safety
    ///
    /// Each region must be followed by one more writable byte (the NUL's),
    /// as the arrays of [`Regions::arrays`] are.
    pub(crate) unsafe fn zero_rest(&mut self) {
        for i in 0..FIELDS {
            // SAFETY: `base + len .. base + cap + 1` is the rest of the
            // region and the NUL's byte, valid for writes (caller).
            unsafe {
                self.base[i]
                    .add(self.len[i])
                    .write_bytes(0, self.cap[i] + 1 - self.len[i])
            };
        }
    }
}

/// Where `field`'s region starts in the text buffer: the capacities of the
/// fields before it, summed.
pub(crate) fn text_offset(field: Field) -> usize {
    Field::ALL[..field as usize]
        .iter()
        .map(|&f| capacity::of(f))
        .sum()
}

/// What C sees of `field`'s text `bytes`, which C reads up to the first
/// NUL: `Some(length before the NUL)` when the text holds one. Values read
/// from a well-formed XML body cannot (NUL is not an XML character), so
/// only JSON, raw body text and header values are searched.
pub(crate) fn nul_cut(head: &RecordHead, field: Field, bytes: &[u8]) -> Option<usize> {
    let xml = head.body_format == BodyFormat::Xml && head.body_status == BodyStatus::Ok;
    if xml && !head.from_header.contains(field) {
        return None;
    }
    // `contains` first: it is a fast search, `position` a byte loop.
    if !bytes.contains(&0) {
        return None;
    }
    bytes.iter().position(|&b| b == 0)
}

impl RecordSink for Regions {
    fn text(&self, field: Field) -> &str {
        // SAFETY: the first `len` bytes of the region were written only by
        // `append`, each time a prefix of a `&str` cut at a character
        // boundary, right after the previous ones (and `clear` resets `len`
        // to 0): they are valid UTF-8.
        unsafe { core::str::from_utf8_unchecked(self.bytes(field)) }
    }

    fn clear(&mut self, field: Field) {
        // The bytes dropped are overwritten or zeroed by the finisher.
        self.len[field as usize] = 0;
    }

    #[inline]
    fn append(&mut self, field: Field, s: &str) -> bool {
        let i = field as usize;
        let len = self.len[i];
        let take = floor_char_boundary(s, self.cap[i].saturating_sub(len));
        // SAFETY: `len + take <= cap`, so the destination lies inside the
        // region, valid for writes (`Regions::new`); the source is `take <=
        // s.len()` bytes of `s`, which does not overlap the regions.
        unsafe { core::ptr::copy_nonoverlapping(s.as_ptr(), self.base[i].add(len), take) };
        self.len[i] = len + take;
        take == s.len()
    }
}
