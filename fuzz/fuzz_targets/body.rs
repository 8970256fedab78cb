//! `parse_body` on any bytes: must not panic, must terminate, and every face
//! of the result (verdict, error offset, decoded fields, `decode_into`,
//! extras and their paused/resumed iteration, the owned record) must be
//! consistent (`oracle::check_consistency`). Then `Extras::resume` with
//! arbitrary numbers (what a C caller's corrupted iterator would hold) must
//! stay inside the body and terminate (`oracle::check_resume_arbitrary`).
#![no_main]

use coserr::abi::ExtrasState;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    coserr_fuzz::oracle::tolerate_known_issues();
    if let Err(why) = coserr_fuzz::oracle::check_consistency(data) {
        panic!("{why}\ninput: {:?}", String::from_utf8_lossy(data));
    }
    // Numbers from the input itself: offsets around the body's length.
    let n = |i: usize| -> usize {
        let hi = usize::from(data.get(i).copied().unwrap_or(0));
        let lo = usize::from(data.get(i + 1).copied().unwrap_or(0));
        (hi << 8 | lo) % (data.len() + 3)
    };
    let genuine = coserr::parse_body(data).extras().state(data);
    for state in [
        ExtrasState {
            pos: n(0),
            end: n(2),
            seen: u32::from(data.get(4).copied().unwrap_or(0)),
        },
        ExtrasState {
            pos: genuine.pos + n(0) % 7,
            end: genuine.end,
            seen: 0,
        },
        ExtrasState {
            pos: genuine.pos,
            end: genuine.end.saturating_sub(n(2) % 7),
            seen: genuine.seen,
        },
        ExtrasState {
            pos: 0,
            end: usize::MAX,
            seen: 0,
        },
    ] {
        if let Err(why) = coserr_fuzz::oracle::check_resume_arbitrary(data, state) {
            panic!(
                "{why}\nstate {state:?}\ninput: {:?}",
                String::from_utf8_lossy(data)
            );
        }
    }
});
