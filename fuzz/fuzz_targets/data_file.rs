//! Fuzz target: the data-file validator answers any text with a dataset or
//! with errors that name a line of the file, never a panic; and a file it
//! accepts can be exported and laid out in every language.
//!
//! The text is read as the second file of a data folder whose first file is
//! the tests' vocabulary (sections, categories, units), so that the small
//! test files of the seed corpus, which refer to it, can be accepted and the
//! fuzzer explores past the references. It may define its own, too.

#![no_main]

use article_charts::layout::layout;
use article_charts::locale::Locale;
use libfuzzer_sys::fuzz_target;

/// The sections, categories and units the seed files refer to.
const VOCABULARY: &str = include_str!("../../tests/data/vocabulary.toml");

fuzz_target!(|data: &[u8]| {
    // `load` reads the file as UTF-8 and refuses anything else before the
    // validator sees it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.matches('\n').count() + 1;
    let files = [
        ("vocabulary.toml".to_owned(), VOCABULARY.to_owned()),
        ("fuzz.toml".to_owned(), text.to_owned()),
    ];
    let vocabulary_lines = VOCABULARY.matches('\n').count() + 1;
    match article_dataset::parse_files(&files) {
        Err(errors) => {
            assert!(!errors.0.is_empty(), "refused without a reason");
            for e in &errors.0 {
                let last = if e.file == "fuzz.toml" { lines } else { vocabulary_lines };
                assert!((1..=last).contains(&e.line), "{e} is past the last line");
            }
            let _ = errors.to_string();
        }
        Ok(dataset) => {
            let _ = dataset.to_csv();
            let _ = dataset.to_json();
            let _ = dataset.to_rust();
            for chart in dataset.charts.iter() {
                for locale in Locale::ALL {
                    for width in [200.0, 1080.0] {
                        let scene = layout(&dataset, chart, locale, width);
                        assert_eq!(scene.items.len(), chart.items.len());
                        for item in &scene.items {
                            let r = item.hit;
                            assert!(
                                r.x >= 0.0
                                    && r.y >= 0.0
                                    && r.x + r.w <= scene.width + 0.01
                                    && r.y + r.h <= scene.height + 0.01,
                                "{}: box {r:?} outside {}×{}",
                                chart.id,
                                scene.width,
                                scene.height
                            );
                        }
                    }
                }
            }
        }
    }
});
