//! Shared code of the coserr fuzz targets.
//!
//! - [`oracle`]: the roxmltree / serde_json oracles and the invariants, from
//!   `coserr-testkit` (the core's tests use the same);
//! - [`input`]: the byte layout of a response input, from `coserr-testkit`
//!   (the core's regression test replays the corpora with it);
//! - [`check_ffi`]: the C ABI, called through the `coserr-ffi` rlib, against
//!   the core.

pub use coserr_testkit::{input, oracle};

use std::ffi::{CStr, c_char};
use std::ptr;

use arbitrary::{Arbitrary, Unstructured};
use coserr::{ErrorRecord, Field, Response, parse_body};
use coserr_ffi::*;
use coserr_testkit::c_response::{CResponse, raw};

pub use input::ResponseInput;

/// A response input read through `arbitrary` (the whole rest of the data,
/// in the layout of [`input`], so that corpora replay without `arbitrary`).
#[derive(Debug)]
pub struct FuzzResponse<'a>(pub ResponseInput<'a>);

impl<'a> Arbitrary<'a> for FuzzResponse<'a> {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let rest = u.bytes(u.len())?;
        Ok(FuzzResponse(ResponseInput::decode(rest)))
    }

    fn arbitrary_take_rest(u: Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(FuzzResponse(ResponseInput::decode(u.take_rest())))
    }
}

type Check = Result<(), String>;

/// The C record equals the core record it was filled from.
fn same_record(out: &coserr_error, rec: &ErrorRecord) -> Check {
    let offset = match (rec.body_status(), rec.body_error()) {
        (coserr::BodyStatus::Malformed, Some(e)) => u32::try_from(e.offset).unwrap_or(u32::MAX),
        _ => 0,
    };
    // A value holding a NUL is flagged as cut for C, which stops at the NUL.
    let nul_cut = Field::ALL
        .iter()
        .filter(|f| rec.get(**f).contains('\0'))
        .fold(0, |bits, f| bits | f.bit());
    let scalars = [
        (out.kind, rec.kind() as u32),
        (out.status, rec.status()),
        (out.body_status, rec.body_status() as u32),
        (out.body_offset, offset),
        (out.present, rec.present().0),
        (out.from_header, rec.from_header().0),
        (out.truncated, rec.truncated().0 | nul_cut),
        (out.flags, rec.flags().0),
        (out.code_id, rec.code_id().as_u32()),
        (out.category, rec.category().as_u32()),
        (out.retryable, u32::from(rec.retryable())),
        (out.retry, rec.retry().as_u32()),
    ];
    if scalars.iter().any(|(a, b)| a != b) {
        return Err(format!("C record {scalars:?} (C, core) differs"));
    }
    if out.server_time_ms != rec.server_time_ms().unwrap_or(0) {
        return Err(format!(
            "server_time_ms {} differs from {:?}",
            out.server_time_ms,
            rec.server_time_ms()
        ));
    }
    for (f, arr) in [
        (Field::Code, &out.code[..]),
        (Field::Message, &out.message[..]),
        (Field::Resource, &out.resource[..]),
        (Field::RequestId, &out.request_id[..]),
        (Field::TraceId, &out.trace_id[..]),
        (Field::ServerTime, &out.server_time[..]),
        (Field::Location, &out.location[..]),
        (Field::Region, &out.region[..]),
    ] {
        let want = rec.get(f).as_bytes();
        // The array is a copy of the string; an embedded NUL (JSON "\u0000",
        // a header byte) ends it for C, the bytes after it are still copied.
        let bytes = bytes_of(arr);
        if &bytes[..want.len()] != want || bytes[want.len()..].iter().any(|&b| b != 0) {
            return Err(format!("{f:?}: C array differs from {:?}", rec.get(f)));
        }
    }
    Ok(())
}

type Formatter = unsafe extern "C" fn(*const coserr_error, *mut c_char, usize) -> usize;

