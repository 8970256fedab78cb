//! Zero heap allocations: a counting global allocator proves that parsing a
//! body, decoding every field into a stack buffer, iterating the extras,
//! building the record from a response, and formatting the display line and
//! the JSON digest into a stack buffer never touch the heap.
//!
//! The count is per thread (the test harness allocates on its own threads),
//! and only while a `Counting` guard is alive on the current thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::{self, Write};

use coserr::{CosError, ErrorRecord, Field, Header, Response, parse_body};

use coserr_testkit::samples;

struct CountingAlloc;

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: thread-locals may be gone while a thread shuts down.
    let _ = ACTIVE.try_with(|a| {
        if a.get() {
            let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        }
    });
}

// SAFETY: forwards to the system allocator; the bookkeeping touches only
// const-initialised thread-local cells, which never allocate.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// Counts allocations on this thread while alive.
struct Counting;

impl Counting {
    fn start() -> Self {
        COUNT.with(|c| c.set(0));
        ACTIVE.with(|a| a.set(true));
        Counting
    }
    fn stop(self) -> usize {
        ACTIVE.with(|a| a.set(false));
        COUNT.with(|c| c.get())
    }
}

impl Drop for Counting {
    fn drop(&mut self) {
        ACTIVE.with(|a| a.set(false));
    }
}

/// A fixed-capacity `fmt::Write` sink on the stack.
struct StackBuf<const N: usize> {
    buf: [u8; N],
    len: usize,
    overflow: bool,
}

impl<const N: usize> StackBuf<N> {
    fn new() -> Self {
        StackBuf {
            buf: [0; N],
            len: 0,
            overflow: false,
        }
    }
    fn clear(&mut self) {
        self.len = 0;
        self.overflow = false;
    }
}

