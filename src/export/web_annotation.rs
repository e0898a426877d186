//! JSON in the W3C Web Annotation Data Model: an `AnnotationCollection` of annotations
//! whose bodies are the tags (`purpose: tagging`) and the note (`purpose: commenting`),
//! targeting the article with a `TextQuoteSelector` and a `TextPositionSelector` (chars).

use super::Notes;
use serde_json::{Value, json};

pub fn write(notes: &Notes) -> Value {
    let mut items = Vec::new();
    for a in &notes.articles {
        for h in &a.highlights {
            let mut body: Vec<Value> = h
                .tags
                .iter()
                .map(|t| json!({"type": "TextualBody", "purpose": "tagging", "value": t.name}))
                .collect();
            if !h.note.is_empty() {
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "value": h.note,
                    "format": "text/plain"
                }));
            }
            items.push(json!({
                "id": format!("urn:dossier:highlight:{}", h.id),
                "type": "Annotation",
                "created": h.created.to_string(),
                "modified": h.modified.to_string(),
                "body": body,
                "target": {
                    "source": a.path,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": h.quote,
                            "prefix": h.prefix,
                            "suffix": h.suffix
                        },
                        {
                            "type": "TextPositionSelector",
                            "start": h.range.start,
                            "end": h.range.end
                        }
                    ]
                }
            }));
        }
    }
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:dossier:collection:{}", notes.corpus),
        "type": "AnnotationCollection",
        "label": format!("dossier annotations: {}", notes.corpus),
        "total": items.len(),
        "items": items
    })
}