/// `snprintf` semantics of a formatter against the full text `want`
/// (`None` when the text is not known, for a garbage record).
fn check_format(name: &str, f: Formatter, e: &coserr_error, want: Option<&str>) -> Check {
    let n = unsafe { f(e, ptr::null_mut(), 0) };
    if let Some(w) = want {
        if n != w.len() {
            return Err(format!("{name}: length {n}, core text {} bytes", w.len()));
        }
    }
    // The whole text: n bytes (an embedded NUL is copied like any byte) + NUL.
    let mut full = vec![0x55 as c_char; n + 1];
    if unsafe { f(e, full.as_mut_ptr(), full.len()) } != n {
        return Err(format!("{name}: length changed"));
    }
    let full = bytes_of(&full);
    if full[n] != 0 {
        return Err(format!("{name}: no NUL after {n} bytes"));
    }
    let text = std::str::from_utf8(&full[..n]).map_err(|_| format!("{name}: not UTF-8"))?;
    if want.is_some_and(|w| w != text) {
        return Err(format!("{name}: {text:?} != core {want:?}"));
    }
    for cap in [1usize, 2, 7, n / 2, n.saturating_sub(1), n] {
        if cap == 0 {
            continue;
        }
        let mut buf = vec![0x55 as c_char; cap + 8];
        if unsafe { f(e, buf.as_mut_ptr(), cap) } != n {
            return Err(format!("{name}: length changed with cap {cap}"));
        }
        let bytes = bytes_of(&buf);
        if bytes[cap..].iter().any(|&b| b != 0x55) {
            return Err(format!("{name}: wrote past cap {cap}"));
        }
        let prefix = oracle::cut(text, cap - 1);
        if &bytes[..prefix.len()] != prefix.as_bytes() || bytes[prefix.len()] != 0 {
            return Err(format!("{name}: cap {cap} did not give {prefix:?} + NUL"));
        }
    }
    Ok(())
}

fn bytes_of(a: &[c_char]) -> &[u8] {
    unsafe { std::slice::from_raw_parts(a.as_ptr().cast(), a.len()) }
}

/// The result code the C ABI must return for a call that built `rec`.
fn result_for(rec: &ErrorRecord) -> u32 {
    if rec.kind() == coserr::Kind::None {
        COSERR_NOT_AN_ERROR
    } else {
        COSERR_OK
    }
}