impl<const N: usize> Write for StackBuf<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > N {
            self.overflow = true;
            return Err(fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// What one run computed: enough to check afterwards (outside the counted
/// region) that the work was really done.
#[derive(Default, Clone, Copy)]
struct Tally {
    decoded_bytes: usize,
    extras: usize,
    display_len: usize,
    json_len: usize,
    overflow: bool,
    write_errors: usize,
}

/// Everything the zero-allocation promise covers, for one body.
fn exercise(body: &[u8], tally: &mut Tally, sink: &mut StackBuf<16384>) {
    let parsed = parse_body(body);
    let mut buf = [0u8; 2048];
    for f in Field::BODY {
        if let Some(v) = parsed.field(f) {
            let d = v.decode_into(&mut buf);
            tally.decoded_bytes += d.len;
            tally.decoded_bytes += v.decoded_len();
            let _ = v.eq_str("NoSuchKey");
            let _ = v.is_empty();
            sink.clear();
            if write!(sink, "{v}").is_err() {
                tally.write_errors += 1;
            }
        }
    }
    for e in parsed.extras() {
        tally.extras += 1;
        tally.decoded_bytes += e.value.decode_into(&mut buf).len + e.name.len();
    }
    let _ = ErrorRecord::from_body(&parsed);
    let headers = [
        ("Content-Type", "application/xml"),
        (
            "X-Cos-Request-Id",
            "NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==",
        ),
        ("x-cos-trace-id", "OGVmYzZiMmQzYjA2OWNh"),
    ];
    let raw = [Header {
        name: b"x-ci-request-id",
        value: b"ci-\xFF",
    }];
    for (status, method) in [
        (0, "GET"),
        (200, "POST"),
        (404, "HEAD"),
        (403, "GET"),
        (503, "PUT"),
    ] {
        for which in 0..3 {
            let rec = match which {
                0 => ErrorRecord::from_response(&Response {
                    status,
                    method: method.as_bytes(),
                    url: b"https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k",
                    headers: &headers[..],
                    body,
                }),
                1 => ErrorRecord::from_response(&Response {
                    status,
                    method: method.as_bytes(),
                    url: b"",
                    headers: &raw[..],
                    body,
                }),
                _ => ErrorRecord::from_parsed(
                    &Response {
                        status,
                        method: method.as_bytes(),
                        url: b"",
                        headers: &(),
                        body,
                    },
                    &parsed,
                ),
            };
            sink.clear();
            if write!(sink, "{rec}").is_err() {
                tally.write_errors += 1;
            }
            tally.overflow |= sink.overflow;
            tally.display_len += sink.len;
            sink.clear();
            if write!(sink, "{}", rec.digest()).is_err() {
                tally.write_errors += 1;
            }
            tally.overflow |= sink.overflow;
            tally.json_len += sink.len;
        }
    }
    let resp = Response {
        status: 400,
        method: b"GET",
        url: b"",
        headers: &headers[..],
        body,
    };
    if let Some(e) = CosError::from_response(&resp) {
        tally.decoded_bytes += e.origin_msg().len();
        tally.extras += e.extras().count();
        sink.clear();
        let _ = write!(sink, "{e}");
    }
}

/// Large generated bodies: long entity-heavy values, many extras, deep
/// nesting, a long JSON body, a long plain-text body.
fn generated_bodies() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut big =
        String::from("<?xml version=\"1.0\"?>\n<Error><Code>InvalidArgument</Code><Message>");
    for i in 0..20_000 {
        big.push_str(&format!("a&amp;b&#x27;{i}&lt;\r\n<![CDATA[x<y]]>"));
    }
    big.push_str("</Message>");
    for i in 0..2_000 {
        big.push_str(&format!("<Extra{i} a=\"v\">v&gt;{i}<!-- c --></Extra{i}>"));
    }
    big.push_str("<RequestId>req-big</RequestId></Error>");
    out.push(("generated/big_xml".to_string(), big.into_bytes()));

    let mut deep = String::from("<Error><Code>Deep</Code><Detail>");
    for _ in 0..250 {
        deep.push_str("<a>");
    }
    deep.push('x');
    for _ in 0..250 {
        deep.push_str("</a>");
    }
    deep.push_str("</Detail></Error>");
    out.push(("generated/deep_xml".to_string(), deep.into_bytes()));

    let mut json =
        String::from("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure\",\"Message\":\"");
    for i in 0..10_000 {
        json.push_str(&format!("\\u00e9\\n\\\"{i}\\ud83d\\ude00"));
    }
    json.push_str("\"},\"RequestId\":\"json-req\",\"pad\":[");
    for i in 0..5_000 {
        json.push_str(&format!("{{\"k\":[{i},true,null,1.5e3]}},"));
    }
    json.push_str("0]}}");
    out.push(("generated/big_json".to_string(), json.into_bytes()));

    out.push((
        "generated/plain".to_string(),
        b"Service Unavailable \x01\"\\ ".repeat(20_000),
    ));
    let mut truncated = b"\xEF\xBB\xBF   <Error><Code>SlowDown</Code><Message>".to_vec();
    truncated.extend(b"long message ".repeat(10_000));
    out.push(("generated/truncated".to_string(), truncated));
    out
}

#[test]
fn no_heap_allocation_on_any_body() {
    let mut bodies = samples::all_bodies();
    bodies.extend(generated_bodies());
    let mut tallies = vec![Tally::default(); bodies.len()];
    let mut sink = StackBuf::<16384>::new();
    // Warm up anything lazily initialised in std (outside the count).
    exercise(&bodies[0].1, &mut Tally::default(), &mut sink);

    let guard = Counting::start();
    for (i, (_, body)) in bodies.iter().enumerate() {
        exercise(body, &mut tallies[i], &mut sink);
    }
    let allocations = guard.stop();

    assert_eq!(
        allocations,
        0,
        "heap allocations while parsing {} bodies",
        bodies.len()
    );
    // The work was really done.
    for ((name, body), t) in bodies.iter().zip(&tallies) {
        assert!(!t.overflow, "{name}: display/digest did not fit 16 KiB");
        assert!(t.display_len > 0 && t.json_len > 0, "{name}");
        if !body.is_empty() && parse_body(body).present().contains(Field::Code) {
            assert!(t.decoded_bytes > 0, "{name}");
        }
    }
    let large = bodies
        .iter()
        .position(|(n, _)| n == "bench/large_4KB.xml")
        .unwrap();
    assert!(tallies[large].extras >= 4);
}

/// The allocator does count: a sanity check of the harness itself.
#[test]
fn counting_allocator_sees_allocations() {
    let guard = Counting::start();
    let v: Vec<u8> = Vec::with_capacity(std::hint::black_box(64));
    drop(std::hint::black_box(v));
    let s = format!("{}", std::hint::black_box(42));
    drop(s);
    assert!(guard.stop() >= 2);
}
