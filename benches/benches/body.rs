//! coserr against the XML parsers a COS client could use instead, on the same
//! bodies, extracting the same six values (see `coserr_benches` and
//! `tests/agree.rs`, which checks that they agree).
//!
//! ```text
//! cargo bench -p coserr-benches --bench body -- --warm-up-time 1 --measurement-time 2
//! ```
//!
//! One group per body, named after the file; in each, `coserr_view`,
//! `coserr_owned`, `coserr_response` (the whole response path),
//! `coserr_ffi_body` (`coserr_parse_body`, the body alone through the C ABI),
//! `coserr_ffi` (the response path through the C ABI), `coserr_ffi_spans` (the C call the Go
//! binding makes), `roxmltree`, `quick_xml`, `xmlparser`, `aws_smithy_xml`
//! and the floor `byte_sum`.

use std::hint::black_box;

use coserr_benches::VIEW_BUF;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bodies(c: &mut Criterion) {
    for body in coserr_benches::bodies() {
        let bytes = body.bytes;
        let mut group = c.benchmark_group(body.name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));

        let mut buf = [0u8; VIEW_BUF];
        group.bench_function("coserr_view", |b| {
            b.iter(|| black_box(coserr_benches::coserr_view(black_box(bytes), &mut buf)))
        });
        group.bench_function("coserr_owned", |b| {
            b.iter(|| black_box(coserr_benches::coserr_owned(black_box(bytes))))
        });
        group.bench_function("coserr_response", |b| {
            b.iter(|| black_box(coserr_benches::coserr_response(black_box(bytes))))
        });
        // SAFETY: coserr_error is plain old data (integers and byte arrays).
        let mut out: coserr_ffi::coserr_error = unsafe { std::mem::zeroed() };
        group.bench_function("coserr_ffi_body", |b| {
            b.iter(|| black_box(coserr_benches::coserr_ffi_body(black_box(bytes), &mut out)))
        });
        let resp = coserr_benches::c_response(bytes);
        let c_resp = resp.as_c();
        group.bench_function("coserr_ffi", |b| {
            b.iter(|| black_box(coserr_benches::coserr_ffi(black_box(&c_resp), &mut out)))
        });
        let mut spans = coserr_ffi::coserr_spans::default();
        let mut text = [0; coserr_ffi::COSERR_TEXT_CAPACITY];
        group.bench_function("coserr_ffi_spans", |b| {
            b.iter(|| {
                black_box(coserr_benches::coserr_ffi_spans(
                    black_box(&c_resp),
                    &mut spans,
                    &mut text,
                ))
            })
        });
        for (name, extract) in coserr_benches::COMPETITORS {
            if coserr_benches::known_wrong(name, body.name) {
                // A wrong answer is not a speed: say so instead of timing it.
                println!("{}/{name}: extracts wrong values, not timed", body.name);
                continue;
            }
            group.bench_function(name, |b| b.iter(|| black_box(extract(black_box(bytes)))));
        }
        group.bench_function("byte_sum", |b| {
            b.iter(|| black_box(coserr_benches::byte_sum(black_box(bytes))))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bodies
}
criterion_main!(benches);