/// The C ABI agrees with the core on one response, and keeps its own rules.
pub fn check_ffi(input: &ResponseInput<'_>, garbage_record: bool) -> Check {
    // --- coserr_parse_response -------------------------------------------
    let names: Vec<(&[u8], &[u8])> = input
        .headers
        .iter()
        .map(|(n, v)| (n.as_slice(), *v))
        .collect();
    let c_resp =
        CResponse::new(input.status, input.method, input.url, input.body).with_headers(&names);
    let resp = c_resp.as_c();
    let (body, body_len) = (resp.body, resp.body_len);
    let mut out = coserr_error::default();
    out.code[0] = 1;
    let r = unsafe { coserr_parse_response(&resp, &mut out) };
    // The core's record. A header with a NULL name is skipped by the ABI;
    // an empty name (our NULL) matches no header name anyway.
    let core_headers = input.core_headers();
    let rec = ErrorRecord::from_response(&Response {
        status: input.status,
        method: input.method,
        url: input.url,
        headers: &core_headers[..],
        body: input.body,
    });
    let want_r = result_for(&rec);
    if r != want_r {
        return Err(format!(
            "coserr_parse_response returned {r}, expected {want_r}"
        ));
    }
    same_record(&out, &rec).map_err(|m| format!("parse_response: {m}"))?;
    let name = unsafe { CStr::from_ptr(coserr_code_name(out.code_id)) };
    if rec.code_id().is_known() && name.to_bytes() != rec.get(Field::Code).as_bytes() {
        return Err(format!("coserr_code_name({}) = {name:?}", out.code_id));
    }
    let _ = unsafe { CStr::from_ptr(coserr_result_name(r)) };
    let retry = unsafe { CStr::from_ptr(coserr_retry_name(out.retry)) };
    if retry.to_bytes() != rec.retry().name().as_bytes() {
        return Err(format!("coserr_retry_name({}) = {retry:?}", out.retry));
    }
    // The retry class of the record's own facts is the record's (an error's
    // whole message: when it was not cut).
    if rec.kind() != coserr::Kind::None && !rec.truncated().contains(Field::Message) {
        let (code, message) = (rec.get(Field::Code), rec.get(Field::Message));
        let has_id = u32::from(!rec.flags().contains(coserr::Flags::NOT_FROM_COS));
        let mut class = 99;
        let r = unsafe {
            coserr_retry_of(
                input.status,
                code.as_ptr().cast(),
                code.len(),
                message.as_ptr().cast(),
                message.len(),
                has_id,
                &mut class,
            )
        };
        if r != COSERR_OK || class != rec.retry().as_u32() {
            return Err(format!(
                "coserr_retry_of = {r}, {class}; record {:?}",
                rec.retry()
            ));
        }
    }
    // The clock skew: the core's, at a local clock taken from the input
    // (so that saturation at the ends of int64_t is reached too).
    let local = input
        .body
        .iter()
        .take(8)
        .fold(0i64, |n, &b| n.rotate_left(8) ^ i64::from(b));
    for now in [local, 0, i64::MIN, i64::MAX] {
        let mut skew = 7;
        let r = unsafe { coserr_clock_skew_ms(&out, now, &mut skew) };
        let want = rec.clock_skew_ms(now);
        let got = (r == COSERR_OK).then_some(skew);
        if got != want || (r != COSERR_OK && (r != COSERR_NOT_FOUND || skew != 0)) {
            return Err(format!(
                "coserr_clock_skew_ms(now {now}) = {r}, {skew}; core {want:?}"
            ));
        }
    }
    if unsafe { coserr_clock_skew_ms(ptr::null(), 0, &mut 0) } != COSERR_NULL_ARGUMENT
        || unsafe { coserr_clock_skew_ms(&out, 0, ptr::null_mut()) } != COSERR_NULL_ARGUMENT
    {
        return Err("coserr_clock_skew_ms: NULL not rejected".into());
    }

    // C reads each string up to its first NUL: a value with an embedded NUL
    // (JSON "\u0000", a header byte) shows cut there in the C texts.
    let mut rec_c = rec.clone();
    for f in Field::ALL {
        let v = rec.get(f);
        if rec.present().contains(f) && v.contains('\0') {
            rec_c.set_str(f, &v[..v.find('\0').unwrap_or(v.len())]);
        }
    }
    let display = rec_c.to_string();
    let mut json = String::new();
    rec_c.write_json(&mut json).map_err(|e| e.to_string())?;
    check_format("coserr_format", coserr_format, &out, Some(&display))?;
    check_format("coserr_to_json", coserr_to_json, &out, Some(&json))?;

    let numbers = [
        out.kind,
        out.status,
        out.body_status,
        out.body_offset,
        out.present,
        out.from_header,
        out.truncated,
        out.flags,
        out.code_id,
        out.category,
        out.retryable,
    ];
    let arrays: [&[c_char]; 8] = [
        &out.code,
        &out.message,
        &out.resource,
        &out.request_id,
        &out.trace_id,
        &out.server_time,
        &out.location,
        &out.region,
    ];
    let all: Vec<(String, String)> = parse_body(input.body)
        .extras()
        .map(|e| (e.name.to_string(), e.value.to_string()))
        .collect();

    // --- coserr_parse_response_spans: the same record, texts as spans -------
    let mut text = vec![0x55 as c_char; COSERR_TEXT_CAPACITY];
    for with_text in [false, true] {
        let mut spans = coserr_spans {
            kind: 0x55,
            ..coserr_spans::default()
        };
        let (t, cap) = if with_text {
            (text.as_mut_ptr(), text.len())
        } else {
            (ptr::null_mut(), 0)
        };
        let r_spans = unsafe { coserr_parse_response_spans(&resp, &mut spans, t, cap) };
        if r_spans == COSERR_TEXT_NEEDED && !with_text {
            if spans != coserr_spans::default() {
                return Err("spans: not zeroed on COSERR_TEXT_NEEDED".into());
            }
            continue;
        }
        if r_spans != r {
            return Err(format!(
                "coserr_parse_response_spans (text {with_text}) returned {r_spans}, expected {r}"
            ));
        }
        let got = [
            spans.kind,
            spans.status,
            spans.body_status,
            spans.body_offset,
            spans.present,
            spans.from_header,
            spans.truncated,
            spans.flags,
            spans.code_id,
            spans.category,
            spans.retryable,
        ];
        if got != numbers {
            return Err(format!("spans numbers {got:?}, record {numbers:?}"));
        }
        if (spans.has_extras != 0) != !all.is_empty() {
            return Err(format!(
                "spans has_extras {} but {} extras",
                spans.has_extras,
                all.len()
            ));
        }
        let mut it = spans.extras;
        check_extras(body, body_len, &mut it, &all).map_err(|m| format!("spans extras: {m}"))?;
        let all = [
            spans.code,
            spans.message,
            spans.resource,
            spans.request_id,
            spans.trace_id,
            spans.server_time,
            spans.location,
            spans.region,
        ];
        if (spans.retry, spans.server_time_ms) != (out.retry, out.server_time_ms) {
            return Err(format!(
                "spans decisions ({}, {}), record ({}, {})",
                spans.retry, spans.server_time_ms, out.retry, out.server_time_ms
            ));
        }
        for (f, (sp, array)) in Field::ALL.iter().zip(all.iter().zip(arrays)) {
            let want = bytes_of(array).split(|&c| c == 0).next().unwrap_or(&[]);
            let source: &[u8] = match sp.source {
                COSERR_SOURCE_NONE => &[],
                COSERR_SOURCE_BODY => input.body,
                COSERR_SOURCE_URL => input.url,
                COSERR_SOURCE_HEADER => input
                    .headers
                    .get(sp.header as usize)
                    .map_or(&[][..], |(_, v)| v),
                COSERR_SOURCE_TEXT if with_text => bytes_of(&text),
                other => return Err(format!("spans {f:?}: source {other}")),
            };
            let (at, n) = (sp.offset as usize, sp.len as usize);
            let got = source.get(at..at + n);
            if got != Some(want) || (n == 0 && *sp != coserr_span::default()) {
                return Err(format!("spans {f:?} {sp:?}: {got:?}, record {want:?}"));
            }
        }
    }

    // --- coserr_parse_body ---------------------------------------------------
    let mut out_body = coserr_error::default();
    let r = unsafe { coserr_parse_body(body, body_len, &mut out_body) };
    let rec_body = ErrorRecord::from_response(&Response {
        status: 0,
        method: b"",
        url: b"",
        headers: &(),
        body: input.body,
    });
    let want_r = result_for(&rec_body);
    if r != want_r {
        return Err(format!("coserr_parse_body returned {r}, expected {want_r}"));
    }
    same_record(&out_body, &rec_body).map_err(|m| format!("parse_body: {m}"))?;

    // --- coserr_field_value: each field whole ----------------------------------
    for f in Field::BODY {
        check_field_value(input.body, &rec_body, f)?;
    }

    // --- the one-pass extras iterator -----------------------------------------
    let mut it = coserr_extras_iter {
        pos: 7,
        end: 9,
        seen: 1,
        reserved: 3,
    };
    if unsafe { coserr_extras_begin(body, body_len, &mut it) } != COSERR_OK {
        return Err("coserr_extras_begin failed".into());
    }
    check_extras(body, body_len, &mut it, &all)?;
    // Any numbers in the iterator: never a panic, never past the body.
    let word = |i: usize| -> u64 {
        let mut w = [0u8; 8];
        for (j, d) in w.iter_mut().enumerate() {
            *d = input.body.get(i + j).copied().unwrap_or(0);
        }
        u64::from_le_bytes(w) % (input.body.len() as u64 + 3)
    };
    for mut it in [
        coserr_extras_iter {
            pos: word(0),
            end: word(8),
            seen: 0,
            reserved: 0,
        },
        coserr_extras_iter {
            pos: word(3),
            end: u64::MAX,
            seen: u32::MAX,
            reserved: u32::MAX,
        },
    ] {
        for n in 0.. {
            let mut vb = [0 as c_char; 16];
            let r = unsafe {
                coserr_extras_next(
                    body,
                    body_len,
                    &mut it,
                    ptr::null_mut(),
                    0,
                    ptr::null_mut(),
                    vb.as_mut_ptr(),
                    vb.len(),
                    ptr::null_mut(),
                )
            };
            match r {
                COSERR_OK if n <= body_len => {}
                COSERR_NOT_FOUND => break,
                _ => {
                    return Err(format!(
                        "coserr_extras_next on iterator {it:?}: {r} after {n}"
                    ));
                }
            }
            if it.pos > body_len as u64 || it.end > body_len as u64 {
                return Err(format!("coserr_extras_next moved outside the body: {it:?}"));
            }
        }
    }
    if unsafe { coserr_extras_begin(body, body_len, ptr::null_mut()) } != COSERR_NULL_ARGUMENT {
        return Err("coserr_extras_begin(NULL it)".into());
    }

    // --- NULL arguments ------------------------------------------------------
    let mut z = coserr_error {
        status: 7,
        ..Default::default()
    };
    if !input.body.is_empty() {
        let r = unsafe { coserr_parse_body(ptr::null(), body_len, &mut z) };
        if r != COSERR_NULL_ARGUMENT || z != coserr_error::default() {
            return Err(format!("coserr_parse_body(NULL, {body_len}) = {r}"));
        }
    }
    if unsafe { coserr_parse_response(ptr::null(), &mut z) } != COSERR_NULL_ARGUMENT
        || unsafe { coserr_parse_response(&resp, ptr::null_mut()) } != COSERR_NULL_ARGUMENT
    {
        return Err("NULL resp/out not rejected".into());
    }

    // --- a garbage record ------------------------------------------------------
    if garbage_record && !input.body.is_empty() {
        // Any bit pattern is a valid coserr_error (integers and char arrays):
        // the formatters must cope (invalid UTF-8, no NUL, unknown kind).
        let mut g = coserr_error::default();
        let dst: &mut [u8] = unsafe {
            std::slice::from_raw_parts_mut(
                (&mut g as *mut coserr_error).cast::<u8>(),
                size_of::<coserr_error>(),
            )
        };
        for (d, s) in dst.iter_mut().zip(input.body.iter().cycle()) {
            *d = *s;
        }
        check_format("coserr_format(garbage)", coserr_format, &g, None)?;
        check_format("coserr_to_json(garbage)", coserr_to_json, &g, None)?;
        let mut skew = 0;
        let _ = unsafe { coserr_clock_skew_ms(&g, i64::MIN, &mut skew) };
        let _ = unsafe { CStr::from_ptr(coserr_retry_name(g.retry)) };
    }
    Ok(())
}

