//! Who a sentence names: known leaders (any spelling), unknown ones written with a title
//! ("Kyrgyz President Sadyr Japarov", "President Sadyr Japarov of Kyrgyzstan",
//! "Sadyr Japarov, the president of Kyrgyzstan"), and references resolved against what
//! the article said before ("He", "the Kazakh president", "the two heads of state").

use crate::gazetteer::{CountryId, Entity, Found, Gazetteer, PersonId};
use crate::meetings::Name;
use crate::terms::Office;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A person as the extractor knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: Name,
    pub country: Option<CountryId>,
    pub id: Option<PersonId>,
}

/// A person named in a sentence, with the byte range (in the sentence) that names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub who: Ident,
}

/// What earlier sentences of the same article established.
#[derive(Debug, Default)]
pub struct Context {
    /// Known people named so far, most recent last.
    mentioned: Vec<PersonId>,
    /// The last person named of each country.
    by_country: HashMap<CountryId, Ident>,
    /// The first person named in the last sentence that named anyone.
    last_subject: Option<Ident>,
    /// The last two people of different countries named together.
    last_pair: Option<(Ident, Ident)>,
    /// The last person named under each title (`Prime Minister` → Shehbaz Sharif).
    by_title: HashMap<String, Ident>,
    /// The day offices are read on ("the Kazakh president" in 2017 is Nazarbayev): the
    /// report's date, else its dateline's.
    on: Option<jiff::civil::Date>,
}

/// "the Presidents of Tajikistan and Russia": one plural office, two countries.
static OFFICES_OF_TWO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?i:(presidents|prime ministers|premiers|heads of state|heads of government|foreign ministers)) of (?:the )?([A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*)*) and (?:the )?([A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*)*)",
    )
    .expect("the plural-office pattern is a valid regex")
});

/// The two holders a plural office names, on the context's day, each mentioned where
/// their country is written (so the pair reads as a list).
fn offices_of_two(sentence: &str, gaz: &Gazetteer, ctx: &Context) -> Vec<Mention> {
    let mut out = Vec::new();
    for c in OFFICES_OF_TWO.captures_iter(sentence) {
        let (Some(plural), Some(a), Some(b)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        const SINGULAR: [(&str, &str); 6] = [
            ("presidents", "President"),
            ("prime ministers", "Prime Minister"),
            ("premiers", "Premier"),
            ("heads of state", "Head of State"),
            ("heads of government", "Head of Government"),
            ("foreign ministers", "Foreign Minister"),
        ];
        let plural = plural.as_str().to_lowercase();
        let Some((_, singular)) = SINGULAR.iter().find(|(p, _)| *p == plural) else {
            continue;
        };
        let Some(office) = crate::terms::office_of_title(singular) else {
            continue;
        };
        for country in [a, b] {
            let Some(id) = gaz.country_named(country.as_str()) else {
                continue;
            };
            if let Some(who) = ctx.holder(gaz, id, office) {
                out.push(Mention {
                    range: country.range(),
                    who,
                });
            }
        }
    }
    out
}

impl Context {
    /// A context that resolves offices by who held them on `day`.
    pub fn on(day: Option<jiff::civil::Date>) -> Context {
        Context {
            on: day,
            ..Context::default()
        }
    }

    /// Who held the office `title` names in `country` on the context's day.
    /// Without a day, the holder only when one person held the office over the whole
    /// period reports are read for (2000 on): "the Tajik president" is Rahmon whenever.
    fn holder(&self, gaz: &Gazetteer, country: CountryId, office: Office) -> Option<Ident> {
        let name = gaz.country_name(country);
        let term = match self.on {
            Some(day) => gaz.holder_on(name, office, day)?,
            None => {
                let since = jiff::civil::date(2000, 1, 1);
                let mut whole = gaz.terms().filter(|t| {
                    t.country == name.as_str()
                        && t.office == office
                        && t.from <= since
                        && t.to.is_none()
                });
                let only = whole.next()?;
                if whole.next().is_some() {
                    return None;
                }
                only
            }
        };
        Some(person_of_term(gaz, term, country))
    }

    /// The organisation `who` headed on the context's day ("Mark Rutte" in 2025 acts for
    /// NATO, in 2023 for the Netherlands).
    fn organisation_headed(&self, gaz: &Gazetteer, who: &Ident) -> Option<CountryId> {
        let day = self.on?;
        let term = gaz.terms().find(|t| {
            t.office == Office::HeadOfOrganisation && t.person == who.name && t.covers(day)
        })?;
        gaz.country_named(&term.country)
    }

    /// The office `who` held on the context's day, if the terms know.
    fn office_of(&self, gaz: &Gazetteer, who: &Ident) -> Option<Office> {
        let day = self.on?;
        gaz.terms()
            .find(|t| t.person == who.name && t.covers(day))
            .map(|t| t.office)
    }
}

/// The person of `term`, as the gazetteer knows them when it does.
fn person_of_term(gaz: &Gazetteer, term: &crate::terms::Term, country: CountryId) -> Ident {
    let id = gaz.people.iter().position(|p| p.name == term.person);
    Ident {
        name: id.map_or_else(|| Name::from(&term.person), |i| gaz.people[i].name.clone()),
        country: Some(country),
        id,
    }
}

/// Words that follow a title without being a name (`President Xi's Office`, `Prime Minister Office`).
const NOT_NAME_WORDS: &[&str] = &[
    "Office",
    "Council",
    "Administration",
    "Palace",
    "House",
    "Award",
    "Medal",
    "Cup",
    "Fund",
    "Forum",
    "Foundation",
    "Library",
    "Center",
    "Centre",
    "Said",
    "Says",
    "The",
    "And",
    "On",
    "In",
    "At",
    "Of",
    "For",
    "With",
    "Has",
    "Had",
    "Was",
    "Is",
];

static NAME_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s+((?:[A-Z][A-Za-z'’\-]+|al-[A-Z][a-z]+)(?:\s+(?:(?:bin|bint|ibn|al|el|de|da|dos|van|von|der|la)\s+)?(?:[A-Z][A-Za-z'’\-]+|al-[A-Z][a-z]+)){0,3})",
    )
    .expect("the name pattern is a valid regex")
});

static PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the two (?:heads of state|leaders|presidents|heads of government|prime ministers|premiers)|both (?:leaders|presidents|heads of state)|the (?:leaders|presidents|heads of state) of the two countries|the (?:presidents|leaders))\b")
        .expect("the pair pattern is a valid regex")
});

/// The people `sentence` names, in order, resolved with `ctx`; `ctx` then learns them.
pub fn find(sentence: &str, gaz: &Gazetteer, ctx: &mut Context) -> Vec<Mention> {
    let finds = gaz.scan(sentence);
    let mut out: Vec<Mention> = Vec::new();
    let mut covered_until = 0usize;

    if let Some(pronoun) = leading_pronoun(sentence)
        && let Some(who) = ctx.last_subject.clone()
    {
        out.push(Mention {
            range: pronoun,
            who,
        });
    }

    for (i, f) in finds.iter().enumerate() {
        if f.range.start < covered_until {
            continue;
        }
        let title_before = title_just_before(sentence, &finds, i);
        let person = match &f.entity {
            Entity::Person(id) => Some(*id),
            Entity::Surname(ids) => resolve_surname(gaz, ids, title_before, ctx),
            Entity::Title(_) => {
                if let Some((m, end)) = unknown_after_title(sentence, &finds, i) {
                    covered_until = end;
                    out.push(m);
                } else {
                    out.extend(by_title(sentence, &finds, i, (ctx, &out), gaz));
                }
                None
            }
            _ => None,
        };
        if let Some(id) = person {
            let mut m = known(gaz, id, f.range.clone());
            if let Some(org) = acting_for(sentence, &finds, i, gaz)
                .or_else(|| ctx.organisation_headed(gaz, &m.who))
            {
                m.who.country = Some(org);
            }
            remember_title(ctx, gaz, &m.who, title_before);
            out.push(m);
        }
    }

    out.extend(offices_of_two(sentence, gaz, ctx));
    out.extend(the_two_leaders(sentence, ctx));
    out.sort_by_key(|m| m.range.start);
    learn(ctx, &out);
    out
}

