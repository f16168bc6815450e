//! Reads a data folder and checks every rule of the data model.
//!
//! A data folder is every `*.toml` file in one directory, read in name order
//! and taken together: any file may hold the `[meta]` table (exactly one in
//! all), `[[section]]`, `[[unit]]`, `[[category]]`, `[[indicator]]` and
//! `[[chart]]` tables. The usual layout is `article.toml` (meta, sections,
//! units, categories), `indicators.toml` and `charts.toml`.
//!
//! Each problem becomes a [`DataError`] naming the file, the line and the
//! field, and all problems are reported at once so that an editor can fix
//! them in one pass. Nothing here panics on any input (a fuzz target,
//! `fuzz/fuzz_targets/data_file.rs`, keeps it so).
//!
//! Rules about the edges of the input:
//!
//! - Every text is given in Simplified Chinese (`…_zh`) and English (`…_en`);
//!   a Traditional Chinese text (`…_zh_hant`) may be given, and is otherwise
//!   converted from the Simplified one with `zhconv`. A Simplified text that
//!   conversion to Simplified Chinese would change holds a Traditional
//!   character, and is refused with the characters and their Simplified
//!   forms.
//! - `[meta] languages` lists the languages the folder is written in:
//!   `["zh", "en"]` (the default) or `["zh"]`. Without `"en"` every English
//!   field (`…_en`, a unit's `en`) may be left out, since a draft made from
//!   a Chinese article cannot translate it; the site then publishes only its
//!   Chinese pages.
//! - An indicator or chart may carry `review`: a note for the editor (what
//!   a draft could not decide). It is checked to be a string and otherwise
//!   dropped: nothing of it reaches the model, so no page can show it.
//! - A known `value` must agree with its `printed` figure as
//!   [`crate::printed::agrees`] reads it (in base units, or in 万 / 亿 of
//!   them); a printed figure it cannot read is not checked.
//! - Values are finite, not negative, and at most 10^15 in base units: every
//!   whole number up to there is exact in an `f64` (which is exact up to
//!   2^53 ≈ 9×10^15) and is written without exponent in the CSV. `-0` is
//!   read as 0.
//! - Every string field is checked, before anything else, for characters no
//!   text may hold (control, noncharacter, text-direction and invisible
//!   formatting characters; see [`unwanted_kind`]) and against its cap on
//!   length (see [`cap`]): a build must never get far on a text that would
//!   break an image, mislead a reader or take minutes to lay out.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::{Spanned, Value};

use crate::{
    Category, Chart, Dataset, Indicator, Kind, Meta, Period, Qualifier, Quantity, Section, Text,
    Unit, Words,
};

/// One problem of the data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// The file, as given to [`parse_files`].
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
        // A message may quote the file (a key, a list item); whatever it
        // quotes is shown with its invisible characters named, so that a
        // data folder can neither drive the terminal that reads the message
        // (`\u{1b}[2J`) nor reorder its text.
        write!(f, "{}:{}: {}", self.file, self.line, visible(&self.context))?;
        if let Some(field) = &self.field {
            write!(f, ", field `{}`", visible(&shorten(field)))?;
        }
        write!(f, ": {}", visible(&self.message))
    }
}

/// Every problem found in a data folder, by file and line.
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

/// Reads and validates a data folder (every `*.toml` file in it) or, given a
/// file, that one file.
pub fn load(path: &Path) -> Result<Dataset, Errors> {
    let name = path.display().to_string();
    let fail = |message: String| {
        Errors(vec![DataError {
            file: name.clone(),
            line: 1,
            context: "file".into(),
            field: None,
            message,
        }])
    };
    let paths = if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| fail(format!("cannot be read: {e}")))?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(fail(
                "holds no `*.toml` file; a data folder holds the article's `*.toml` files".into(),
            ));
        }
        paths
    } else {
        vec![path.to_path_buf()]
    };
    let mut files = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| {
            Errors(vec![DataError {
                file: p.display().to_string(),
                line: 1,
                context: "file".into(),
                field: None,
                message: format!("cannot be read: {e}"),
            }])
        })?;
        files.push((p.display().to_string(), text));
    }
    parse_files(&files)
}

/// Validates the text of one data file that holds a whole dataset; `file`
/// names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Dataset, Errors> {
    parse_files(&[(file.to_owned(), text.to_owned())])
}

type RawTable = Spanned<BTreeMap<String, Spanned<Value>>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    meta: Option<RawTable>,
    #[serde(default)]
    section: Vec<RawTable>,
    #[serde(default)]
    unit: Vec<RawTable>,
    #[serde(default)]
    category: Vec<RawTable>,
    #[serde(default)]
    indicator: Vec<RawTable>,
    #[serde(default)]
    chart: Vec<RawTable>,
}