/// The iteration `*it` over `body` (`(body, body_len)` as C passes it)
/// yields exactly `want`, the core's extras: the lengths through a copy of
/// the iterator with `(NULL, 0)` buffers, small buffers cut as `snprintf`
/// cuts (at a UTF-8 boundary), the whole texts, and then nothing, twice.
fn check_extras(
    body: *const u8,
    body_len: usize,
    it: &mut coserr_extras_iter,
    want: &[(String, String)],
) -> Check {
    let next = |it: &mut coserr_extras_iter,
                name: &mut [c_char],
                nl: *mut usize,
                value: &mut [c_char],
                vl: *mut usize| unsafe {
        coserr_extras_next(
            body,
            body_len,
            it,
            name.as_mut_ptr(),
            name.len(),
            nl,
            value.as_mut_ptr(),
            value.len(),
            vl,
        )
    };
    for (k, (name, value)) in want.iter().enumerate() {
        // A copy reads the same extra again (here: the lengths only).
        let mut copy = *it;
        let (mut nl, mut vl) = (0usize, 0usize);
        let r = next(&mut copy, &mut [], &mut nl, &mut [], &mut vl);
        if r != COSERR_OK || nl != name.len() || vl != value.len() {
            return Err(format!("coserr_extras_next #{k} lengths: {r} {nl} {vl}"));
        }
        for cap in [1usize, 5] {
            let mut nb = vec![0x55 as c_char; name.len() + 1];
            let mut vb = vec![0x55 as c_char; cap];
            let mut cut = *it;
            let r = next(&mut cut, &mut nb, ptr::null_mut(), &mut vb, ptr::null_mut());
            let vbytes = bytes_of(&vb);
            let kept = oracle::cut(value, cap - 1);
            if r != COSERR_OK
                || &bytes_of(&nb)[..name.len()] != name.as_bytes()
                || &vbytes[..kept.len()] != kept.as_bytes()
                || vbytes[kept.len()] != 0
                || cut != copy
            {
                return Err(format!("coserr_extras_next #{k}, cap {cap} wrong"));
            }
        }
        let mut nb = vec![0x55 as c_char; name.len() + 1];
        let mut vb = vec![0x55 as c_char; value.len() + 1];
        let r = next(it, &mut nb, ptr::null_mut(), &mut vb, ptr::null_mut());
        if r != COSERR_OK
            || &bytes_of(&nb)[..name.len()] != name.as_bytes()
            || &bytes_of(&vb)[..value.len()] != value.as_bytes()
            || copy != *it
        {
            return Err(format!(
                "coserr_extras_next #{k}: {r}, expected {name:?} = {value:?}"
            ));
        }
    }
    for _ in 0..2 {
        let before = *it;
        let r = next(it, &mut [], ptr::null_mut(), &mut [], ptr::null_mut());
        if r != COSERR_NOT_FOUND || *it != before {
            return Err(format!("coserr_extras_next after the last: {r}"));
        }
    }
    Ok(())
}

