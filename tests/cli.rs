//! The command line as scripts use it: exact output, exit codes, errors naming the file.

mod common;
use common::sample_copy;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the dossier binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn articles_tsv_prints_the_sample_table() {
    let o = dossier(&["articles", "sample-corpus", "--format", "tsv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = "\
file\ttitle\tpublished\tsource\tplace
000_ce9b4343981b04df.txt\tXi highlights vital role of BRI solidarity\t2021-06-03\tChina Daily\t
001_e15d73de3d9c7b48.txt\tPresident Xi calls for greater Beijing-Baku exchanges\t\tAgencies\tBeijing
002_d19069a31ccc614c.txt\tXi eyes better China-Kazakhstan relations\t2021-06-03\tXinhua\tBeijing
003_605b4ee0f7fb2dfc.txt\tXi urges China, Kyrgyzstan to promote high-quality Belt and Road cooperation\t2024-07-04\tXinhua\tAstana
004_48b92a249b80ec9f.txt\tChinese President Xi Jinping and Kazakh President Kassym-Jomart Tokayev on Wednesday…\t\t\t
";
    assert_eq!(stdout(&o), expected);
}

#[test]
fn articles_json_is_an_array_of_records() {
    let o = dossier(&["articles", "sample-corpus", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[3]["place"], "Astana");
    assert_eq!(rows[3]["published"], "2024-07-04");
    assert_eq!(rows[4]["title_derived"], true);
    assert_eq!(rows[4]["published"], serde_json::Value::Null);
}

#[test]
fn check_reports_bad_files_by_name_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.txt"), "Title\n\nBEIJING: Body.").unwrap();
    fs::write(dir.path().join("zip.txt"), b"PK\x03\x04\x00").unwrap();
    fs::write(dir.path().join("old.txt"), b"Caf\xe9").unwrap();
    let folder = dir.path().to_str().unwrap();
    let o = dossier(&["check", folder]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let zip = Path::new(folder).join("zip.txt");
    let old = Path::new(folder).join("old.txt");
    assert!(
        out.contains(&format!(
            "{}: skipped: binary file (contains NUL bytes), not text",
            zip.display()
        )),
        "{out}"
    );
    assert!(out.contains(&format!(
        "{}: not valid UTF-8; read as Windows-1252",
        old.display()
    )));
    assert!(
        out.contains("2 articles loaded, 1 files skipped, 1 re-decoded"),
        "{out}"
    );
}

#[test]
fn check_on_a_clean_folder_exits_0() {
    let o = dossier(&["check", "sample-corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("5 articles loaded, 0 files skipped"));
}

#[test]
fn a_missing_folder_exits_2_naming_it() {
    let o = dossier(&["articles", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("dossier: no/such/folder: "), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(dossier(&["articles"]).status.code(), Some(2));
    assert_eq!(
        dossier(&["articles", "sample-corpus", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(dossier(&["--no-such-flag"]).status.code(), Some(2));
}

const F003: &str = "003_605b4ee0f7fb2dfc.txt";

#[test]
fn highlight_then_check_follows_the_highlight_through_edits() {
    let dir = sample_copy();
    let folder = dir.path().to_str().unwrap();
    let quote = "high-quality Belt and Road cooperation";
    // The quote occurs twice: ambiguous without --occurrence.
    let o = dossier(&[
        "highlight",
        folder,
        "--article",
        F003,
        "--quote",
        quote,
        "--tag",
        "BRI",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("occurs 2 times"), "{}", stderr(&o));
    assert!(!dir.path().join("annotations.ron").exists());

    let o = dossier(&[
        "highlight",
        folder,
        "--article",
        F003,
        "--quote",
        quote,
        "--occurrence",
        "2",
        "--tag",
        "BRI",
        "Central Asia",
        "--note",
        "the body's mention",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let id = stdout(&o).trim().to_owned();
    let sidecar = fs::read_to_string(dir.path().join("annotations.ron")).unwrap();
    assert!(sidecar.contains(&format!("id: \"{id}\"")));
    assert!(sidecar.contains("name: \"Central Asia\""));
    assert!(sidecar.contains("note: \"the body's mention\""));

    let tsv = |o: &Output| stdout(o).lines().nth(1).unwrap_or("").to_owned();
    let o = dossier(&["check", folder, "--format", "tsv"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o).lines().next(),
        Some("id\tarticle\tstatus\tstart\tend\tquote")
    );
    let row = tsv(&o);
    assert!(row.starts_with(&format!("{id}\t{F003}\texact\t")), "{row}");

    // check never writes, even when things moved.
    let path = dir.path().join(F003);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("ASTANA, July 3", "ASTANA, Kazakhstan, July 3"),
    )
    .unwrap();
    let before = fs::read(dir.path().join("annotations.ron")).unwrap();
    let o = dossier(&["check", folder, "--format", "tsv"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(tsv(&o).contains("\tmoved\t"), "{}", tsv(&o));
    assert_eq!(
        fs::read(dir.path().join("annotations.ron")).unwrap(),
        before
    );

    // The passage is gone: orphaned, kept, exit 1.
    let gone = fs::read_to_string(&path)
        .unwrap()
        .replace(quote, "something else entirely");
    fs::write(&path, gone).unwrap();
    let o = dossier(&["check", folder]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(&format!("highlight {id} is orphan")),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        fs::read(dir.path().join("annotations.ron")).unwrap(),
        before
    );
}

#[test]
fn a_quote_that_is_not_there_exits_2() {
    let dir = sample_copy();
    let o = dossier(&[
        "highlight",
        dir.path().to_str().unwrap(),
        "--article",
        F003,
        "--quote",
        "no such words",
        "--tag",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("quote not found"), "{}", stderr(&o));
}

#[test]
fn an_unreadable_sidecar_is_reported_by_check_and_stops_other_commands() {
    let dir = sample_copy();
    fs::write(dir.path().join("annotations.ron"), "(version: 1, tags: [,]").unwrap();
    let o = dossier(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a problem found, the rest still checked"
    );
    let out = stdout(&o);
    assert!(out.contains("annotations.ron:1:"), "{out}");
    assert!(out.contains("5 articles loaded"), "{out}");
    let o = dossier(&["meetings", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("annotations.ron:1:"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("annotations.ron")).unwrap(),
        "(version: 1, tags: [,]"
    );
}

#[test]
fn corrections_win_in_articles_and_meetings() {
    let dir = sample_copy();
    fs::write(
        dir.path().join("annotations.ron"),
        r#"(
    version: 1,
    articles: {
        "004_48b92a249b80ec9f.txt": (
            metadata: (title: Some("Xi, Tokayev meet in Xi'an"), published: Some(Some("2023-05-17"))),
            meetings: [
                (key: (people: ["Emomali Rahmon", "Han Zheng"], nth: 0), not_a_meeting: true),
                (key: (people: ["Kassym-Jomart Tokayev", "Xi Jinping"]), kind: Some(state_visit), date: Some(Some("2023-05-17"))),
            ],
        ),
    },
)"#,
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let o = dossier(&["articles", folder]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("004_48b92a249b80ec9f.txt\tXi, Tokayev meet in Xi'an\t2023-05-17\t")
    );
    let o = dossier(&["meetings", folder]);
    let rows: Vec<String> = stdout(&o)
        .lines()
        .filter(|l| l.starts_with("004"))
        .map(String::from)
        .collect();
    assert_eq!(
        rows,
        [
            "004_48b92a249b80ec9f.txt\t2023-05-17\t\t1\t2023-05-17\tXi Jinping\tChina\tKassym-Jomart Tokayev\tKazakhstan\tstate_visit\tXi'an"
        ]
    );
}

#[test]
fn export_writes_each_format_and_refuses_what_it_cannot_do() {
    let dir = sample_copy();
    let folder = dir.path().to_str().unwrap();
    let o = dossier(&[
        "highlight",
        folder,
        "--article",
        F003,
        "--quote",
        "new quality productive forces",
        "--tag",
        "economy",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = dossier(&["export", folder, "--format", "markdown", "--tag", "economy"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("> new quality productive forces"));
    let o = dossier(&[
        "export",
        folder,
        "--format",
        "csv",
        "--country",
        "Azerbaijan",
    ]);
    assert_eq!(
        stdout(&o).lines().count(),
        1,
        "only the header: 003 has no meeting with Azerbaijan"
    );
    let o = dossier(&["export", folder, "--format", "qdpx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--output"));
    let out = dir.path().join("notes.qdpx");
    let o = dossier(&[
        "export",
        folder,
        "--format",
        "qdpx",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::read(&out).unwrap().starts_with(b"PK"));
    let o = dossier(&["export", folder, "--format", "json", "--tag", "no-such-tag"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no tag named \"no-such-tag\""),
        "{}",
        stderr(&o)
    );
}

/// A sidecar as half an hour of the old app left it: a highlight of a lone newline, one
/// of a comma, one that cuts a word ("China i"), and the same tag made twice.
fn untidy_sidecar(folder: &Path) -> (String, String) {
    use dossier::annotations::{self, Store, sidecar};
    let article = "002_d19069a31ccc614c.txt";
    let text = dossier::corpus::load(folder)
        .expect("loads")
        .articles
        .iter()
        .find(|a| a.path == article)
        .expect("the sample")
        .text
        .clone();
    let chars = |needle: &str| {
        let at = text.find(needle).expect("in the sample");
        dossier::text::byte_range_to_chars(&text, at..at + needle.len())
    };
    let mut s = Store::default();
    let one = annotations::ensure_tag(&mut s, "Trade");
    let mut twin = s.tags[0].clone();
    twin.id = "t-twin".into();
    twin.name = "trade".into();
    s.tags.push(twin);
    let now = jiff::Timestamp::UNIX_EPOCH;
    let tags = |id: &str| vec![id.to_owned()];
    let newline = chars("\n").start;
    annotations::add_highlight(
        &mut s,
        article,
        &text,
        newline..newline + 1,
        tags(&one),
        "",
        now,
    );
    let comma = chars(", ").start;
    annotations::add_highlight(
        &mut s,
        article,
        &text,
        comma..comma + 1,
        tags(&one),
        "",
        now,
    );
    let cut = chars("China-Kazakhstan");
    let cut_id = annotations::add_highlight(
        &mut s,
        article,
        &text,
        cut.start..cut.start + 7,
        tags("t-twin"),
        "",
        now,
    );
    sidecar::save(folder, &Store::default(), &s, sidecar::Wait::No).expect("saves");
    (
        cut_id,
        text[dossier::text::char_range_to_bytes(&text, cut)].to_owned(),
    )
}

#[test]
fn check_lists_blank_and_cut_highlights_and_twin_tags_and_tidy_fixes_them() {
    let dir = sample_copy();
    let folder = dir.path().to_path_buf();
    let (cut_id, whole) = untidy_sidecar(&folder);
    let f = folder.to_str().unwrap();
    let o = dossier(&["check", f]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert_eq!(
        out.matches("is blank (only white space is selected)")
            .count(),
        1,
        "{out}"
    );
    assert_eq!(
        out.matches("is blank (the selection holds no word)")
            .count(),
        1,
        "{out}"
    );
    assert!(
        out.contains(&format!("highlight {cut_id} cuts a word: \"China-K\"")),
        "{out}"
    );
    assert!(
        out.contains("2 tags are named \"Trade\" under the same parent"),
        "{out}"
    );

    let o = dossier(&["tidy", f, "--dry-run"]);
    assert_eq!(
        stdout(&o).lines().last(),
        Some("4 to tidy"),
        "{}",
        stderr(&o)
    );
    let o = dossier(&["tidy", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().last(), Some("4 tidied"));

    let o = dossier(&["check", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let (store, _) = dossier::annotations::sidecar::load(&folder).expect("loads");
    assert_eq!(store.tags.len(), 1);
    let hs: Vec<_> = store
        .articles
        .values()
        .flat_map(|a| &a.highlights)
        .collect();
    assert_eq!(hs.len(), 1, "the blank ones are gone");
    assert_eq!(
        (hs[0].id.as_str(), hs[0].anchor.quote.as_str()),
        (cut_id.as_str(), whole.as_str())
    );
    assert_eq!(hs[0].tags, [store.tags[0].id.clone()]);
}

#[test]
fn highlight_refuses_a_blank_quote_and_widens_a_cut_one() {
    let dir = sample_copy();
    let f = dir.path().to_str().unwrap();
    let article = "002_d19069a31ccc614c.txt";
    let o = dossier(&[
        "highlight",
        f,
        "--article",
        article,
        "--quote",
        ", ",
        "--occurrence",
        "1",
        "--tag",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the selection holds no word"),
        "{}",
        stderr(&o)
    );
    let o = dossier(&[
        "highlight",
        f,
        "--article",
        article,
        "--quote",
        "China-Kaz",
        "--occurrence",
        "1",
        "--tag",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("widened to whole words: \"China-Kazakhstan\""));
}

#[test]
fn gazetteer_names_who_held_an_office_on_a_day() {
    let rows = |args: &[&str]| -> Vec<Vec<String>> {
        let out = dossier(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .skip(1)
            .map(|l| l.split('\t').map(str::to_owned).collect())
            .collect()
    };
    let head_of_state = |day: &str| {
        rows(&[
            "gazetteer",
            "--on",
            day,
            "--country",
            "Kazakhstan",
            "--office",
            "head-of-state",
        ])
        .into_iter()
        .map(|r| r[0].clone())
        .collect::<Vec<_>>()
    };
    assert_eq!(head_of_state("2017-06-08"), ["Nursultan Nazarbayev"]);
    assert_eq!(head_of_state("2022-09-14"), ["Kassym-Jomart Tokayev"]);
    // Every row names its source; an organisation is found by its short name.
    let un = rows(&["gazetteer", "--on", "2020-01-01", "--country", "UN"]);
    assert_eq!(un.len(), 1);
    assert_eq!(un[0][0], "Antonio Guterres");
    assert!(un[0][6].contains("Secretary-General"), "{:?}", un[0]);
    // A bad date or country is an error naming it.
    let bad = dossier(&["gazetteer", "--on", "8 June 2017"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--on \"8 June 2017\""));
    let nowhere = dossier(&["gazetteer", "--country", "Atlantis"]);
    assert_eq!(nowhere.status.code(), Some(2));
}

#[test]
fn the_analysts_gazetteer_adds_people_and_phrasings_and_a_bad_entry_names_its_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(
        dir.path().join("visit.txt"),
        "Updated: 2025-03-03\n\nABUJA -- Nigerian President Bola Tinubu breakfasted with Mahama in Abuja on Monday before the ECOWAS talks.\n",
    )
    .expect("written");
    let folder = dir.path().to_str().expect("a UTF-8 path");
    let meetings = |d: &str| stdout(&dossier(&["meetings", d]));
    // Neither the phrasing nor the guest is known: no meeting.
    assert_eq!(meetings(folder).lines().count(), 1, "{}", meetings(folder));

    let file = dir.path().join("gazetteer.ron");
    fs::write(
        &file,
        r#"(
    people: [(name: "John Dramani Mahama", country: "Ghana", surnames: ["Mahama"], titles: ["President"])],
    terms: [(person: "John Dramani Mahama", country: "Ghana", office: head_of_state, from: "2025-01-07", source: "Electoral Commission of Ghana")],
    triggers: [(kind: meeting, pattern: r"\bbreakfasted with\b")],
)"#,
    )
    .expect("written");
    let table = meetings(folder);
    let row = table.lines().nth(1).expect("the meeting now appears");
    assert!(row.contains("Bola Tinubu\tNigeria"), "{row}");
    assert!(row.contains("John Dramani Mahama\tGhana"), "{row}");
    assert!(row.ends_with("meeting\tAbuja"), "{row}");
    // Its terms are listed with the built-in ones.
    let terms = stdout(&dossier(&[
        "gazetteer",
        folder,
        "--on",
        "2025-06-01",
        "--country",
        "Ghana",
    ]));
    assert!(
        terms.contains("John Dramani Mahama\tGhana\thead-of-state\t2025-01-07"),
        "{terms}"
    );
    assert!(terms.contains("Electoral Commission of Ghana"), "{terms}");
    assert_eq!(dossier(&["check", folder]).status.code(), Some(0));

    // A country nobody knows, on line 2: check says so and fails; meetings warns.
    fs::write(
        &file,
        "(\n    people: [(name: \"Kofi Mensah\", country: \"Wakanda\")],\n)",
    )
    .expect("written");
    let check = dossier(&["check", folder]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains("gazetteer.ron: line 2:"),
        "{}",
        stdout(&check)
    );
    assert!(stdout(&check).contains("Wakanda"), "{}", stdout(&check));
    let warned = dossier(&["meetings", folder]);
    assert_eq!(warned.status.code(), Some(0));
    assert!(
        stderr(&warned).contains("gazetteer.ron: line 2:"),
        "{}",
        stderr(&warned)
    );
}

#[test]
fn csv_export_is_safe_to_open_in_a_spreadsheet() {
    let dir = sample_copy();
    let folder = dir.path().to_str().expect("a UTF-8 path");
    let article = "000_ce9b4343981b04df.txt";
    // A note that a spreadsheet would run as a formula, on a highlight.
    let made = dossier(&[
        "highlight",
        folder,
        "--article",
        article,
        "--quote",
        "green energy",
        "--tag",
        "=cmd|' /C calc'!A0",
        "--note",
        "=HYPERLINK(\"http://example.com\",\"click\")",
    ]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let out = dossier(&["export", folder, "--format", "csv", "--bom"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The byte order mark first, for Excel and LibreOffice.
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8_lossy(&out.stdout[3..]).into_owned();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("a row")).collect();
    let row = rows
        .iter()
        .find(|r| r[7].contains("green energy"))
        .expect("the highlight is exported");
    // No cell starts a formula: the tag and the note show as text.
    for cell in row.iter() {
        assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
    }
    assert_eq!(&row[8], "'=cmd|' /C calc'!A0");
    assert_eq!(&row[11], "'=HYPERLINK(\"http://example.com\",\"click\")");
    // Without --bom, no mark.
    let plain = dossier(&["export", folder, "--format", "csv"]);
    assert!(plain.stdout.starts_with(b"article,"));
}

#[test]
fn obsidian_export_writes_a_folder_of_notes() {
    let dir = sample_copy();
    let folder = dir.path().to_str().expect("a UTF-8 path");
    let made = dossier(&[
        "highlight",
        folder,
        "--article",
        "000_ce9b4343981b04df.txt",
        "--quote",
        "green energy",
        "--tag",
        "energy",
    ]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    // A folder is needed.
    let refused = dossier(&["export", folder, "--format", "obsidian"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--output DIR"),
        "{}",
        stderr(&refused)
    );
    let vault = tempfile::tempdir().expect("a temporary folder");
    let out = vault.path().join("notes");
    let o = dossier(&[
        "export",
        folder,
        "--format",
        "obsidian",
        "--output",
        out.to_str().expect("UTF-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = fs::read_to_string(out.join("000_ce9b4343981b04df.md")).expect("the report's page");
    assert!(page.contains("#energy"), "{page}");
    // The link back climbs from the vault to the corpus.
    assert!(page.contains("000_ce9b4343981b04df.txt>)"), "{page}");
    assert!(page.contains("(<../../"), "{page}");
}

#[test]
fn raw_offsets_count_in_the_file_as_stored() {
    let dir = sample_copy();
    let folder = dir.path().to_str().expect("a UTF-8 path");
    let article = "002_d19069a31ccc614c.txt";
    // The report as Windows tools save it: a byte order mark and CRLF line ends.
    let path = dir.path().join(article);
    let text = std::fs::read_to_string(&path).expect("the sample reads");
    let stored = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
    std::fs::write(&path, &stored).expect("the sample is written");
    let quote = "high-quality Belt and Road cooperation";
    let made = dossier(&[
        "highlight",
        folder,
        "--article",
        article,
        "--quote",
        quote,
        "--tag",
        "BRI",
    ]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let chars: Vec<char> = stored.chars().collect();
    let slice = |start: usize, end: usize| chars[start..end].iter().collect::<String>();
    let span = |args: &[&str]| {
        let out = dossier(args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let mut r = csv::Reader::from_reader(out.stdout.as_slice());
        let row = r.records().next().expect("a row").expect("a record");
        let (start, end): (usize, usize) = (row[5].parse().unwrap(), row[6].parse().unwrap());
        (start, end)
    };
    let (start, end) = span(&["export", folder, "--format", "csv", "--raw-offsets"]);
    assert_eq!(slice(start, end), quote, "in the file as stored");
    // By default the positions count the text as dossier reads it: here they fall short.
    let (start, end) = span(&["export", folder, "--format", "csv"]);
    assert_ne!(slice(start, end), quote);
    // The JSON export says which it counted.
    let json = dossier(&["export", folder, "--format", "json", "--raw-offsets"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert!(
        v["dossier:positions"]
            .as_str()
            .unwrap()
            .contains("as stored")
    );
    // A .qdpx packs the text as dossier reads it: counting otherwise would be wrong.
    let out_path = dir.path().join("p.qdpx");
    let refused = dossier(&[
        "export",
        folder,
        "--format",
        "qdpx",
        "--raw-offsets",
        "--output",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
}

/// An export gets the mode any new file gets under the umask, not a private 0600: the
/// analyst shares it.
#[cfg(unix)]
#[test]
fn an_export_has_the_mode_of_a_file_made_by_hand() {
    use std::os::unix::fs::PermissionsExt;
    let dir = sample_copy();
    let folder = dir.path().to_str().expect("a UTF-8 path");
    let out = tempfile::tempdir().expect("temp");
    let by_hand = out.path().join("touched");
    std::fs::File::create(&by_hand).expect("a file");
    let exported = out.path().join("notes.md");
    let run = dossier(&[
        "export",
        folder,
        "--format",
        "markdown",
        "--output",
        exported.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&exported), mode(&by_hand));
    assert_ne!(mode(&exported), 0o600, "under the usual umask 022");
}
