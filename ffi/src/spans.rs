//! `coserr_parse_response_spans`: the record with each text given as where
//! it lies rather than as a copy. A text that is one piece of one input (a
//! plain XML value in the body, a header value, the URL) stays a span of
//! that input; only a text that is not (entities decoded, U+FFFD for
//! invalid bytes, the HEAD 404 texts, several pieces) is written, into the
//! caller's text buffer at its field's region.

use coserr_core::{Field, RecordHead, RecordSink, Response, capacity, parse_body};

use crate::{
    CHeaders, COSERR_SOURCE_BODY, COSERR_SOURCE_HEADER, COSERR_SOURCE_NONE, COSERR_SOURCE_TEXT,
    COSERR_SOURCE_URL, COSERR_TEXT_NEEDED, Regions, coserr_span, coserr_spans, iter_of,
    nul_checked, result_of, scalars,
};

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
pub(crate) struct SpanSink<'a> {
    body: &'a [u8],
    url: &'a [u8],
    headers: &'a CHeaders<'a>,
    /// The regions of the caller's text buffer, when there is one.
    text: Option<Regions>,
    slots: [Slot; 6],
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
        (0..5u8).find_map(|k| {
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
                u(self.headers.known_at[usize::from(k)]),
                slot.start,
            ),
            Source::Text => (COSERR_SOURCE_TEXT, 0, u(region_offset(field))),
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

/// Where `field`'s region starts in the text buffer: the capacities of the
/// fields before it, summed (the text buffer's tiling).
fn region_offset(field: Field) -> usize {
    Field::ALL[..field as usize]
        .iter()
        .map(|&f| capacity::of(f))
        .sum()
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
            let mut len = s.len().min(capacity::of(field));
            while !s.is_char_boundary(len) {
                len -= 1;
            }
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
pub(crate) unsafe fn parse_spans(
    out: *mut coserr_spans,
    text: *mut u8,
    resp: &Response<'_, CHeaders<'_>>,
) -> u32 {
    let body = parse_body(resp.body);
    let regions = (!text.is_null()).then(|| {
        let cap = Field::ALL.map(capacity::of);
        // SAFETY: the regions tile the buffer (`region_offset`), which the
        // caller guarantees is valid for writes of the capacities summed.
        let base = Field::ALL.map(|f| unsafe { text.add(region_offset(f)) });
        // SAFETY: the regions are disjoint parts of the caller's buffer,
        // valid for writes and exclusive during the call.
        unsafe { Regions::new(base, cap) }
    });
    let mut sink = SpanSink {
        body: resp.body,
        url: resp.url,
        headers: resp.headers,
        text: regions,
        slots: [EMPTY; 6],
        text_needed: false,
    };
    let head = RecordHead::build(resp, &body, &mut sink);
    if sink.text_needed {
        return COSERR_TEXT_NEEDED;
    }
    let mut nul = 0;
    let mut spans = [coserr_span::default(); 6];
    // A loop, not `Field::ALL.map`: the array map's moves cost more than
    // the work here.
    for (f, span) in Field::ALL.into_iter().zip(spans.iter_mut()) {
        let bytes = sink.bytes(f);
        let mut len = bytes.len();
        // `contains` first: it is a fast search, `position` a byte loop.
        if nul_checked(&head, f)
            && bytes.contains(&0)
            && let Some(at) = bytes.iter().position(|&b| b == 0)
        {
            // What C sees of the text: up to its first NUL.
            len = at;
            nul |= f.bit();
        }
        *span = sink.span(f, len);
    }
    let [
        kind,
        status,
        body_status,
        body_offset,
        present,
        from_header,
        _,
        flags,
        code_id,
        category,
        retryable,
    ] = scalars(&head, 0);
    let [code, message, resource, request_id, trace_id, server_time] = spans;
    let record = coserr_spans {
        kind,
        status,
        body_status,
        body_offset,
        present,
        from_header,
        truncated: head.truncated.0 | nul,
        flags,
        code_id,
        category,
        retryable,
        has_extras: u32::from(body.has_extras()),
        code,
        message,
        resource,
        request_id,
        trace_id,
        server_time,
        extras: iter_of(body.extras().state(body.bytes())),
    };
    // SAFETY: the caller guarantees `out` is valid for writes and aligned.
    unsafe { out.write(record) };
    result_of(&head)
}
