//! Reading the meetings of one article, sentence by sentence.
//!
//! A sentence reports a meeting when it holds a trigger ([`triggers`]) that is neither
//! future nor a vague back-reference, and names two sides ([`mentions`]): the people in
//! the list right after the trigger ("with A, the president of X, and B") are the
//! counterparts, the first other person is the subject (or, failing that, whoever "He"
//! refers to). Each counterpart is a meeting of its own, except at a summit. Mentions of
//! the same encounter within the report (caption and body, lead and "In his talks with
//! Aliyev") are merged into one.

use super::mentions::{self, Context, Ident, Mention};
use super::triggers::{self, Trigger};
use super::{Kind, Meeting, Name, Participant, place, when};
use crate::corpus::{Article, Metadata};
use crate::gazetteer::{Entity, Gazetteer};
use crate::text;
use std::ops::Range;

/// The meetings `article` reports, in order of first mention.
pub fn extract(article: &Article, gaz: &Gazetteer) -> Vec<Meeting> {
    extract_with(&article.text, &article.meta, gaz)
}

/// The meetings `text` reports, read with `meta` (which may be the analyst's corrected
/// metadata: its date and place are what relative dates and "here" resolve against).
pub fn extract_with(text: &str, meta: &Metadata, gaz: &Gazetteer) -> Vec<Meeting> {
    let sentences = text::sentences(text);
    let mut reading = Reading::new(text, meta, gaz, &sentences);
    for (at, range) in sentences.iter().enumerate() {
        reading.sentence(&sentences, at, range);
    }
    reading.finish()
}

/// What one pass over a report knows so far.
struct Reading<'a> {
    text: &'a str,
    meta: &'a Metadata,
    gaz: &'a Gazetteer,
    /// The day of publication.
    report: Option<jiff::civil::Date>,
    /// The day the lead (or the dateline) gives, for sentences that give none.
    lead_day: Option<jiff::civil::Date>,
    /// Who writes, for a readout's "I" and "we".
    author: Option<Ident>,
    ctx: Context,
    /// Char offsets of the evidence, counted on from sentence to sentence (linear time).
    chars: text::CharCursor<'a>,
    found: Vec<Candidate>,
    summit: Option<Candidate>,
    /// Where the last in-person encounter took place, for "Later, he met …".
    last_place: Option<Name>,
}

/// What a sentence with a trigger says, before its sides are read.
struct Said<'s> {
    sentence: &'s str,
    trigger: Trigger,
    people: Vec<Mention>,
    /// Whether the sentence's own date counts (not the title line's).
    own_date: bool,
    date: Option<jiff::civil::Date>,
    location: Option<Name>,
    evidence: Range<usize>,
}

impl<'a> Reading<'a> {
    fn new(
        text: &'a str,
        meta: &'a Metadata,
        gaz: &'a Gazetteer,
        sentences: &[Range<usize>],
    ) -> Self {
        let report = meta.published;
        let lead = sentences
            .iter()
            .find(|r| r.end > meta.body_start)
            .map(|r| &text[r.start.max(meta.body_start)..r.end]);
        let dateline_day = dateline_day(meta);
        let lead_day = lead
            .and_then(|s| when::in_sentence(s, report))
            .or(dateline_day);
        Reading {
            text,
            meta,
            gaz,
            report,
            lead_day,
            author: author(text, meta, gaz),
            ctx: Context::on(report.or(dateline_day)),
            chars: text::CharCursor::new(text),
            found: Vec::new(),
            summit: None,
            last_place: None,
        }
    }

    fn participant(&self, who: &Ident) -> Participant {
        Participant {
            name: who.name.clone(),
            country: who.country.map(|c| self.gaz.country_name(c).clone()),
        }
    }

