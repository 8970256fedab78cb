//! `coserr_parse_response_spans`: the record with each text given as where
//! it lies rather than as a copy. A text that is one piece of one input (a
//! plain XML value in the body, a header value, the URL) stays a span of
//! that input; only a text that is not (entities decoded, U+FFFD for
//! invalid bytes, the HEAD 404 texts, several pieces) is written, into the
//! caller's text buffer at its field's region.

use core::ffi::c_char;

use coserr_core::abi::{KnownHeader, RecordHead, RecordSink, floor_char_boundary};
use coserr_core::{Field, Response, capacity, parse_body};

use crate::boundary::{buffer, input, required, run_filling};
use crate::c_headers::CHeaders;
use crate::constants::{
    COSERR_INVALID_ARGUMENT, COSERR_SOURCE_BODY, COSERR_SOURCE_HEADER, COSERR_SOURCE_NONE,
    COSERR_SOURCE_TEXT, COSERR_SOURCE_URL, COSERR_TEXT_CAPACITY, COSERR_TEXT_NEEDED,
};
use crate::extras::iter_of;
use crate::numbers::{decisions, result_of, scalars, write_numbers};
use crate::parse::with_response;
use crate::regions::{Regions, nul_cut, text_offset};
use crate::types::{coserr_response, coserr_span, coserr_spans};

/// Where a field's text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Body,
    Url,
    /// The first value of a known header, by `KnownHeader` discriminant.
    Header(u8),
    /// The field's region of the text buffer.
    Text,
}

/// One field's text while the record is built: for an input source,
/// `len` bytes at `start` of it, which were a `&str` given to `append`,
/// cut at a character boundary (so they are UTF-8); for `Text`, the
/// region's own length counts. 12 bytes: offsets, not slices, so that the
/// sink stays small to set up.
#[derive(Clone, Copy)]
struct Slot {
    source: Source,
    start: u32,
    len: u32,
}

const EMPTY: Slot = Slot {
    source: Source::Body,
    start: 0,
    len: 0,
};

/// The [`RecordSink`] of the spans call.
struct SpanSink<'a> {
    body: &'a [u8],
    url: &'a [u8],
    headers: &'a CHeaders<'a>,
    /// The regions of the caller's text buffer, when there is one.
    text: Option<Regions>,
    slots: [Slot; Field::ALL.len()],
    /// A text had to be written and there was no text buffer: the record
    /// is not usable (`COSERR_TEXT_NEEDED`).
    text_needed: bool,
}

impl<'a> SpanSink<'a> {
    /// The input `source` names (empty for `Text`).
    fn input(&self, source: Source) -> &'a [u8] {
        match source {
            Source::Body => self.body,
            Source::Url => self.url,
            Source::Header(k) => self
                .headers
                .known
                .get(usize::from(k))
                .copied()
                .flatten()
                .unwrap_or(&[]),
            Source::Text => &[],
        }
    }

    /// Where `s` lies among the inputs: the source and the offset in it, if
    /// `s` is a piece of one whose end lies below 4 GiB (a span's offset
    /// is a `uint32_t`).
    fn find(&self, s: &[u8]) -> Option<(Source, u32)> {
        if let Some(off) = offset_in(self.body, s) {
            return Some((Source::Body, off));
        }
        if let Some(off) = offset_in(self.url, s) {
            return Some((Source::Url, off));
        }
        (0..KnownHeader::ALL.len() as u8).find_map(|k| {
            let v = self.headers.known[usize::from(k)]?;
            offset_in(v, s).map(|off| (Source::Header(k), off))
        })
    }

    /// The bytes of an input slot (empty for `Text`).
    fn input_bytes(&self, slot: Slot) -> &'a [u8] {
        let (at, n) = (slot.start as usize, slot.len as usize);
        self.input(slot.source).get(at..at + n).unwrap_or(&[])
    }

    /// The bytes of `field`'s text.
    fn bytes(&self, field: Field) -> &[u8] {
        let slot = self.slots[field as usize];
        match slot.source {
            Source::Text => self.text.as_ref().map_or(&[], |r| r.bytes(field)),
            _ => self.input_bytes(slot),
        }
    }

    /// Where `field`'s text lies, given its length after the NUL cut.
    fn span(&self, field: Field, len: usize) -> coserr_span {
        if len == 0 {
            return coserr_span {
                source: COSERR_SOURCE_NONE,
                ..coserr_span::default()
            };
        }
        // A length is at most a capacity; an offset was checked against
        // u32 (`find`), and the text buffer's regions end at
        // COSERR_TEXT_CAPACITY.
        let u = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let slot = self.slots[field as usize];
        let (source, header, offset) = match slot.source {
            Source::Body => (COSERR_SOURCE_BODY, 0, slot.start),
            Source::Url => (COSERR_SOURCE_URL, 0, slot.start),
            Source::Header(k) => (
                COSERR_SOURCE_HEADER,
                u(self
                    .headers
                    .known_at
                    .get(usize::from(k))
                    .copied()
                    .unwrap_or_default()),
                slot.start,
            ),
            Source::Text => (COSERR_SOURCE_TEXT, 0, u(text_offset(field))),
        };
        coserr_span {
            source,
            header,
            offset,
            len: u(len),
        }
    }
}

