//! A seeded generator of XML documents on the edges of roxmltree's rules
//! (names, prefixes and namespaces, attributes, references, CDATA,
//! comments, PIs, nesting), and a byte-level mutator.

use crate::rng::Rng;

const NAMES: &[&str] = &[
    "Code",
    "Message",
    "Resource",
    "RequestId",
    "TraceId",
    "ServerTime",
    "HostId",
    "StringToSign",
    "Detail",
    "x",
    "ä",
    "a.b-c_d",
    "Code2",
];
const PREFIXES: &[&str] = &["", "s3:", "p:", "q:", "xml:", "xmlns:", ":", "ns0:"];

fn gen_text(r: &mut Rng, out: &mut String, strict: bool) {
    let n = r.below(6);
    for _ in 0..n {
        let k = r.below(24);
        if strict && matches!(k, 9 | 10) {
            continue;
        }
        match k {
            0 => out.push_str("&amp;"),
            1 => out.push_str("&lt;&gt;&quot;&apos;"),
            2 if strict => out.push_str(r.pick(&[
                "&#13;",
                "&#xD;",
                "&#10;",
                "&#x9;",
                "&#xD800;",
                "&#x110000;",
                "&#x1F600;",
                "&#65;",
                "&#xfffd;",
                "&#0000065;",
            ])),
            2 => out.push_str(r.pick(&[
                "&#0;",
                "&#x0;",
                "&#99999999999;",
                "&#x;",
                "&#;",
                "&#X41;",
                "&#xFFFE;",
                "&#xD800;",
            ])),
            3 => out.push_str("\r\n"),
            4 => out.push('\r'),
            5 => out.push_str("<![CDATA[a<b>&amp;\r\n]]]]>"),
            6 => out.push_str("<!-- c -->"),
            7 => out.push_str("<?pi data?>"),
            8 => out.push_str("中文 é 😀"),
            9 => out.push_str("]]>"),
            10 => out.push_str("&unknown;"),
            11 => out.push_str("<b>in</b>"),
            12 => out.push_str("<b/>"),
            13 => out.push('\t'),
            14 => out.push_str("\r&amp;"),
            15 => out.push_str("&amp;\r"),
            16 => out.push_str("  "),
            17 => out.push('>'),
            18 => out.push_str("<![CDATA[\r]]>"),
            19 => out.push_str("x\ry"),
            _ => {
                let len = r.below(12);
                for _ in 0..len {
                    out.push(r.pick(&['a', 'Z', '0', ' ', '-', '/', '=', '+', '.']));
                }
            }
        }
    }
}

fn gen_attrs(r: &mut Rng, out: &mut String, strict: bool) {
    // Strict: at most one attribute, so no duplicates.
    for _ in 0..r.below(if strict { 2 } else { 3 }) {
        out.push(r.pick(&[' ', '\t', '\n']));
        let k = r.below(10);
        if strict && matches!(k, 2 | 3 | 6) {
            out.push_str("id=\"v\"");
            break;
        }
        match k {
            0 => out.push_str("xmlns=\"urn:x\""),
            1 => out.push_str(r.pick(&[
                "xmlns:p=\"urn:p\"",
                "xmlns:q=\"urn:p\"",
                "xmlns:p='urn:q'",
                "xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\"",
            ])),
            2 => out.push_str(r.pick(&[
                "xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"",
                "xmlns:xml=\"urn:bad\"",
                "xmlns:x=\"http://www.w3.org/XML/1998/namespace\"",
                "xmlns:x=\"http://www.w3.org/2000/xmlns/\"",
                "xmlns=\"http://www.w3.org/2000/xmlns/\"",
                "xmlns:p=\"\"",
                "xmlns:p=\"urn:&#112;\"",
                "xmlns:q=\"urn:p\t\"",
            ])),
            3 => out.push_str(r.pick(&[
                "p:a=\"1\"",
                "q:a=\"2\"",
                "a=\"3\"",
                "xml:lang=\"en\"",
                "z:a=\"4\"",
            ])),
            4 => out.push_str("a = '1'"),
            5 => out.push_str("b=\"x&amp;y &#60; >\""),
            6 => out.push_str(r.pick(&[
                "c=\"<\"",
                "d=\"&bad;\"",
                "e=\"\"",
                "f='\"'",
                "g=\"a\r\nb\"",
            ])),
            _ => out.push_str("id=\"v\""),
        }
    }
    if r.below(8) == 0 {
        out.push(' ');
    }
}

fn gen_element(r: &mut Rng, out: &mut String, depth: u32, strict: bool) {
    let prefix = if !strict && r.below(6) == 0 {
        r.pick(PREFIXES)
    } else {
        ""
    };
    let name = r.pick(NAMES);
    out.push('<');
    out.push_str(prefix);
    out.push_str(name);
    gen_attrs(r, out, strict);
    if r.below(7) == 0 {
        out.push_str("/>");
        return;
    }
    out.push('>');
    if depth < 3 && r.below(4) == 0 {
        gen_element(r, out, depth + 1, strict);
    }
    gen_text(r, out, strict);
    if depth < 3 && r.below(5) == 0 {
        gen_element(r, out, depth + 1, strict);
    }
    out.push_str("</");
    out.push_str(prefix);
    out.push_str(name);
    if r.below(10) == 0 {
        out.push(' ');
    }
    out.push('>');
}

