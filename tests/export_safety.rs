//! Exports are safe to open in the analyst's other tools, whatever the analyst typed: the
//! W3C Web Annotation suite's MUST assertions pass, a CommonMark parser finds no heading,
//! list, link or HTML that a user string made, no CSV cell starts a formula, and the
//! REFI-QDA project stays valid against its schema, with hostile strings in every field.

mod common;

use common::exported::{AT, notes};
use dossier::export::{self, ExportFormat, Notes, qdpx, render};
use pulldown_cmark::{Event, Options, Parser, Tag};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Strings that mean something to one of the formats: Markdown and HTML markup, a
/// `javascript:` link, spreadsheet formulas, characters XML 1.0 forbids, `]]>`, YAML and
/// JSON quoting, bidirectional controls, emoji.
const HOSTILE: &[&str] = &[
    "# Heading <script>alert(1)</script>",
    "> quoted\n1. listed\n- item\n* starred",
    "[click](javascript:alert(1)) ![img](x.png) <https://auto.example> <b>bold</b>",
    "=HYPERLINK(\"http://x.example\",\"open\")",
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\tTAB and \r carriage return",
    "]]> &amp; <!-- comment --> \u{FFFE}\u{FFFF} \u{1}\u{B}\u{7F} end",
    "\u{202E}reversed\u{202C} \u{200F}rtl mark 🇰🇿 👍🏽",
    "`code` *em* _under_ ~~struck~~ | a | b |\n---|---",
    "\"quotes\" 'single' \\backslash\\ key: value",
    "    indented code\n```\nfenced\n```",
    "Setext heading\n===",
];

/// The annotated samples' notes with a hostile string in every field the analyst or a
/// report can fill: coder, tag names and descriptions, report title, source, place and
/// note, each highlight's note and quote.
fn hostile() -> (tempfile::TempDir, Notes) {
    let (dir, mut n) = notes();
    let mut i = 0;
    let mut next = || {
        i += 1;
        HOSTILE[i % HOSTILE.len()].to_owned()
    };
    n.coder = Some(next());
    for t in &mut n.tags {
        t.name = format!("{} {}", t.name, next());
        // A description shows as a line of its own: one only where the samples have one.
        if !t.description.is_empty() {
            t.description = next();
        }
    }
    for a in &mut n.articles {
        a.note = next();
        a.meta.title = next();
        a.meta.source = Some(next().into());
        a.meta.place = Some(next().into());
        for h in &mut a.highlights {
            h.note = next();
            h.quote = format!("{} {}", h.quote, next());
        }
    }
    (dir, n)
}

fn suite() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/w3c-web-annotation-tests");
    assert!(
        dir.join("definitions").is_dir(),
        "the W3C web-annotation-tests are expected at {}",
        dir.display()
    );
    dir
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The suite's runner, as its JSONtest harness runs it: each assertion of a `.test` list
/// is a Draft 4 schema (with format checks) whose `$ref`s point into `definitions/`; a
/// result other than `expectedResult` fails it, and `onUnexpectedResult` may skip the rest.
/// Returns the MUST assertions that failed, with the validator's first error.
fn must_failures(test: &str, instance: &Value) -> Vec<String> {
    const BASE: &str = "https://wat.invalid/";
    let dir = suite();
    let definitions: Vec<(String, Value)> = std::fs::read_dir(dir.join("definitions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let mut d = read_json(&p);
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            d["id"] = Value::String(format!("{BASE}{name}"));
            (format!("{BASE}{name}"), d)
        })
        .collect();
    let registry = jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft4)
        .extend(
            definitions
                .iter()
                .map(|(uri, d)| (uri.as_str(), jsonschema::Resource::from_contents(d.clone()))),
        )
        .and_then(|b| b.prepare())
        .expect("the suite's definitions load");
    let list = read_json(&dir.join(test));
    let mut refs = Vec::new();
    flatten(&list["assertions"], &mut refs);
    let mut failed = Vec::new();
    for r in refs {
        let mut assertion = match &r {
            Value::String(path) => read_json(&dir.join(path)),
            other => other.clone(),
        };
        let name = r.as_str().unwrap_or("inline assertion").to_owned();
        let file = name.rsplit('/').next().unwrap_or(&name).to_owned();
        assertion["id"] = Value::String(format!("{BASE}{file}"));
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .with_base_uri(format!("{BASE}{file}"))
            .with_registry(&registry)
            .should_validate_formats(true)
            .build(&assertion)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let first_error = validator
            .iter_errors(instance)
            .next()
            .map(|e| e.to_string());
        let expected_valid = assertion["expectedResult"].as_str() != Some("invalid");
        if expected_valid == first_error.is_none() {
            continue;
        }
        if assertion["assertionType"].as_str() == Some("must") {
            failed.push(format!("{name}: {}", first_error.unwrap_or_default()));
        }
        let on = assertion["onUnexpectedResult"].as_str().unwrap_or_default();
        if on.ends_with("Skip") || on.ends_with("Abort") {
            break;
        }
    }
    failed
}

