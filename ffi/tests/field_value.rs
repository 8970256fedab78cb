//! `coserr_field_value` gives each field's whole value: on every shared
//! body, each of the six fields is exactly what `coserr_parse_body`'s array
//! holds when it fits, and extends it when the array cut it; the
//! `snprintf` rules (length query, cut at a UTF-8 boundary, NUL
//! terminator) and the argument checks hold.

use std::ffi::c_char;
use std::ptr;

use coserr_ffi::*;
use coserr_testkit::samples::body_paths;

const FIELDS: [u32; 6] = [
    COSERR_FIELD_CODE,
    COSERR_FIELD_MESSAGE,
    COSERR_FIELD_RESOURCE,
    COSERR_FIELD_REQUEST_ID,
    COSERR_FIELD_TRACE_ID,
    COSERR_FIELD_SERVER_TIME,
];

/// The value through a length query, then a buffer of exactly that size
/// plus the NUL; `None` for `COSERR_NOT_FOUND`.
fn field_value(body: &[u8], field: u32) -> Option<Vec<u8>> {
    let mut len = usize::MAX;
    // SAFETY: `body` is valid for its length, `(NULL, 0)` asks for the length.
    let rc = unsafe {
        coserr_field_value(
            body.as_ptr(),
            body.len(),
            field,
            ptr::null_mut(),
            0,
            &mut len,
        )
    };
    if rc == COSERR_NOT_FOUND {
        assert_eq!(len, 0);
        return None;
    }
    assert_eq!(rc, COSERR_OK);
    let mut buf = vec![0x5Au8 as c_char; len + 1];
    let mut again = usize::MAX;
    // SAFETY: `buf` is valid for `len + 1` bytes.
    let rc = unsafe {
        coserr_field_value(
            body.as_ptr(),
            body.len(),
            field,
            buf.as_mut_ptr(),
            buf.len(),
            &mut again,
        )
    };
    assert_eq!((rc, again), (COSERR_OK, len));
    assert_eq!(buf[len], 0, "NUL-terminated");
    Some(buf[..len].iter().map(|&c| c as u8).collect())
}

/// The six arrays of `coserr_parse_body`'s record, in field order, and its
/// `present` bits.
fn record(body: &[u8]) -> (Vec<Vec<u8>>, u32) {
    let mut e = coserr_error::default();
    // SAFETY: `body` is valid for its length, `e` for writes.
    unsafe { coserr_parse_body(body.as_ptr(), body.len(), &mut e) };
    let arrays: [&[c_char]; 6] = [
        &e.code,
        &e.message,
        &e.resource,
        &e.request_id,
        &e.trace_id,
        &e.server_time,
    ];
    (
        arrays
            .iter()
            .map(|a| a.iter().map(|&c| c as u8).collect())
            .collect(),
        e.present,
    )
}

/// The longest prefix of `v` of at most `max` bytes that ends on a UTF-8
/// character boundary.
fn utf8_prefix(v: &[u8], max: usize) -> &[u8] {
    let mut n = v.len().min(max);
    while n > 0 && n < v.len() && (v[n] & 0xC0) == 0x80 {
        n -= 1;
    }
    &v[..n]
}

/// The value against the record: present exactly when the record has the
/// field, and the array holds the value's longest UTF-8 prefix that fits
/// (the whole value when it fits), then NULs.
fn check_body(body: &[u8], what: &str) {
    let (arrays, present) = record(body);
    for (i, field) in FIELDS.into_iter().enumerate() {
        let value = field_value(body, field);
        assert_eq!(
            value.is_some(),
            present & field != 0,
            "{what}: field {field} present"
        );
        let Some(value) = value else { continue };
        assert!(
            std::str::from_utf8(&value).is_ok(),
            "{what}: field {field} is UTF-8"
        );
        let array = &arrays[i];
        let kept = utf8_prefix(&value, array.len() - 1);
        assert_eq!(&array[..kept.len()], kept, "{what}: field {field}");
        assert!(
            array[kept.len()..].iter().all(|&b| b == 0),
            "{what}: field {field} after the text"
        );
    }
}

#[test]
fn every_shared_body_agrees_with_the_record() {
    for path in body_paths() {
        check_body(&std::fs::read(&path).unwrap(), &path.display().to_string());
    }
}

#[test]
fn a_message_longer_than_the_array_comes_back_whole() {
    let message = "é".repeat(1500);
    let body = format!("<Error><Code>X</Code><Message>{message}</Message></Error>");
    assert_eq!(
        field_value(body.as_bytes(), COSERR_FIELD_MESSAGE).unwrap(),
        message.as_bytes()
    );
    check_body(body.as_bytes(), "long message");
}

