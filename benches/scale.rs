//! Benchmarks at scale, on generated corpora (see `dossier::synthetic`). Targets for this
//! 2-core machine are in BENCHMARKS.md with the figures measured.
//!
//! `cargo bench --bench scale` runs all; `cargo bench --bench scale -- load_10k` one.
//! The 100k corpus is generated once under `target/bench-corpora/` and reused.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dossier::annotations::model::Store;
use dossier::annotations::sidecar::Wait;
use dossier::annotations::{self, Anchor, Highlight, sidecar};
use dossier::filter::{self, Query};
use dossier::ui::app::{DossierApp, Prefs};
use dossier::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A generated corpus of `n` articles, made once and kept between runs.
fn corpus(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpora")
        .join(format!("articles-{n}"));
    if !dir.join("truth.tsv").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        dossier::synthetic::generate(&dir, n, 2024).expect("the bench corpus is written");
    }
    dir
}

fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out
}

fn load(c: &mut Criterion) {
    for n in [10_000, 100_000] {
        let dir = corpus(n);
        let files = all_files(&dir);
        let mut g = c.benchmark_group(format!("load_{}k", n / 1000));
        g.sample_size(10)
            .measurement_time(Duration::from_secs(if n > 10_000 { 60 } else { 15 }));
        // The floor: reading the same bytes, as `cat` would.
        g.bench_function("read_bytes", |b| {
            b.iter(|| {
                files
                    .iter()
                    .map(|f| std::fs::read(f).map_or(0, |v| v.len()))
                    .sum::<usize>()
            })
        });
        // Every report extracted: no cache of an earlier run. Freeing the workspace is left
        // out (`iter_with_large_drop`): the app frees the corpus it replaces on another
        // thread.
        set_cache(None);
        g.bench_function("load_metadata_extract_timeline", |b| {
            b.iter_with_large_drop(|| Workspace::open(&dir).expect("opens"))
        });
        // Reopened, nothing changed: the meetings come from the cache of the first open.
        let caches = tempfile::tempdir().expect("tmp");
        set_cache(Some(caches.path()));
        drop(Workspace::open(&dir).expect("opens"));
        g.bench_function("reopen_unchanged", |b| {
            b.iter_with_large_drop(|| Workspace::open(&dir).expect("opens"))
        });
        // Reopened after one report changed: that one is extracted, the cache rewritten.
        let one = files
            .iter()
            .find(|f| f.extension().is_some_and(|x| x == "txt"));
        let one = one.expect("a report").clone();
        let original = std::fs::read(&one).expect("the report");
        let mut flip = false;
        g.bench_function("reopen_one_changed", |b| {
            b.iter_batched(
                || {
                    flip = !flip;
                    let mut text = original.clone();
                    if flip {
                        text.extend_from_slice(b"\n");
                    }
                    std::fs::write(&one, text).expect("changed");
                },
                |()| Workspace::open(&dir).expect("opens"),
                BatchSize::PerIteration,
            )
        });
        std::fs::write(&one, &original).expect("restored");
        set_cache(None);
        g.finish();
    }
}

/// Where `Workspace::open` keeps extracted meetings between runs: `dir`, or nowhere.
fn set_cache(dir: Option<&Path>) {
    let value = dir.map_or(std::ffi::OsString::new(), |d| d.as_os_str().to_owned());
    // SAFETY: the benchmarks run on one thread; no other thread reads the environment.
    unsafe { std::env::set_var("DOSSIER_CACHE_DIR", value) };
}

fn filter_keystroke(c: &mut Criterion) {
    let ws = Workspace::open(&corpus(100_000)).expect("opens");
    // The index is built once per change of the data, not per keystroke.
    let mut index = filter::Index::build(&ws);
    let _ = filter::apply_with(
        &mut index,
        &ws,
        &Query {
            text: "t".into(),
            ..Query::default()
        },
    );
    let mut g = c.benchmark_group("filter_100k");
    g.sample_size(20);
    // Typing "Toka" after "Tok": a fuzzy text query over every event.
    g.bench_function("text_keystroke", |b| {
        let q = Query {
            text: "Toka".into(),
            ..Query::default()
        };
        b.iter(|| filter::apply_with(&mut index, &ws, &q))
    });
    g.bench_function("facet_country", |b| {
        let q = Query {
            countries: ["Kazakhstan".to_owned()].into(),
            ..Query::default()
        };
        b.iter(|| filter::apply_with(&mut index, &ws, &q))
    });
    g.bench_function("index_build", |b| b.iter(|| filter::Index::build(&ws)));
    g.finish();
}