fn gen_misc(r: &mut Rng, out: &mut String, strict: bool) {
    for _ in 0..r.below(3) {
        if strict {
            out.push_str(r.pick(&[
                "\n",
                "  ",
                "<!-- note -->",
                "<?pi x?>",
                "<!---->",
                "<?xml-stylesheet href='a'?>",
                "<?xml?>",
                "\r\n",
            ]));
            continue;
        }
        out.push_str(r.pick(&[
            "\n",
            "  ",
            "<!-- note -->",
            "<?pi x?>",
            "<!---->",
            "<!-- a--b -->",
            "<!-- a- -->",
            "<?xml-stylesheet href='a'?>",
            "<?xml?>",
            "<?xml version='1.0'?>",
            "\r\n",
            "text",
            "<!DOCTYPE Error>",
        ]));
    }
}

/// A whole document: with `strict`, only constructs roxmltree accepts;
/// otherwise anything its rules have an opinion on.
pub fn xml_document(r: &mut Rng, strict: bool) -> String {
    let mut out = String::new();
    if r.below(10) == 0 {
        out.push('\u{FEFF}');
    }
    if r.below(5) == 0 {
        out.push_str(r.pick(&["   ", "\n", " \r\n\t"]));
    }
    if strict && r.below(2) == 0 {
        out.push_str(r.pick(&[
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version='1.0' encoding='utf-8' ?>",
            "<?xml version = '1.0' ?>",
        ]));
    } else if r.below(2) == 0 {
        out.push_str(r.pick(&[
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version='1.0' encoding='utf-8' ?>",
            "<?xml version=\"1.0\"?>",
            "<?xml version=\"1.0\" standalone=\"yes\"?>",
            "<?xml version = '1.0' ?>",
            "<?xml  version=\"1.0\"encoding=\"UTF-8\"?>",
            "<?xml encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" foo=\"x\"?>",
            "<?xml version=\"1<0\"?>",
            "<?xml\tversion=\"1.0\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>",
        ]));
    }
    gen_misc(r, &mut out, strict);
    let root_prefix = if r.below(8) == 0 {
        r.pick(if strict {
            &["s3:", ":"]
        } else {
            &["s3:", "p:", ":", "xml:"]
        })
    } else {
        ""
    };
    let root = match r.below(10) {
        0 => "ErrorResponse",
        1 => r.pick(&[
            "CompleteMultipartUploadResult",
            "error",
            "Errors",
            "DeleteResult",
        ]),
        _ => "Error",
    };
    out.push('<');
    out.push_str(root_prefix);
    out.push_str(root);
    if strict || root_prefix == "s3:" || r.below(4) == 0 {
        out.push_str(" xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\"");
    }
    if root_prefix == "p:" && r.below(2) == 0 {
        out.push_str(" xmlns:p=\"urn:p\"");
    }
    gen_attrs(r, &mut out, strict);
    if r.below(30) == 0 {
        out.push_str("/>");
    } else {
        out.push('>');
        let inner_error = root == "ErrorResponse";
        if inner_error {
            out.push_str(r.pick(&[
                "<Error>",
                "<s3:Error>",
                "<Other/><Error>",
                "<Error/><Error>",
            ]));
        }
        for _ in 0..r.below(9) {
            if r.below(3) == 0 {
                gen_text(r, &mut out, strict);
            }
            gen_element(r, &mut out, 0, strict);
            if r.below(3) == 0 {
                out.push_str(r.pick(&["\n\t", "  ", "<!-- x -->", "<?p?>"]));
            }
        }
        if inner_error {
            out.push_str(r.pick(&[
                "</Error>",
                "</s3:Error>",
                "</Error><Error><Code>Second</Code></Error>",
            ]));
            out.push_str("<RequestId>outer</RequestId>");
        }
        out.push_str("</");
        out.push_str(root_prefix);
        out.push_str(root);
        out.push('>');
    }
    gen_misc(r, &mut out, strict);
    out
}

const SNIPPETS: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"]]>",
    b"--",
    b"\r",
    b"\0",
    b"\x01",
    b"\xEF\xBF\xBE",
    b"\xEF\xBF\xBF",
    b":",
    b"\"",
    b"'",
    b"=",
    b"/",
    b"<!--",
    b"<?",
    b"<![CDATA[",
    b"</Error>",
    b"<Code>",
    b"\xFF",
    b"\xC3",
    b"\xE4\xB8",
    b" ",
    b"\n",
    b"xmlns:a=\"b\" ",
];

/// One to two byte-level mutations of `doc`: a byte removed or replaced,
/// a markup snippet inserted or written over, or a cut.
pub fn mutate(r: &mut Rng, doc: &mut Vec<u8>) {
    for _ in 0..1 + r.below(2) {
        let at = if doc.is_empty() {
            0
        } else {
            r.below(doc.len() as u64 + 1) as usize
        };
        match r.below(5) {
            0 if at < doc.len() => {
                doc.remove(at);
            }
            1 if at < doc.len() => doc[at] = r.below(256) as u8,
            2 => {
                let s = r.pick(SNIPPETS);
                doc.splice(at..at, s.iter().copied());
            }
            3 => doc.truncate(at),
            _ => {
                let s = r.pick(SNIPPETS);
                let end = (at + s.len()).min(doc.len());
                doc.splice(at..end, s.iter().copied());
            }
        }
    }
}
