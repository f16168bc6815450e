//! Drafts one article and prints the figures, for trying rules by hand:
//! `cargo run -p article-draft --example try_draft -- ARTICLE.txt`; with
//! `SKIPPED=1` it also prints the numbers it took for no figure, and why,
//! and each cleaning of the text.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: try_draft ARTICLE.txt");
        return;
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let d = article_draft::draft(&text);
    for (f, id) in d.figures.iter().zip(&d.ids) {
        println!(
            "{id}\t{:?}\t{:?}\t{}\t{}\t{:?}\t{}",
            f.value,
            f.bound,
            f.printed,
            f.label,
            dataset_period(f.period),
            f.review.len()
        );
    }
    if std::env::var_os("SKIPPED").is_some() {
        for s in &d.skipped {
            println!("skipped {s:?}");
        }
        for c in &d.cleanings {
            println!("cleaning {c:?}");
        }
    }
    for c in &d.charts {
        println!("chart {} {:?} {:?}", c.id, c.kind, c.items);
    }
}

fn dataset_period(p: dataset::Period) -> String {
    dataset::period_text(p)
}
