//! Exports of a fixed annotated copy of the samples: a snapshot of each format, and
//! checks that each format's positions select exactly their quotes.

mod common;

use common::exported::{AT, annotated, notes};
use dossier::export::{self, ExportFormat, qdpx, render};
use dossier::filter::Query;
use std::io::Read;

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn markdown_by_article_snapshot() {
    let (_d, n) = notes();
    insta::assert_snapshot!(text(render(&n, ExportFormat::Markdown, false).unwrap()));
}

#[test]
fn markdown_by_tag_snapshot() {
    let (_d, n) = notes();
    insta::assert_snapshot!(text(render(&n, ExportFormat::Markdown, true).unwrap()));
}

#[test]
fn csv_snapshot_and_it_parses_back() {
    let (_d, n) = notes();
    let csv_text = text(render(&n, ExportFormat::Csv, false).unwrap());
    insta::assert_snapshot!(csv_text);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, export::csv::HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    // One row per highlight–tag pair: h2 has two tags.
    assert_eq!(rows.len(), 6);
    for row in &rows {
        let article = n.articles.iter().find(|a| a.path == row[0]).unwrap();
        let (start, end): (usize, usize) = (row[5].parse().unwrap(), row[6].parse().unwrap());
        assert_eq!(slice(&article.text, start, end), row[7]);
    }
    let nested = rows.iter().find(|r| &r[8] == "Belt and Road").unwrap();
    assert_eq!(&nested[9], "t2");
    assert_eq!(&nested[10], "cooperation / Belt and Road");
    assert_eq!(&nested[11], "Line two\nof a \"quoted\" note");
}

#[test]
fn web_annotation_snapshot_and_selectors_select_their_quotes() {
    let (_d, n) = notes();
    let json_text = text(render(&n, ExportFormat::Json, false).unwrap());
    insta::assert_snapshot!(json_text);
    let v: serde_json::Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(v["type"], "AnnotationCollection");
    // The annotations are in the first page (the model's MUST), each targeting its report
    // by an absolute IRI.
    assert_eq!(v["first"]["type"], "AnnotationPage");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(v["total"], 5);
    assert_eq!(items.len(), 5);
    for item in items {
        assert_eq!(item["type"], "Annotation");
        assert_eq!(item["motivation"], "highlighting");
        let source = item["target"]["source"].as_str().unwrap();
        let path = source
            .strip_prefix("file:///corpus/samples/")
            .expect("an absolute IRI");
        let article = n.articles.iter().find(|a| a.path == path).unwrap();
        let selectors = item["target"]["selector"].as_array().unwrap();
        let quote = &selectors[0];
        let position = &selectors[1];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let (start, end) = (
            position["start"].as_u64().unwrap() as usize,
            position["end"].as_u64().unwrap() as usize,
        );
        let exact = quote["exact"].as_str().unwrap();
        assert_eq!(slice(&article.text, start, end), exact);
        // Context is left out rather than written empty.
        let prefix = quote["prefix"].as_str().unwrap_or_default();
        assert!(quote.get("prefix").is_none_or(|p| p != ""));
        assert_eq!(
            slice(&article.text, start - prefix.chars().count(), start),
            prefix
        );
        for body in item["body"].as_array().unwrap() {
            assert!(["tagging", "commenting"].contains(&body["purpose"].as_str().unwrap()));
        }
    }
}

#[test]
fn qdpx_snapshot_unzips_parses_and_each_selection_selects_its_quote() {
    let (_d, n) = notes();
    let at: jiff::Timestamp = AT.parse().unwrap();
    insta::assert_snapshot!(qdpx::project_xml(&n, at));
    let bytes = qdpx::write(&n, at).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let project = read("project.qde");
    let doc = roxmltree::Document::parse(&project).unwrap();
    let codes = doc.descendants().filter(|e| e.has_tag_name("Code")).count();
    assert_eq!(codes, 3);
    let mut checked = 0;
    for source in doc.descendants().filter(|e| e.has_tag_name("TextSource")) {
        let path = source.attribute("plainTextPath").unwrap();
        let file = path.strip_prefix("internal://").unwrap();
        let packed = read(&format!("sources/{file}"));
        let article = n
            .articles
            .iter()
            .find(|a| a.path == source.attribute("name").unwrap())
            .unwrap();
        assert_eq!(
            packed, article.text,
            "the packed source is the normalised text"
        );
        for sel in source
            .children()
            .filter(|e| e.has_tag_name("PlainTextSelection"))
        {
            let start: usize = sel.attribute("startPosition").unwrap().parse().unwrap();
            let end: usize = sel.attribute("endPosition").unwrap().parse().unwrap();
            let h = article
                .highlights
                .iter()
                .find(|h| qdpx::guid(&["selection", &h.id]) == sel.attribute("guid").unwrap())
                .unwrap();
            assert_eq!(slice(&packed, start, end), h.quote);
            checked += 1;
        }
    }
    assert_eq!(checked, 5, "every highlight, the CRLF article's included");
}

