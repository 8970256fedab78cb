//! Shared code of the coserr fuzz targets.
//!
//! - [`oracle`]: the roxmltree / serde_json oracles and the invariants
//!   (also compiled into `core/tests/regressions.rs`);
//! - [`input`]: the byte layout of a response input (also compiled into
//!   `core/tests/regressions.rs`), read here through `arbitrary`;
//! - [`check_ffi`]: the C ABI, called through the `coserr-ffi` rlib, against
//!   the core.

pub mod input;
pub mod oracle;

use std::ffi::{CStr, c_char};
use std::ptr;

use arbitrary::{Arbitrary, Unstructured};
use coserr::{ErrorRecord, Field, Response, parse_body};
use coserr_ffi::*;

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

/// `(ptr, len)` of a slice, NULL for an empty one (the ABI's empty slice).
fn raw<T>(s: &[T]) -> (*const T, usize) {
    if s.is_empty() {
        (ptr::null(), 0)
    } else {
        (s.as_ptr(), s.len())
    }
}

/// The C record equals the core record it was filled from.
fn same_record(out: &coserr_error, rec: &ErrorRecord) -> Check {
    let offset = match (rec.body_status, rec.body_error) {
        (coserr::BodyStatus::Malformed, Some(e)) => u32::try_from(e.offset).unwrap_or(u32::MAX),
        _ => 0,
    };
    // A value holding a NUL is flagged as cut for C, which stops at the NUL.
    let nul_cut = Field::ALL
        .iter()
        .filter(|f| rec.get(**f).contains('\0'))
        .fold(0, |bits, f| bits | f.bit());
    let scalars = [
        (out.kind, rec.kind as u32),
        (out.status, rec.status),
        (out.body_status, rec.body_status as u32),
        (out.body_offset, offset),
        (out.present, rec.present.0),
        (out.from_header, rec.from_header.0),
        (out.truncated, rec.truncated.0 | nul_cut),
        (out.flags, rec.flags.0),
        (out.code_id, rec.code_id.as_u32()),
        (out.category, rec.category.as_u32()),
        (out.retryable, u32::from(rec.retryable)),
    ];
    if scalars.iter().any(|(a, b)| a != b) {
        return Err(format!("C record {scalars:?} (C, core) differs"));
    }
    for (f, arr) in [
        (Field::Code, &out.code[..]),
        (Field::Message, &out.message[..]),
        (Field::Resource, &out.resource[..]),
        (Field::RequestId, &out.request_id[..]),
        (Field::TraceId, &out.trace_id[..]),
        (Field::ServerTime, &out.server_time[..]),
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
    if rec.kind == coserr::Kind::None {
        COSERR_NOT_AN_ERROR
    } else {
        COSERR_OK
    }
}

/// The C ABI agrees with the core on one response, and keeps its own rules.
pub fn check_ffi(input: &ResponseInput<'_>, garbage_record: bool) -> Check {
    // --- coserr_parse_response -------------------------------------------
    let c_headers: Vec<coserr_header> = input
        .headers
        .iter()
        .map(|(n, v)| {
            let (name, name_len) = raw(n);
            let (value, value_len) = raw(v);
            coserr_header {
                name: name.cast(),
                name_len,
                value: value.cast(),
                value_len,
            }
        })
        .collect();
    let (method, method_len) = raw(input.method);
    let (url, url_len) = raw(input.url);
    let (headers, header_count) = raw(&c_headers);
    let (body, body_len) = raw(input.body);
    let resp = coserr_response {
        status: input.status,
        method: method.cast(),
        method_len,
        url: url.cast(),
        url_len,
        headers,
        header_count,
        body,
        body_len,
    };
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
    if rec.code_id.is_known() && name.to_bytes() != rec.code.as_bytes() {
        return Err(format!("coserr_code_name({}) = {name:?}", out.code_id));
    }
    let _ = unsafe { CStr::from_ptr(coserr_result_name(r)) };

    // C reads each string up to its first NUL: a value with an embedded NUL
    // (JSON "\u0000", a header byte) shows cut there in the C texts.
    let mut rec_c = rec.clone();
    for f in Field::ALL {
        let v = rec.get(f);
        if rec.present.contains(f) && v.contains('\0') {
            rec_c.set_str(f, &v[..v.find('\0').unwrap_or(v.len())]);
        }
    }
    let display = rec_c.to_string();
    let mut json = String::new();
    rec_c.write_json(&mut json).map_err(|e| e.to_string())?;
    check_format("coserr_format", coserr_format, &out, Some(&display))?;
    check_format("coserr_to_json", coserr_to_json, &out, Some(&json))?;

    // --- coserr_parse_response_packed: the same record, texts back to back --
    let mut packed = coserr_packed::default();
    let mut text = vec![0x55 as c_char; COSERR_PACKED_TEXT_CAPACITY];
    let r_packed =
        unsafe { coserr_parse_response_packed(&resp, &mut packed, text.as_mut_ptr(), text.len()) };
    if r_packed != r {
        return Err(format!(
            "coserr_parse_response_packed returned {r_packed}, expected {r}"
        ));
    }
    let numbers = [
        (packed.kind, out.kind),
        (packed.status, out.status),
        (packed.body_status, out.body_status),
        (packed.body_offset, out.body_offset),
        (packed.present, out.present),
        (packed.from_header, out.from_header),
        (packed.truncated, out.truncated),
        (packed.flags, out.flags),
        (packed.code_id, out.code_id),
        (packed.category, out.category),
        (packed.retryable, out.retryable),
    ];
    if numbers.iter().any(|(p, o)| p != o) {
        return Err(format!("packed numbers {numbers:?} (packed, record)"));
    }
    let lens = [
        packed.code_len,
        packed.message_len,
        packed.resource_len,
        packed.request_id_len,
        packed.trace_id_len,
        packed.server_time_len,
    ];
    let arrays: [&[c_char]; 6] = [
        &out.code,
        &out.message,
        &out.resource,
        &out.request_id,
        &out.trace_id,
        &out.server_time,
    ];
    let mut at = 0usize;
    for (f, (&len, array)) in Field::ALL.iter().zip(lens.iter().zip(arrays)) {
        let want = bytes_of(array).split(|&c| c == 0).next().unwrap_or(&[]);
        let got = bytes_of(&text).get(at..at + len as usize).unwrap_or(&[]);
        if got != want {
            return Err(format!("packed {f:?}: {got:?}, record {want:?}"));
        }
        at += len as usize;
    }
    let has_extras = parse_body(input.body).extras().next().is_some();
    if r == COSERR_OK && (packed.has_extras != 0) != has_extras {
        return Err(format!(
            "packed has_extras {} but extras: {has_extras}",
            packed.has_extras
        ));
    }

    // --- coserr_parse_response_spans: the same record, texts as spans -------
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
        if numbers.iter().zip(got).any(|((_, o), s)| *o != s) {
            return Err(format!("spans numbers {got:?}, record {numbers:?}"));
        }
        if (spans.has_extras, spans.extras) != (packed.has_extras, packed.extras) {
            return Err("spans extras differ from packed".into());
        }
        let all = [
            spans.code,
            spans.message,
            spans.resource,
            spans.request_id,
            spans.trace_id,
            spans.server_time,
        ];
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

    // --- extras --------------------------------------------------------------
    let extras: Vec<_> = parse_body(input.body).extras().take(64).collect();
    let count = unsafe { coserr_extra_count(body, body_len) };
    if count < extras.len() || (extras.len() < 64 && count != extras.len()) {
        return Err(format!("coserr_extra_count {count}, core {}", extras.len()));
    }
    for (i, e) in extras.iter().enumerate() {
        let value = e.value.to_string();
        let (mut nl, mut vl) = (usize::MAX, usize::MAX);
        let r = unsafe {
            coserr_extra_get(
                body,
                body_len,
                i,
                ptr::null_mut(),
                0,
                &mut nl,
                ptr::null_mut(),
                0,
                &mut vl,
            )
        };
        if r != COSERR_OK || nl != e.name.len() || vl != value.len() {
            return Err(format!(
                "coserr_extra_get({i}) lengths: {r} {nl} {vl}, core {} {}",
                e.name.len(),
                value.len()
            ));
        }
        for cap in [1usize, 5, vl + 1] {
            let mut nb = vec![0x55 as c_char; e.name.len() + 1];
            let mut vb = vec![0x55 as c_char; cap];
            let r = unsafe {
                coserr_extra_get(
                    body,
                    body_len,
                    i,
                    nb.as_mut_ptr(),
                    nb.len(),
                    ptr::null_mut(),
                    vb.as_mut_ptr(),
                    cap,
                    ptr::null_mut(),
                )
            };
            let vbytes = bytes_of(&vb);
            let want = oracle::cut(&value, cap - 1);
            if r != COSERR_OK
                || &bytes_of(&nb)[..e.name.len()] != e.name.as_bytes()
                || &vbytes[..want.len()] != want.as_bytes()
                || vbytes[want.len()] != 0
            {
                return Err(format!("coserr_extra_get({i}, cap {cap}) wrong"));
            }
        }
    }
    if extras.len() < 64 {
        let r = unsafe {
            coserr_extra_get(
                body,
                body_len,
                extras.len(),
                ptr::null_mut(),
                0,
                ptr::null_mut(),
                ptr::null_mut(),
                0,
                ptr::null_mut(),
            )
        };
        if r != COSERR_NOT_FOUND {
            return Err(format!("coserr_extra_get past the end: {r}"));
        }
    }

    // --- the one-pass extras iterator -----------------------------------------
    let all: Vec<(String, String)> = parse_body(input.body)
        .extras()
        .map(|e| (e.name.to_string(), e.value.to_string()))
        .collect();
    let mut it = coserr_extras_iter {
        pos: 7,
        end: 9,
        seen: 1,
        reserved: 3,
    };
    if unsafe { coserr_extras_begin(body, body_len, &mut it) } != COSERR_OK {
        return Err("coserr_extras_begin failed".into());
    }
    for (k, (name, value)) in all.iter().enumerate() {
        // A copy reads the same extra again (here: the lengths only).
        let mut copy = it;
        let (mut nl, mut vl) = (0usize, 0usize);
        let r = unsafe {
            coserr_extras_next(
                body,
                body_len,
                &mut copy,
                ptr::null_mut(),
                0,
                &mut nl,
                ptr::null_mut(),
                0,
                &mut vl,
            )
        };
        if r != COSERR_OK || nl != name.len() || vl != value.len() {
            return Err(format!("coserr_extras_next #{k} lengths: {r} {nl} {vl}"));
        }
        let mut nb = vec![0x55 as c_char; name.len() + 1];
        let mut vb = vec![0x55 as c_char; value.len() + 1];
        let r = unsafe {
            coserr_extras_next(
                body,
                body_len,
                &mut it,
                nb.as_mut_ptr(),
                nb.len(),
                ptr::null_mut(),
                vb.as_mut_ptr(),
                vb.len(),
                ptr::null_mut(),
            )
        };
        if r != COSERR_OK
            || &bytes_of(&nb)[..name.len()] != name.as_bytes()
            || &bytes_of(&vb)[..value.len()] != value.as_bytes()
            || copy != it
        {
            return Err(format!(
                "coserr_extras_next #{k}: {r}, expected {name:?} = {value:?}"
            ));
        }
    }
    for _ in 0..2 {
        let before = it;
        let r = unsafe {
            coserr_extras_next(
                body,
                body_len,
                &mut it,
                ptr::null_mut(),
                0,
                ptr::null_mut(),
                ptr::null_mut(),
                0,
                ptr::null_mut(),
            )
        };
        if r != COSERR_NOT_FOUND || it != before {
            return Err(format!("coserr_extras_next after the last: {r}"));
        }
    }
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
    }
    Ok(())
}