    /// Read sentence `at` (its char range `range`) of `sentences`.
    fn sentence(&mut self, sentences: &[Range<usize>], at: usize, range: &Range<usize>) {
        let (text, meta, gaz) = (self.text, self.meta, self.gaz);
        // The title line is read without its scraper's date prefix, and its date (the
        // day of publication) is not the meeting's.
        let (range, own_date) = match &meta.title_range {
            Some(t) if range.start < t.end && t.start < range.end => (t.clone(), false),
            _ => (range.clone(), true),
        };
        let sentence = &text[range.clone()];
        let people = mentions::find(sentence, gaz, &mut self.ctx);
        let Some(trigger) = triggers::find_with(sentence, &gaz.extra_triggers) else {
            return;
        };
        if (!own_date && triggers::is_headline_future(sentence))
            || triggers::is_future(sentence, &trigger)
            || triggers::is_negated(sentence, &trigger)
            || triggers::is_vague_past(sentence, &trigger)
        {
            return;
        }
        let date = own_date
            .then(|| when::in_sentence(sentence, self.report))
            .flatten()
            .or(self.lead_day)
            .or(self.report);
        // In person, the place is the city named ("in Astana", or "here" and the
        // dateline); at a distance there is none. The dateline alone is not enough: an
        // agency often files from home about a meeting abroad.
        let location = (!trigger.kind.is_remote())
            .then(|| place::in_sentence(sentence, gaz, meta.place.as_deref()))
            .flatten();
        let evidence = self.chars.range(range.clone());
        let said = Said {
            sentence,
            trigger,
            people,
            own_date,
            date,
            location,
            evidence,
        };
        if said.trigger.kind == Kind::Summit {
            self.gather_summit(said);
        } else {
            self.bilateral(said, sentences, at);
        }
    }

    /// A summit's participants are named over several sentences: gather them.
    fn gather_summit(&mut self, said: Said) {
        let participants: Vec<Participant> = said
            .people
            .iter()
            .map(|m| self.participant(&m.who))
            .collect();
        let acc = self.summit.get_or_insert_with(|| Candidate {
            meeting: Meeting {
                leader: Participant {
                    name: Name::default(),
                    country: None,
                },
                counterparts: Vec::new(),
                kind: Kind::Summit,
                date: said.date,
                location: said.location.clone(),
                evidence: said.evidence.clone(),
            },
            visit: false,
            near: false,
        });
        acc.meeting.location = acc.meeting.location.take().or(said.location);
        for p in participants {
            if acc.meeting.leader.name.is_empty() {
                acc.meeting.leader = p;
                acc.meeting.evidence = said.evidence.clone();
            } else if p.name != acc.meeting.leader.name && !acc.meeting.counterparts.contains(&p) {
                acc.meeting.counterparts.push(p);
            }
        }
    }

    /// A meeting between a subject and each of the counterparts the sentence names.
    fn bilateral(&mut self, said: Said, sentences: &[Range<usize>], at: usize) {
        let (sentence, trigger) = (said.sentence, &said.trigger);
        let speaker =
            (self.author.as_ref()).filter(|_| says_i_or_we(&sentence[..trigger.range.start]));
        let Some((subject, objects)) = sides(sentence, trigger, &said.people, speaker, self.gaz)
        else {
            return;
        };
        // "Tokayev was received by Xi": the one named after the trigger is the host.
        let (subject, objects) = match (trigger.voice, objects.as_slice()) {
            (triggers::Voice::Passive, [host]) => (host.clone(), vec![subject]),
            _ => (subject, objects),
        };
        let near = !trigger.kind.is_remote() && place::near_a_city(sentence, self.gaz);
        let location = self.place_of(&said, near, (&subject, &objects), (sentences, at));
        let visit = sentence[trigger.range.clone()].contains("visit");
        for o in &objects {
            // "met A on Wednesday and B on Thursday": each has the day said after it.
            let own_day = said
                .own_date
                .then(|| day_after(sentence, trigger, &said.people, o, self.report))
                .flatten();
            let meeting = Meeting {
                leader: self.participant(&subject),
                counterparts: vec![self.participant(o)],
                kind: trigger.kind,
                date: own_day.or(said.date),
                location: location.clone(),
                evidence: said.evidence.clone(),
            };
            add(
                &mut self.found,
                Candidate {
                    meeting,
                    visit,
                    near,
                },
            );
        }
    }

