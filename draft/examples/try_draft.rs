//! Drafts one article and prints the figures, for trying rules by hand:
//! `cargo run -p article-draft --example try_draft -- ARTICLE.txt`.

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
    for c in &d.charts {
        println!("chart {} {:?} {:?}", c.id, c.kind, c.items);
    }
}

fn dataset_period(p: dataset::Period) -> String {
    dataset::period_text(p)
}
