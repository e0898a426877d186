//! The words that say an encounter took place ("held talks with", "spoke over the phone",
//! "exchanged congratulatory messages"), which kind each one means, and the cues that
//! make a mention not count: announced or future meetings, and vague back-references
//! ("met twice last year") that give no day. The phrasings and cues are data, in
//! `assets/triggers.ron`; the rules about how they apply are here.

use super::Kind;
use regex::Regex;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

/// Where a sentence says an encounter happened, and of what kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub kind: Kind,
    pub range: Range<usize>,
    pub voice: Voice,
}

/// Whether the people named after the trigger are the ones who act: "was received by Xi",
/// "received a phone call from Putin" (passive) name the host or the caller there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    #[default]
    Active,
    Passive,
}

/// The phrasings and cues, as `assets/triggers.ron` lists them.
#[derive(Debug, Deserialize)]
struct Data {
    triggers: Vec<Entry>,
    list_glue: Vec<String>,
    future: Vec<Cue>,
    headline_future: Vec<Cue>,
    continuation: Vec<String>,
    negation: Vec<Cue>,
    vague: Vec<Cue>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    kind: Kind,
    #[serde(default)]
    voice: Voice,
    pattern: String,
    /// A phrase the pattern finds (checked by a test).
    #[cfg_attr(not(test), allow(dead_code))]
    example: String,
}

#[derive(Debug, Deserialize)]
struct Cue {
    pattern: String,
    #[cfg_attr(not(test), allow(dead_code))]
    example: String,
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    ron::from_str(include_str!("../../../../assets/triggers.ron"))
        .expect("assets/triggers.ron is valid (checked by a test)")
});

/// Whether `word` (any case) may stand between two people of one list of counterparts.
pub fn is_list_glue_word(word: &str) -> bool {
    DATA.list_glue.iter().any(|g| g.eq_ignore_ascii_case(word))
}

/// A pattern with the calendar's names put in for `{weekday}` and `{month}`.
fn expand(pattern: &str) -> String {
    pattern
        .replace("{weekday}", &crate::calendar::weekday_names_pattern())
        .replace("{month}", &crate::calendar::month_names_pattern())
}

/// One regex that matches where any of `patterns` does (each keeps its own flags).
fn any_of<'a>(patterns: impl Iterator<Item = &'a str>) -> Regex {
    let parts: Vec<String> = patterns.map(|p| format!("(?:{})", expand(p))).collect();
    Regex::new(&parts.join("|")).expect("the patterns of assets/triggers.ron are valid")
}

/// Trigger patterns by kind, in the order the data gives: the first kind that matches wins.
static TRIGGERS: LazyLock<Vec<(Kind, Regex)>> = LazyLock::new(|| {
    let mut kinds: Vec<Kind> = Vec::new();
    for e in &DATA.triggers {
        if !kinds.contains(&e.kind) {
            kinds.push(e.kind);
        }
    }
    kinds
        .into_iter()
        .map(|k| {
            // Each entry is group `e{i}` of the combined regex, so the match says which
            // entry it is; a `(?P<t>…)` group marks the trigger word inside a longer
            // pattern and becomes `t{i}`.
            let of_kind = DATA
                .triggers
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == k);
            let patterns: Vec<String> = of_kind
                .map(|(i, e)| {
                    let inner = e.pattern.replace("(?P<t>", &format!("(?P<t{i}>"));
                    format!("(?P<e{i}>{inner})")
                })
                .collect();
            (k, any_of(patterns.iter().map(String::as_str)))
        })
        .collect()
});

/// Which entry of the data a match is, and where its trigger word is: the entry's `t…`
/// group when the pattern marks one, else the whole match.
fn entry_and_range(c: &regex::Captures) -> (Option<&'static Entry>, Range<usize>) {
    let whole = c.get(0).map_or(0..0, |m| m.range());
    let Some(i) = (0..DATA.triggers.len()).find(|i| c.name(&format!("e{i}")).is_some()) else {
        return (None, whole);
    };
    let range = c.name(&format!("t{i}")).map_or(whole, |m| m.range());
    (DATA.triggers.get(i), range)
}

/// The encounter `sentence` reports, trying the analyst's phrasings (`extra`) first.
pub fn find_with(sentence: &str, extra: &[(Kind, Regex)]) -> Option<Trigger> {
    let analysts = extra.iter().find_map(|(kind, re)| {
        re.find(sentence).map(|m| Trigger {
            kind: *kind,
            range: m.range(),
            voice: Voice::Active,
        })
    });
    analysts.or_else(|| find(sentence))
}

/// The most specific encounter `sentence` reports, if any.
pub fn find(sentence: &str) -> Option<Trigger> {
    for (kind, re) in TRIGGERS.iter() {
        for c in re.captures_iter(sentence) {
            let (entry, range) = entry_and_range(&c);
            // "received" is a meeting only with someone, not "received a letter/vaccines".
            if *kind == Kind::Meeting && is_not_a_meeting_word(sentence, range.clone()) {
                continue;
            }
            let voice = entry.map_or(Voice::Active, |e| e.voice);
            return Some(Trigger {
                kind: *kind,
                range,
                voice,
            });
        }
    }
    None
}