    /// Where an encounter took place: the city the sentence names; else ("at his
    /// residence outside Moscow" aside) a city named in the sentence before or after, in
    /// one side's country ("arrived in Baghdad"); else, for "Later, he met …", the last
    /// encounter's place.
    fn place_of(
        &mut self,
        said: &Said,
        near: bool,
        (subject, objects): (&Ident, &[Ident]),
        (sentences, at): (&[Range<usize>], usize),
    ) -> Option<Name> {
        let remote = said.trigger.kind.is_remote();
        let location = match said.location.clone() {
            None if !remote && !near => {
                let sides: Vec<&Ident> = std::iter::once(subject).chain(objects).collect();
                neighbour_place(self.text, sentences, at, &sides, self.gaz)
            }
            known => known,
        };
        let location = match location {
            None if !remote && triggers::continues_the_visit(said.sentence) => {
                self.last_place.clone()
            }
            known => known,
        };
        if !remote {
            self.last_place.clone_from(&location);
        }
        location
    }

    /// The meetings found, with a place from the dateline where the text gives none.
    fn finish(mut self) -> Vec<Meeting> {
        // Two people at a summit is attendance, not a meeting between them.
        if let Some(s) = self.summit.filter(|s| s.meeting.counterparts.len() >= 2) {
            self.found.push(s);
        }
        for c in self.found.iter_mut().filter(|c| !c.near) {
            place_by_dateline(&mut c.meeting, self.meta.place.as_deref(), self.gaz);
        }
        self.found.into_iter().map(|c| c.meeting).collect()
    }
}

/// An in-person meeting whose sentence names no place took place, most likely, where
/// the report was filed, when that is a city of one of the two sides' countries (an
/// agency filing from home about talks abroad names the place; one travelling with its
/// leader files from the host city). Anything else stays without a place.
fn place_by_dateline(m: &mut Meeting, dateline: Option<&str>, gaz: &Gazetteer) {
    let Some(city) = dateline else { return };
    if m.location.is_some() || m.kind.is_remote() {
        return;
    }
    let Some((country, canonical)) = gaz.city_named(city) else {
        return;
    };
    let country = gaz.country_name(country);
    let mut sides = std::iter::once(&m.leader).chain(&m.counterparts);
    if sides.any(|p| p.country.as_ref() == Some(country)) {
        // The dateline's own spelling, as before; the gazetteer's when it is the same.
        m.location = Some(if canonical == city {
            canonical
        } else {
            Name::from(city)
        });
    }
}

/// A visitor's presence, in a sentence next to a meeting: "arrived in", "is on a visit".
static ARRIVAL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"\b(?:arrived|arrives|arriving|landed|lands|travelled|traveled|came|visit|visits|visiting|visited|trip|stay|staying)\b",
    )
    .expect("the arrival pattern is a valid regex")
});

/// A city named in the sentence before or after sentence `at` ("Erdogan arrived in
/// Baghdad on Monday. He held talks with …"), when that sentence tells of a visit and the
/// city lies in one of the sides' countries.
fn neighbour_place(
    text: &str,
    sentences: &[Range<usize>],
    at: usize,
    sides: &[&Ident],
    gaz: &Gazetteer,
) -> Option<Name> {
    let neighbours = [at.checked_sub(1), Some(at + 1)];
    neighbours.into_iter().flatten().find_map(|i| {
        let sentence = &text[sentences.get(i)?.clone()];
        if !ARRIVAL.is_match(sentence) {
            return None;
        }
        let city = place::in_sentence(sentence, gaz, None)?;
        let (country, _) = gaz.city_named(&city)?;
        sides
            .iter()
            .any(|p| p.country == Some(country))
            .then_some(city)
    })
}