#[test]
fn a_nul_byte_is_part_of_the_value() {
    let body = br#"{"code":"AccessDenied","message":"Access\u0000Denied."}"#;
    assert_eq!(
        field_value(body, COSERR_FIELD_MESSAGE).unwrap(),
        b"Access\0Denied."
    );
    assert_eq!(
        field_value(body, COSERR_FIELD_CODE).unwrap(),
        b"AccessDenied"
    );
    check_body(body, "NUL in JSON");
}

#[test]
fn a_client_errors_message_is_the_body_text_with_replacements() {
    let body = b"oops \xff gone";
    assert_eq!(
        field_value(body, COSERR_FIELD_MESSAGE).unwrap(),
        "oops \u{FFFD} gone".as_bytes()
    );
    assert_eq!(field_value(body, COSERR_FIELD_CODE), None);
}

#[test]
fn a_small_buffer_gets_a_utf8_prefix_and_the_full_length() {
    let body = "<Error><Code>NoSuchKey</Code><Message>ab€cd</Message></Error>".as_bytes();
    let whole = "ab€cd".as_bytes();
    for cap in 1..=whole.len() + 2 {
        let mut buf = vec![0x5Au8 as c_char; cap];
        let mut len = 0;
        // SAFETY: `buf` is valid for `cap` bytes.
        let rc = unsafe {
            coserr_field_value(
                body.as_ptr(),
                body.len(),
                COSERR_FIELD_MESSAGE,
                buf.as_mut_ptr(),
                cap,
                &mut len,
            )
        };
        assert_eq!((rc, len), (COSERR_OK, whole.len()), "cap {cap}");
        let kept = utf8_prefix(whole, cap - 1);
        let got: Vec<u8> = buf.iter().map(|&c| c as u8).collect();
        assert_eq!(&got[..kept.len()], kept, "cap {cap}");
        assert_eq!(got[kept.len()], 0, "cap {cap}: NUL after the prefix");
    }
}

#[test]
fn bad_arguments_are_refused_and_leave_an_empty_buffer() {
    let body = b"<Error><Code>NoSuchKey</Code></Error>";
    let call = |body: *const u8, body_len, field, buf: *mut c_char, cap, len: *mut usize| {
        // SAFETY: every pointer below is NULL or valid for its length.
        unsafe { coserr_field_value(body, body_len, field, buf, cap, len) }
    };
    let mut buf = [0x5Au8 as c_char; 8];
    let mut len = 99;
    for field in [0, 3, 64, COSERR_FIELD_CODE | COSERR_FIELD_MESSAGE, u32::MAX] {
        let rc = call(
            body.as_ptr(),
            body.len(),
            field,
            buf.as_mut_ptr(),
            8,
            &mut len,
        );
        assert_eq!(
            (rc, len, buf[0]),
            (COSERR_INVALID_ARGUMENT, 0, 0),
            "field {field}"
        );
    }
    buf[0] = 1;
    len = 99;
    let rc = call(
        ptr::null(),
        3,
        COSERR_FIELD_CODE,
        buf.as_mut_ptr(),
        8,
        &mut len,
    );
    assert_eq!((rc, len, buf[0]), (COSERR_NULL_ARGUMENT, 0, 0));
    let rc = call(
        body.as_ptr(),
        body.len(),
        COSERR_FIELD_CODE,
        ptr::null_mut(),
        8,
        &mut len,
    );
    assert_eq!((rc, len), (COSERR_NULL_ARGUMENT, 0));
    buf[0] = 1;
    len = 99;
    let rc = call(
        body.as_ptr(),
        body.len(),
        COSERR_FIELD_MESSAGE,
        buf.as_mut_ptr(),
        8,
        &mut len,
    );
    assert_eq!((rc, len, buf[0]), (COSERR_NOT_FOUND, 0, 0));
    // A NULL `len` is allowed, and `(NULL, 0)` is an empty body.
    let rc = call(
        body.as_ptr(),
        body.len(),
        COSERR_FIELD_CODE,
        buf.as_mut_ptr(),
        8,
        ptr::null_mut(),
    );
    assert_eq!(rc, COSERR_OK);
    assert_eq!(buf.map(|c| c as u8), *b"NoSuchK\0");
    let rc = call(
        ptr::null(),
        0,
        COSERR_FIELD_CODE,
        buf.as_mut_ptr(),
        8,
        &mut len,
    );
    assert_eq!((rc, len, buf[0]), (COSERR_NOT_FOUND, 0, 0));
}
