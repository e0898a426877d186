//! The app crate's layers, checked on its source: the modules under `src/ui` import each
//! other without a circle (the shell, `ui/app`, is one type whose impl spans its files,
//! so it counts as one), and no panel or widget reaches up into the view or the shell.
//! The core crate's side of the layering is enforced by its dependencies instead.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("src/ui is readable") {
        let path = e.expect("an entry").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

/// The module a file holds, as its path under `ui` (`panels/mod.rs` is `["panels"]`).
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).expect("under src/ui");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The source without comments and without its inline test module.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names under `ui`: `crate::ui::a::b…`, `super::x…` and the members of
/// groups such as `use super::{x, y::{z}}` or `use crate::ui::a::{b, c}`, made absolute.
fn named(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let parent = &module[..module.len().saturating_sub(1)];
    for (prefix, base) in [("crate::ui::", &[][..]), ("super::", parent)] {
        for (i, _) in text.match_indices(prefix) {
            if i > 0 && text[..i].ends_with(|c: char| is_ident(c) || c == ':') {
                continue; // part of a longer path
            }
            expand(base.to_vec(), &text[i + prefix.len()..], &mut out);
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Add to `out` the paths `rest` starts with, below `base`: `a::b`, or `a::{b, c::{d}}`.
fn expand(mut base: Vec<String>, rest: &str, out: &mut Vec<Vec<String>>) {
    let mut rest = rest.trim_start();
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            for member in split_group(group) {
                expand(base.clone(), member, out);
            }
            return;
        }
        let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
        if name.is_empty() || name == "self" {
            break;
        }
        base.push(name.clone());
        match rest[name.len()..].strip_prefix("::") {
            Some(more) => rest = more,
            None => break,
        }
    }
    out.push(base);
}

/// The top-level members of a `{…}` group (what follows the `{`).
fn split_group(group: &str) -> Vec<&str> {
    let (mut depth, mut start, mut members) = (0, 0, Vec::new());
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                members.push(&group[start..i]);
                return members;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                members.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    members
}

/// The node a module counts as: the shell's files are one node.
fn node(module: &[String]) -> String {
    match module.first().map(String::as_str) {
        Some("app") => "app".to_owned(),
        _ => module.join("::"),
    }
}

/// The import graph of `src/ui`: node → the nodes it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let found = files(&root);
    let modules: BTreeSet<Vec<String>> = found.iter().map(|f| module_of(&root, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &found {
        let module = module_of(&root, file);
        let text = std::fs::read_to_string(file).expect("a source file");
        let from = node(&module);
        let edges = graph.entry(from.clone()).or_default();
        for path in named(&module, &code(&text)) {
            // The longest prefix that is a module: what the file depends on.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains(p));
            if let Some(target) = target.map(|t| node(&t))
                && target != from
                && !target.is_empty()
            {
                edges.insert(target);
            }
        }
    }
    graph
}

/// A circle in `graph`, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            return Some(path[i..].to_vec());
        }
        if !done.insert(n.to_owned()) {
            return None;
        }
        path.push(n.to_owned());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_ui_modules_import_each_other_without_a_circle() {
    let graph = graph();
    assert!(graph.len() > 15, "the modules were found: {graph:?}");
    assert_eq!(circle(&graph), None, "{graph:#?}");
}

#[test]
fn panels_and_widgets_never_reach_up_into_the_view_or_the_shell() {
    for (from, to) in graph() {
        let low = ["panels", "widgets", "focus", "commands"];
        if low.iter().any(|l| from.starts_with(l)) {
            for t in &to {
                assert!(t != "view" && t != "app", "{from} imports {t}");
            }
        }
        if from.starts_with("widgets") {
            assert!(
                to.iter().all(|t| t.starts_with("widgets")),
                "{from}: {to:?}"
            );
        }
    }
}

#[test]
fn the_checker_sees_a_circle_when_there_is_one() {
    let module = vec!["panels".to_owned(), "reader".to_owned()];
    let text = "use super::{gazetteer_form, x::{Y, z}};\nuse crate::ui::view::View;";
    let named = named(&module, text);
    let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(
        named.contains(&path(&["panels", "gazetteer_form"])),
        "{named:?}"
    );
    assert!(named.contains(&path(&["panels", "x", "z"])), "{named:?}");
    assert!(named.contains(&path(&["view", "View"])), "{named:?}");
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(circle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(circle(&g), Some(vec!["a".into(), "b".into(), "c".into()]));
}