/// A meeting found so far, and whether only a visit was said ("is on a state visit"),
/// which spans days and so merges with the talks it hosts whatever their date.
struct Candidate {
    meeting: Meeting,
    visit: bool,
    /// The text puts the encounter near a city, not in it: no place from the dateline.
    near: bool,
}

/// The dateline's day, its year from the report's date when it gives none.
fn dateline_day(meta: &Metadata) -> Option<jiff::civil::Date> {
    meta.dateline_date
        .and_then(|d| when::resolve_partial(d, meta.published))
}

/// A sentence-by-sentence account of what the extractor saw, for working on its rules.
pub fn explain(article: &Article, gaz: &Gazetteer) -> String {
    use std::fmt::Write;
    let meta = &article.meta;
    let dateline = dateline_day(meta);
    let writer = author(&article.text, meta, gaz);
    let mut out = explain_header(article, dateline, writer.as_ref());
    let day = meta.published.or(dateline);
    let mut ctx = Context::on(day);
    for range in text::sentences(&article.text) {
        let sentence = &article.text[range];
        let people = mentions::find(sentence, gaz, &mut ctx);
        let trigger = triggers::find_with(sentence, &gaz.extra_triggers);
        if people.is_empty() && trigger.is_none() {
            continue;
        }
        let names: Vec<&str> = people.iter().map(|m| m.who.name.as_str()).collect();
        let _ = writeln!(out, "» {sentence}\n  people: {names:?}");
        // The terms of office in force that day: how titles were resolved.
        for term in terms_in_force(gaz, &names, day) {
            let to = term.to.map_or(String::new(), |t| format!(" to {t}"));
            let _ = writeln!(
                out,
                "  term: {} {} of {} from {}{to} ({})",
                term.person,
                term.office.as_str(),
                term.country,
                term.from,
                term.source
            );
        }
        if let Some(t) = trigger {
            let speaker = (writer.as_ref()).filter(|_| says_i_or_we(&sentence[..t.range.start]));
            let sides = sides(sentence, &t, &people, speaker, gaz)
                .map(|(s, o)| (s.name, o.into_iter().map(|p| p.name).collect::<Vec<_>>()));
            let _ = writeln!(
                out,
                "  trigger: {} {:?} future={} negated={} vague={} sides={sides:?}",
                t.kind,
                &sentence[t.range.clone()],
                triggers::is_future(sentence, &t),
                triggers::is_negated(sentence, &t),
                triggers::is_vague_past(sentence, &t),
            );
            let _ = writeln!(out, "  {}", sources(sentence, &t, meta, gaz));
        }
    }
    out
}

/// The explanation's first lines: the report's date and dateline, who writes, and
/// whether the headline only announces a meeting.
fn explain_header(
    article: &Article,
    dateline: Option<jiff::civil::Date>,
    writer: Option<&Ident>,
) -> String {
    use std::fmt::Write;
    let meta = &article.meta;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "report date: {}  dateline: {} {}",
        meta.published.map_or("none".into(), |d| d.to_string()),
        meta.place.as_deref().unwrap_or("-"),
        dateline.map_or(String::new(), |d| d.to_string()),
    );
    if let Some(w) = writer {
        let _ = writeln!(out, "writer (for \"I\"/\"we\"): {}", w.name);
    }
    let title = meta.title_range.as_ref().map(|t| &article.text[t.clone()]);
    if title.is_some_and(triggers::is_headline_future) {
        let _ = writeln!(
            out,
            "headline announces a meeting (\"X to meet Y\"): not counted"
        );
    }
    out
}

/// The terms the people `names` held on `day`, each person once.
fn terms_in_force<'g>(
    gaz: &'g Gazetteer,
    names: &[&str],
    day: Option<jiff::civil::Date>,
) -> Vec<&'g crate::terms::Term> {
    let Some(day) = day else {
        return Vec::new();
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for name in names {
        if seen.contains(name) {
            continue;
        }
        seen.push(name);
        out.extend(gaz.terms().filter(|t| t.person == *name && t.covers(day)));
    }
    out
}