/// A folder with the 100k corpus's reports linked in, plus a 1 MB report carrying 5,000
/// highlights in the sidecar.
fn big_article_corpus() -> PathBuf {
    let base = corpus(100_000);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpora/frame");
    if dir.join("annotations.ron").exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("folder");
    // The 100k reports, hard-linked (dossier does not follow links to folders).
    for f in all_files(&base) {
        let rel = f.strip_prefix(&base).expect("inside");
        let to = dir.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        if std::fs::hard_link(&f, &to).is_err() {
            std::fs::copy(&f, &to).expect("copy");
        }
    }
    let paragraph = "Chinese President Xi Jinping held talks with Kazakh President Kassym-Jomart Tokayev in Astana on Wednesday, and the two sides agreed to deepen cooperation in trade, energy and connectivity.\n\n";
    let text = paragraph.repeat(1_048_576 / paragraph.len());
    std::fs::write(dir.join("0000_big.txt"), &text).expect("big article");
    let mut store = Store::default();
    let tag = annotations::ensure_tag(&mut store, "cooperation");
    let at: jiff::Timestamp = "2024-01-01T00:00:00Z".parse().expect("time");
    let step = text.chars().count() / 5_000;
    let notes = store.articles.entry("0000_big.txt".into()).or_default();
    for i in 0..5_000 {
        let start = i * step + 10;
        notes.highlights.push(Highlight {
            id: format!("h{i}"),
            anchor: Anchor::new(&text, start..start + 40),
            tags: vec![tag.clone()],
            note: String::new(),
            created: at,
            modified: at,
        });
    }
    std::fs::write(
        sidecar::path(&dir),
        sidecar::encode(&store).expect("encode"),
    )
    .expect("sidecar");
    dir
}

/// A headless window of 1400×900 for `app`, warmed up (fonts, layout caches, the first
/// galleys), and the input of each frame.
fn window(app: &mut DossierApp) -> (egui::Context, fn() -> egui::RawInput) {
    let ctx = egui::Context::default();
    fn input() -> egui::RawInput {
        egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1400.0, 900.0),
            )),
            ..Default::default()
        }
    }
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.draw(ui));
    }
    (ctx, input)
}

/// Each frame's time, drawn until the app has caught up with a change (reports put in
/// place, the filter's answers shown).
fn frames_until_caught_up(
    app: &mut DossierApp,
    ctx: &egui::Context,
    input: fn() -> egui::RawInput,
) -> Vec<Duration> {
    let mut each = Vec::new();
    loop {
        let t = std::time::Instant::now();
        std::hint::black_box(ctx.run_ui(input(), |ui| app.draw(ui)));
        each.push(t.elapsed());
        if !app.is_catching_up() || each.len() > 1000 {
            return each;
        }
    }
}

/// The frames of the median sequence (by their sum), in milliseconds.
fn print_median(what: &str, mut frames: Vec<Vec<Duration>>) {
    frames.sort_by_key(|each| each.iter().sum::<Duration>());
    if let Some(each) = frames.get(frames.len() / 2) {
        let ms: Vec<String> = (each.iter())
            .map(|d| format!("{:.1}", d.as_secs_f64() * 1e3))
            .collect();
        let sum: Duration = each.iter().sum();
        eprintln!(
            "{what}, to shown: {} frames ({} ms), {:.0} ms in all",
            each.len(),
            ms.join(" "),
            sum.as_secs_f64() * 1e3
        );
    }
}

