//! The options of an embedded chart, read from its URL query or from the
//! attributes of a script embed: `chart`, `lang`, `theme`, `plain`.
//!
//! Pure and total: any input gives options plus a list of problems to show
//! the reader, never a panic. Values are only ever compared with the known
//! ones, so nothing of the input reaches the page except inside a problem's
//! text, which the page sets as text.

use crate::data::Dataset;
use crate::locale::Locale;
use crate::strings::fill;

/// Which colours to draw with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Follow the reader's `prefers-color-scheme`.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Options of one embedded chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Index of the chart in the dataset, if a valid one was named.
    pub chart: Option<usize>,
    /// Language of every text.
    pub locale: Locale,
    /// Colours.
    pub theme: ThemeChoice,
    /// Chart only: no title, notes or source line, for hosts that add their own.
    pub plain: bool,
}

/// Something wrong with the options, to be shown in the chart's place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No `chart=` was given.
    NoChart,
    /// `chart=` names no chart.
    UnknownChart(String),
    /// `lang=` is not a supported language.
    UnknownLang(String),
    /// `theme=` is not light, dark or auto.
    UnknownTheme(String),
    /// `plain=` is neither 1/0 nor true/false.
    BadPlain(String),
}

/// The longest value quoted back in a message; longer input is cut, so a
/// 10 KB parameter cannot flood the page.
const QUOTE_MAX: usize = 40;

/// Characters that change the direction of the text around them: the
/// embeddings and overrides (U+202A–U+202E), the isolates (U+2066–U+2069)
/// and the marks (U+200E, U+200F, U+061C). Quoted back, an override such as
/// U+202E would reverse the rest of the message, list of valid ids included.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

fn quote(value: &str) -> String {
    let mut out: String = value
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .take(QUOTE_MAX)
        .collect();
    if value.chars().count() > QUOTE_MAX {
        out.push('…');
    }
    out
}

impl Problem {
    /// The message for the reader, listing the valid values.
    pub fn message(&self, data: &Dataset, locale: Locale) -> String {
        let charts: Vec<&str> = data.charts.iter().map(|c| c.id.as_ref()).collect();
        let charts = charts.join(", ");
        let m = &locale.strings().options;
        let (template, value) = match self {
            Problem::NoChart => (m.no_chart, String::new()),
            Problem::UnknownChart(v) => (m.unknown_chart, quote(v)),
            Problem::UnknownLang(v) => (m.unknown_lang, quote(v)),
            Problem::UnknownTheme(v) => (m.unknown_theme, quote(v)),
            Problem::BadPlain(v) => (m.bad_plain, quote(v)),
        };
        fill(template, &[("v", &value), ("charts", &charts)])
    }

    /// Whether the chart can still be drawn despite this problem.
    pub fn is_fatal(&self) -> bool {
        matches!(self, Problem::NoChart | Problem::UnknownChart(_))
    }
}