/// `coserr_field_value` gives `field`'s whole value as `coserr_parse_body`
/// decides it: the core record's text when it was not cut, an extension of
/// it when it was; present exactly when the record has the field; and a
/// small buffer holds the longest UTF-8 prefix that fits, NUL-terminated.
fn check_field_value(body: &[u8], rec: &ErrorRecord, field: Field) -> Check {
    let (ptr_, len_) = raw(body);
    let call = |buf: &mut [c_char], len: &mut usize| unsafe {
        let p = if buf.is_empty() {
            ptr::null_mut()
        } else {
            buf.as_mut_ptr()
        };
        coserr_field_value(ptr_, len_, field.bit(), p, buf.len(), len)
    };
    let mut n = usize::MAX;
    let r = call(&mut [], &mut n);
    let present = rec.present().contains(field);
    if r != (if present { COSERR_OK } else { COSERR_NOT_FOUND }) {
        return Err(format!(
            "coserr_field_value({field:?}) = {r}, present {present}"
        ));
    }
    if !present {
        return if n == 0 {
            Ok(())
        } else {
            Err(format!(
                "coserr_field_value({field:?}): NOT_FOUND with length {n}"
            ))
        };
    }
    let mut whole = vec![0x55 as c_char; n + 1];
    let mut m = 0;
    let r = call(&mut whole, &mut m);
    let got = &bytes_of(&whole)[..n];
    let have = rec.get(field).as_bytes();
    let agrees = if rec.truncated().contains(field) {
        got.len() > have.len() && got.starts_with(have)
    } else {
        got == have
    };
    if r != COSERR_OK || m != n || whole[n] != 0 || !agrees {
        return Err(format!(
            "coserr_field_value({field:?}): {got:?}, record {have:?}"
        ));
    }
    let Ok(text) = std::str::from_utf8(got) else {
        return Err(format!("coserr_field_value({field:?}): not UTF-8"));
    };
    for cap in [1usize, 4, 7] {
        let mut small = vec![0x55 as c_char; cap];
        let mut m = 0;
        let r = call(&mut small, &mut m);
        let kept = oracle::cut(text, cap - 1);
        let bytes = bytes_of(&small);
        if r != COSERR_OK
            || m != n
            || &bytes[..kept.len()] != kept.as_bytes()
            || bytes[kept.len()] != 0
        {
            return Err(format!("coserr_field_value({field:?}, cap {cap}) wrong"));
        }
    }
    Ok(())
}