/// Someone named only by the title at `finds[i]`: a country's leader ("the Kazakh
/// president"), whoever last held that title here, or a name in apposition after it.
fn by_title(
    sentence: &str,
    finds: &[Found],
    i: usize,
    (ctx, out): (&Context, &[Mention]),
    gaz: &Gazetteer,
) -> Option<Mention> {
    reference_to_country(sentence, finds, i, (ctx, out), gaz)
        .or_else(|| reference_by_title(sentence, finds, i, ctx))
        .or_else(|| unknown_before_apposition(sentence, finds, i, out))
}

/// "the two heads of state", "the presidents" (but not "the presidents of Kazakhstan
/// …"): the last pair named.
fn the_two_leaders(sentence: &str, ctx: &Context) -> Vec<Mention> {
    let pair = PAIR.find_iter(sentence).find(|m| {
        let after = &sentence[m.end()..];
        !after.starts_with(" of ") || m.as_str().to_lowercase().contains(" of ")
    });
    match (pair, ctx.last_pair.clone()) {
        (Some(m), Some((a, b))) => vec![
            Mention {
                range: m.range(),
                who: a,
            },
            Mention {
                range: m.range(),
                who: b,
            },
        ],
        _ => Vec::new(),
    }
}

fn known(gaz: &Gazetteer, id: PersonId, range: Range<usize>) -> Mention {
    let p = &gaz.people[id];
    Mention {
        range,
        who: Ident {
            name: p.name.clone(),
            country: Some(p.country),
            id: Some(id),
        },
    }
}

/// `He` or `She` opening the sentence (possibly after `In his`/`Meanwhile,`).
fn leading_pronoun(sentence: &str) -> Option<Range<usize>> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?:Meanwhile|Also|Later|Earlier|Separately),\s+)?(He|She)\b")
            .expect("the pronoun pattern is a valid regex")
    });
    RE.captures(sentence)?.get(1).map(|m| m.range())
}

/// The title written right before find `i` (`President` in `President Xi`).
fn title_just_before<'a>(sentence: &str, finds: &'a [Found], i: usize) -> Option<&'a str> {
    let prev = finds.get(i.checked_sub(1)?)?;
    let Entity::Title(t) = &prev.entity else {
        return None;
    };
    sentence[prev.range.end..finds[i].range.start]
        .trim()
        .is_empty()
        .then_some(t.as_str())
}

/// A family name alone: the one of its bearers this article named in full (most recently),
/// or its only bearer when the name is distinctive or a title stands before it.
fn resolve_surname(
    gaz: &Gazetteer,
    ids: &[PersonId],
    title: Option<&str>,
    ctx: &Context,
) -> Option<PersonId> {
    if let Some(id) = ctx.mentioned.iter().rev().find(|id| ids.contains(id)) {
        return Some(*id);
    }
    let candidates: Vec<PersonId> = match title {
        Some(t) => ids
            .iter()
            .copied()
            .filter(|id| gaz.people[*id].titles.iter().any(|x| x == t))
            .collect(),
        None => ids.to_vec(),
    };
    // "Premier Li" in 2019 is Li Keqiang, in 2024 Li Qiang: the one in office that day.
    let in_office = |id: &&PersonId| {
        let (Some(t), Some(day)) = (title.and_then(crate::terms::office_of_title), ctx.on) else {
            return false;
        };
        let p = &gaz.people[**id];
        gaz.holder_on(gaz.country_name(p.country), t, day)
            .is_some_and(|h| h.person == p.name)
    };
    if candidates.len() > 1
        && let [only] = candidates
            .iter()
            .filter(in_office)
            .collect::<Vec<_>>()
            .as_slice()
    {
        return Some(**only);
    }
    match candidates.as_slice() {
        [only] => {
            let surname_len = gaz.people[*only]
                .name
                .split_whitespace()
                .map(str::len)
                .min()
                .unwrap_or(0);
            (title.is_some() || surname_len >= 4 || ids.len() == 1).then_some(*only)
        }
        _ => None,
    }
}

