//! Reads `data/indicators.toml` and checks every rule of the data model.
//!
//! Each problem becomes a [`DataError`] naming the file, the line and the
//! field, and all problems of a file are reported at once so that an editor
//! can fix them in one pass. Nothing here panics on any input (a fuzz target,
//! `fuzz/fuzz_targets/data_file.rs`, keeps it so).
//!
//! Two rules are about the edges of the input:
//!
//! - Chinese texts are in Simplified Chinese, since `build.rs` makes the
//!   Traditional ones with `zhconv`. A text that conversion to Simplified
//!   Chinese would change holds a Traditional character, and is refused with
//!   the characters and their Simplified forms. The `source` sentence follows
//!   the same test with its own reason: it quotes the Traditional article as
//!   the converter writes it (the article test compares it after converting
//!   both), so what the converter leaves as it is — garbled text included —
//!   is kept, and a Traditional character means the quote was not converted.
//! - Values are finite, not negative, and at most 10^15 in base units: every
//!   whole number up to there is exact in an `f64` (which is exact up to
//!   2^53 ≈ 9×10^15) and is written without exponent in the CSV. `-0` is
//!   read as 0.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::{Spanned, Value};

use crate::{
    Category, Chart, Dataset, Indicator, Kind, Meta, Period, Qualifier, Section, Text, Unit,
};

/// One problem of the data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// The file, as given to [`parse`].
    pub file: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// What the line belongs to, e.g. `indicator "people_lifted"`.
    pub context: String,
    /// The field concerned, if one is.
    pub field: Option<String>,
    /// What is wrong, and what would be right.
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.context)?;
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a data file, in line order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Errors(pub Vec<DataError>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Reads and validates the data file at `path`.
pub fn load(path: &Path) -> Result<Dataset, Errors> {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&name, &text),
        Err(e) => Err(Errors(vec![DataError {
            file: name,
            line: 1,
            context: "file".into(),
            field: None,
            message: format!("cannot be read: {e}"),
        }])),
    }
}

type RawTable = Spanned<BTreeMap<String, Spanned<Value>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    meta: Option<RawTable>,
    #[serde(default)]
    indicator: Vec<RawTable>,
    #[serde(default)]
    chart: Vec<RawTable>,
}

/// Validates the text of a data file; `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Dataset, Errors> {
    // A byte-order mark is legal in a UTF-8 file but not in TOML; editors on
    // some systems add one, so it is dropped rather than refused.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut c = Checker {
        file,
        text,
        errors: Vec::new(),
    };
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map_or(1, |s| c.line(s.start));
            let message = e.message().replace('\n', " ").trim().to_owned();
            return Err(Errors(vec![c.error(
                line,
                "file",
                None,
                format!("not valid TOML: {message}"),
            )]));
        }
    };

    let meta = match &raw.meta {
        Some(table) => c.meta(table),
        None => {
            c.push(1, "file", None, "the [meta] table is missing".into());
            None
        }
    };

    let mut indicators = Vec::new();
    let mut lines = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for table in &raw.indicator {
        if let Some(ind) = c.indicator(table) {
            let line = c.line(table.span().start);
            if let Some(first) = seen.get(ind.id.as_ref()) {
                c.push(
                    line,
                    &format!("indicator \"{}\"", ind.id),
                    Some("id"),
                    format!("duplicate id; first used on line {first}"),
                );
                continue;
            }
            seen.insert(ind.id.to_string(), line);
            indicators.push(ind);
            lines.push(line);
        }
    }
    if raw.indicator.is_empty() {
        c.push(1, "file", None, "there is no [[indicator]]".into());
    }

    let mut charts = Vec::new();
    let mut chart_ids: HashMap<String, usize> = HashMap::new();
    let mut shown = vec![false; indicators.len()];
    for table in &raw.chart {
        if let Some(chart) = c.chart(table, &indicators) {
            let line = c.line(table.span().start);
            if let Some(first) = chart_ids.get(chart.id.as_ref()) {
                c.push(
                    line,
                    &format!("chart \"{}\"", chart.id),
                    Some("id"),
                    format!("duplicate id; first used on line {first}"),
                );
                continue;
            }
            chart_ids.insert(chart.id.to_string(), line);
            for &i in chart.items.iter() {
                if let Some(s) = shown.get_mut(usize::from(i)) {
                    *s = true;
                }
            }
            charts.push(chart);
        }
    }
    // Only when every chart parsed is "not shown" a fact rather than an
    // echo of another error.
    if c.errors.is_empty() {
        for (i, ind) in indicators.iter().enumerate() {
            if !shown[i] {
                c.push(
                    lines[i],
                    &format!("indicator \"{}\"", ind.id),
                    None,
                    "is in no chart's `items`; every figure must be shown".into(),
                );
            }
        }
    }

    match meta {
        Some(meta) if c.errors.is_empty() => Ok(Dataset {
            meta,
            indicators: Cow::Owned(indicators),
            charts: Cow::Owned(charts),
        }),
        _ => {
            c.errors.sort_by_key(|e| e.line);
            Err(Errors(c.errors))
        }
    }
}

