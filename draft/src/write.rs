//! Writes a draft as a data folder in the documented format (README,
//! "Charting another article") and its report for the editor.

use std::fmt::Write as _;

use dataset::{period_text, plain_number, Period};

use crate::Draft;

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The files of the folder and the report, as (name, text).
pub fn files(d: &Draft) -> Vec<(String, String)> {
    vec![
        ("article.toml".into(), article(d)),
        ("indicators.toml".into(), indicators(d)),
        ("charts.toml".into(), charts(d)),
        ("DRAFT.md".into(), report(d)),
    ]
}

fn article(d: &Draft) -> String {
    let mut s = String::new();
    s.push_str("# Drafted by `cargo xtask draft` from a Chinese article; every text is in\n");
    s.push_str("# Chinese only (languages = [\"zh\"]). See DRAFT.md for what to check.\n\n");
    s.push_str("[meta]\nlanguages = [\"zh\"]\n");
    match &d.title {
        Some(t) => {
            let _ = writeln!(s, "title_zh = {}", q(t));
        }
        None => {
            s.push_str("# TODO(editor): the article's first line is not a headline; write one.\n");
            s.push_str("title_zh = \"报道中的数字\"\n");
        }
    }
    s.push_str("# TODO(editor): name the report and its author.\n");
    let source = match &d.agency {
        Some(a) => format!("{a}报道"),
        None => "原文报道".to_owned(),
    };
    let _ = writeln!(s, "source_zh = {}\n", q(&source));
    s.push_str("[[section]]\nid = \"figures\"\ntitle_zh = \"报道中的数字\"\ndescription_zh = \"报道中出现的全部数字。\"\n\n");
    s.push_str("[[category]]\nid = \"figures\"\nname_zh = \"数字\"\n");
    let mut seen: Vec<&str> = Vec::new();
    for f in &d.figures {
        if seen.contains(&f.unit.id.as_str()) {
            continue;
        }
        seen.push(&f.unit.id);
        let _ = write!(
            s,
            "\n[[unit]]\nid = {}\nquantity = {}\nzh = {}\n",
            q(&f.unit.id),
            q(f.unit.quantity.name()),
            q(&f.unit.zh)
        );
        if !f.unit.en.is_empty() {
            let _ = writeln!(s, "en = {}", q(f.unit.en));
        }
    }
    s
}

fn indicators(d: &Draft) -> String {
    let mut s = String::from(
        "# Every figure the draft found, in text order. `value` is in base units\n# (yuan, not 万元); `printed` is the figure as the cleaned article prints it.\n",
    );
    for (f, id) in d.figures.iter().zip(&d.ids) {
        s.push('\n');
        for r in &f.review {
            let _ = writeln!(s, "# TODO(editor): {r}");
        }
        let _ = writeln!(s, "[[indicator]]\nid = {}\ncategory = \"figures\"", q(id));
        let _ = writeln!(s, "label_zh = {}", q(&f.label));
        match f.value {
            Some(v) => {
                let _ = writeln!(s, "value = {}", plain_number(v));
            }
            None => s.push_str("value = \"unknown\"\n"),
        }
        let _ = writeln!(s, "unit = {}", q(&f.unit.id));
        let _ = writeln!(s, "qualifier = {}", q(f.bound.qualifier().name()));
        if f.period != Period::Undated {
            let _ = writeln!(s, "year = {}", q(&period_text(f.period)));
        }
        let _ = writeln!(s, "printed = {}", q(&f.printed));
        let _ = writeln!(s, "source = {}", q(&f.source));
        if let Some(h) = &f.source_hant {
            let _ = writeln!(s, "source_zh_hant = {}", q(h));
        }
        if !f.review.is_empty() {
            let _ = writeln!(s, "review = {}", q(&f.review.join("；")));
        }
    }
    s
}

fn charts(d: &Draft) -> String {
    let mut s =
        String::from("# Charts the draft proposes; each needs a title that states its finding.\n");
    for c in &d.charts {
        let _ = write!(
            s,
            "\n# TODO(editor): {}\n[[chart]]\nid = {}\nsection = \"figures\"\nkind = {}\ntitle_zh = {}\nreview = {}\nitems = [\n",
            c.review,
            q(&c.id),
            q(c.kind.name()),
            q(&c.title),
            q(&c.review)
        );
        for &i in &c.items {
            if let Some(id) = d.ids.get(i) {
                let _ = writeln!(s, "  {},", q(id));
            }
        }
        s.push_str("]\n");
    }
    s
}

fn report(d: &Draft) -> String {
    let mut s = String::from("# Draft report\n\n");
    let _ = writeln!(
        s,
        "{} figures, {} charts drafted from a {} Chinese article. The folder is Chinese only\n(`languages = [\"zh\"]`): the site is to build its Chinese pages from it and no English ones.\n",
        d.figures.len(),
        d.charts.len(),
        if d.traditional { "Traditional" } else { "Simplified" }
    );
    s.push_str("## Cleanings of the text\n\n");
    if d.cleanings.is_empty() {
        s.push_str("None.\n");
    }
    for c in &d.cleanings {
        // What was dropped is said so: "→ ``" reads as a slip.
        let _ = if c.after.is_empty() {
            writeln!(s, "- line {}: `{}` dropped ({})", c.line, c.before, c.why)
        } else {
            writeln!(
                s,
                "- line {}: `{}` → `{}` ({})",
                c.line, c.before, c.after, c.why
            )
        };
    }
    s.push_str(
        "\n## Garbled passages (characters lost in the copy; check the figures near them)\n\n",
    );
    if d.garbled.is_empty() {
        s.push_str("None.\n");
    }
    for (line, g) in &d.garbled {
        let _ = writeln!(s, "- line {line}: `{g}`");
    }
    s.push_str("\n## For the editor to decide\n\n");
    for (f, id) in d.figures.iter().zip(&d.ids) {
        for r in &f.review {
            let _ = writeln!(s, "- `{id}` (line {}, “{}”): {r}", f.line, f.printed);
        }
    }
    for c in &d.charts {
        let _ = writeln!(s, "- chart `{}`: {}", c.id, c.review);
    }
    s.push_str("\n## Numbers left out (not figures)\n\n");
    for k in &d.skipped {
        let _ = writeln!(s, "- line {}: `{}`: {}", k.line, k.text, k.why);
    }
    s
}