/// `Kyrgyz President Sadyr Japarov` or `President Sadyr Japarov of Kyrgyzstan`, when the
/// name is not in the gazetteer. Returns the mention and where its name ends.
fn unknown_after_title(sentence: &str, finds: &[Found], i: usize) -> Option<(Mention, usize)> {
    let title = &finds[i];
    // Only a capitalised title stands before a name, or "his Kazakh counterpart".
    let written = &sentence[title.range.clone()];
    if !written.starts_with(char::is_uppercase) && written != "counterpart" {
        return None;
    }
    let rest = &sentence[title.range.end..];
    let caps = NAME_WORDS.captures(rest)?;
    let name_m = caps.get(1)?;
    let name_range = title.range.end + name_m.start()..title.range.end + name_m.end();
    // A known name (or a title) inside: the gazetteer path handles it.
    if finds.iter().any(|f| {
        f.range.start >= name_range.start
            && f.range.start < name_range.end
            && !matches!(f.entity, Entity::Country(_) | Entity::Demonym(_))
    }) {
        return None;
    }
    let name = name_m.as_str();
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.iter().any(|w| NOT_NAME_WORDS.contains(w)) {
        return None;
    }
    let country = country_before(sentence, finds, i).or_else(|| {
        // `… of Kyrgyzstan` right after the name.
        let after = &sentence[name_range.end..];
        let next = finds.iter().find(|f| f.range.start >= name_range.end)?;
        let gap = &after[..next.range.start - name_range.end];
        match next.entity {
            Entity::Country(c) if gap.trim() == "of" => Some(c),
            _ => None,
        }
    });
    // Without a country, a titled stranger may be anyone (a company's chairman).
    country?;
    Some((
        Mention {
            range: name_range.clone(),
            who: Ident {
                name: Name::from(name),
                country,
                id: None,
            },
        },
        name_range.end,
    ))
}

/// The demonym or country written right before title find `i` (`Kazakh President`,
/// `Kazakhstan's President`).
fn country_before(sentence: &str, finds: &[Found], i: usize) -> Option<CountryId> {
    let prev = finds.get(i.checked_sub(1)?)?;
    let gap = sentence[prev.range.end..finds[i].range.start].trim();
    match prev.entity {
        Entity::Demonym(c) if gap.is_empty() => Some(c),
        Entity::Country(c) if gap.is_empty() || gap == "'s" || gap == "’s" => Some(c),
        _ => None,
    }
}

/// The international organisation person find `i` is named as the head of: "UN
/// Secretary-General Antonio Guterres", "Secretary-General of the United Nations Antonio
/// Guterres", "Kristalina Georgieva, Managing Director of the IMF". The person then takes
/// part for the organisation, whatever their nationality.
fn acting_for(sentence: &str, finds: &[Found], i: usize, gaz: &Gazetteer) -> Option<CountryId> {
    let org = |c: CountryId| gaz.countries[c].organisation.then_some(c);
    let gap = |a: &Found, b: &Found| sentence[a.range.end..b.range.start].trim();
    let is_title = |f: &Found| matches!(f.entity, Entity::Title(_));
    let country = |f: &Found| match f.entity {
        Entity::Country(c) | Entity::Demonym(c) => Some(c),
        _ => None,
    };
    let before = |k: usize| i.checked_sub(k).and_then(|j| finds.get(j));
    // "UN Secretary-General Antonio Guterres".
    if let (Some(t), Some(c)) = (before(1), before(2))
        && is_title(t)
        && gap(t, &finds[i]).is_empty()
        && gap(c, t).is_empty()
        && let Some(id) = country(c).and_then(org)
    {
        return Some(id);
    }
    // "Secretary-General of the United Nations Antonio Guterres".
    if let (Some(c), Some(t)) = (before(1), before(2))
        && is_title(t)
        && gap(c, &finds[i]).is_empty()
        && matches!(gap(t, c), "of" | "of the")
        && let Some(id) = country(c).and_then(org)
    {
        return Some(id);
    }
    // "Kristalina Georgieva, Managing Director of the IMF".
    let (t, c) = (finds.get(i + 1)?, finds.get(i + 2)?);
    let apposition = matches!(gap(&finds[i], t), "," | ", the");
    (apposition && is_title(t) && matches!(gap(t, c), "of" | "of the"))
        .then(|| country(c).and_then(org))
        .flatten()
}