#[test]
fn filters_choose_articles_and_highlights() {
    let (_d, ws) = annotated();
    let mut q = Query::default();
    q.tags.insert("t2".into());
    let n = export::collect(&ws, &q);
    assert_eq!(n.highlight_count(), 1);
    assert_eq!(n.articles[0].highlights[0].id, "h4");
    let q = Query {
        countries: ["Tajikistan".to_owned()].into(),
        ..Query::default()
    };
    let n = export::collect(&ws, &q);
    let paths: Vec<&str> = n.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["004_48b92a249b80ec9f.txt"]);
    let q = Query {
        from: Some(jiff::civil::date(2024, 1, 1)),
        ..Query::default()
    };
    let n = export::collect(&ws, &q);
    let paths: Vec<&str> = n.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(
        paths,
        ["003_605b4ee0f7fb2dfc.txt"],
        "the article note alone is exported"
    );
}

#[test]
fn the_codebook_alone_as_refi_qda_and_as_csv() {
    let (_d, n) = notes();
    let qdc = text(render(&n, ExportFormat::Qdc, false).unwrap());
    assert!(
        qdc.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""),
        "{qdc}"
    );
    // The child code is nested inside its parent, the description kept.
    let parent = qdc.find("name=\"cooperation\"").expect("the parent code");
    let child = qdc.find("name=\"Belt and Road\"").expect("the child code");
    let parent_end = qdc[parent..]
        .find("</Code>")
        .map(|i| parent + i)
        .expect("closed");
    assert!(parent < child && child < parent_end, "{qdc}");
    assert!(
        qdc.contains("<Description>Fields of cooperation named</Description>"),
        "{qdc}"
    );

    let csv_text = text(render(&n, ExportFormat::CodebookCsv, false).unwrap());
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..2], ["tag", "description"]);
    // Taguette's codebook import takes the tag from the one column named `tag`, `name` or
    // `path`, and refuses a file naming two (checked by hand with Taguette 1.5.2).
    let named = |h: &String| ["tag", "name", "path"].contains(&h.to_lowercase().as_str());
    assert_eq!(header.iter().filter(|h| named(h)).count(), 1, "{header:?}");
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), n.tags.len());
    let nested = rows.iter().find(|r| &r[0] == "Belt and Road").unwrap();
    assert_eq!(&nested[2], "cooperation / Belt and Road");
    assert_eq!(&nested[4], "t1");
}

#[test]
fn obsidian_notes_are_one_page_per_report_with_front_matter_tags_and_block_ids() {
    let (_d, n) = notes();
    let files = export::obsidian::files(&n, "../corpus/");
    let with_notes = n
        .articles
        .iter()
        .filter(|a| !a.highlights.is_empty() || !a.note.is_empty())
        .count();
    assert_eq!(files.len(), with_notes);
    for a in n.articles.iter().filter(|a| !a.highlights.is_empty()) {
        let stem = a.path.trim_end_matches(".txt");
        let (_, page) = files
            .iter()
            .find(|(name, _)| name == &format!("{stem}.md"))
            .expect("a page for the report");
        // Front matter first, the title quoted as YAML reads it.
        assert!(page.starts_with("---\ntitle: \""), "{page}");
        assert!(page.contains("Report: [") && page.contains(&format!("(<../corpus/{}>)", a.path)));
        // Every highlight has its block id on a line of its own.
        for h in &a.highlights {
            assert!(page.contains(&format!("\n\n^h-{}\n\n", h.id)), "{page}");
        }
    }
    let bri = files
        .iter()
        .find(|(_, p)| p.contains("#cooperation/Belt-and-Road"))
        .expect("a nested tag as an Obsidian tag path");
    assert!(
        bri.1.contains("  - \"cooperation/Belt-and-Road\""),
        "{}",
        bri.1
    );
}
