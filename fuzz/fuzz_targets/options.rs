//! Fuzz target: any URL query of an embedded chart is answered with options
//! and problems, never a panic.
//!
//! The bytes are decoded as the page decodes `location.search` (the WHATWG
//! form-urlencoded rules of `URLSearchParams`), so percent-escapes, `+`,
//! repeated and empty keys and invalid UTF-8 all reach the parser.

#![no_main]

use std::borrow::Cow;

use article_charts::data::DATASET;
use article_charts::options::{Options, Problem};
use article_charts::locale::Locale;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let query = data.strip_prefix(b"?").unwrap_or(data);
    let pairs: Vec<(Cow<str>, Cow<str>)> = form_urlencoded::parse(query).collect();
    let (options, problems) = Options::from_pairs(
        &DATASET,
        pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())),
    );
    // A chart is drawn exactly when no problem says it cannot be.
    assert_eq!(
        options.chart.is_none(),
        problems.iter().any(Problem::is_fatal)
    );
    if let Some(index) = options.chart {
        assert!(index < DATASET.charts.len());
    }
    // Every problem has a message in every language, of bounded length
    // whatever the input's length.
    for problem in &problems {
        for locale in Locale::ALL {
            let message = problem.message(&DATASET, locale);
            assert!(message.chars().count() < 2000, "{message}");
        }
    }
});