/// The offset of `s` in `input`, if `s` is a piece of it that ends below
/// 4 GiB (a span's offset is a `uint32_t`).
#[inline]
fn offset_in(input: &[u8], s: &[u8]) -> Option<u32> {
    let off = s.as_ptr().addr().wrapping_sub(input.as_ptr().addr());
    if off > input.len() || s.len() > input.len() - off {
        return None;
    }
    // `off + s.len() <= input.len()`: no overflow.
    u32::try_from(off + s.len()).ok()?;
    u32::try_from(off).ok()
}

impl RecordSink for SpanSink<'_> {
    fn text(&self, field: Field) -> &str {
        match self.slots[field as usize].source {
            Source::Text => self.text.as_ref().map_or("", |r| r.text(field)),
            // SAFETY: an input slot's bytes were a `&str` given to
            // `append`, cut at a character boundary (see `Slot`).
            _ => unsafe { core::str::from_utf8_unchecked(self.bytes(field)) },
        }
    }

    fn clear(&mut self, field: Field) {
        self.slots[field as usize] = EMPTY;
        if let Some(r) = self.text.as_mut() {
            r.clear(field);
        }
    }

    #[inline]
    fn append(&mut self, field: Field, s: &str) -> bool {
        if self.slots[field as usize].source == Source::Text {
            // A decoded value's later pieces, inlined into the decoding
            // loop. Without a buffer, `text_needed` is already set.
            return self.text.as_mut().is_none_or(|r| r.append(field, s));
        }
        // A plain body value, whole: its span, without a call (the rest,
        // out of line, is for cuts, other inputs and second pieces).
        let i = field as usize;
        if self.slots[i].len == 0
            && !s.is_empty()
            && s.len() <= capacity::of(field)
            && let Some(start) = offset_in(self.body, s.as_bytes())
        {
            self.slots[i] = Slot {
                source: Source::Body,
                start,
                // At most a capacity.
                len: u32::try_from(s.len()).unwrap_or(0),
            };
            return true;
        }
        self.append_to_slot(field, s)
    }
}

impl SpanSink<'_> {
    /// [`RecordSink::append`] to a field whose text is not in the buffer.
    #[inline(never)]
    fn append_to_slot(&mut self, field: Field, s: &str) -> bool {
        let i = field as usize;
        let slot = self.slots[i];
        if s.is_empty() {
            return true;
        }
        if slot.len == 0
            && let Some((source, start)) = self.find(s.as_bytes())
        {
            let len = floor_char_boundary(s, capacity::of(field));
            self.slots[i] = Slot {
                source,
                start,
                // At most a capacity.
                len: u32::try_from(len).unwrap_or(0),
            };
            return len == s.len();
        }
        // Not one piece of one input: the text goes to the buffer, with
        // what the field held before.
        let before = self.input_bytes(slot);
        let Some(r) = self.text.as_mut() else {
            self.text_needed = true;
            return true;
        };
        r.clear(field);
        // SAFETY: as in `text`: the bytes were a `&str`'s. At most the
        // capacity: they fit whole.
        r.append(field, unsafe { core::str::from_utf8_unchecked(before) });
        let fits = r.append(field, s);
        self.slots[i] = Slot {
            source: Source::Text,
            ..EMPTY
        };
        fits
    }
}