/// Where this sentence's date and place would come from, for [`explain`].
fn sources(sentence: &str, t: &Trigger, meta: &Metadata, gaz: &Gazetteer) -> String {
    let date = match when::in_sentence(sentence, meta.published) {
        Some(d) => format!("date {d} from the sentence"),
        None => "date from the lead sentence, the dateline or the report".to_owned(),
    };
    let place = if t.kind.is_remote() {
        "no place (at a distance)".to_owned()
    } else {
        match place::in_sentence(sentence, gaz, meta.place.as_deref()) {
            Some(p) => format!("place {p} from the sentence"),
            None if place::near_a_city(sentence, gaz) => {
                "no place: the sentence puts it near a city, not in it".to_owned()
            }
            None => format!(
                "place: a visit told in the sentence before or after, the last place after \"Later,\", else the dateline ({}) if it lies in one side's country",
                meta.place.as_deref().unwrap_or("none")
            ),
        }
    };
    format!("{date}; {place}")
}

/// Who writes in the first person: the person named in the header (`Justin Trudeau, Prime
/// Minister of Canada` above a statement), else in a signature closing the text.
fn author(text: &str, meta: &Metadata, gaz: &Gazetteer) -> Option<Ident> {
    let person = |s: &str| {
        gaz.scan(s).into_iter().find_map(|f| match f.entity {
            Entity::Person(id) => Some(Ident {
                name: gaz.people[id].name.clone(),
                country: Some(gaz.people[id].country),
                id: Some(id),
            }),
            _ => None,
        })
    };
    let header = &text[..meta.body_start.min(text.len())];
    person(header).or_else(|| {
        let last_lines = text.trim_end().rsplit('\n').take(3);
        last_lines
            .filter(|l| l.len() < 120 && !l.trim_end().ends_with('.'))
            .find_map(|l| person(l).filter(|_| l.trim_start().starts_with(char::is_uppercase)))
    })
}

/// "Today I met with …", "We spoke by phone": the writer is a side.
fn says_i_or_we(before_trigger: &str) -> bool {
    before_trigger
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "I" || w == "We")
}

/// The subject and the counterparts of the encounter `trigger` reports; `speaker` is the
/// subject when the sentence says "I" or "we" and names no one else before the trigger.
fn sides(
    sentence: &str,
    trigger: &Trigger,
    people: &[Mention],
    speaker: Option<&Ident>,
    gaz: &Gazetteer,
) -> Option<(Ident, Vec<Ident>)> {
    let objects = object_list(sentence, trigger, people, gaz);
    let (subject, objects) = if objects.is_empty() {
        sides_without_list(trigger, people)?
    } else {
        let subject = subject_of(sentence, trigger, people, &objects, speaker);
        match subject {
            Some(s) => (s, objects),
            // "In a phone call on Monday, Putin and Tokayev discussed …"
            None => {
                let (first, rest) = objects.split_first()?;
                (first.clone(), rest.to_vec())
            }
        }
    };
    let mut seen: Vec<&str> = vec![subject.name.as_str()];
    let mut counterparts = Vec::new();
    for o in &objects {
        let domestic = o.country.is_some() && o.country == subject.country;
        if !domestic && !seen.contains(&o.name.as_str()) {
            seen.push(&o.name);
            counterparts.push(o.clone());
        }
    }
    (!counterparts.is_empty()).then_some((subject, counterparts))
}

/// The sides when no list follows the trigger: "Xi and Tokayev held talks" (the people
/// before it meet each other), "Xi met Tokayev" (one on each side), "the meeting of the
/// leaders was held" (the people the phrase stands for).
fn sides_without_list(trigger: &Trigger, people: &[Mention]) -> Option<(Ident, Vec<Ident>)> {
    let before: Vec<&Mention> = people
        .iter()
        .filter(|m| m.range.end <= trigger.range.start)
        .collect();
    if before.is_empty() {
        return group_after(trigger, people);
    }
    let (first, rest) = before.split_first()?;
    let rest: Vec<Ident> = rest.iter().map(|m| m.who.clone()).collect();
    if !rest.is_empty() {
        return Some((first.who.clone(), rest));
    }
    // Written without a list glue we know: one person on each side.
    let after = people
        .iter()
        .find(|m| m.range.start >= trigger.range.end && m.who.name != first.who.name)?;
    Some((first.who.clone(), vec![after.who.clone()]))
}