fn is_not_a_meeting_word(sentence: &str, range: Range<usize>) -> bool {
    let word = &sentence[range.clone()];
    let after = sentence[range.end..].trim_start();
    let lower = word.to_lowercase();
    if lower.starts_with("receiv") {
        !received_someone(after)
    } else if lower == "meeting" {
        !meeting_as_encounter(&sentence[..range.start], after)
    } else {
        false
    }
}

/// "received Tokayev" / "received visiting …" / "was received by Xi" mean a meeting;
/// "received support" does not (`after`: what follows "received").
fn received_someone(after: &str) -> bool {
    let after = after.strip_prefix("by ").unwrap_or(after);
    // "received the Prime Minister of Poland", "received his counterpart".
    let after = ["the ", "his ", "her "]
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .filter(|r| r.starts_with(|c: char| c.is_uppercase()) || r.starts_with("counterpart"))
        .unwrap_or(after);
    // "received in Astana Minister …": past the place.
    let after = ["in ", "at "]
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .and_then(|r| r.split_once(' ').map(|(_, rest)| rest.trim_start()))
        .unwrap_or(after);
    after.starts_with(|c: char| c.is_uppercase())
        || after.starts_with("visiting")
        || after.starts_with("counterpart")
}

/// Whether "meeting", between `before` and `after`, is an encounter of people ("their
/// meeting", "held a trilateral meeting", "the meeting of the two presidents"), not a
/// body's session or "meeting the needs".
fn meeting_as_encounter(before: &str, after: &str) -> bool {
    // "after the meeting of the Security Council": a body's session.
    let of_body = after
        .strip_prefix("of ")
        .map(|r| r.strip_prefix("the ").unwrap_or(r))
        .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
    if of_body {
        return false;
    }
    // "the meeting of the leaders was held …".
    let of_leaders = after.strip_prefix("of the ").is_some_and(|r| {
        let r = r
            .strip_prefix("two ")
            .or(r.strip_prefix("three "))
            .unwrap_or(r);
        ["leaders", "presidents", "heads of state"]
            .iter()
            .any(|w| r.starts_with(w))
    });
    if of_leaders {
        return true;
    }
    let before = before.trim_end().to_lowercase();
    // "held a trilateral meeting", "had a one-on-one meeting".
    let held = before
        .rsplit(' ')
        .take(4)
        .any(|w| matches!(w, "held" | "hold" | "holds" | "had" | "have" | "has"));
    after.starts_with("with")
        || held
        || ["his", "her", "their", "the", "a", "when", "during"]
            .iter()
            .any(|w| before.ends_with(w))
}

/// The clause around the trigger: from the last `;`/`,` before it to the next after it.
/// A date set off by commas does not end the clause ("will on Thursday, 26 October 2023,
/// host …" is one clause).
fn clause(sentence: &str, trigger: &Range<usize>) -> Range<usize> {
    let mut start = sentence[..trigger.start]
        .rfind([';', ','])
        .map_or(0, |i| i + 1);
    while start > 0 {
        let prev = sentence[..start - 1].rfind([';', ',']).map_or(0, |i| i + 1);
        let segment = &sentence[prev..start - 1];
        if !is_date_insertion(segment) {
            break;
        }
        // Past the date, and the words that lead to it.
        start = sentence[..prev.saturating_sub(1)]
            .rfind([';', ','])
            .map_or(0, |i| i + 1);
    }
    let end = sentence[trigger.end..]
        .find([';', ','])
        .map_or(sentence.len(), |i| trigger.end + i);
    start..end
}

/// A stretch between commas that is only a date: "26 October 2023", "2025".
fn is_date_insertion(segment: &str) -> bool {
    let t = segment.trim();
    !t.is_empty()
        && t.len() <= 30
        && (crate::dates::find_dates(t)
            .first()
            .is_some_and(|d| d.range.start == 0 && d.range.end == t.len())
            || (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())))
}

/// Announced, planned or hypothetical: "will hold talks", "is scheduled to visit",
/// "ahead of his visit next week", "agreed to meet".
pub fn is_future(sentence: &str, trigger: &Trigger) -> bool {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| any_of(DATA.future.iter().map(|c| c.pattern.as_str())));
    governs(&RE, sentence, trigger)
}

/// Whether `sentence` opens with a word that carries on the visit told before ("Later,").
pub fn continues_the_visit(sentence: &str) -> bool {
    let first = sentence
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    DATA.continuation.iter().any(|w| w == first)
}

/// A headline announcing a meeting: "Ramaphosa to host Ruto", "Tokayev to visit China".
pub fn is_headline_future(headline: &str) -> bool {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| any_of(DATA.headline_future.iter().map(|c| c.pattern.as_str())));
    RE.is_match(headline)
}

/// Denied or called off: "did not meet", "has never met", "was not able to hold talks",
/// "the talks were cancelled".
pub fn is_negated(sentence: &str, trigger: &Trigger) -> bool {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| any_of(DATA.negation.iter().map(|c| c.pattern.as_str())));
    governs(&RE, sentence, trigger)
}

