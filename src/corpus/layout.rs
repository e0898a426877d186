//! STUB until the domain branch lands.
use std::ops::Range;
pub struct TextLayout {
    pub dimmed: Vec<Range<usize>>,
    pub paragraph_starts: Vec<usize>,
}
pub fn text_layout(_text: &str, _meta: &super::Metadata) -> TextLayout {
    TextLayout {
        dimmed: Vec::new(),
        paragraph_starts: Vec::new(),
    }
}
