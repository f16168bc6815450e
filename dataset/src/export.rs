//! Writes a validated dataset out: as Rust source for the binary, and as the
//! CSV and JSON files readers download.

use std::fmt::{self, Write as _};

use serde_json::{json, Value};

use crate::{
    period_text, Category, Chart, Dataset, Indicator, Meta, Period, Section, Text, Unit, Words,
    CSV_HEADER,
};

/// A download that could not be written.
#[derive(Debug)]
pub struct ExportError(pub String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the data: {}", self.0)
    }
}

impl std::error::Error for ExportError {}

/// The byte-order mark that makes Excel on Windows read a CSV file as UTF-8
/// rather than the system's code page.
pub const BOM: &str = "\u{feff}";

/// Writes rows as CSV (RFC 4180: CRLF line ends, UTF-8 with a byte-order
/// mark, so that spreadsheets open the Chinese correctly).
pub fn csv_text<R, F>(rows: impl IntoIterator<Item = R>) -> Result<String, ExportError>
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    for row in rows {
        w.write_record(row)
            .map_err(|e| ExportError(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| ExportError(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError(e.to_string()))
}

impl Dataset {
    /// The id of an indicator's category.
    /// The dataset as CSV (RFC 4180, UTF-8 with BOM, one row per figure).
    pub fn to_csv(&self) -> Result<String, ExportError> {
        let header = CSV_HEADER.map(str::to_owned);
        let rows = std::iter::once(header).chain(
            self.indicators
                .iter()
                .map(|i| i.csv_row(self.category_id(i))),
        );
        csv_text(rows)
    }

    /// The dataset as JSON: `{meta, sections, categories, units,
    /// indicators, charts}`, with the field names of the data folder;
    /// references are by id.
    pub fn to_json(&self) -> Result<String, ExportError> {
        let doc = json!({
            "meta": meta_json(&self.meta),
            "sections": self.sections.iter().map(section_json).collect::<Vec<_>>(),
            "categories": self.categories.iter().map(category_json).collect::<Vec<_>>(),
            "units": self.units.iter().map(unit_json).collect::<Vec<_>>(),
            "indicators": self.indicators.iter().map(|i| self.indicator_json(i)).collect::<Vec<_>>(),
            "charts": self.charts.iter().map(|c| self.chart_json(c)).collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&doc).map_err(|e| ExportError(e.to_string()))
    }

    fn indicator_json(&self, i: &Indicator) -> Value {
        let mut v = json!({
            "id": i.id, "category": self.category_id(i),
            "value": i.value.map(number_json), "unit": i.unit.id,
            "qualifier": i.qualifier.name(),
            "year": match i.period { Period::Undated => Value::Null, p => Value::String(period_text(p)) },
            "printed": i.printed.zh,
            "source": i.source.zh, "source_zh_hant": i.source.zh_hant, "source_en": i.source.en,
        });
        words_into(&mut v, "label", Some(&i.label));
        words_into(&mut v, "note", i.note.as_ref());
        v
    }

    fn chart_json(&self, c: &Chart) -> Value {
        let items: Vec<&str> = self.items(c).map(|i| i.id.as_ref()).collect();
        let section = self.section_of(c).map_or("", |s| s.id.as_ref());
        let mut v =
            json!({ "id": c.id, "section": section, "kind": c.kind.name(), "items": items });
        words_into(&mut v, "title", Some(&c.title));
        words_into(&mut v, "subtitle", c.subtitle.as_ref());
        words_into(&mut v, "note", c.note.as_ref());
        v
    }

    /// The dataset as the WebAssembly module needs it at run time: without
    /// the texts every page already carries in its prerendered HTML.
    ///
    /// The headline, dek, credit and data note, the sections' titles and
    /// descriptions, the themes' names, the charts' titles, subtitles and
    /// notes, and each figure's source sentence and note are written into
    /// the page at build time, and the module reads from the page the few
    /// it shows (the tooltip takes a figure's sentence and note from its
    /// chart's data table). Leaving them out of the module spares a reader
    /// most of its data: the source sentences alone are two thirds of it.
    /// Labels, units and printed figures stay, as the canvas draws them.
    #[must_use]
    pub fn without_page_texts(&self) -> Dataset {
        let none = || Words {
            zh: Text::Borrowed(""),
            zh_hant: Text::Borrowed(""),
            en: Text::Borrowed(""),
        };
        let mut d = self.clone();
        d.meta = Meta {
            title: none(),
            dek: None,
            data_note: None,
            source: none(),
            publication: None,
            author: None,
            published: None,
            languages: d.meta.languages.clone(),
        };
        for x in d.sections.to_mut() {
            x.title = none();
            x.description = none();
        }
        for x in d.categories.to_mut() {
            x.name = none();
        }
        for i in d.indicators.to_mut() {
            i.source = none();
            i.note = None;
        }
        for c in d.charts.to_mut() {
            c.title = none();
            c.subtitle = None;
            c.note = None;
        }
        d
    }

    /// The dataset as a Rust expression of type `Dataset` built only from
    /// `'static` data, for `include!` in the binary.
    pub fn to_rust(&self) -> String {
        let mut s = String::from("Dataset {\n");
        let m = &self.meta;
        let _ = writeln!(
            s,
            "  meta: Meta {{ title: {}, dek: {}, data_note: {}, source: {}, publication: {}, author: {}, published: {}, languages: Cow::Borrowed(&[{}]) }},",
            words(&m.title),
            option(m.dek.as_ref(), words),
            option(m.data_note.as_ref(), words),
            words(&m.source),
            option(m.publication.as_ref(), words),
            option(m.author.as_ref(), words),
            option(m.published.as_ref(), text),
            m.languages.iter().map(text).collect::<Vec<_>>().join(", ")
        );
        s.push_str("  sections: Cow::Borrowed(&[\n");
        for x in self.sections.iter() {
            let _ = writeln!(
                s,
                "    Section {{ id: {}, title: {}, description: {} }},",
                text(&x.id),
                words(&x.title),
                words(&x.description)
            );
        }
        s.push_str("  ]),\n  categories: Cow::Borrowed(&[\n");
        for x in self.categories.iter() {
            let _ = writeln!(
                s,
                "    Category {{ id: {}, name: {} }},",
                text(&x.id),
                words(&x.name)
            );
        }
        s.push_str("  ]),\n  units: Cow::Borrowed(&[\n");
        for u in self.units.iter() {
            let _ = writeln!(s, "    {},", unit(u));
        }
        s.push_str("  ]),\n  indicators: Cow::Borrowed(&[\n");
        for i in self.indicators.iter() {
            let _ = writeln!(
                s,
                "    Indicator {{ id: {}, category: {}, label: {}, value: {:?}, unit: {}, qualifier: Qualifier::{:?}, period: Period::{:?}, printed: {}, wording: {}, source: {}, note: {} }},",
                text(&i.id),
                i.category,
                words(&i.label),
                i.value,
                unit(&i.unit),
                i.qualifier,
                i.period,
                words(&i.printed),
                worded(&i.wording),
                words(&i.source),
                option(i.note.as_ref(), words)
            );
        }
        s.push_str("  ]),\n  charts: Cow::Borrowed(&[\n");
        for c in self.charts.iter() {
            let _ = writeln!(
                s,
                "    Chart {{ id: {}, section: {}, kind: Kind::{:?}, title: {}, subtitle: {}, note: {}, items: Cow::Borrowed(&{:?}) }},",
                text(&c.id),
                c.section,
                c.kind,
                words(&c.title),
                option(c.subtitle.as_ref(), words),
                option(c.note.as_ref(), words),
                c.items.as_ref()
            );
        }
        s.push_str("  ]),\n}\n");
        s
    }
}

/// A value as JSON: whole numbers as integers (2020, not 2020.0).
fn number_json(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

/// Adds `NAME_zh`, `NAME_zh_hant` and `NAME_en` to a JSON object (all
/// null where the text is absent).
fn words_into(v: &mut Value, name: &str, w: Option<&Words>) {
    if let Value::Object(map) = v {
        let [zh, hant, en] = match w {
            Some(w) => [&w.zh, &w.zh_hant, &w.en].map(|t| Value::String(t.to_string())),
            None => [Value::Null, Value::Null, Value::Null],
        };
        map.insert(format!("{name}_zh"), zh);
        map.insert(format!("{name}_zh_hant"), hant);
        map.insert(format!("{name}_en"), en);
    }
}

fn meta_json(m: &Meta) -> Value {
    let mut v = json!({});
    words_into(&mut v, "title", Some(&m.title));
    words_into(&mut v, "dek", m.dek.as_ref());
    words_into(&mut v, "data_note", m.data_note.as_ref());
    words_into(&mut v, "source", Some(&m.source));
    words_into(&mut v, "publication", m.publication.as_ref());
    words_into(&mut v, "author", m.author.as_ref());
    if let Value::Object(map) = &mut v {
        let published = m.published.as_ref().map(|d| Value::String(d.to_string()));
        map.insert("published".into(), published.unwrap_or(Value::Null));
        map.insert("languages".into(), json!(m.languages));
    }
    v
}

fn section_json(x: &Section) -> Value {
    let mut v = json!({ "id": x.id });
    words_into(&mut v, "title", Some(&x.title));
    words_into(&mut v, "description", Some(&x.description));
    v
}

fn category_json(x: &Category) -> Value {
    let mut v = json!({ "id": x.id });
    words_into(&mut v, "name", Some(&x.name));
    v
}

fn unit_json(u: &Unit) -> Value {
    json!({
        "id": u.id, "quantity": u.quantity.name(),
        "zh": u.word.zh, "zh_hant": u.word.zh_hant, "en": u.word.en, "en_plural": u.en_plural,
        "symbol": u.symbol,
    })
}

/// A string as a Rust literal inside `Cow::Borrowed`.
fn text(t: &Text) -> String {
    format!("Cow::Borrowed({:?})", t.as_ref())
}

/// An `Option` as a Rust literal, its value written by `write`.
fn option<T>(value: Option<T>, write: impl Fn(T) -> String) -> String {
    match value {
        Some(v) => format!("Some({})", write(v)),
        None => "None".into(),
    }
}

fn worded(w: &crate::printed::Worded) -> String {
    format!(
        "Worded {{ before: {}, more: {}, after: {}, in_a_row: {}, each: {}, fraction: {}, ratio: {}, ordinal: {}, number: {}, number_hant: {} }}",
        text(&w.before),
        text(&w.more),
        text(&w.after),
        w.in_a_row,
        w.each,
        option(w.fraction.as_ref(), |(printed, num, den)| format!(
            "({}, {num:?}, {den:?})",
            text(printed)
        )),
        w.ratio,
        w.ordinal,
        text(&w.number),
        text(&w.number_hant)
    )
}

fn words(w: &Words) -> String {
    format!(
        "Words {{ zh: {}, zh_hant: {}, en: {} }}",
        text(&w.zh),
        text(&w.zh_hant),
        text(&w.en)
    )
}

fn unit(u: &Unit) -> String {
    format!(
        "Unit {{ id: {}, quantity: Quantity::{:?}, word: {}, en_plural: {}, symbol: {} }}",
        text(&u.id),
        u.quantity,
        words(&u.word),
        text(&u.en_plural),
        option(u.symbol.as_ref(), text)
    )
}