/// Validates the files of a data folder, given as (name, text) pairs and
/// taken together.
pub fn parse_files(files: &[(String, String)]) -> Result<Dataset, Errors> {
    let mut c = Checker {
        files: Vec::new(),
        newlines: Vec::new(),
        current: 0,
        errors: Vec::new(),
        english: true,
    };
    let mut raws = Vec::new();
    for (k, (name, text)) in files.iter().enumerate() {
        // A byte-order mark is legal in a UTF-8 file but not in TOML; editors
        // on some systems add one, so it is dropped rather than refused.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        c.files.push((name.as_str(), text));
        c.newlines.push(
            text.bytes()
                .enumerate()
                .filter_map(|(at, b)| (b == b'\n').then_some(at))
                .collect(),
        );
        c.current = k;
        match toml::from_str::<RawFile>(text) {
            Ok(raw) => raws.push(raw),
            Err(e) => {
                let line = e.span().map_or(1, |s| c.line(s.start));
                let message = e.message().replace('\n', " ").trim().to_owned();
                c.push(line, "file", None, format!("not valid TOML: {message}"));
                raws.push(RawFile::default());
            }
        }
    }
    if !c.errors.is_empty() {
        return Err(Errors(c.errors));
    }
    // Each table with the index of the file it is in, in file order.
    fn tables(raws: &[RawFile], pick: fn(&RawFile) -> &[RawTable]) -> Vec<(usize, &RawTable)> {
        raws.iter()
            .enumerate()
            .flat_map(|(k, r)| pick(r).iter().map(move |t| (k, t)))
            .collect()
    }

    let mut meta = None;
    for (k, raw) in raws.iter().enumerate() {
        let Some(table) = &raw.meta else { continue };
        c.current = k;
        if meta.is_some() {
            let line = c.line(table.span().start);
            c.push(
                line,
                "meta",
                None,
                "a second [meta] table; a data folder has one".into(),
            );
            continue;
        }
        meta = Some(c.meta(table));
    }
    let meta = match meta {
        Some(meta) => meta,
        None => {
            // Named in the file that holds the figures, where an editor
            // looks first; in a one-file dataset, that file.
            c.current = raws
                .iter()
                .position(|r| !r.indicator.is_empty())
                .unwrap_or(0);
            c.push(
                1,
                "file",
                None,
                "the [meta] table is missing; a data folder has one, with the headline and source"
                    .into(),
            );
            None
        }
    };

    let sections: Vec<Section> = c.all(&tables(&raws, |r| &r.section), "section", Checker::section);
    let categories: Vec<Category> = c.all(
        &tables(&raws, |r| &r.category),
        "category",
        Checker::category,
    );
    let units: Vec<Unit> = c.all(&tables(&raws, |r| &r.unit), "unit", Checker::unit);
    if sections.is_empty() && c.errors.is_empty() {
        c.current = 0;
        c.push(
            1,
            "file",
            None,
            "there is no [[section]]; every chart stands in one".into(),
        );
    }

    let refs = Refs {
        categories: &categories,
        units: &units,
        sections: &sections,
    };
    let indicator_tables = tables(&raws, |r| &r.indicator);
    let indicators: Vec<Indicator> = c.all(&indicator_tables, "indicator", |c, table| {
        c.indicator(table, &refs)
    });
    if indicator_tables.is_empty() {
        c.current = 0;
        c.push(1, "file", None, "there is no [[indicator]]".into());
    }

    let charts: Vec<Chart> = c.all(&tables(&raws, |r| &r.chart), "chart", |c, table| {
        c.chart(table, &indicators, &refs)
    });
    // A figure in no chart is still shown: the page's table of every figure
    // lists them all, so a chart never has to exist to hold leftovers.

    match meta {
        Some(meta) if c.errors.is_empty() => Ok(Dataset {
            meta,
            sections: Cow::Owned(sections),
            categories: Cow::Owned(categories),
            units: Cow::Owned(units),
            indicators: Cow::Owned(indicators),
            charts: Cow::Owned(charts),
        }),
        _ => {
            c.errors
                .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            Err(Errors(c.errors))
        }
    }
}

/// The vocabularies an indicator or chart refers to by id.
struct Refs<'a> {
    categories: &'a [Category],
    units: &'a [Unit],
    sections: &'a [Section],
}

/// Collects errors while the tables of the files are read.
struct Checker<'a> {
    /// Every file's name and text.
    files: Vec<(&'a str, &'a str)>,
    /// Where each line of each file (as in `files`) ends: the offsets of
    /// its newlines. A place's line is found by a binary search in them;
    /// counting the newlines before each place took a quarter of a preview
    /// rebuild of a large folder.
    newlines: Vec<Vec<usize>>,
    /// The file whose table is being read.
    current: usize,
    errors: Vec<DataError>,
    /// Whether English texts are required (`[meta] languages` lists "en").
    english: bool,
}