/// Whether a cue of `re` governs the trigger: before it in the same clause, or right after
/// ("talks will be held", "talks were not held").
fn governs(re: &Regex, sentence: &str, trigger: &Trigger) -> bool {
    let c = clause(sentence, &trigger.range);
    let window_end = (trigger.range.end + 30).min(c.end);
    let window_end = floor_char_boundary(sentence, window_end);
    re.is_match(&sentence[c.start..window_end])
}

/// A back-reference without a day: "held fruitful talks in Xi'an last May", "met twice
/// last year", "recalled their meeting in 2019".
pub fn is_vague_past(sentence: &str, trigger: &Trigger) -> bool {
    static VAGUE: LazyLock<Regex> =
        LazyLock::new(|| any_of(DATA.vague.iter().map(|c| c.pattern.as_str())));
    static DAY: LazyLock<Regex> = LazyLock::new(|| {
        let month = crate::calendar::month_pattern();
        Regex::new(&format!(
            r"(?i)\b(?:{month}) \d{{1,2}}\b|\b\d{{1,2}} (?:{month})|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
        ))
        .expect("the day pattern is a valid regex")
    });
    let c = clause(sentence, &trigger.range);
    let text = &sentence[c];
    VAGUE.is_match(text) && !DAY.is_match(text)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_of_the_data_finds_its_example() {
        for e in &DATA.triggers {
            assert_eq!(kind(&e.example), Some(e.kind), "{:?}", e.example);
        }
        let future = any_of(DATA.future.iter().map(|c| c.pattern.as_str()));
        for c in &DATA.future {
            assert!(future.is_match(&c.example), "future cue {:?}", c.example);
        }
        for c in &DATA.headline_future {
            assert!(
                is_headline_future(&c.example),
                "headline cue {:?}",
                c.example
            );
        }
        let negation = any_of(DATA.negation.iter().map(|c| c.pattern.as_str()));
        for c in &DATA.negation {
            assert!(
                negation.is_match(&c.example),
                "negation cue {:?}",
                c.example
            );
        }
        let vague = any_of(DATA.vague.iter().map(|c| c.pattern.as_str()));
        for c in &DATA.vague {
            assert!(vague.is_match(&c.example), "vague cue {:?}", c.example);
        }
    }

    fn kind(s: &str) -> Option<Kind> {
        find(s).map(|t| t.kind)
    }

    #[test]
    fn recognises_agency_phrasing() {
        assert_eq!(
            kind("Xi held talks with Tokayev in Astana."),
            Some(Kind::Talks)
        );
        assert_eq!(kind("Xi met with Tokayev."), Some(Kind::Meeting));
        assert_eq!(kind("Tokayev received Wang Yi."), Some(Kind::Meeting));
        assert_eq!(
            kind("Xi spoke over the phone with Putin."),
            Some(Kind::PhoneCall)
        );
        assert_eq!(
            kind("In a telephone conversation with Aliyev, Xi said"),
            Some(Kind::PhoneCall)
        );
        assert_eq!(
            kind("Xi held a video call with Biden."),
            Some(Kind::VideoCall)
        );
        assert_eq!(
            kind("The two presidents talked via video link."),
            Some(Kind::VideoCall)
        );
        assert_eq!(
            kind("Xi and Tokayev exchanged congratulatory messages."),
            Some(Kind::Letter)
        );
        assert_eq!(
            kind("Tokayev paid a state visit to China at Xi's invitation."),
            Some(Kind::StateVisit)
        );
        assert_eq!(
            kind("During his meeting with Tokayev, who began a state visit, Xi said"),
            Some(Kind::Meeting)
        );
        assert_eq!(
            kind(
                "Xi made the remarks in his talks with Japarov ahead of the 24th Meeting of the Council of Heads of State"
            ),
            Some(Kind::Talks)
        );
        assert_eq!(kind("China received support from many countries."), None);
        assert_eq!(
            kind("The 24th Meeting of the Council of Heads of State opened."),
            Some(Kind::Summit)
        );
    }

    #[test]
    fn future_and_vague_mentions_do_not_count() {
        let check = |s: &str| {
            let t = find(s).expect("a trigger");
            (is_future(s, &t), is_vague_past(s, &t))
        };
        assert_eq!(
            check("Xi will hold talks with Tokayev on Friday."),
            (true, false)
        );
        assert_eq!(
            check("Tokayev is scheduled to pay a state visit to China."),
            (true, false)
        );
        assert_eq!(
            check("Xi said that the two leaders held fruitful talks in Xi'an last May."),
            (false, true)
        );
        assert_eq!(
            check("The two presidents met twice last year."),
            (false, true)
        );
        assert_eq!(
            check("Xi recalled the phone call on January 17, when they agreed."),
            (false, false)
        );
        assert_eq!(
            check("Xi held talks with Tokayev, who will attend the summit."),
            (false, false)
        );
        assert_eq!(
            check("Xi held talks with Tokayev on Wednesday."),
            (false, false)
        );
    }
}