fn flatten(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out)),
        other => out.push(other.clone()),
    }
}

fn web_annotation_must_failures(n: &Notes) -> Vec<String> {
    let bytes = render(n, ExportFormat::Json, false).unwrap();
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    let mut failed = must_failures("collections/collectionMusts.test", &doc);
    // The page, like each annotation, as a document of its own: with the @context it
    // inherits inside the collection.
    let page = &doc["first"];
    let mut standalone_page = page.clone();
    standalone_page["@context"] = doc["@context"].clone();
    failed.extend(must_failures(
        "collections/pages/pageMusts.test",
        &standalone_page,
    ));
    let items = page["items"].as_array().expect("the first page's items");
    assert_eq!(items.len(), n.highlight_count());
    for item in items {
        // Checked as the suite's harness takes one: a document with the @context.
        let mut standalone = item.clone();
        if standalone.get("@context").is_none() {
            standalone["@context"] = doc["@context"].clone();
        }
        failed.extend(must_failures(
            "annotations/annotationMusts.test",
            &standalone,
        ));
    }
    failed
}

#[test]
fn web_annotation_export_passes_every_must_of_the_w3c_suite() {
    let (_d, plain) = notes();
    let failed = web_annotation_must_failures(&plain);
    assert!(failed.is_empty(), "{failed:#?}");
    let (_d, hostile) = hostile();
    let failed = web_annotation_must_failures(&hostile);
    assert!(failed.is_empty(), "{failed:#?}");
}

/// The runner fails an export that breaks a MUST: without it, a passing run proves nothing.
#[test]
fn the_w3c_runner_catches_a_broken_annotation() {
    let (_d, n) = notes();
    let bytes = render(&n, ExportFormat::Json, false).unwrap();
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    let mut item = doc["first"]["items"][0].clone();
    item["@context"] = doc["@context"].clone();
    assert!(must_failures("annotations/annotationMusts.test", &item).is_empty());
    let mut no_target = item.clone();
    no_target.as_object_mut().unwrap().remove("target");
    assert!(!must_failures("annotations/annotationMusts.test", &no_target).is_empty());
    let mut relative = item.clone();
    relative["target"]["source"] = Value::String("000_report.txt".into());
    assert!(!must_failures("annotations/annotationMusts.test", &relative).is_empty());
}

/// How many of each kind of structure a CommonMark parser sees: headings, lists, items,
/// links, images, HTML, code, emphasis, quotes, tables, rules.
fn structure(markdown: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    let options = Options::all();
    for event in Parser::new_ext(markdown, options) {
        let kind = match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => format!("heading {level}"),
                Tag::List(_) => "list".into(),
                Tag::Item => "item".into(),
                Tag::Link { .. } => "link".into(),
                Tag::Image { .. } => "image".into(),
                Tag::HtmlBlock => "html block".into(),
                Tag::CodeBlock(_) => "code block".into(),
                Tag::BlockQuote(_) => "quote".into(),
                Tag::Emphasis => "emphasis".into(),
                Tag::Strong => "strong".into(),
                Tag::Strikethrough => "strikethrough".into(),
                Tag::Table(_) => "table".into(),
                Tag::FootnoteDefinition(_) => "footnote".into(),
                _ => continue,
            },
            Event::Html(_) | Event::InlineHtml(_) => "html".into(),
            Event::Code(_) => "code".into(),
            Event::Rule => "rule".into(),
            Event::FootnoteReference(_) => "footnote reference".into(),
            Event::TaskListMarker(_) => "task".into(),
            _ => continue,
        };
        *counts.entry(kind).or_insert(0) += 1;
    }
    counts
}