/// Collects errors while the tables are read.
struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<DataError>,
}

/// One table being read: its fields, the ones already taken, and its name.
struct Fields<'t> {
    map: &'t BTreeMap<String, Spanned<Value>>,
    line: usize,
    context: String,
}

impl Checker<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn error(&self, line: usize, context: &str, field: Option<&str>, message: String) -> DataError {
        DataError {
            file: self.file.to_owned(),
            line,
            context: context.to_owned(),
            field: field.map(str::to_owned),
            message,
        }
    }

    fn push(&mut self, line: usize, context: &str, field: Option<&str>, message: String) {
        let e = self.error(line, context, field, message);
        self.errors.push(e);
    }

    fn fields<'t>(&mut self, table: &'t RawTable, kind: &str, allowed: &[&str]) -> Fields<'t> {
        let map = table.get_ref();
        let line = self.line(table.span().start);
        let id = map.get("id").and_then(|v| v.get_ref().as_str());
        let context = match id {
            Some(id) => format!("{kind} \"{id}\""),
            None => kind.to_owned(),
        };
        for (key, value) in map {
            if !allowed.contains(&key.as_str()) {
                let at = self.line(value.span().start);
                self.push(
                    at,
                    &context,
                    Some(key),
                    format!("unknown field; expected one of: {}", allowed.join(", ")),
                );
            }
        }
        Fields { map, line, context }
    }

    fn at(&self, f: &Fields<'_>, key: &str) -> usize {
        f.map.get(key).map_or(f.line, |v| self.line(v.span().start))
    }

    /// A required, non-empty string.
    fn string(&mut self, f: &Fields<'_>, key: &str) -> Option<Text> {
        match f.map.get(key) {
            None => {
                self.push(f.line, &f.context, Some(key), "missing".into());
                None
            }
            Some(v) => self.string_value(f, key, v),
        }
    }

    /// An optional, non-empty string.
    fn optional_string(&mut self, f: &Fields<'_>, key: &str) -> Option<Option<Text>> {
        match f.map.get(key) {
            None => Some(None),
            Some(v) => self.string_value(f, key, v).map(Some),
        }
    }

    fn string_value(&mut self, f: &Fields<'_>, key: &str, v: &Spanned<Value>) -> Option<Text> {
        let at = self.line(v.span().start);
        match v.get_ref() {
            Value::String(s) if !s.trim().is_empty() => {
                if let Some(found) = ZH_FIELDS.contains(&key).then(|| traditional(s)).flatten() {
                    let why = if key == "source" {
                        "quote the sentence as converted to Simplified Chinese"
                    } else {
                        "Chinese texts are written in Simplified Chinese (the build makes the Traditional ones)"
                    };
                    self.push(
                        at,
                        &f.context,
                        Some(key),
                        format!("has Traditional characters: {found}; {why}"),
                    );
                    return None;
                }
                Some(Cow::Owned(s.trim().to_owned()))
            }
            Value::String(_) => {
                self.push(at, &f.context, Some(key), "is empty".into());
                None
            }
            other => {
                self.push(
                    at,
                    &f.context,
                    Some(key),
                    format!("must be a string, not {}", other.type_str()),
                );
                None
            }
        }
    }

    /// A required name from a closed vocabulary.
    fn name<T: Copy>(
        &mut self,
        f: &Fields<'_>,
        key: &str,
        all: &[T],
        name: fn(T) -> &'static str,
    ) -> Option<T> {
        let text = self.string(f, key)?;
        let found = all.iter().copied().find(|&t| name(t) == text);
        if found.is_none() {
            let valid: Vec<&str> = all.iter().map(|&t| name(t)).collect();
            let at = self.at(f, key);
            self.push(
                at,
                &f.context,
                Some(key),
                format!(
                    "unknown {key} \"{text}\"; expected one of: {}",
                    valid.join(", ")
                ),
            );
        }
        found
    }

    fn id(&mut self, f: &Fields<'_>, separator: char) -> Option<Text> {
        let id = self.string(f, "id")?;
        let mut chars = id.chars();
        let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == separator);
        if !ok {
            let at = self.at(f, "id");
            self.push(at, &f.context, Some("id"), format!("must be lowercase ASCII letters, digits and `{separator}`, starting with a letter"));
            return None;
        }
        Some(id)
    }

    fn notes(&mut self, f: &Fields<'_>) -> Option<(Option<Text>, Option<Text>)> {
        let zh = self.optional_string(f, "note_zh")?;
        let en = self.optional_string(f, "note_en")?;
        if zh.is_some() != en.is_some() {
            let (have, lack) = if zh.is_some() {
                ("note_zh", "note_en")
            } else {
                ("note_en", "note_zh")
            };
            self.push(
                f.line,
                &f.context,
                Some(lack),
                format!("missing; `{have}` is given, and a note must be in both languages"),
            );
            return None;
        }
        Some((zh, en))
    }

    fn meta(&mut self, table: &RawTable) -> Option<Meta> {
        let f = self.fields(
            table,
            "meta",
            &["title_zh", "title_en", "source_zh", "source_en"],
        );
        let title_zh = self.string(&f, "title_zh");
        let title_en = self.string(&f, "title_en");
        let source_zh = self.string(&f, "source_zh");
        let source_en = self.string(&f, "source_en");
        Some(Meta {
            title_zh: title_zh?,
            title_en: title_en?,
            source_zh: source_zh?,
            source_en: source_en?,
        })
    }

    fn indicator(&mut self, table: &RawTable) -> Option<Indicator> {
        const FIELDS: &[&str] = &[
            "id",
            "category",
            "label_zh",
            "label_en",
            "value",
            "unit",
            "qualifier",
            "year",
            "printed",
            "source",
            "note_zh",
            "note_en",
        ];
        let f = self.fields(table, "indicator", FIELDS);
        // Every field is read before any result is used, so that one entry
        // reports all of its problems together.
        let id = self.id(&f, '_');
        let category = self.name(&f, "category", Category::ALL, Category::name);
        let label_zh = self.string(&f, "label_zh");
        let label_en = self.string(&f, "label_en");
        let unit = self.name(&f, "unit", Unit::ALL, Unit::name);
        let qualifier = self.name(&f, "qualifier", Qualifier::ALL, Qualifier::name);
        let value = unit.and_then(|u| self.value(&f, u));
        let period = self.period(&f);
        let printed = self.string(&f, "printed");
        let source = self.string(&f, "source");
        let notes = self.notes(&f);
        if let (Some(printed), Some(source)) = (&printed, &source) {
            if !source.contains(printed.as_ref()) {
                let at = self.at(&f, "printed");
                self.push(at, &f.context, Some("printed"), format!("\"{printed}\" does not occur in `source`; quote the figure exactly as the sentence prints it"));
                return None;
            }
        }
        let (note_zh, note_en) = notes?;
        Some(Indicator {
            id: id?,
            category: category?,
            label_zh: label_zh?,
            label_en: label_en?,
            value: value?,
            unit: unit?,
            qualifier: qualifier?,
            period: period?,
            printed: printed?,
            source: source?,
            note_zh,
            note_en,
        })
    }

    /// The value: a number in base units, or "unknown" where the article lost it.
    fn value(&mut self, f: &Fields<'_>, unit: Unit) -> Option<Option<f64>> {
        let Some(v) = f.map.get("value") else {
            self.push(
                f.line,
                &f.context,
                Some("value"),
                "missing; give a number, or \"unknown\" where the article lost the figure".into(),
            );
            return None;
        };
        let at = self.line(v.span().start);
        let x = match v.get_ref() {
            // Checked before the conversion, which would round a larger
            // integer and so name a number the file does not hold.
            Value::Integer(i) if *i > LARGEST as i64 => {
                self.push(at, &f.context, Some("value"), too_large(&i.to_string()));
                return None;
            }
            Value::Integer(i) => *i as f64,
            // Negative zero is zero; kept, it would print as "-0".
            Value::Float(x) if *x == 0.0 => 0.0,
            Value::Float(x) => *x,
            Value::String(s) if s == "unknown" => return Some(None),
            other => {
                self.push(
                    at,
                    &f.context,
                    Some("value"),
                    format!("must be a number or \"unknown\", not {}", describe(other)),
                );
                return None;
            }
        };
        let problem = if !x.is_finite() {
            Some(format!(
                "{} is not a finite number; give the figure in base units",
                v.get_ref()
            ))
        } else if x < 0.0 {
            Some(format!(
                "{x} is negative; no figure of the article is below zero"
            ))
        } else if unit == Unit::Percent && x > 100.0 {
            Some(format!("{x} is over 100 for a percentage"))
        } else if unit.is_whole() && x.fract() != 0.0 {
            Some(format!("{x} is not a whole number, but a count of {} is; give the value in base units (yuan, not 万元)", unit.name()))
        } else if unit == Unit::CalendarYear && !(1900.0..=2100.0).contains(&x) {
            Some(format!("{x} is not a plausible calendar year"))
        } else if x > LARGEST {
            // Only a float gets here (integers are checked above); written
            // out in full, 1e300 would be three hundred digits.
            Some(too_large(&format!("{x:e}")))
        } else {
            None
        };
        match problem {
            Some(message) => {
                self.push(at, &f.context, Some("value"), message);
                None
            }
            None => Some(Some(x)),
        }
    }

    fn period(&mut self, f: &Fields<'_>) -> Option<Period> {
        let Some(v) = f.map.get("year") else {
            return Some(Period::Undated);
        };
        let text = self.string_value(f, "year", v)?;
        let year = |s: &str| s.parse::<u16>().ok().filter(|y| (1900..=2100).contains(y));
        let period = match text.split_once('-') {
            None => year(&text).map(Period::Year),
            Some((a, b)) => match (year(a), year(b)) {
                (Some(a), Some(b)) if a < b => Some(Period::Span(a, b)),
                _ => None,
            },
        };
        if period.is_none() {
            let at = self.line(v.span().start);
            self.push(
                at,
                &f.context,
                Some("year"),
                format!(
                    "\"{text}\" is neither a year like \"2019\" nor a period like \"2017-2021\""
                ),
            );
        }
        period
    }

    fn chart(&mut self, table: &RawTable, indicators: &[Indicator]) -> Option<Chart> {
        const FIELDS: &[&str] = &[
            "id", "section", "kind", "title_zh", "title_en", "note_zh", "note_en", "items",
        ];
        let f = self.fields(table, "chart", FIELDS);
        let id = self.id(&f, '-');
        let section = self.name(&f, "section", Section::ALL, Section::name);
        let kind = self.name(&f, "kind", Kind::ALL, Kind::name);
        let title_zh = self.string(&f, "title_zh");
        let title_en = self.string(&f, "title_en");
        let notes = self.notes(&f);
        let items = self.items(&f, indicators);
        if let (Some(kind), Some(items)) = (kind, &items) {
            let members: Vec<&Indicator> = items
                .iter()
                .filter_map(|&i| indicators.get(usize::from(i)))
                .collect();
            if let Some(message) = kind_rule(kind, &members) {
                let at = self.at(&f, "items");
                self.push(at, &f.context, Some("items"), message);
                return None;
            }
        }
        let (note_zh, note_en) = notes?;
        Some(Chart {
            id: id?,
            section: section?,
            kind: kind?,
            title_zh: title_zh?,
            title_en: title_en?,
            note_zh,
            note_en,
            items: Cow::Owned(items?),
        })
    }

    fn items(&mut self, f: &Fields<'_>, indicators: &[Indicator]) -> Option<Vec<u16>> {
        let Some(v) = f.map.get("items") else {
            self.push(
                f.line,
                &f.context,
                Some("items"),
                "missing; list the ids of the indicators the chart shows".into(),
            );
            return None;
        };
        let at = self.line(v.span().start);
        let Value::Array(list) = v.get_ref() else {
            self.push(
                at,
                &f.context,
                Some("items"),
                "must be a list of indicator ids".into(),
            );
            return None;
        };
        if list.is_empty() {
            self.push(
                at,
                &f.context,
                Some("items"),
                "is empty; a chart shows at least one figure".into(),
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for item in list {
            let Some(name) = item.as_str() else {
                self.push(
                    at,
                    &f.context,
                    Some("items"),
                    format!("{} is not an indicator id (a string)", describe(item)),
                );
                ok = false;
                continue;
            };
            match indicators
                .iter()
                .position(|i| i.id == name)
                .and_then(|p| u16::try_from(p).ok())
            {
                Some(p) if out.contains(&p) => {
                    self.push(
                        at,
                        &f.context,
                        Some("items"),
                        format!("\"{name}\" is listed twice"),
                    );
                    ok = false;
                }
                Some(p) => out.push(p),
                None => {
                    self.push(
                        at,
                        &f.context,
                        Some("items"),
                        format!("\"{name}\" is not the id of any valid indicator"),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }
}

/// Checks that a chart's figures suit the way it draws them.
fn kind_rule(kind: Kind, items: &[&Indicator]) -> Option<String> {
    let dims = |items: &[&Indicator]| {
        items
            .windows(2)
            .all(|w| w[0].unit.dimension() == w[1].unit.dimension())
    };
    match kind {
        Kind::Cards => None,
        Kind::Bars => {
            if let Some(i) = items.iter().find(|i| i.value.is_none()) {
                Some(format!(
                    "\"{}\" has no known value and cannot be a bar; show it in a `cards` chart",
                    i.id
                ))
            } else if !dims(items) {
                Some("bars share one axis, so their figures must be of one dimension (all money, all counts, …)".into())
            } else {
                None
            }
        }
        Kind::Years => {
            if let Some(i) = items.iter().find(|i| !matches!(i.period, Period::Year(_))) {
                Some(format!(
                    "\"{}\" has no single `year`; a `years` chart places each figure at its year",
                    i.id
                ))
            } else if items.windows(2).any(|w| w[0].unit != w[1].unit) {
                Some(
                    "a `years` chart shows one measure, so all its figures must have the same unit"
                        .into(),
                )
            } else if items.windows(2).any(|w| w[0].period >= w[1].period) {
                Some("list the years in increasing order, each once".into())
            } else {
                None
            }
        }
        Kind::Timeline => items.iter().find(|i| i.period == Period::Undated).map(|i| {
            format!(
                "\"{}\" has no `year`; a timeline only shows dated figures",
                i.id
            )
        }),
    }
}

/// The fields written in Simplified Chinese, in every table.
const ZH_FIELDS: &[&str] = &[
    "title_zh",
    "source_zh",
    "label_zh",
    "note_zh",
    "printed",
    "source",
];

/// The largest value accepted, in base units (see the top of this file).
const LARGEST: f64 = 1e15;

fn too_large(value: &str) -> String {
    format!("{value} is too large to be shown exactly; values go up to 10^15 (1000000000000000) in base units")
}

/// What to say of a Chinese text that is not all Simplified Chinese, if it
/// is not: each Traditional character with its Simplified form.
fn traditional(text: &str) -> Option<String> {
    let simplified = zhconv::zhconv(text, zhconv::Variant::ZhHans);
    if simplified == text {
        return None;
    }
    let pairs: Vec<String> = if simplified.chars().count() == text.chars().count() {
        text.chars()
            .zip(simplified.chars())
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("{a} ({b})"))
            .collect()
    } else {
        // A phrase conversion changed the length; the whole text is named.
        vec![format!("\"{text}\" (\"{simplified}\")")]
    };
    let mut unique = Vec::new();
    for pair in pairs {
        if !unique.contains(&pair) {
            unique.push(pair);
        }
    }
    Some(unique.join(", "))
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("the string \"{s}\""),
        other => format!("a {}", other.type_str()),
    }
}
