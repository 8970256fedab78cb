//! The benchmark compares equal work: on every bench body, every competitor
//! and coserr extract the same six values (the reference is testkit's
//! roxmltree oracle, the one the differential tests and fuzzers use).

use coserr::{BodyStatus, Field};
use coserr_benches::{OwnedFields, VIEW_BUF, bodies, to_owned};
use coserr_testkit::oracle::{XmlVerdict, xml_oracle};

fn reference(bytes: &[u8]) -> OwnedFields {
    match xml_oracle(bytes).0 {
        XmlVerdict::Ok { fields, .. } => fields,
        other => panic!("a bench body must be an error document: {other:?}"),
    }
}

#[test]
fn reference_finds_the_fields() {
    for body in bodies() {
        let r = reference(body.bytes);
        for f in [Field::Code, Field::Message, Field::RequestId] {
            assert!(
                r[f as usize].as_deref().is_some_and(|s| !s.is_empty()),
                "{}: roxmltree found no {f:?}",
                body.name
            );
        }
    }
    // The large body exercises entities and character references.
    let large = reference(bodies()[2].bytes);
    let message = large[Field::Message as usize].as_deref().unwrap();
    assert!(message.starts_with("Condition #0: header \"x-cos-meta-k0\" <= limit && value > 0 failed for 'obj-0' (R&D policy 'v0')."));
    assert!(!message.contains("&amp;") && !message.contains("&#"));
}

#[test]
fn competitors_agree_with_roxmltree() {
    for body in bodies() {
        let want = reference(body.bytes);
        for (name, extract) in coserr_benches::COMPETITORS {
            let got = to_owned(extract(body.bytes));
            if coserr_benches::known_wrong(name, body.name) {
                assert_ne!(got, want, "{name} on {} is listed as wrong", body.name);
            } else {
                assert_eq!(got, want, "{name} on {}", body.name);
            }
        }
    }
}

#[test]
fn coserr_view_agrees_with_roxmltree() {
    for body in bodies() {
        let want = reference(body.bytes);
        let parsed = coserr::parse_body(body.bytes);
        assert_eq!(parsed.status(), BodyStatus::Ok, "{}", body.name);
        assert_eq!(
            coserr_benches::coserr_fields(body.bytes),
            want,
            "coserr view on {}",
            body.name
        );
        // The bench kernel decodes everything (nothing cut by its buffer).
        let total: usize = want.iter().flatten().map(String::len).sum();
        let mut buf = [0u8; VIEW_BUF];
        assert_eq!(
            coserr_benches::coserr_view(body.bytes, &mut buf),
            total,
            "coserr_view kernel on {}",
            body.name
        );
    }
}

#[test]
fn coserr_owned_agrees_with_roxmltree() {
    for body in bodies() {
        let want = reference(body.bytes);
        let rec = coserr_benches::coserr_owned(body.bytes);
        assert_eq!(rec.body_status(), BodyStatus::Ok, "{}", body.name);
        for f in Field::BODY {
            let Some(w) = want[f as usize].as_deref() else {
                assert!(
                    !rec.has(f),
                    "{}: {f:?} present in the record only",
                    body.name
                );
                continue;
            };
            assert!(rec.has(f), "{}: {f:?} missing from the record", body.name);
            // The record has fixed capacities (the large body's Message and
            // Resource are cut): compare the prefix that fits.
            let got = rec.get(f);
            let cut = got.len() < w.len();
            assert_eq!(
                rec.truncated().contains(f),
                cut,
                "{}: {f:?} truncation flag",
                body.name
            );
            assert!(
                w.starts_with(got),
                "{}: {f:?}: {got:?} is not a prefix of {w:?}",
                body.name
            );
            if cut {
                let cap = capacity(&rec, f);
                assert!(
                    got.len() <= cap && got.len() + 4 > cap,
                    "{}: {f:?} cut at {} of {cap}",
                    body.name,
                    got.len()
                );
            }
        }
    }
}

fn capacity(rec: &coserr::ErrorRecord, f: Field) -> usize {
    match f {
        Field::Code => rec.texts().code.capacity(),
        Field::Message => rec.texts().message.capacity(),
        Field::Resource => rec.texts().resource.capacity(),
        Field::RequestId => rec.texts().request_id.capacity(),
        Field::TraceId => rec.texts().trace_id.capacity(),
        Field::ServerTime => rec.texts().server_time.capacity(),
        Field::Location => rec.texts().location.capacity(),
        Field::Region => rec.texts().region.capacity(),
    }
}