impl Options {
    /// Reads options from `key=value` pairs (already URL-decoded). Unknown
    /// keys are ignored, as embeds carry the host's own parameters (pym.js
    /// adds `childId`, `parentUrl` and more); for a repeated key the first
    /// value counts.
    pub fn from_pairs<'a>(
        data: &Dataset,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Options, Vec<Problem>) {
        let mut chart = None;
        let mut lang = None;
        let mut theme = None;
        let mut plain = None;
        for (key, value) in pairs {
            let slot = match key {
                "chart" => &mut chart,
                "lang" => &mut lang,
                "theme" => &mut theme,
                "plain" => &mut plain,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        let mut problems = Vec::new();
        let locale = match lang.map(|l| (l, Locale::from_tag(l))) {
            None | Some(("", _)) => Locale::DEFAULT,
            // A language the article is not written in is no mistake of
            // the embed code (the article may have dropped it): the chart
            // is shown in the default language, without a problem.
            Some((_, Some(locale))) => locale.within(data),
            Some((l, None)) => {
                problems.push(Problem::UnknownLang(l.to_owned()));
                Locale::DEFAULT
            }
        };
        let chart = match chart.map(str::trim) {
            None | Some("") => {
                problems.push(Problem::NoChart);
                None
            }
            Some(id) => {
                let found = data.charts.iter().position(|c| c.id == id);
                if found.is_none() {
                    problems.push(Problem::UnknownChart(id.to_owned()));
                }
                found
            }
        };
        let theme = match theme.map(|t| t.trim().to_ascii_lowercase()) {
            None => ThemeChoice::Auto,
            Some(t) => match t.as_str() {
                "" | "auto" => ThemeChoice::Auto,
                "light" => ThemeChoice::Light,
                "dark" => ThemeChoice::Dark,
                _ => {
                    problems.push(Problem::UnknownTheme(t));
                    ThemeChoice::Auto
                }
            },
        };
        let plain = match plain.map(str::trim) {
            None | Some("" | "0" | "false") => false,
            Some("1" | "true") => true,
            Some(other) => {
                problems.push(Problem::BadPlain(other.to_owned()));
                false
            }
        };
        (
            Options {
                chart,
                locale,
                theme,
                plain,
            },
            problems,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DATASET;
    use proptest::prelude::*;

    fn read(pairs: &[(&str, &str)]) -> (Options, Vec<Problem>) {
        Options::from_pairs(&DATASET, pairs.iter().copied())
    }

    #[test]
    fn english_asked_of_a_chinese_only_article_gives_chinese_and_no_problem() {
        let mut data = DATASET.clone();
        data.meta.languages = std::borrow::Cow::Owned(vec!["zh".into()]);
        let id = data.charts[0].id.to_string();
        let (o, p) = Options::from_pairs(&data, [("chart", id.as_str()), ("lang", "en")]);
        assert_eq!(p, vec![]);
        assert_eq!(o.locale, Locale::DEFAULT);
        // Traditional Chinese is published by every article.
        let (o, _) = Options::from_pairs(&data, [("chart", id.as_str()), ("lang", "zh-TW")]);
        assert_eq!(o.locale, Locale::ZhHant);
    }

    #[test]
    fn a_valid_query_gives_its_options_and_no_problem() {
        let id = DATASET.charts[1].id.as_ref();
        let (o, p) = read(&[
            ("chart", id),
            ("lang", "en"),
            ("theme", "dark"),
            ("plain", "1"),
            ("childId", "x"),
        ]);
        assert_eq!(p, vec![]);
        assert_eq!(
            o,
            Options {
                chart: Some(1),
                locale: Locale::En,
                theme: ThemeChoice::Dark,
                plain: true
            }
        );
    }

    #[test]
    fn bad_values_are_named_and_fall_back() {
        let id = DATASET.charts[0].id.as_ref();
        let (o, p) = read(&[
            ("chart", id),
            ("lang", "fr"),
            ("theme", "pink"),
            ("plain", "yes"),
        ]);
        assert_eq!(o.locale, Locale::ZhHans);
        assert_eq!(o.theme, ThemeChoice::Auto);
        assert!(!o.plain);
        assert_eq!(
            p,
            vec![
                Problem::UnknownLang("fr".into()),
                Problem::UnknownTheme("pink".into()),
                Problem::BadPlain("yes".into())
            ]
        );
        assert!(p.iter().all(|p| !p.is_fatal()));
    }

    #[test]
    fn an_unknown_chart_lists_the_valid_ones() {
        let (o, p) = read(&[("chart", "nope")]);
        assert_eq!(o.chart, None);
        assert_eq!(p, vec![Problem::UnknownChart("nope".into())]);
        let message = p[0].message(&DATASET, Locale::En);
        for chart in DATASET.charts.iter() {
            assert!(message.contains(chart.id.as_ref()), "{message}");
        }
    }

    #[test]
    fn no_direction_control_reaches_a_message() {
        let controls = [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ];
        for c in controls {
            let value = format!("{c}abc{c}");
            let chart = DATASET.charts[0].id.as_ref();
            for pairs in [
                vec![("chart", value.as_str())],
                vec![("chart", chart), ("lang", value.as_str())],
                vec![("chart", chart), ("theme", value.as_str())],
                vec![("chart", chart), ("plain", value.as_str())],
            ] {
                let (_, problems) = read(&pairs);
                assert!(!problems.is_empty(), "{pairs:?}");
                for problem in problems {
                    for locale in [Locale::ZhHans, Locale::ZhHant, Locale::En] {
                        let message = problem.message(&DATASET, locale);
                        assert!(
                            !message.contains(c) && message.contains("abc"),
                            "U+{:04X} in {message:?}",
                            u32::from(c)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_of_repeated_keys_counts() {
        let a = DATASET.charts[0].id.as_ref();
        let b = DATASET.charts[1].id.as_ref();
        assert_eq!(read(&[("chart", a), ("chart", b)]).0.chart, Some(0));
    }

    proptest! {
        /// Any input gives options and bounded messages; a problem is
        /// reported exactly when a value is not a valid one.
        #[test]
        fn any_query_is_answered(chart in ".{0,300}", lang in ".{0,50}", theme in ".{0,50}") {
            let (o, problems) = read(&[("chart", &chart), ("lang", &lang), ("theme", &theme)]);
            let valid_chart = DATASET.charts.iter().any(|c| c.id == chart.trim());
            prop_assert_eq!(o.chart.is_some(), valid_chart);
            prop_assert_eq!(problems.iter().any(|p| p.is_fatal()), !valid_chart);
            for p in &problems {
                let m = p.message(&DATASET, Locale::ZhHans);
                prop_assert!(m.chars().count() < 2000);
            }
        }
    }

    proptest! {
        // Values of 10 KB are slow to generate; fewer cases keep the test
        // at about a second.
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any list of pairs — known keys and others (a host's own, empty,
        /// anything), each possibly repeated; values valid, empty, markup,
        /// `javascript:` URLs, anything, or 10 KB long — reads as its first
        /// value of each known key alone would, and no message quotes more
        /// than `QUOTE_MAX` characters of a value.
        #[test]
        fn any_pairs_read_as_their_first_known_values(pairs in prop::collection::vec((key(), value()), 0..12)) {
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let mut firsts: Vec<(&str, &str)> = Vec::new();
            for &(k, v) in &borrowed {
                let known = ["chart", "lang", "theme", "plain"].contains(&k);
                if known && !firsts.iter().any(|&(f, _)| f == k) {
                    firsts.push((k, v));
                }
            }
            let all = read(&borrowed);
            prop_assert_eq!(&all, &read(&firsts));
            let longest = DATASET.charts.iter().map(|c| c.id.len() + 2).sum::<usize>() + 200;
            for p in &all.1 {
                for locale in Locale::ALL {
                    let m = p.message(&DATASET, locale);
                    // At most 40 characters of the value and an ellipsis.
                    prop_assert!(m.chars().count() <= longest + 41, "{}", m);
                }
            }
        }
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("chart".to_owned()),
            Just("lang".to_owned()),
            Just("theme".to_owned()),
            Just("plain".to_owned()),
            Just("childId".to_owned()),
            Just(String::new()),
            ".{0,12}",
        ]
    }

    fn value() -> impl Strategy<Value = String> {
        let chart_ids: Vec<String> = DATASET.charts.iter().map(|c| c.id.to_string()).collect();
        prop_oneof![
            prop::sample::select(chart_ids),
            prop::sample::select(vec![
                "zh", "zh-Hant", "en", "dark", "light", "auto", "1", "0", "true"
            ])
            .prop_map(str::to_owned),
            Just(String::new()),
            Just("<img src=x onerror=alert(1)>".to_owned()),
            Just("javascript:alert(document.cookie)".to_owned()),
            Just("\"><script>alert(1)</script>".to_owned()),
            ".{0,60}",
            "[a-z<>\"'/=: ]{10000,10240}",
        ]
    }
}