fn ui_frame(c: &mut Criterion) {
    let dir = big_article_corpus();
    let mut app = DossierApp::new(Prefs::default(), Some(dir.clone()), None);
    app.finish_loading();
    if let Some(ws) = &app.workspace {
        let big = ws.article_index("0000_big.txt").expect("the big article");
        app.view.open_article(big);
    }
    let (ctx, input) = window(&mut app);
    let mut g = c.benchmark_group("ui");
    g.sample_size(30);
    g.bench_function("frame_100k_meetings_1mb_article_5k_highlights", |b| {
        b.iter(|| ctx.run_ui(input(), |ui| app.draw(ui)))
    });
    // Frames that miss the caches (#15): each iteration changes something, then draws.
    // The fixture's annotations are put back afterwards (the app saves as it goes).
    let sidecar = sidecar::path(&dir);
    let kept = std::fs::read(&sidecar).expect("the fixture's annotations");
    use dossier::ui::commands::{Command, Nav};
    use dossier::workspace::Edit;
    let big = app.view.focus.article.expect("the big article is open");
    let other = (big + 1) % 1000;
    let mut n = 0usize;
    g.bench_function("frame_after_typing_a_note_character", |b| {
        b.iter(|| {
            n += 1;
            app.apply(Command::Edit(Edit::SetArticleNote {
                article: "0000_big.txt".into(),
                note: "x".repeat(n % 40 + 1),
            }));
            ctx.run_ui(input(), |ui| app.draw(ui))
        })
    });
    g.bench_function("frame_after_tagging_or_its_undo", |b| {
        b.iter(|| {
            n += 1;
            let command = if n.is_multiple_of(2) {
                Command::Undo
            } else {
                Command::Edit(Edit::ApplyTag {
                    article: "0000_big.txt".into(),
                    range: 1_000..1_040,
                    tag: dossier::annotations::ops::TagChoice::New("bench".into()),
                })
            };
            app.apply(command);
            ctx.run_ui(input(), |ui| app.draw(ui))
        })
    });
    g.bench_function("frame_after_switching_report", |b| {
        b.iter(|| {
            n += 1;
            let article = if n.is_multiple_of(2) { big } else { other };
            app.apply(Command::Nav(Nav::OpenReport {
                article,
                mark: None,
            }));
            ctx.run_ui(input(), |ui| app.draw(ui))
        })
    });
    // The filter's answers are worked out over frames: the longest frame from the
    // change until they are shown.
    let mut frames = Vec::new();
    g.bench_function("longest_frame_from_a_filter_change_to_shown", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let mut query = app.view.focus.query.clone();
                query.text = if n.is_multiple_of(2) { "Toka" } else { "Xi" }.into();
                app.apply(Command::Nav(Nav::SetQuery(Box::new(query))));
                let each = frames_until_caught_up(&mut app, &ctx, input);
                total += each.iter().max().copied().unwrap_or_default();
                frames.push(each);
            }
            total
        })
    });
    print_median("filter change", frames);
    g.finish();
    drop(app);
    std::fs::write(&sidecar, kept).expect("the fixture's annotations put back");
}

/// A store with 50,000 highlights over the 10k corpus (five per article).
fn big_store(ws: &Workspace) -> Store {
    let mut store = Store::default();
    let tag = annotations::ensure_tag(&mut store, "theme");
    let at: jiff::Timestamp = "2024-01-01T00:00:00Z".parse().expect("time");
    for a in &ws.corpus().articles {
        let len = a.text.chars().count();
        let notes = store.articles.entry(a.path.clone()).or_default();
        for k in 0..5 {
            let start = (len / 6) * (k + 1);
            notes.highlights.push(Highlight {
                id: format!("{}#{k}", a.path),
                anchor: Anchor::new(&a.text, start..(start + 30).min(len)),
                tags: vec![tag.clone()],
                note: String::new(),
                created: at,
                modified: at,
            });
        }
    }
    store
}

