//! Differential test: the XML verdict, the six fields and the extras must equal
//! what roxmltree (the reference) gives, on tens of thousands of generated
//! documents per run. Seeded and reproducible; a failure prints the document.
//!
//! `COSERR_DIFF_CASES=n` runs more (or fewer) cases; `COSERR_DIFF_SEED=s`
//! changes the seed.

use coserr::{Field, parse_body};

use coserr_testkit::oracle::{XmlVerdict, xml_oracle, xml_ours};
use coserr_testkit::rng::Rng;
use coserr_testkit::samples;
use coserr_testkit::xml_gen::{mutate, xml_document};

/// Checks one body, returning a description of the disagreement.
fn check(body: &[u8]) -> Result<(), String> {
    // roxmltree's answer, computed independently (`coserr_testkit::oracle`,
    // the fuzz targets' oracle too).
    let want = xml_oracle(body).0;
    if want == XmlVerdict::NotXml {
        return Ok(());
    }
    let got = xml_ours(body);
    if got != want {
        return Err(format!("roxmltree: {want:?}\ncoserr:    {got:?}"));
    }
    // The other faces must agree with the decoded values too.
    let b = parse_body(body);
    if b.has_extras() != b.extras().next().is_some() {
        return Err(format!("has_extras() is {}", b.has_extras()));
    }
    for f in Field::BODY {
        if let Some(v) = b.field(f) {
            let s = v.to_string();
            assert!(v.eq_str(&s));
            assert_eq!(v.decoded_len(), s.len());
            assert_eq!(v.is_empty(), s.is_empty());
            let mut buf = [0u8; 7];
            let d = v.decode_into(&mut buf);
            assert!(s.as_bytes().starts_with(&buf[..d.len]));
            assert_eq!(d.truncated, s.len() > 7);
        }
    }
    Ok(())
}

#[test]
fn agrees_with_roxmltree_on_generated_documents() {
    let seed = std::env::var("COSERR_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_C05E_u64);
    let cases: u64 = std::env::var("COSERR_DIFF_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24_000);
    let mut r = Rng::new(seed);
    let (mut accepted, mut rejected, mut failures) = (0u32, 0u32, Vec::new());
    for i in 0..cases {
        // Even cases: strictly valid constructs; odd: anything, then mutated.
        let mut doc = xml_document(&mut r, i % 4 == 0).into_bytes();
        if i % 2 == 1 {
            mutate(&mut r, &mut doc);
        }
        match xml_oracle(&doc).0 {
            XmlVerdict::Malformed => rejected += 1,
            XmlVerdict::NotXml => {}
            _ => accepted += 1,
        }
        if let Err(why) = check(&doc) {
            failures.push(format!(
                "case {i} (seed {seed:#x}): {:?}\n{why}",
                String::from_utf8_lossy(&doc)
            ));
            if failures.len() >= 5 {
                break;
            }
        }
    }
    eprintln!("accepted {accepted}, rejected {rejected} of {cases}");
    assert!(
        failures.is_empty(),
        "{} disagreements, first:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    // The generator must exercise both verdicts substantially.
    assert!(
        accepted > cases as u32 / 5 && rejected > cases as u32 / 5,
        "accepted {accepted}, rejected {rejected}"
    );
}

/// Every prefix of every sample and edge body agrees with roxmltree too.
#[test]
fn agrees_with_roxmltree_on_every_truncation_of_every_sample() {
    for (name, body) in samples::all_bodies() {
        for cut in 0..=body.len() {
            if let Err(why) = check(&body[..cut]) {
                panic!(
                    "{name} cut at {cut}: {:?}\n{why}",
                    String::from_utf8_lossy(&body[..cut])
                );
            }
        }
    }
}

/// Hand-picked documents on the edges of roxmltree's rules.
#[test]
fn agrees_with_roxmltree_on_quirks() {
    let docs: &[&str] = &[
        "<:Error><Code>c</Code></:Error>",
        "<Error><:Code>c</:Code></Error>",
        "<xml:Error/>",
        "<Error xml:lang='en'><Code>c</Code></Error>",
        "<Error a='1' a='2'/>",
        "<Error xmlns:p='u' xmlns:q='u' p:a='1' q:a='2'/>",
        "<Error xmlns:p='u' xmlns:q='u&#9;' p:a='1' q:a='2'/>",
        "<Error xmlns:p='u' xmlns:q='u\t' p:a='1' q:a='2'/>",
        "<Error p:a='1' xmlns:p='u'/>",
        "<Error xmlns:p='u' xmlns:p='v'/>",
        "<Error xmlns='a' xmlns='b'/>",
        "<Error z:xmlns='a'/>",
        "<Error xmlns:xmlns='a'/>",
        "<xmlns:Error/>",
        "<Error><Code>&#xD800;</Code></Error>",
        "<Error><Code>&#x110000;</Code></Error>",
        "<Error><Code>&#4294967296;</Code></Error>",
        "<Error><Code>a\r&#65;\r</Code></Error>",
        "<Error><Code>&#65;\r</Code></Error>",
        "<Error><Code>\r\r&amp;\r\n\r</Code></Error>",
        "<?xml?><Error/>",
        "<?xml version='1.0'?><?xml version='1.0'?><Error/>",
        "<?xmlfoo?><Error/>",
        "<?a=b?><Error/>",
        "<Error/><!-- -->",
        "<Error/>text",
        "<Error></Error >",
        "<Error></Error\n>",
        "<Error><Code>a]]b</Code></Error>",
        "<Error><Code>a]>b</Code></Error>",
        "<Error><Code>\u{0085}\u{2028}</Code></Error>",
        "<Error><Code>\u{FFFE}</Code></Error>",
        "<Error><Code><![CDATA[]]></Code><Code>2</Code></Error>",
        "<Error attr=\"a>b\"><Detail x='>' y=\"/>\"><Code>n</Code></Detail><Code>c</Code></Error>",
        "<Error>\u{0080}</Error>",
        "<\u{00C0}/>",
        "<a\u{0300}/>",
        "<Error><Message>   </Message></Error>",
    ];
    for d in docs {
        if let Err(why) = check(d.as_bytes()) {
            panic!("{d:?}\n{why}");
        }
    }
}