/// `the Kazakh president` / `the Kazakh leader` / `his Kazakh counterpart`: who held the
/// office on the context's day (a counterpart holds the office of the sentence's first
/// person), else the person of that country named last, else nobody named: the office
/// alone, with the name empty.
fn reference_to_country(
    sentence: &str,
    finds: &[Found],
    i: usize,
    (ctx, so_far): (&Context, &[Mention]),
    gaz: &Gazetteer,
) -> Option<Mention> {
    let (country, start, written) = country_title(sentence, finds, i)?;
    let counterpart = written == "counterpart";
    // The holder of the office on the report's date, when the terms know; else whoever
    // of that country the report named last. A counterpart holds the office the other
    // side holds.
    let office = if counterpart {
        so_far
            .first()
            .map(|m| &m.who)
            .or(ctx.last_subject.as_ref())
            .and_then(|s| ctx.office_of(gaz, s))
    } else {
        crate::terms::office_of_title(written)
    };
    // Where nobody can be named, the office is still a side: a meeting "with the
    // Kazakh president" is a meeting, with the name left empty.
    let unnamed = || {
        office.map(|_| Ident {
            name: Name::default(),
            country: Some(country),
            id: None,
        })
    };
    // Someone of that country this sentence named ("… Ilham Aliyev …, the press service
    // of the Azerbaijani President") before anyone the terms or earlier sentences give.
    let in_sentence = || {
        so_far
            .iter()
            .rev()
            .find(|m| m.who.country == Some(country) && !m.who.name.is_empty())
            .map(|m| m.who.clone())
    };
    let who = in_sentence()
        .or_else(|| office.and_then(|o| ctx.holder(gaz, country, o)))
        .or_else(|| ctx.by_country.get(&country).cloned())
        .or_else(unnamed)?;
    Some(Mention {
        range: start..finds[i].range.end,
        who,
    })
}

/// The country and title of `the Kazakh president` or `his Kazakh counterpart` at
/// `finds[i]` (the title) in `sentence`: the country, where the phrase starts, and the
/// title as written. Not for a capitalised title with no name after it ("the UN
/// Secretary-General met …").
fn country_title<'f>(
    sentence: &str,
    finds: &'f [Found],
    i: usize,
) -> Option<(CountryId, usize, &'f str)> {
    let title = &finds[i];
    let named_after = sentence[title.range.end..]
        .trim_start()
        .starts_with(char::is_uppercase);
    if sentence[title.range.clone()].starts_with(char::is_uppercase) && named_after {
        return None;
    }
    let country = country_before(sentence, finds, i)?;
    let start = finds[i - 1].range.start;
    let before = sentence[..start].trim_end();
    let Entity::Title(written) = &title.entity else {
        return None;
    };
    // "the Kazakh president"; "his Indonesian counterpart".
    let counterpart = written == "counterpart";
    let article = before.ends_with("the")
        || counterpart && ["his", "her", "their"].iter().any(|w| before.ends_with(w));
    article.then_some((country, start, written.as_str()))
}

/// Learn which title a person goes by: the one written before the name, else the
/// gazetteer's first.
fn remember_title(ctx: &mut Context, gaz: &Gazetteer, who: &Ident, written: Option<&str>) {
    let title = written
        .map(str::to_owned)
        .or_else(|| who.id.and_then(|id| gaz.people[id].titles.first().cloned()));
    if let Some(t) = title {
        ctx.by_title.insert(t, who.clone());
    }
}

/// `the prime minister` (not `the prime minister of …`): the person last named with that title.
fn reference_by_title(sentence: &str, finds: &[Found], i: usize, ctx: &Context) -> Option<Mention> {
    let f = &finds[i];
    let Entity::Title(title) = &f.entity else {
        return None;
    };
    // "the prime minister", "the PM"; "the President" opens a name.
    let written = &sentence[f.range.clone()];
    let abbreviation = written.len() > 1 && written.chars().all(|c| c.is_ascii_uppercase());
    if !written.starts_with(char::is_lowercase) && !abbreviation {
        return None;
    }
    let before = sentence[..f.range.start].trim_end();
    if !(before.ends_with(" the") || before == "the" || before.ends_with("The")) {
        return None;
    }
    if sentence[f.range.end..].starts_with(" of ") {
        return None;
    }
    let who = ctx.by_title.get(title)?.clone();
    Some(Mention {
        range: f.range.clone(),
        who,
    })
}