/// One table being read: its fields and its name.
struct Fields<'t> {
    map: &'t BTreeMap<String, Spanned<Value>>,
    line: usize,
    /// The kind of table, e.g. `indicator`: some caps depend on it.
    kind: String,
    context: String,
}

/// Something with an id, for the duplicate check of [`Checker::all`].
trait HasId {
    fn id(&self) -> &str;
}

/// Every kind of table with an id: a section, category, unit, indicator
/// or chart.
macro_rules! has_id {
    ($($kind:ty),+) => {
        $(impl HasId for $kind {
            fn id(&self) -> &str {
                &self.id
            }
        })+
    };
}

has_id!(Section, Category, Unit, Indicator, Chart);

impl<'a> Checker<'a> {
    /// The line (from 1) of a byte offset of the current file.
    fn line(&self, offset: usize) -> usize {
        let newlines = self
            .newlines
            .get(self.current)
            .map_or(&[][..], Vec::as_slice);
        // The newlines before `offset` (one at `offset` itself ends the line
        // it is on).
        newlines.partition_point(|&at| at < offset) + 1
    }

    /// "file:line" of a place in any file.
    fn place(&self, (file, line): (usize, usize)) -> String {
        let name = self.files.get(file).map_or("", |f| f.0);
        format!("{name}:{line}")
    }

    fn push(&mut self, line: usize, context: &str, field: Option<&str>, message: String) {
        let file = self.files.get(self.current).map_or("", |f| f.0).to_owned();
        self.errors.push(DataError {
            file,
            line,
            context: context.to_owned(),
            field: field.map(str::to_owned),
            message,
        });
    }

    /// Reads every table of one kind, refusing a duplicate id.
    fn all<T: HasId>(
        &mut self,
        tables: &[(usize, &RawTable)],
        kind: &str,
        mut read: impl FnMut(&mut Self, &RawTable) -> Option<T>,
    ) -> Vec<T> {
        let mut out: Vec<T> = Vec::new();
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        for &(k, table) in tables {
            self.current = k;
            let Some(item) = read(self, table) else {
                continue;
            };
            let line = self.line(table.span().start);
            if let Some(&first) = seen.get(item.id()) {
                let first = self.place(first);
                self.push(
                    line,
                    &format!("{kind} \"{}\"", item.id()),
                    Some("id"),
                    format!("duplicate id; first used at {first}"),
                );
                continue;
            }
            seen.insert(item.id().to_owned(), (k, line));
            out.push(item);
        }
        out
    }

