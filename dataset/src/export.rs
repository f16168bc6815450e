//! Writes a validated dataset out: as Rust source for the binary, and as the
//! CSV and JSON files readers download.

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::{period_text, plain_number, Chart, Dataset, Indicator, Period, Text, CSV_HEADER};

impl Dataset {
    /// The dataset as CSV (RFC 4180, UTF-8, one row per figure).
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        // Writing into memory cannot fail for I/O reasons; a failure here
        // would be a bug of the csv crate, so it degrades to an empty file
        // rather than a panic in the build tool.
        let mut rows = vec![CSV_HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        for i in self.indicators.iter() {
            rows.push(vec![
                i.id.to_string(),
                i.category.name().to_owned(),
                i.label_zh.to_string(),
                i.label_en.to_string(),
                i.value.map(plain_number).unwrap_or_default(),
                i.unit.name().to_owned(),
                i.qualifier.name().to_owned(),
                period_text(i.period),
                i.source.to_string(),
            ]);
        }
        for row in rows {
            if w.write_record(&row).is_err() {
                return String::new();
            }
        }
        w.into_inner()
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// The dataset as JSON: `{meta, indicators, charts}`; charts list their
    /// items by indicator id.
    pub fn to_json(&self) -> String {
        let indicators: Vec<Value> = self.indicators.iter().map(indicator_json).collect();
        let charts: Vec<Value> = self.charts.iter().map(|c| self.chart_json(c)).collect();
        let doc = json!({
            "meta": {
                "title_zh": self.meta.title_zh, "title_en": self.meta.title_en,
                "source_zh": self.meta.source_zh, "source_en": self.meta.source_en,
            },
            "indicators": indicators,
            "charts": charts,
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    fn chart_json(&self, c: &Chart) -> Value {
        let items: Vec<&str> = self.items(c).map(|i| i.id.as_ref()).collect();
        json!({
            "id": c.id, "section": c.section.name(), "kind": c.kind.name(),
            "title_zh": c.title_zh, "title_en": c.title_en,
            "note_zh": c.note_zh, "note_en": c.note_en,
            "items": items,
        })
    }

    /// The dataset as a Rust expression of type `Dataset` built only from
    /// `'static` data, for `include!` in the binary.
    pub fn to_rust(&self) -> String {
        let mut s = String::from("Dataset {\n");
        let m = &self.meta;
        let _ = writeln!(
            s,
            "  meta: Meta {{ title_zh: {}, title_en: {}, source_zh: {}, source_en: {} }},",
            text(&m.title_zh),
            text(&m.title_en),
            text(&m.source_zh),
            text(&m.source_en)
        );
        s.push_str("  indicators: Cow::Borrowed(&[\n");
        for i in self.indicators.iter() {
            let _ = writeln!(
                s,
                "    Indicator {{ id: {}, category: Category::{:?}, label_zh: {}, label_en: {}, value: {:?}, unit: Unit::{:?}, qualifier: Qualifier::{:?}, period: Period::{:?}, printed: {}, source: {}, note_zh: {}, note_en: {} }},",
                text(&i.id),
                i.category,
                text(&i.label_zh),
                text(&i.label_en),
                i.value,
                i.unit,
                i.qualifier,
                i.period,
                text(&i.printed),
                text(&i.source),
                opt(&i.note_zh),
                opt(&i.note_en)
            );
        }
        s.push_str("  ]),\n  charts: Cow::Borrowed(&[\n");
        for c in self.charts.iter() {
            let _ = writeln!(
                s,
                "    Chart {{ id: {}, section: Section::{:?}, kind: Kind::{:?}, title_zh: {}, title_en: {}, note_zh: {}, note_en: {}, items: Cow::Borrowed(&{:?}) }},",
                text(&c.id),
                c.section,
                c.kind,
                text(&c.title_zh),
                text(&c.title_en),
                opt(&c.note_zh),
                opt(&c.note_en),
                c.items.as_ref()
            );
        }
        s.push_str("  ]),\n}\n");
        s
    }
}

fn indicator_json(i: &Indicator) -> Value {
    json!({
        "id": i.id, "category": i.category.name(), "label_zh": i.label_zh, "label_en": i.label_en,
        "value": i.value, "unit": i.unit.name(), "qualifier": i.qualifier.name(),
        "year": match i.period { Period::Undated => Value::Null, p => Value::String(period_text(p)) },
        "printed": i.printed, "source": i.source, "note_zh": i.note_zh, "note_en": i.note_en,
    })
}

/// A string as a Rust literal inside `Cow::Borrowed`.
fn text(t: &Text) -> String {
    format!("Cow::Borrowed({:?})", t.as_ref())
}

fn opt(t: &Option<Text>) -> String {
    match t {
        Some(t) => format!("Some({})", text(t)),
        None => "None".into(),
    }
}