/// The text a reader sees, with markup gone.
fn visible_text(markdown: &str) -> String {
    Parser::new_ext(markdown, Options::all())
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.into_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn markdown_exports_show_user_strings_as_text_only() {
    let (_d, plain) = notes();
    let (_d2, hostile) = hostile();
    for by_tag in [false, true] {
        let md = |n: &Notes| String::from_utf8(render(n, ExportFormat::Markdown, by_tag).unwrap());
        let (plain_md, hostile_md) = (md(&plain).unwrap(), md(&hostile).unwrap());
        assert_eq!(
            structure(&plain_md),
            structure(&hostile_md),
            "by tag: {by_tag}\n{hostile_md}"
        );
        let seen = visible_text(&hostile_md);
        for s in [
            "<script>alert(1)</script>",
            "[click](javascript:alert(1))",
            "# Heading",
        ] {
            assert!(
                seen.contains(s),
                "{s:?} is not shown as text:\n{hostile_md}"
            );
        }
    }
}

#[test]
fn obsidian_pages_show_user_strings_as_text_only() {
    let (_d, plain) = notes();
    let (_d2, hostile) = hostile();
    let pages = |n: &Notes| export::obsidian::files(n, "../corpus/");
    let (plain_pages, hostile_pages) = (pages(&plain), pages(&hostile));
    assert_eq!(plain_pages.len(), hostile_pages.len());
    for ((_, p), (_, h)) in plain_pages.iter().zip(&hostile_pages) {
        // The front matter is YAML, not Markdown: compared from the body on.
        let body = |page: &str| {
            page.splitn(3, "---\n")
                .nth(2)
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(structure(&body(p)), structure(&body(h)), "{h}");
        let front = h.split("---\n").nth(1).unwrap_or_default();
        // YAML's printable set: no C0 control but tab and newline, no DEL, no U+FFFE/F.
        for c in front.chars() {
            let printable = matches!(c, '\t' | '\n')
                || (' '..='~').contains(&c)
                || c == '\u{85}'
                || ('\u{A0}'..='\u{FFFD}').contains(&c)
                || c >= '\u{10000}';
            assert!(printable, "{c:?} in the front matter:\n{front}");
        }
    }
}

#[test]
fn no_csv_cell_starts_a_formula() {
    let (_d, n) = hostile();
    for format in [ExportFormat::Csv, ExportFormat::CodebookCsv] {
        let bytes = render(&n, format, false).unwrap();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        let mut cells = 0;
        for row in r.records() {
            for cell in row.unwrap().iter() {
                cells += 1;
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?} in {format:?}"
                );
            }
        }
        assert!(cells > 20, "{format:?} has its cells");
    }
}

#[test]
fn qdpx_project_with_hostile_strings_validates_against_the_refi_qda_schema() {
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/refi-qda/Project.xsd");
    assert!(
        xsd.exists(),
        "the REFI-QDA schema is expected at {}",
        xsd.display()
    );
    if std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "xmllint is missing (Debian package libxml2-utils); .ci/run installs it"
        );
        eprintln!("SKIPPED: xmllint is not installed (apt-get install libxml2-utils)");
        return;
    }
    let (_d, n) = hostile();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.qde");
    std::fs::write(&file, qdpx::project_xml(&n, AT.parse().unwrap())).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The codebook alone has its own schema, not among ours: it is at least well-formed
    // XML whose codes carry the hostile names as they were typed (less what XML forbids).
    let qdc = String::from_utf8(render(&n, ExportFormat::Qdc, false).unwrap()).unwrap();
    let doc = roxmltree::Document::parse(&qdc).expect("the codebook is well-formed XML");
    let names: Vec<&str> = doc
        .descendants()
        .filter(|e| e.has_tag_name("Code"))
        .filter_map(|e| e.attribute("name"))
        .collect();
    let typed: Vec<String> = n
        .tags
        .iter()
        .map(|t| {
            t.name
                .chars()
                .filter(|c| !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}'))
                .collect()
        })
        .collect();
    assert_eq!(names, typed);
}