/// Who meets `objects`: someone in the trigger's own clause ("A did not come, but B met
/// C"), else anyone before the trigger, else anyone else named, else the speaker of a
/// readout's "we".
fn subject_of(
    sentence: &str,
    trigger: &Trigger,
    people: &[Mention],
    objects: &[Ident],
    speaker: Option<&Ident>,
) -> Option<Ident> {
    let other = |m: &&Mention| !objects.iter().any(|o| o.name == m.who.name);
    let clause_start = clause_start(&sentence[..trigger.range.start]);
    let before = |m: &&Mention| m.range.end <= trigger.range.start;
    people
        .iter()
        .filter(other)
        .find(|m| m.range.start >= clause_start && before(m))
        .or_else(|| people.iter().filter(other).find(before))
        .or_else(|| people.iter().find(other))
        .map(|m| m.who.clone())
        .or_else(|| {
            speaker
                .filter(|a| !objects.iter().any(|o| o.name == a.name))
                .cloned()
        })
}

/// Where the clause ending in `before` starts: after the last "; " or ", but " / " but ".
fn clause_start(before: &str) -> usize {
    [";", " but "]
        .iter()
        .filter_map(|sep| before.rfind(sep).map(|i| i + sep.len()))
        .max()
        .unwrap_or(0)
}

/// The people one phrase after the trigger stands for ("of the leaders"): the first is
/// the subject, the others the counterparts.
fn group_after(trigger: &Trigger, people: &[Mention]) -> Option<(Ident, Vec<Ident>)> {
    let first = people.iter().find(|m| m.range.start >= trigger.range.end)?;
    let mut group = people
        .iter()
        .filter(|m| m.range == first.range)
        .map(|m| m.who.clone());
    let subject = group.next()?;
    let others: Vec<Ident> = group.collect();
    (!others.is_empty()).then_some((subject, others))
}

/// The people listed right after the trigger: "with A, the president of X, and B".
fn object_list(
    sentence: &str,
    trigger: &Trigger,
    people: &[Mention],
    gaz: &Gazetteer,
) -> Vec<Ident> {
    // Each listed person, and whether "and" joined it to the one before.
    let mut list: Vec<(Ident, bool)> = Vec::new();
    let mut last_end = trigger.range.end;
    for m in people.iter().filter(|m| m.range.start >= trigger.range.end) {
        if m.range.start < last_end {
            // "the two heads of state" names two people with one phrase.
            continue;
        }
        // "met A, and the two leaders agreed": a phrase for the pair starts a new clause.
        if people.iter().filter(|p| p.range == m.range).count() > 1 {
            break;
        }
        // "during Putin's state visit": a possessive is not a counterpart.
        let rest = &sentence[m.range.end..];
        if rest.starts_with("'s") || rest.starts_with("’s") {
            continue;
        }
        let gap = &sentence[last_end..m.range.start];
        let ok = if list.is_empty() {
            leads_to_object(gap)
        } else {
            is_list_glue(gap, gaz)
        };
        if !ok {
            break;
        }
        if !list.iter().any(|(p, _)| p.name == m.who.name) {
            let joined = gap.split_whitespace().any(|w| w == "and" || w == "well");
            list.push((m.who.clone(), joined));
        }
        last_end = m.range.end;
    }
    // A list ends with "and X": a person after a bare comma starts a new clause
    // ("In a call with Aliyev, Xi said").
    while list.len() > 1 && list.last().is_some_and(|(_, joined)| !joined) {
        list.pop();
    }
    list.into_iter().map(|(p, _)| p).collect()
}