fn sidecar_50k(c: &mut Criterion) {
    let ws = Workspace::open(&corpus(10_000)).expect("opens");
    let store = big_store(&ws);
    let dir = tempfile::tempdir().expect("tmp");
    let empty = Store::default();
    let mut g = c.benchmark_group("sidecar_50k_highlights");
    g.sample_size(10);
    g.bench_function("save", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(sidecar::path(dir.path()));
            },
            |()| sidecar::save(dir.path(), &empty, &store, Wait::No).expect("saved"),
            BatchSize::PerIteration,
        )
    });
    // A save that finds the file changed on disk: lock, read, parse, merge three ways, write.
    let mut ours = store.clone();
    if let Some(notes) = ours.articles.values_mut().next() {
        notes.note = "one more note".into();
    }
    g.bench_function("save_merging_with_disk", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(sidecar::path(dir.path()));
                sidecar::save(dir.path(), &empty, &store, Wait::No).expect("saved");
            },
            |()| sidecar::save(dir.path(), &store, &ours, Wait::No).expect("saved"),
            BatchSize::PerIteration,
        )
    });
    // The app's usual autosave: the file on disk is the one it last wrote, so no merge.
    g.bench_function("save_over_own_file", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(sidecar::path(dir.path()));
                sidecar::save(dir.path(), &empty, &store, Wait::No)
                    .expect("saved")
                    .fingerprint
            },
            |fp| sidecar::save_over(dir.path(), &store, fp, &ours, Wait::No).expect("saved"),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("merge_in_memory", |b| {
        b.iter(|| {
            annotations::merge::merge(&store, &ours, &store)
                .0
                .tags
                .len()
        })
    });
    let _ = std::fs::remove_file(sidecar::path(dir.path()));
    sidecar::save(dir.path(), &empty, &store, Wait::No).expect("saved");
    g.bench_function("load_and_reanchor", |b| {
        b.iter(|| {
            let (loaded, _) = sidecar::load(dir.path()).expect("loads");
            annotations::place_all(&loaded, ws.corpus()).len()
        })
    });
    g.finish();
}

/// A 19 MB report on one line and 500 highlights spread through it.
/// A report of `items` numbered sentences (260k: 19 MB; 14k: 1 MB) with 500 highlights
/// spread over it.
fn big_report_with_highlights(items: usize) -> (String, Vec<Anchor>) {
    let text: String = (0..items)
        .map(|i| format!("Item {i}: the ministers reviewed point {i} of the agenda. "))
        .collect();
    let anchors = (0..500)
        .map(|k| {
            let needle = format!(
                "Item {}: the ministers reviewed point",
                k * (items / 520) + 7
            );
            let at = text.find(&needle).expect("the sentence is there");
            Anchor::new(&text, at..at + needle.len())
        })
        .collect();
    (text, anchors)
}

/// Re-anchoring 500 highlights in a 19 MB report (what `dossier check` and the reader do):
/// all exact; each passage edited in place (fuzzy, found near the old place); each
/// passage deleted (orphans: the bounded whole-text search gives up).
/// The same at 1 MB, exact and fuzzy: what the first frame after such a report is
/// reloaded does before it draws (#15).
fn reanchor_19mb(c: &mut Criterion) {
    for (items, group) in [
        (260_000, "reanchor_500_in_19mb"),
        (14_000, "reanchor_500_in_1mb"),
    ] {
        reanchor(c, items, group);
    }
}

