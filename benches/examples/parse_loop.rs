//! Parses one body N times through `coserr_parse_body`, for instruction
//! counts under callgrind (stable on a shared machine, unlike wall time):
//!
//! ```text
//! cargo build --release -p coserr-benches --example parse_loop
//! valgrind --tool=callgrind target/release/examples/parse_loop BODY 1
//! valgrind --tool=callgrind target/release/examples/parse_loop BODY 1001
//! ```
//!
//! The difference of the two totals over 1000 is the cost of one parse.

use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(n)) = (args.next(), args.next()) else {
        eprintln!("usage: parse_loop BODY N");
        std::process::exit(2);
    };
    let body = std::fs::read(&path).expect("readable body");
    let n: u32 = n.parse().expect("N is a count");
    // SAFETY: coserr_error is plain old data (integers and byte arrays).
    let mut out: coserr_ffi::coserr_error = unsafe { std::mem::zeroed() };
    let mut rc = 0;
    for _ in 0..n {
        rc = coserr_benches::coserr_ffi_body(black_box(&body), &mut out);
    }
    println!("{path}: rc {rc}");
}