    fn fields<'t>(&mut self, table: &'t RawTable, kind: &str, allowed: &[&str]) -> Fields<'t> {
        let map = table.get_ref();
        let line = self.line(table.span().start);
        // The id names the table in every message about it, but only an id
        // that could be valid: a 100,000-character id would be repeated in
        // each message, and its own problem is reported under `id`.
        let id = map
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .filter(|id| id.chars().count() <= ID_MAX && id.chars().all(|c| c.is_ascii_graphic()));
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
        Fields {
            map,
            line,
            kind: kind.to_owned(),
            context,
        }
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
            Some(v) => self.string_value(f, key, v, false),
        }
    }

    /// An optional string; empty is allowed where `empty_ok`.
    fn optional_string(
        &mut self,
        f: &Fields<'_>,
        key: &str,
        empty_ok: bool,
    ) -> Option<Option<Text>> {
        match f.map.get(key) {
            None => Some(None),
            Some(v) => self.string_value(f, key, v, empty_ok).map(Some),
        }
    }

    fn string_value(
        &mut self,
        f: &Fields<'_>,
        key: &str,
        v: &Spanned<Value>,
        empty_ok: bool,
    ) -> Option<Text> {
        let at = self.line(v.span().start);
        match v.get_ref() {
            // Checked first, before any message quotes the text.
            Value::String(s) if unwanted(s).is_some() || too_long(&f.kind, key, s).is_some() => {
                let message = unwanted(s)
                    .or_else(|| too_long(&f.kind, key, s))
                    .unwrap_or_default();
                self.push(at, &f.context, Some(key), message);
                None
            }
            Value::String(s) if empty_ok || !s.trim().is_empty() => {
                if let Some(found) = is_simplified(key).then(|| traditional(s)).flatten() {
                    let why = if key == "source" {
                        "quote the sentence as converted to Simplified Chinese, and give the article's own in `source_zh_hant`"
                    } else {
                        "Chinese texts (`…_zh`) are written in Simplified Chinese; give a Traditional one in `…_zh_hant`"
                    };
                    self.push(
                        at,
                        &f.context,
                        Some(key),
                        format!("has Traditional characters: {found}; {why}"),
                    );
                    return None;
                }
                if let Some(field) = names_a_field(s) {
                    self.push(
                        at,
                        &f.context,
                        Some(key),
                        format!("names the field `{field}`; texts are read by readers, who do not see the data file"),
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

    /// A text in every language: `zh` and `en` required, `zh_hant`
    /// converted from `zh` where it is not given.
    fn words_at(&mut self, f: &Fields<'_>, [zh, hant, en]: [&str; 3]) -> Option<Words> {
        let zh_text = self.string(f, zh);
        let hant_text = self.optional_string(f, hant, false);
        let en_text = match f.map.get(en) {
            // A Chinese-only folder gives no English; the model holds "".
            None if !self.english => Some(Cow::Borrowed("")),
            None => {
                self.push(
                    f.line,
                    &f.context,
                    Some(en),
                    format!(
                        "missing; every text is given in Chinese (`{zh}`) and English (`{en}`)"
                    ),
                );
                None
            }
            Some(v) => self.string_value(f, en, v, false),
        };
        let zh_text = zh_text?;
        let zh_hant = hant_text?.unwrap_or_else(|| Cow::Owned(to_traditional(&zh_text)));
        Some(Words {
            zh: zh_text,
            zh_hant,
            en: en_text?,
        })
    }

    /// The text `NAME_zh` / `NAME_zh_hant` / `NAME_en`.
    fn words(&mut self, f: &Fields<'_>, name: &str) -> Option<Words> {
        let keys = [
            format!("{name}_zh"),
            format!("{name}_zh_hant"),
            format!("{name}_en"),
        ];
        self.words_at(f, [&keys[0], &keys[1], &keys[2]])
    }

    /// An optional text: none of its fields, or its `zh` and `en` both.
    fn optional_words(&mut self, f: &Fields<'_>, name: &str) -> Option<Option<Words>> {
        let (zh, hant, en) = (
            format!("{name}_zh"),
            format!("{name}_zh_hant"),
            format!("{name}_en"),
        );
        let given = [&zh, &hant, &en].map(|k| f.map.contains_key(k.as_str()));
        if given == [false; 3] {
            return Some(None);
        }
        if !given[0] || (!given[2] && self.english) {
            let (have, lack) = if given[0] {
                (&zh, &en)
            } else if given[2] {
                (&en, &zh)
            } else {
                (&hant, &zh)
            };
            self.push(
                f.line,
                &f.context,
                Some(lack),
                format!("missing; `{have}` is given, and a text must be in both languages"),
            );
            return None;
        }
        self.words(f, name).map(Some)
    }

    /// A reference by id to an entry of a vocabulary of the data folder.
    fn reference<T: HasId>(&mut self, f: &Fields<'_>, key: &str, all: &[T]) -> Option<usize> {
        let text = self.string(f, key)?;
        let found = all.iter().position(|t| t.id() == text);
        if found.is_none() {
            let valid: Vec<&str> = all.iter().map(HasId::id).collect();
            let at = self.at(f, key);
            let message = if valid.is_empty() {
                format!("unknown {key} \"{text}\"; the data folder defines no [[{key}]]")
            } else {
                format!(
                    "unknown {key} \"{text}\"; expected one of: {}",
                    valid.join(", ")
                )
            };
            self.push(at, &f.context, Some(key), message);
        }
        found
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

    fn meta(&mut self, table: &RawTable) -> Option<Meta> {
        let f = self.fields(
            table,
            "meta",
            &[
                "title_zh",
                "title_zh_hant",
                "title_en",
                "dek_zh",
                "dek_zh_hant",
                "dek_en",
                "data_note_zh",
                "data_note_zh_hant",
                "data_note_en",
                "source_zh",
                "source_zh_hant",
                "source_en",
                "publication_zh",
                "publication_zh_hant",
                "publication_en",
                "author_zh",
                "author_zh_hant",
                "author_en",
                "published",
                "languages",
            ],
        );
        let languages = self.languages(&f);
        if let Some(languages) = &languages {
            self.english = languages.iter().any(|l| l == "en");
        }
        let title = self.words(&f, "title");
        let dek = self.optional_words(&f, "dek");
        let data_note = self.optional_words(&f, "data_note");
        let source = self.words(&f, "source");
        let publication = self.optional_words(&f, "publication");
        let author = self.optional_words(&f, "author");
        let published = self.published(&f);
        Some(Meta {
            title: title?,
            dek: dek?,
            data_note: data_note?,
            source: source?,
            publication: publication?,
            author: author?,
            published: published?,
            languages: Cow::Owned(languages?),
        })
    }

    /// The optional `published` date: an ISO calendar date, `2021-06-30`.
    fn published(&mut self, f: &Fields<'_>) -> Option<Option<Text>> {
        let Some(v) = f.map.get("published") else {
            return Some(None);
        };
        // A TOML date (`published = 2021-06-30`, unquoted) is a date too.
        let text = match v.get_ref() {
            Value::Datetime(d) if d.date.is_some() && d.time.is_none() => Cow::Owned(d.to_string()),
            _ => self.string_value(f, "published", v, false)?,
        };
        if iso_date(&text) {
            Some(Some(text))
        } else {
            let at = self.line(v.span().start);
            self.push(
                at,
                &f.context,
                Some("published"),
                format!(
                    "\"{text}\" is not a date like \"2021-06-30\" (year 1900–2100, month, day)"
                ),
            );
            None
        }
    }

    /// `[meta] languages`: "zh" and, unless left out, "en".
    fn languages(&mut self, f: &Fields<'_>) -> Option<Vec<Text>> {
        const KNOWN: [&str; 2] = ["zh", "en"];
        let Some(v) = f.map.get("languages") else {
            return Some(KNOWN.iter().map(|&l| Cow::Borrowed(l)).collect());
        };
        let at = self.line(v.span().start);
        let list: Option<Vec<&str>> = match v.get_ref() {
            Value::Array(items) => items.iter().map(Value::as_str).collect(),
            _ => None,
        };
        let problem = match &list {
            None => Some(
                "must be a list of language codes, such as [\"zh\"] or [\"zh\", \"en\"]".to_owned(),
            ),
            Some(list) => {
                if let Some(bad) = list.iter().find(|l| !KNOWN.contains(l)) {
                    Some(format!("unknown language \"{bad}\"; expected \"zh\" and, if the folder gives English texts, \"en\""))
                } else if !list.contains(&"zh") {
                    Some("must list \"zh\": every folder gives its texts in Chinese".into())
                } else if list.len() != list.iter().collect::<std::collections::HashSet<_>>().len()
                {
                    Some("lists a language twice".into())
                } else {
                    None
                }
            }
        };
        if let Some(message) = problem {
            self.push(at, &f.context, Some("languages"), message);
            return None;
        }
        list.map(|l| l.into_iter().map(|x| Cow::Owned(x.to_owned())).collect())
    }

    /// `review`: a note for the editor, a string that no page shows.
    fn review(&mut self, f: &Fields<'_>) {
        if let Some(v) = f.map.get("review") {
            if !v.get_ref().is_str() {
                let at = self.line(v.span().start);
                self.push(
                    at,
                    &f.context,
                    Some("review"),
                    format!(
                        "must be a string (a note for the editor), not {}",
                        describe(v.get_ref())
                    ),
                );
            }
        }
    }

    fn section(&mut self, table: &RawTable) -> Option<Section> {
        let f = self.fields(
            table,
            "section",
            &[
                "id",
                "title_zh",
                "title_zh_hant",
                "title_en",
                "description_zh",
                "description_zh_hant",
                "description_en",
            ],
        );
        let id = self.id(&f, '_');
        let title = self.words(&f, "title");
        let description = self.words(&f, "description");
        Some(Section {
            id: id?,
            title: title?,
            description: description?,
        })
    }

    fn category(&mut self, table: &RawTable) -> Option<Category> {
        let f = self.fields(
            table,
            "category",
            &["id", "name_zh", "name_zh_hant", "name_en"],
        );
        let id = self.id(&f, '_');
        let name = self.words(&f, "name");
        Some(Category {
            id: id?,
            name: name?,
        })
    }

    fn unit(&mut self, table: &RawTable) -> Option<Unit> {
        let f = self.fields(
            table,
            "unit",
            &[
                "id",
                "quantity",
                "zh",
                "zh_hant",
                "en",
                "en_plural",
                "symbol",
            ],
        );
        let id = self.id(&f, '_');
        let quantity = self.name(&f, "quantity", Quantity::ALL, Quantity::name);
        // A unit word may be empty: a calendar year or a share needs none
        // in English.
        let zh = self.optional_string(&f, "zh", true);
        let hant = self.optional_string(&f, "zh_hant", true);
        let en = self.optional_string(&f, "en", true);
        let plural = self.optional_string(&f, "en_plural", true);
        let symbol = self.optional_string(&f, "symbol", false);
        for key in ["zh", "en"] {
            if !f.map.contains_key(key) && (key == "zh" || self.english) {
                self.push(
                    f.line,
                    &f.context,
                    Some(key),
                    "missing; give the word written after a number (\"\" for none)".into(),
                );
            }
        }
        let zh = zh??;
        let en = if self.english {
            en??
        } else {
            en?.unwrap_or_default()
        };
        let zh_hant = hant?.unwrap_or_else(|| Cow::Owned(to_traditional(&zh)));
        let en_plural = plural?.unwrap_or_else(|| en.clone());
        Some(Unit {
            id: id?,
            quantity: quantity?,
            word: Words { zh, zh_hant, en },
            en_plural,
            symbol: symbol?,
        })
    }

    fn indicator(&mut self, table: &RawTable, refs: &Refs<'_>) -> Option<Indicator> {
        const FIELDS: &[&str] = &[
            "id",
            "category",
            "label_zh",
            "label_zh_hant",
            "label_en",
            "value",
            "unit",
            "qualifier",
            "year",
            "printed",
            "source",
            "source_zh_hant",
            "source_en",
            "note_zh",
            "note_zh_hant",
            "note_en",
            "review",
        ];
        let f = self.fields(table, "indicator", FIELDS);
        self.review(&f);
        // Every field is read before any result is used, so that one entry
        // reports all of its problems together.
        let id = self.id(&f, '_');
        let category = self.reference(&f, "category", refs.categories);
        let label = self.words(&f, "label");
        let unit = self
            .reference(&f, "unit", refs.units)
            .and_then(|u| refs.units.get(u));
        let qualifier = self.name(&f, "qualifier", Qualifier::ALL, Qualifier::name);
        let value = unit.and_then(|u| self.value(&f, u));
        let period = self.period(&f);
        let printed = self.string(&f, "printed");
        let source = self.source(&f);
        let note = self.optional_words(&f, "note");
        if let (Some(printed), Some(source)) = (&printed, &source) {
            if !source.zh.contains(printed.as_ref()) {
                let at = self.at(&f, "printed");
                self.push(at, &f.context, Some("printed"), format!("\"{printed}\" does not occur in `source`; quote the figure exactly as the sentence prints it"));
                return None;
            }
        }
        if let (Some(Some(x)), Some(printed)) = (value, &printed) {
            if crate::printed::agrees(x, printed) == Some(false) {
                let at = self.at(&f, "value");
                self.push(at, &f.context, Some("value"), format!("{} disagrees with `printed` \"{printed}\", which reads as {}; give the printed figure in base units (yuan, not 万元)", crate::plain_number(x), printed_values(printed)));
                return None;
            }
        }
        if let (Some(q), Some(printed)) = (qualifier, &printed) {
            if let Some(message) = qualifier_disagrees(q, printed) {
                let at = self.at(&f, "qualifier");
                self.push(at, &f.context, Some("qualifier"), message);
                return None;
            }
        }
        let printed = printed?;
        let printed = Words {
            zh_hant: Cow::Owned(to_traditional(&printed)),
            en: printed.clone(),
            zh: printed,
        };
        Some(Indicator {
            id: id?,
            category: u16::try_from(category?).ok()?,
            label: label?,
            value: value?,
            unit: unit?.clone(),
            qualifier: qualifier?,
            period: period?,
            wording: crate::printed::Worded::of(&printed.zh, &printed.zh_hant),
            printed,
            source: source?,
            note: note?,
        })
    }

    /// The source sentence: `source` (Simplified), `source_zh_hant` (the
    /// article's own sentence, or converted from `source`), `source_en` (its
    /// translation, so that English readers read it in English).
    fn source(&mut self, f: &Fields<'_>) -> Option<Words> {
        self.words_at(f, ["source", "source_zh_hant", "source_en"])
    }

    /// The value: a number in base units, or "unknown" where the article lost it.
    fn value(&mut self, f: &Fields<'_>, unit: &Unit) -> Option<Option<f64>> {
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
        let q = unit.quantity;
        let problem = if !x.is_finite() {
            Some(format!(
                "{} is not a finite number; give the figure in base units",
                v.get_ref()
            ))
        } else if x < 0.0 {
            Some(format!(
                "{x} is negative; no figure of the article is below zero"
            ))
        } else if q == Quantity::Percent && x > 100.0 {
            Some(format!("{x} is over 100 for a percentage"))
        } else if q.is_whole() && x.fract() != 0.0 {
            Some(format!("{x} is not a whole number, but a {} of {} is; give the value in base units (yuan, not 万元)", q.name(), unit.id))
        } else if q == Quantity::Year && !(1900.0..=2100.0).contains(&x) {
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
        let text = self.string_value(f, "year", v, false)?;
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

    fn chart(
        &mut self,
        table: &RawTable,
        indicators: &[Indicator],
        refs: &Refs<'_>,
    ) -> Option<Chart> {
        const FIELDS: &[&str] = &[
            "id",
            "section",
            "kind",
            "title_zh",
            "title_zh_hant",
            "title_en",
            "subtitle_zh",
            "subtitle_zh_hant",
            "subtitle_en",
            "note_zh",
            "note_zh_hant",
            "note_en",
            "items",
            "review",
        ];
        let f = self.fields(table, "chart", FIELDS);
        self.review(&f);
        let id = self.id(&f, '-');
        let section = self.reference(&f, "section", refs.sections);
        let kind = self.name(&f, "kind", Kind::ALL, Kind::name);
        let title = self.words(&f, "title");
        let subtitle = self.optional_words(&f, "subtitle");
        let note = self.optional_words(&f, "note");
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
        Some(Chart {
            id: id?,
            section: u16::try_from(section?).ok()?,
            kind: kind?,
            title: title?,
            subtitle: subtitle?,
            note: note?,
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
                        format!("\"{}\" is not the id of any valid indicator", shorten(name)),
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
    match kind {
        Kind::Cards => None,
        Kind::Bars => {
            if let Some(i) = items.iter().find(|i| i.value.is_none()) {
                Some(format!(
                    "\"{}\" has no known value and cannot be a bar; show it in a `cards` chart",
                    i.id
                ))
            } else {
                // Wells and bridges are both counts, yet bars of them on
                // one axis would compare unlike things: one unit, one axis.
                items
                    .windows(2)
                    .find(|w| w[0].unit.id != w[1].unit.id)
                    .map(|w| format!(
                        "bars share one axis, so their figures must have one unit; \"{}\" is in {} but \"{}\" is in {}",
                        w[0].id, w[0].unit.id, w[1].id, w[1].unit.id
                    ))
            }
        }
        Kind::Years => {
            if let Some(i) = items.iter().find(|i| !matches!(i.period, Period::Year(_))) {
                Some(format!(
                    "\"{}\" has no single `year`; a `years` chart places each figure at its year",
                    i.id
                ))
            } else if items.windows(2).any(|w| w[0].unit.id != w[1].unit.id) {
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

/// Whether a field holds Simplified Chinese: every `…_zh` field, a unit's
/// `zh` word, and the figure and sentence quoted from the article.
fn is_simplified(key: &str) -> bool {
    key.ends_with("_zh") || matches!(key, "zh" | "printed" | "source")
}

/// The field a text names, if it names one in backticks (such as "the span
/// is in `year`") or speaks of a field (字段): a sign of a note written for
/// editors, not readers.
fn names_a_field(text: &str) -> Option<&str> {
    if text.contains("字段") {
        return Some("字段");
    }
    let start = text.find('`')? + 1;
    let len = text[start..].find('`')?;
    let name = &text[start..start + len];
    let looks_like_field = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    looks_like_field.then_some(name)
}

/// Simplified Chinese converted to Traditional, as the build gives
/// Traditional Chinese readers every text the data folder gives in
/// Simplified only.
pub(crate) fn to_traditional(text: &str) -> String {
    zhconv::zhconv(text, zhconv::Variant::ZhHant)
}

/// Whether `text` is an ISO 8601 calendar date, `YYYY-MM-DD`, of a day that
/// exists, in 1900–2100 (the years the data model accepts).
fn iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (number(y, 4), number(m, 2), number(d, 2)) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

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

/// What kind of character `c` is, if a text must not hold it.
///
/// Texts are shown in pages, canvases, static images, CSV and JSON, and
/// read aloud by screen readers. None of these characters has a place in
/// them: control characters end in a broken image or a terminal escape;
/// noncharacters are not text at all; text-direction controls reorder what
/// a reader sees (a figure's digits, a headline), unlike what the file
/// says; invisible characters make two texts that look alike differ, or
/// hide words. Every text is one paragraph laid out on its own, so a line
/// break or tab would be drawn as nothing, or as a gap the layout did not
/// measure.
fn unwanted_kind(c: char) -> Option<&'static str> {
    let u = u32::from(c);
    match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => Some("a line break; a text is one paragraph: in a TOML multi-line string, end a line with `\\` to join it to the next"),
        '\t' => Some("a tab; use a space"),
        _ if c.is_control() => Some("a control character"),
        '\u{fdd0}'..='\u{fdef}' => Some("a noncharacter"),
        _ if u & 0xfffe == 0xfffe => Some("a noncharacter"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            Some("a text-direction control, which would reorder what readers see")
        }
        '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => Some("an invisible formatting character"),
        _ => None,
    }
}

/// What kind of character `c` is, if a text must not hold it: a control
/// character, a noncharacter, a text-direction control or an invisible
/// formatting character. Public so that other inputs of the build (the
/// site's address) are held to the same rule.
pub fn unwanted_character(c: char) -> Option<&'static str> {
    unwanted_kind(c)
}

/// What to say of a text that holds a character no text may hold.
fn unwanted(text: &str) -> Option<String> {
    let (at, c, kind) = text
        .chars()
        .enumerate()
        .find_map(|(i, c)| unwanted_kind(c).map(|kind| (i + 1, c, kind)))?;
    Some(format!(
        "holds U+{:04X} at character {at}, {kind}; texts hold visible characters and spaces only",
        u32::from(c)
    ))
}

/// The longest id, in characters.
const ID_MAX: usize = 64;

/// The most characters a field may hold, and what it is, for messages.
///
/// The caps are about three times the longest of each field in `data/` and
/// `tests/data/second-article/` (the README's field tables give them): far
/// above what a page, a chart or a download shows well, far below what would
/// make a build take minutes and gigabytes (a 100,000-character title did).
fn cap(kind: &str, key: &str) -> (usize, &'static str) {
    // A unit's words are named `zh`, `zh_hant`, `en` and `en_plural`.
    if kind == "unit" {
        return match key {
            "zh" | "zh_hant" | "en" | "en_plural" => (40, "a unit word"),
            "symbol" => (8, "a unit symbol"),
            _ => (ID_MAX, "a name"),
        };
    }
    let base = ["_zh_hant", "_zh", "_en"]
        .iter()
        .find_map(|s| key.strip_suffix(s))
        .unwrap_or(key);
    match (kind, base) {
        (_, "id") => (ID_MAX, "an id"),
        ("meta", "title") => (200, "a headline"),
        ("meta", "dek") => (1000, "a dek"),
        ("meta", "data_note") => (1000, "a data note"),
        ("meta", "source") => (300, "a source line"),
        ("meta", "publication") => (200, "a publication's name"),
        ("meta", "author") => (200, "a byline"),
        ("indicator", "source") => (2500, "a source sentence"),
        ("indicator", "printed") => (50, "a printed figure"),
        (_, "title") => (200, "a title"),
        (_, "subtitle") => (300, "a subtitle"),
        (_, "description") => (300, "a description"),
        (_, "name") => (100, "a name"),
        (_, "label") => (200, "a label"),
        (_, "note") => (1500, "a note"),
        _ => (ID_MAX, "a name"),
    }
}

/// What to say of a text longer than its field's cap.
fn too_long(kind: &str, key: &str, text: &str) -> Option<String> {
    let (max, what) = cap(kind, key);
    // Counting stops past the cap: a huge text costs no more than a short one.
    let count = text.chars().take(max + 1).count();
    (count > max).then(|| {
        format!(
            "is {} characters long; {what} is at most {max} characters",
            text.chars().count()
        )
    })
}

/// A text with each character no text may hold written as `<U+XXXX>`.
fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| unwanted_kind(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match unwanted_kind(c) {
                Some(_) => format!("<U+{:04X}>", u32::from(c)),
                None => c.to_string(),
            })
            .collect(),
    )
}

/// A name from the file (a key), cut short for messages.
fn shorten(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(ID_MAX) {
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
        None => Cow::Borrowed(text),
    }
}

/// The numbers a printed figure reads as, for a message.
fn printed_values(printed: &str) -> String {
    crate::printed::read(printed).map_or_else(String::new, |r| {
        r.numbers
            .iter()
            .map(|n| crate::plain_number(n.value))
            .collect::<Vec<_>>()
            .join(" or ")
    })
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("the string \"{}\"", shorten(s)),
        other => format!("a {}", other.type_str()),
    }
}

/// Why a qualifier disagrees with the bound word of its printed figure, if
/// it does. The page shows the printed word ("超过", "不到") and draws the
/// mark by the qualifier, so the two must say the same: a lower bound read
/// as "nearly" would draw a mark that contradicts its own label. An upper
/// bound must have its word in `printed`, since the page shows that word.
fn qualifier_disagrees(q: Qualifier, printed: &str) -> Option<String> {
    use crate::printed::Bound;
    let reading = crate::printed::read(printed)?;
    let said = match reading.bound {
        Bound::Exact => None,
        bound => Some(bound.qualifier()),
    };
    match said {
        Some(said) if said != q && q != Qualifier::Exact => Some(format!(
            "`{}`, but \"{printed}\" reads as `{}`; give the qualifier its word says",
            q.name(),
            said.name()
        )),
        None if q == Qualifier::AtMost => Some(format!(
            "`at_most`, but \"{printed}\" has no word of an upper bound (以下, 不到, 不足, 不超过); quote the figure with its word"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_dates_are_iso_calendar_dates() {
        for good in [
            "2021-06-30",
            "2020-02-29",
            "2000-02-29",
            "1900-01-01",
            "2100-12-31",
        ] {
            assert!(iso_date(good), "{good}");
        }
        for bad in [
            "2021-6-30",
            "2021-06-31",
            "2019-02-29",
            "1900-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-01-00",
            "1899-12-31",
            "2101-01-01",
            "21-06-30",
            "2021/06/30",
            "2021-06-30T00:00",
            "June 30, 2021",
            "",
            "+2021-06-30",
            "2021-06-3\u{663}",
        ] {
            assert!(!iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn a_field_named_in_backticks_is_found() {
        assert_eq!(names_a_field("the span is in `year`"), Some("year"));
        assert_eq!(names_a_field("起止见年份字段"), Some("字段"));
        assert_eq!(names_a_field("no field here"), None);
        assert_eq!(names_a_field("a `Quoted Phrase` is not a field"), None);
    }
}