fn reanchor(c: &mut Criterion, items: usize, group: &str) {
    let (text, anchors) = big_report_with_highlights(items);
    let edited = text.replace(
        "the ministers reviewed point",
        "the ministers reveiwed point",
    );
    let shifted = format!("A new first paragraph. {edited}");
    let deleted = text.replace(": the ministers reviewed point", ": ");
    let mut g = c.benchmark_group(group);
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    let cases = [
        ("exact", &text),
        ("fuzzy_near", &shifted),
        ("orphans", &deleted),
    ];
    for (name, t) in cases.into_iter().take(if items < 100_000 { 2 } else { 3 }) {
        // As the app does: every highlight of the report in one pass
        // (`resolve_highlights`), not one search of the text per highlight.
        let refs: Vec<&Anchor> = anchors.iter().collect();
        g.bench_function(name, |b| {
            b.iter(|| {
                (annotations::anchor::resolve_highlights(Some(t), &refs).iter())
                    .map(|r| r.status as usize)
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

/// A report of about `kb` KB made of agency sentences, on one line or one per line.
fn long_report(kb: usize, one_line: bool) -> dossier::corpus::Article {
    const SENTENCES: [&str; 4] = [
        "ASTANA, March 3 (Xinhua) -- Chinese President Xi Jinping held talks with Kazakh President Kassym-Jomart Tokayev in Astana on Wednesday.",
        "The two sides agreed to deepen cooperation in trade, energy and connectivity.",
        "Tokayev said Kazakhstan attaches great importance to its relations with China.",
        "Both leaders witnessed the signing of several cooperation documents.",
    ];
    let sep = if one_line { " " } else { "\n" };
    let mut body = String::with_capacity(kb * 1024 + 200);
    let mut i = 0;
    while body.len() < kb * 1024 {
        body.push_str(SENTENCES[i % SENTENCES.len()]);
        body.push_str(sep);
        i += 1;
    }
    let text = format!("Xi and Tokayev hold talks\n\n{body}");
    dossier::corpus::Article::from_bytes("long.txt", text.as_bytes()).expect("a report")
}

/// Meeting extraction on one report from 1 KB to 16 MB, one line and many: the time per
/// KB should stay flat (it grew with the length when offsets were recounted per sentence).
fn extract_linear(c: &mut Criterion) {
    let gaz = dossier::gazetteer::Gazetteer::builtin();
    let mut g = c.benchmark_group("extract_per_report");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for kb in [1, 64, 1024, 4096, 16384] {
        for one_line in [true, false] {
            let article = long_report(kb, one_line);
            let shape = if one_line { "one_line" } else { "lines" };
            g.throughput(criterion::Throughput::Bytes(article.text.len() as u64));
            g.bench_function(format!("{kb}kb_{shape}"), |b| {
                b.iter(|| dossier::meetings::extract(&article, gaz).len())
            });
        }
    }
    g.finish();
}

/// A copy of the 100k corpus whose sidecar holds 50k highlights (every second report),
/// tagged with eight tags, two of them parents; made once and kept.
fn coded_100k() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpora/coded-100000");
    if sidecar::path(&dir).exists() {
        return dir;
    }
    let source = corpus(100_000);
    let _ = std::fs::remove_dir_all(&dir);
    for f in all_files(&source) {
        let to = dir.join(f.strip_prefix(&source).expect("inside"));
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("folder");
        std::fs::copy(&f, &to).expect("copied");
    }
    let ws = Workspace::open(&dir).expect("opens");
    let mut store = Store::default();
    let parents = ["economy", "security"].map(|p| annotations::ensure_tag(&mut store, p));
    let mut tags = Vec::new();
    for (k, name) in [
        "trade",
        "energy",
        "transport",
        "terrorism",
        "borders",
        "health",
    ]
    .iter()
    .enumerate()
    {
        let id = annotations::ensure_tag(&mut store, name);
        if let Some(t) = store.tags.iter_mut().find(|t| t.id == id) {
            t.parent = Some(parents[k / 3].clone());
        }
        tags.push(id);
    }
    let at: jiff::Timestamp = "2024-01-01T00:00:00Z".parse().expect("time");
    for (i, a) in ws.corpus().articles.iter().enumerate().step_by(2) {
        let len = a.text.chars().count();
        let start = len / 3;
        store
            .articles
            .entry(a.path.clone())
            .or_default()
            .highlights
            .push(Highlight {
                id: format!("h{i}"),
                anchor: Anchor::new(&a.text, start..(start + 40).min(len)),
                tags: vec![
                    tags[i % tags.len()].clone(),
                    tags[(i / 7) % tags.len()].clone(),
                ],
                note: String::new(),
                created: at,
                modified: at,
            });
    }
    sidecar::save(&dir, &Store::default(), &store, Wait::No).expect("saved");
    dir
}

/// The themes window's tables over 50k highlights in 100k reports.
fn themes_50k(c: &mut Criterion) {
    use dossier::analysis::{agree, passages, tables};
    let ws = Workspace::open(&coded_100k()).expect("opens");
    let reports: Vec<usize> = (0..ws.corpus().articles.len()).collect();
    let tags = std::collections::BTreeSet::new();
    let started = std::time::Instant::now();
    let all = passages::passages(&ws, &reports, &tags);
    eprintln!(
        "themes_50k: {} passages; first pass with every highlight placed: {:?}",
        all.len(),
        started.elapsed()
    );
    let dates: Vec<_> = ws
        .corpus()
        .articles
        .iter()
        .map(|a| a.meta.published)
        .collect();
    let store = ws.store();
    let mut g = c.benchmark_group("themes_50k");
    g.sample_size(10);
    g.bench_function("passages_placed", |b| {
        b.iter(|| passages::passages(&ws, &reports, &tags).len())
    });
    g.bench_function("matrix_by_country", |b| {
        b.iter(|| tables::matrix(store, &all, tables::By::Country, tables::Count::Passages))
    });
    g.bench_function("matrix_by_year_reports", |b| {
        b.iter(|| tables::matrix(store, &all, tables::By::Year, tables::Count::Reports))
    });
    g.bench_function("trends_by_month", |b| {
        b.iter(|| tables::trends(store, &all, &dates, tables::Period::Month))
    });
    g.bench_function("cooccurrence", |b| {
        b.iter(|| tables::cooccurrence(store, &all))
    });
    // A second coder who left out every tenth highlight.
    let mut theirs = store.clone();
    let mut n = 0;
    for notes in theirs.articles.values_mut() {
        notes.highlights.retain(|_| {
            n += 1;
            n % 10 != 0
        });
    }
    let corpus = ws.corpus();
    let split = agree::sentences(corpus);
    let compared = agree::agree_on(corpus, &split, store, &theirs);
    eprintln!(
        "themes_50k: agreement over {} sentences, {} disagreements",
        compared.sentences,
        compared.disagreements.len()
    );
    g.bench_function("agree_split_sentences", |b| {
        b.iter(|| agree::sentences(corpus).len())
    });
    g.bench_function("agree_from_the_files", |b| {
        b.iter(|| agree::agree_on(corpus, &split, store, &theirs).tags.len())
    });
    // As the app does after an edit: the other coder's coding kept, the analyst's
    // highlights placed where the workspace keeps them.
    let their_coding = agree::coding(corpus, &split, &theirs);
    g.bench_function("agree_after_a_change", |b| {
        b.iter(|| {
            let ours = agree::coding_in(&ws, &split);
            agree::compare(corpus, &split, &ours, &their_coding)
                .tags
                .len()
        })
    });
    g.bench_function("all_after_a_change", |b| {
        b.iter(|| {
            let all = passages::passages(&ws, &reports, &tags);
            let m = tables::matrix(store, &all, tables::By::Country, tables::Count::Passages);
            let t = tables::trends(store, &all, &dates, tables::Period::Month);
            (
                m.cells.len(),
                t.periods.len(),
                tables::cooccurrence(store, &all).len(),
            )
        })
    });
    g.finish();
}

/// An edit and its undo at 50k highlights over 100k reports: a step keeps only the
/// report the edit names, so its cost does not grow with the store (#15). The fixture's
/// annotations end as they began (an edit and its undo), and nothing is saved.
fn undo_50k(c: &mut Criterion) {
    use dossier::workspace::Edit;
    let mut ws = Workspace::open(&coded_100k()).expect("opens");
    let (path, highlight, tag) = (ws.store().articles.iter())
        .find_map(|(p, n)| {
            let h = n.highlights.first()?;
            Some((p.clone(), h.id.clone(), h.tags.first()?.clone()))
        })
        .expect("a tagged highlight");
    let now = jiff::Timestamp::now();
    let mut g = c.benchmark_group("undo_50k");
    g.sample_size(20);
    g.bench_function("note_apply_and_undo", |b| {
        b.iter(|| {
            let edit = Edit::SetHighlightNote {
                article: path.clone(),
                highlight: highlight.clone(),
                note: "a note".into(),
            };
            ws.apply(edit, now).expect("applied");
            ws.undo().expect("a step to undo")
        })
    });
    g.bench_function("untag_apply_and_undo", |b| {
        b.iter(|| {
            let edit = Edit::UntagHighlight {
                article: path.clone(),
                highlight: highlight.clone(),
                tag: tag.clone(),
            };
            ws.apply(edit, now).expect("applied");
            ws.undo().expect("a step to undo")
        })
    });
    g.bench_function("rename_tag_apply_and_undo", |b| {
        b.iter(|| {
            let edit = Edit::RenameTag {
                tag: tag.clone(),
                name: "renamed".into(),
            };
            ws.apply(edit, now).expect("applied");
            ws.undo().expect("a step to undo")
        })
    });
    g.finish();
}

/// 10k of 100k reports changed on disk at once (a checkout), read again on a worker and
/// put in place in one step (#15): the worker's time, the window's step, the frame after
/// it, and a frame drawn while the worker reads.
fn reload_10k(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpora/reload-100000");
    if !dir.join("truth.tsv").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        dossier::synthetic::generate(&dir, 100_000, 2024).expect("the bench corpus is written");
    }
    let mut paths = all_files(&dir);
    paths.sort();
    paths.truncate(10_000);
    // Bytes, not text: some generated reports are in Windows-1252.
    let originals: Vec<Vec<u8>> = (paths.iter())
        .map(|p| std::fs::read(p).expect("a report"))
        .collect();
    let write_all = |edited: bool| {
        for (p, bytes) in paths.iter().zip(&originals) {
            let mut bytes = bytes.clone();
            if edited {
                bytes.extend_from_slice(b"\nThe talks were described as cordial.\n");
            }
            std::fs::write(p, bytes).expect("a report written");
        }
    };
    let mut app = DossierApp::new(Prefs::default(), Some(dir.clone()), None);
    app.finish_loading();
    let ws = app.workspace.as_mut().expect("open");
    write_all(true);
    let edited = ws.reload_job(&paths).run();
    write_all(false);
    let restored = ws.reload_job(&paths).run();
    let (ctx, input) = window(&mut app);
    let mut g = c.benchmark_group("reload_10k_of_100k");
    g.sample_size(10);
    let ws = app.workspace.as_ref().expect("open");
    g.bench_function("read_on_the_worker", |b| {
        b.iter_batched(
            || ws.reload_job(&paths),
            |job| job.run(),
            BatchSize::LargeInput,
        )
    });
    let mut n = 0usize;
    let mut next = || {
        n += 1;
        if n.is_multiple_of(2) {
            restored.clone()
        } else {
            edited.clone()
        }
    };
    g.bench_function("apply_on_the_window_thread", |b| {
        b.iter_batched(
            &mut next,
            |r| app.workspace.as_mut().expect("open").apply_reload(r),
            BatchSize::LargeInput,
        )
    });
    // The reports read put in place as the window does, a step per frame, then the
    // filter's answers worked out over frames: the longest of those frames. The folder's
    // own watcher is let settle first (the rewrites above are reported to it).
    let settle = std::time::Instant::now();
    while settle.elapsed() < Duration::from_secs(2)
        || (app.is_catching_up() && settle.elapsed() < Duration::from_secs(60))
    {
        let _ = ctx.run_ui(input(), |ui| app.draw(ui));
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut frames = Vec::new();
    g.bench_function("longest_frame_from_read_to_shown", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                app.put_in_place(next());
                let each = frames_until_caught_up(&mut app, &ctx, input);
                total += each.iter().max().copied().unwrap_or_default();
                frames.push(each);
            }
            total
        })
    });
    print_median("reload of 10k", frames);
    // A frame while a worker reads the 10k reports on the other core(s).
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let job_paths = paths.clone();
    let folder = dir.clone();
    let reader = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let ws = Workspace::open(&folder).expect("open");
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = ws.reload_job(&job_paths).run();
            }
        })
    };
    std::thread::sleep(Duration::from_secs(3)); // the reader's own open is done
    g.bench_function("frame_while_the_worker_reads", |b| {
        b.iter(|| ctx.run_ui(input(), |ui| app.draw(ui)))
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = reader.join();
    g.finish();
}

criterion_group!(
    benches,
    extract_linear,
    load,
    filter_keystroke,
    ui_frame,
    sidecar_50k,
    reanchor_19mb,
    themes_50k,
    undo_50k,
    reload_10k
);
criterion_main!(benches);
