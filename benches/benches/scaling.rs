//! Time against body size: an error body whose `Message` (or an extra
//! element, `StringToSign`) grows to 1 KiB, 1 MiB and 64 MiB. Time per byte
//! should stay flat: the parser is one linear pass with constant memory.
//!
//! ```text
//! cargo bench -p coserr-benches --bench scaling
//! ```
//!
//! Criterion prints the time per iteration and the throughput; ns/byte is
//! time / size (`scaling/<what>/<size>`). The 64 MiB cases take 10 samples
//! with a short measurement time; `cargo test --benches` runs each once.

use std::hint::black_box;
use std::time::Duration;

use coserr::{BodyStatus, ErrorRecord, Field, Response, parse_body};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const KIB: usize = 1 << 10;
const MIB: usize = 1 << 20;
const SIZES: [(&str, usize); 3] = [("1KiB", KIB), ("1MiB", MIB), ("64MiB", 64 * MIB)];

const FILLER: &[u8] =
    b"The request signature we calculated does not match the signature you provided. ";

/// An error body of exactly `size` bytes whose `Message` (`in_extra` false)
/// or `StringToSign` extra (`in_extra` true) takes up the room.
fn body(size: usize, in_extra: bool) -> Vec<u8> {
    let (head, tail): (&[u8], &[u8]) = if in_extra {
        (
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>m</Message><StringToSign>",
            b"</StringToSign><RequestId>NWZjZjU0YjlfYTI0MjJhMDlfNDMzZV8xMjM=</RequestId><TraceId>OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM0NmU=</TraceId></Error>",
        )
    } else {
        (
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>",
            b"</Message><RequestId>NWZjZjU0YjlfYTI0MjJhMDlfNDMzZV8xMjM=</RequestId><TraceId>OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM0NmU=</TraceId></Error>",
        )
    };
    let room = size - head.len() - tail.len();
    let mut b = Vec::with_capacity(size);
    b.extend_from_slice(head);
    b.extend(FILLER.iter().cycle().take(room));
    b.extend_from_slice(tail);
    assert_eq!(b.len(), size);
    let parsed = parse_body(&b);
    assert_eq!(parsed.status(), BodyStatus::Ok);
    assert!(parsed.field(Field::RequestId).is_some());
    b
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    for (name, size) in SIZES {
        if size >= 64 * MIB {
            group
                .sample_size(10)
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(3));
        } else {
            group
                .sample_size(50)
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(2));
        }
        group.throughput(Throughput::Bytes(size as u64));
        let message = body(size, false);
        let extra = body(size, true);
        // The verdict and the field spans (the zero-copy view).
        group.bench_with_input(
            BenchmarkId::new("parse_body_message", name),
            &message,
            |b, m| b.iter(|| black_box(parse_body(black_box(m)).status())),
        );
        group.bench_with_input(
            BenchmarkId::new("parse_body_extra", name),
            &extra,
            |b, m| b.iter(|| black_box(parse_body(black_box(m)).status())),
        );
        // The whole response path: parse + the owned record (the message
        // is decoded up to its 1023-byte capacity).
        group.bench_with_input(
            BenchmarkId::new("record_message", name),
            &message,
            |b, m| {
                b.iter(|| {
                    let rec = ErrorRecord::from_response(&Response {
                        status: 403,
                        method: b"PUT",
                        url: b"",
                        headers: &(),
                        body: black_box(m),
                    });
                    black_box(rec.truncated())
                })
            },
        );
        // Iterating the extras (re-reads the error element's content).
        group.bench_with_input(BenchmarkId::new("extras_extra", name), &extra, |b, m| {
            let parsed = parse_body(m);
            b.iter(|| {
                black_box(
                    black_box(&parsed)
                        .extras()
                        .map(|e| e.value.raw().len())
                        .sum::<usize>(),
                )
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = scaling
}
criterion_main!(benches);