/// `Sadyr Japarov, the president of Kyrgyzstan`: an unknown name in apposition.
fn unknown_before_apposition(
    sentence: &str,
    finds: &[Found],
    i: usize,
    so_far: &[Mention],
) -> Option<Mention> {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+){1,3}),\s+the\s+$")
            .expect("the apposition pattern is a valid regex")
    });
    let title = &finds[i];
    let head = &sentence[..title.range.start];
    let caps = BEFORE.captures(head)?;
    let name = caps.get(1)?;
    if so_far.iter().any(|m| m.range.end > name.start()) {
        return None;
    }
    let next = finds.get(i + 1)?;
    let gap = sentence[title.range.end..next.range.start].trim();
    let Entity::Country(country) = next.entity else {
        return None;
    };
    (gap == "of").then(|| Mention {
        range: name.range(),
        who: Ident {
            name: Name::from(name.as_str()),
            country: Some(country),
            id: None,
        },
    })
}

fn learn(ctx: &mut Context, mentions: &[Mention]) {
    for m in mentions {
        if let Some(id) = m.who.id {
            ctx.mentioned.retain(|x| *x != id);
            ctx.mentioned.push(id);
        }
        if let Some(c) = m.who.country {
            ctx.by_country.insert(c, m.who.clone());
        }
    }
    if let Some(first) = mentions.first() {
        ctx.last_subject = Some(first.who.clone());
    }
    let mut distinct = mentions.iter().map(|m| &m.who);
    if let Some(a) = distinct.next()
        && let Some(b) = distinct.find(|b| b.name != a.name && b.country != a.country)
    {
        ctx.last_pair = Some((a.clone(), b.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sentences: &[&str]) -> Vec<Vec<(String, Option<String>)>> {
        let gaz = Gazetteer::builtin();
        let mut ctx = Context::default();
        sentences
            .iter()
            .map(|s| {
                find(s, gaz, &mut ctx)
                    .into_iter()
                    .map(|m| {
                        (
                            m.who.name.to_string(),
                            m.who.country.map(|c| gaz.country_name(c).to_string()),
                        )
                    })
                    .collect()
            })
            .collect()
    }

    fn p(name: &str, country: &str) -> (String, Option<String>) {
        (name.to_owned(), Some(country.to_owned()))
    }

    #[test]
    fn known_leaders_in_any_spelling() {
        assert_eq!(
            names(&["Kazakh President Kassym-Jomart Tokaev met Chinese President Xi Jinping."]),
            [vec![
                p("Kassym-Jomart Tokayev", "Kazakhstan"),
                p("Xi Jinping", "China")
            ]]
        );
    }

    #[test]
    fn unknown_leaders_written_with_a_title() {
        assert_eq!(
            names(&["Freedonian President Rufus Firefly met Chinese President Xi Jinping."])[0],
            [p("Xi Jinping", "China")],
            "a titled stranger of no known country is not taken for a leader"
        );
        let got = names(&[
            "Xi met President Rufus Firefly of Kazakhstan.",
            "Xi met Zed Zedson, the president of Kazakhstan.",
            "Li Qiang and his Kazakh counterpart Olzhas Testov held talks.",
        ]);
        assert_eq!(got[0][1], p("Rufus Firefly", "Kazakhstan"));
        assert_eq!(got[1][1], p("Zed Zedson", "Kazakhstan"));
        assert_eq!(got[2][1], p("Olzhas Testov", "Kazakhstan"));
    }

    #[test]
    fn references_resolve_to_earlier_people() {
        let got = names(&[
            "Chinese President Xi Jinping met Kazakh President Kassym-Jomart Tokayev.",
            "He said the Kazakh president was a friend.",
            "The two heads of state signed documents.",
        ]);
        assert_eq!(
            got[1],
            [
                p("Xi Jinping", "China"),
                p("Kassym-Jomart Tokayev", "Kazakhstan")
            ]
        );
        assert_eq!(got[2].len(), 2);
    }

    #[test]
    fn ambiguous_family_names_need_context() {
        let got = names(&[
            "Li said the talks went well.",
            "Premier Li Qiang met guests.",
            "Li said so.",
        ]);
        assert!(got[0].is_empty(), "{:?}", got[0]);
        assert_eq!(got[2], [p("Li Qiang", "China")]);
    }
}
