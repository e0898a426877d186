//! JSON in the W3C Web Annotation Data Model: an `AnnotationCollection` whose `first`
//! `AnnotationPage` holds the annotations. Each one (motivation `highlighting`, generator
//! dossier) has the tags as bodies (`purpose: tagging`, with `dossier:tag`, the tag's id
//! as an IRI, and `dossier:path`, its names from the root) and the note (`purpose: commenting`), and targets the report by a `file://` IRI
//! with a `TextQuoteSelector` and a `TextPositionSelector`. Positions count characters
//! (Unicode scalar values) of the report as dossier reads it: a byte order mark dropped,
//! CRLF and CR turned into LF.

use super::{ExportedArticle, ExportedHighlight, Notes};
use serde_json::{Value, json};
use std::sync::LazyLock;

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The software that wrote the annotations.
static GENERATOR: LazyLock<Value> = LazyLock::new(|| {
    json!({
        "id": "urn:dossier:generator",
        "type": "Software",
        "name": format!("dossier {}", env!("CARGO_PKG_VERSION")),
    })
});

pub fn write(notes: &Notes) -> Value {
    let items: Vec<Value> = (notes.articles.iter())
        .flat_map(|a| a.highlights.iter().map(move |h| annotation(notes, a, h)))
        .collect();
    let id = format!("{}#annotations", notes.base);
    let page = format!("{id}-page1");
    json!({
        "@context": CONTEXT,
        "id": id,
        "type": "AnnotationCollection",
        "label": format!("dossier annotations: {}", notes.corpus),
        "generator": GENERATOR.clone(),
        "dossier:positions": notes.positions.explained(),
        "total": items.len(),
        "first": {
            "id": page,
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items
        },
        "last": page
    })
}

/// One highlight as an annotation.
fn annotation(notes: &Notes, a: &ExportedArticle, h: &ExportedHighlight) -> Value {
    let source = format!(
        "{}{}",
        notes.base,
        super::file_iri(&a.path).trim_start_matches("file://")
    );
    json!({
        "@context": CONTEXT,
        "id": format!("urn:dossier:highlight:{}", h.id),
        "type": "Annotation",
        "motivation": "highlighting",
        "generator": GENERATOR.clone(),
        "created": h.created.to_string(),
        "modified": h.modified.to_string(),
        "body": bodies(notes, h),
        "target": {
            "source": source,
            "selector": [
                quote_selector(h),
                {
                    "type": "TextPositionSelector",
                    "start": h.range.start,
                    "end": h.range.end
                }
            ]
        }
    })
}

/// A tagging body per tag, and a commenting body for the note.
fn bodies(notes: &Notes, h: &ExportedHighlight) -> Vec<Value> {
    let mut body: Vec<Value> = h
        .tags
        .iter()
        .map(|t| {
            // (An embedded body with an `id` would read as an external resource: the
            // tag's id goes in a key of dossier's own.)
            json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": t.name,
                "dossier:tag": format!("urn:dossier:tag:{}", t.id),
                "dossier:path": notes.tag_names(t),
            })
        })
        .collect();
    if !h.note.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": h.note,
            "format": "text/plain"
        }));
    }
    body
}

/// The quote with its context; empty context is left out rather than written empty.
fn quote_selector(h: &ExportedHighlight) -> Value {
    let mut quote = json!({"type": "TextQuoteSelector", "exact": h.quote});
    if !h.prefix.is_empty() {
        quote["prefix"] = json!(h.prefix);
    }
    if !h.suffix.is_empty() {
        quote["suffix"] = json!(h.suffix);
    }
    quote
}