/// Between a trigger and its first counterpart: a few words, no new clause.
fn leads_to_object(gap: &str) -> bool {
    let lower = gap.to_lowercase();
    gap.len() <= 120
        && !gap.contains(';')
        && !lower.contains(" said")
        && !lower.contains(" that ")
        && !lower.contains(" who ")
        && !lower.contains(", and ")
}

/// A day named right after counterpart `o` ("… Tokayev on Wednesday and …"), before the
/// next person named, resolved against the report's date.
fn day_after(
    sentence: &str,
    trigger: &Trigger,
    people: &[Mention],
    o: &Ident,
    report: Option<jiff::civil::Date>,
) -> Option<jiff::civil::Date> {
    let after = people.iter().filter(|m| m.range.start >= trigger.range.end);
    let mine = after.clone().find(|m| m.who.name == o.name)?;
    let next = after
        .filter(|m| m.range.start >= mine.range.end && m.who.name != o.name)
        .map(|m| m.range.start)
        .next()
        .unwrap_or(sentence.len());
    let between = &sentence[mine.range.end..next];
    // Only a day phrase that opens the stretch: "on Wednesday", "on May 3".
    let day = DAY_PHRASE
        .find(between)
        .filter(|d| between[..d.start()].trim().is_empty())?;
    when::in_sentence(day.as_str(), report)
}

/// "on Wednesday", "on May 3", as said after a counterpart.
static DAY_PHRASE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let (days, months) = (
        crate::calendar::weekday_names_pattern(),
        crate::calendar::month_pattern(),
    );
    regex::Regex::new(&format!(
        r"\b(?:on\s+)?(?:(?:{days})|(?:{months})\s*\d{{1,2}}(?:st|nd|rd|th)?)\b"
    ))
    .expect("the day-phrase pattern is a valid regex")
});

/// Between two listed people: titles, countries, demonyms, commas, and the glue words
/// of `assets/triggers.ron` ("and", "the", "acting"…).
fn is_list_glue(gap: &str, gaz: &Gazetteer) -> bool {
    // A day said after each ("A on Monday and B on Tuesday") belongs to the list.
    let gap = DAY_PHRASE.replace_all(gap, " ");
    let gap = gap.as_ref();
    let mut rest = gap.to_owned();
    for f in gaz.scan(gap).into_iter().rev() {
        if matches!(
            f.entity,
            Entity::Title(_) | Entity::Country(_) | Entity::Demonym(_)
        ) {
            rest.replace_range(f.range, " ");
        }
    }
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(triggers::is_list_glue_word)
}

/// Add `c`, or merge it into an earlier mention of the same encounter.
fn add(found: &mut Vec<Candidate>, c: Candidate) {
    let Some(same) = found.iter_mut().find(|f| same_encounter(f, &c)) else {
        found.push(c);
        return;
    };
    let m = c.meeting;
    same.meeting.kind = same.meeting.kind.more_specific(m.kind);
    same.meeting.date = if same.visit && !c.visit {
        m.date.or(same.meeting.date)
    } else {
        same.meeting.date.or(m.date)
    };
    same.meeting.location = same.meeting.location.take().or(m.location);
    same.visit &= c.visit;
    same.near |= c.near;
}

fn same_encounter(a: &Candidate, b: &Candidate) -> bool {
    fn names(m: &Meeting) -> Vec<&str> {
        let mut v: Vec<&str> = m.participants().map(|p| p.name.as_str()).collect();
        v.sort_unstable();
        v
    }
    let (x, y) = (&a.meeting, &b.meeting);
    if names(x) != names(y) {
        return false;
    }
    let in_person = !x.kind.is_remote() && !y.kind.is_remote();
    if (a.visit || b.visit) && in_person {
        return true;
    }
    let dates_agree = x.date.is_none() || y.date.is_none() || x.date == y.date;
    let kinds_agree = x.kind == y.kind || !(x.kind.is_remote() && y.kind.is_remote());
    kinds_agree && dates_agree
}