/// `coserr_parse_response` for bindings that hold the inputs: the same
/// record, with its numbers in `*out` and, for each of its eight texts, where
/// it lies. A text that is bytes of the body, the URL or a header value
/// (as a plain XML value in the body is) is given as that span of the
/// input, not copied; a text that is not (entities decoded, invalid UTF-8
/// replaced by U+FFFD, the HEAD 404 code and message, text joined from
/// several pieces) is written into `text`, at the offset the span gives
/// (`COSERR_SOURCE_TEXT`). Each text is exactly what
/// `coserr_parse_response`'s array holds before its NUL, and every number
/// is the same. `out->has_extras` says whether the body has extras and
/// `out->extras` iterates them, without parsing the body a second time.
///
/// `text` may be `(NULL, 0)`: when a text then has to be written, the
/// result is `COSERR_TEXT_NEEDED` (call again with a buffer). A non-NULL `text` must have at least
/// `COSERR_TEXT_CAPACITY` bytes (else `COSERR_INVALID_ARGUMENT`),
/// so that every record fits; its other bytes are unspecified.
///
/// `*out` is all zero on any result but `COSERR_OK` / `COSERR_NOT_AN_ERROR`;
/// `COSERR_NULL_ARGUMENT` when `resp` or `out` is NULL or a pointer is NULL
/// with a length above 0.
///
/// # Safety
///
/// As `coserr_parse_response`; a non-NULL `out` must be valid for writes of
/// one `coserr_spans` and a non-NULL `text` of `text_cap` bytes, neither
/// overlapping the other or the inputs. The spans point into the inputs:
/// they mean something only while the caller keeps those.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_parse_response_spans(
    resp: *const coserr_response,
    out: *mut coserr_spans,
    text: *mut c_char,
    text_cap: usize,
) -> u32 {
    let parse = || {
        let out = required(out)?;
        buffer(text, text_cap)?;
        // SAFETY: the caller guarantees a non-NULL `resp` is valid for reads.
        let resp = unsafe { input(resp)? };
        if !text.is_null() && text_cap < COSERR_TEXT_CAPACITY {
            return Err(COSERR_INVALID_ARGUMENT);
        }
        // SAFETY: the caller vouches for the pointers inside `*resp`, and
        // guarantees `out` and a non-NULL `text` (with at least the
        // capacity) are valid for writes and apart from each other and
        // the inputs during the call.
        unsafe { with_response(resp, |resp| parse_spans(out, text.cast::<u8>(), resp)) }
    };
    // SAFETY: the caller guarantees `out` is valid for writes when non-NULL.
    unsafe { run_filling(out, parse) }
}

/// Parses `resp` into `*out`, the texts that are not spans of the inputs
/// into `text`'s regions, and returns the result (`COSERR_TEXT_NEEDED`,
/// with `*out` untouched, when such a text met no buffer).
///
/// # Safety
///
/// `out` must be valid for writes of one aligned `coserr_spans`; a
/// non-NULL `text` valid for writes of `COSERR_TEXT_CAPACITY` bytes;
/// neither overlapping the other or anything the core reads, nor otherwise
/// accessed during the call.
unsafe fn parse_spans(
    out: *mut coserr_spans,
    text: *mut u8,
    resp: &Response<'_, CHeaders<'_>>,
) -> u32 {
    let body = parse_body(resp.body);
    // SAFETY: the caller guarantees a non-NULL `text` is valid for writes
    // of `COSERR_TEXT_CAPACITY` bytes and exclusive during the call.
    let regions = (!text.is_null()).then(|| unsafe { Regions::tiling(text) });
    let mut sink = SpanSink {
        body: resp.body,
        url: resp.url,
        headers: resp.headers,
        text: regions,
        slots: [EMPTY; Field::ALL.len()],
        text_needed: false,
    };
    let head = RecordHead::build(resp, &body, &mut sink);
    if sink.text_needed {
        return COSERR_TEXT_NEEDED;
    }
    let mut nul = 0;
    let mut spans = [coserr_span::default(); Field::ALL.len()];
    // A loop, not `Field::ALL.map`: the array map's moves cost more than
    // the work here.
    for (f, span) in Field::ALL.into_iter().zip(spans.iter_mut()) {
        let bytes = sink.bytes(f);
        let len = match nul_cut(&head, f, bytes) {
            Some(at) => {
                nul |= f.bit();
                at
            }
            None => bytes.len(),
        };
        *span = sink.span(f, len);
    }
    let [
        code,
        message,
        resource,
        request_id,
        trace_id,
        server_time,
        location,
        region,
    ] = spans;
    let (retry, server_time_ms) = decisions(&head);
    let record = coserr_spans {
        has_extras: u32::from(body.has_extras()),
        code,
        message,
        resource,
        request_id,
        trace_id,
        server_time,
        extras: iter_of(body.extras().state(body.bytes())),
        location,
        region,
        retry,
        server_time_ms,
        ..coserr_spans::default()
    };
    // SAFETY: the caller guarantees `out` is valid for writes and aligned;
    // a `coserr_spans` starts with the eleven numbers.
    unsafe {
        out.write(record);
        write_numbers(out, scalars(&head, head.truncated.0 | nul));
    }
    result_of(&head)
}
