//! The data model of article-charts: one article's figures as [`Indicator`]s,
//! the [`Chart`]s that show them, and everything else the page says about
//! the article — its headline and credit ([`Meta`]), its [`Section`]s, the
//! [`Unit`]s its figures are counted in and the [`Category`]s they belong to.
//!
//! The code knows only *kinds*: chart kinds ([`Kind`]), kinds of quantity
//! ([`Quantity`]) and qualifiers ([`Qualifier`]). Every name of an article —
//! section titles, unit words, chart ids — comes from its data folder.
//!
//! The same types serve twice. At build time the `parse` feature reads and
//! validates a data folder (see [`load`]) and writes the dataset out as Rust
//! source, CSV and JSON. At run time the WebAssembly module holds the dataset
//! as a `static` built from that Rust source, so the page never parses
//! anything. Strings are `Cow<'static, str>` so that one type can be both a
//! borrowed `static` and an owned value fresh from the parser.

use std::borrow::Cow;

#[cfg(feature = "parse")]
mod export;
#[cfg(feature = "parse")]
mod parse;
// The reader of printed figures needs no TOML, so the WebAssembly module
// has it too: the page shows a figure's qualifier in the article's own word,
// read from `printed` (超过, 近, 以下), not a word of the code's choosing.
pub mod printed;

#[cfg(feature = "parse")]
pub use export::{csv_text, ExportError, BOM};
#[cfg(feature = "parse")]
pub use parse::{load, parse, parse_files, unwanted_character, DataError, Errors};

/// A string that is either baked into the binary or freshly parsed.
pub type Text = Cow<'static, str>;

/// Declares a closed vocabulary: an enum whose variants are spelt in the data
/// file by the given names, with the list of names for error messages.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in the data file, CSV and JSON.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Looks a name of the data file up.
            pub fn from_name(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

vocabulary! {
    /// How exactly the article states a figure: "余/多/以上/超过" is a lower
    /// bound, "近/约/左右" means about, "以下/不到/不足/不超过" is an upper
    /// bound. The kind decides how a mark is drawn; the word the reader sees
    /// is the article's own, read from the printed figure.
    Qualifier { Exact = "exact", AtLeast = "at_least", Approx = "approx", AtMost = "at_most" }
}

vocabulary! {
    /// What kind of quantity a unit measures. It decides how a value is
    /// written (a calendar year is not grouped into thousands, an ordinal is
    /// "第5" / "5th", money uses 万/亿 and a currency sign) and what values
    /// are plausible.
    Quantity {
        /// How many of something: people, wells, trees.
        Count = "count",
        /// An amount of money, in the currency's base unit (yuan, not 万元).
        Money = "money",
        /// An area: square kilometres, mu, hectares.
        Area = "area",
        /// A length or height: metres, kilometres.
        Length = "length",
        /// A share in percent, 0 to 100.
        Percent = "percent",
        /// A calendar year, such as 2019; shown as a year, never summed.
        Year = "year",
        /// A position in a sequence: the 2nd round, the 5th team.
        Ordinal = "ordinal",
        /// A length of time: years, months.
        Duration = "duration",
        /// A mass: tonnes, kilograms.
        Mass = "mass",
        /// A multiple of another amount: 3倍 is three times it. The label
        /// says of what, since the article's "增长3倍" may mean three or
        /// four times as much.
        Multiple = "multiple",
    }
}

impl Quantity {
    /// Whether values of this kind must be whole numbers.
    pub fn is_whole(self) -> bool {
        matches!(
            self,
            Quantity::Count | Quantity::Ordinal | Quantity::Year | Quantity::Duration
        )
    }
}

vocabulary! {
    /// How a chart draws its items.
    Kind {
        /// "By the numbers" tiles, for a few headline figures.
        Cards = "cards",
        /// Horizontal bars on one shared axis, for figures of one unit.
        Bars = "bars",
        /// The same measure at a few reported years, as separate points.
        Years = "years",
        /// Dated events and periods on a year axis.
        Timeline = "timeline",
    }
}

/// A text in every language of the page. The data folder gives Simplified
/// Chinese and English; the Traditional Chinese text is given too or, where
/// it is not, converted from the Simplified one at build time.
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    /// Simplified Chinese.
    pub zh: Text,
    /// Traditional Chinese.
    pub zh_hant: Text,
    /// English.
    pub en: Text,
}

/// A unit figures are counted or measured in, with the words each language
/// writes after (or, for a currency sign, before) a number.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// Identifier used by indicators (lowercase snake_case).
    pub id: Text,
    /// What kind of quantity it is.
    pub quantity: Quantity,
    /// The word after a number: "棵" / "棵" / "tree"; English is the
    /// singular here. May be empty where a number stands alone.
    pub word: Words,
    /// The English plural: "trees".
    pub en_plural: Text,
    /// A sign English writes before the number instead of a word, such as
    /// "¥" for yuan.
    pub symbol: Option<Text>,
}

/// A part of the page, in page order.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Identifier used by charts (lowercase snake_case).
    pub id: Text,
    /// Its heading.
    pub title: Words,
    /// One line under the heading.
    pub description: Words,
}

/// A theme of the article that figures are grouped by in the downloads.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// Identifier used by indicators (lowercase snake_case).
    pub id: Text,
    /// Its name.
    pub name: Words,
}

/// The year or period the article ties a figure to, if it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    /// The article gives no year; the figure is cumulative or undated.
    Undated,
    /// One year, e.g. "2019年".
    Year(u16),
    /// A span of years, both ends included, e.g. "2017年至2019年".
    Span(u16, u16),
}

impl Period {
    /// The first year, if any.
    pub fn start(self) -> Option<u16> {
        match self {
            Period::Undated => None,
            Period::Year(y) | Period::Span(y, _) => Some(y),
        }
    }

    /// The last year, if any.
    pub fn end(self) -> Option<u16> {
        match self {
            Period::Undated => None,
            Period::Year(y) | Period::Span(_, y) => Some(y),
        }
    }
}

/// Formats a value without exponent or trailing `.0`, so that 260000000 yuan
/// reads as such in a spreadsheet.
pub fn plain_number(x: f64) -> String {
    // An integer below 10^15 fits an `i64` exactly; writing it as one keeps
    // the exact-precision float formatter out of the chart module.
    if x.fract() == 0.0 && x.abs() < 1e15 {
        (x as i64).to_string()
    } else {
        format!("{x}")
    }
}

/// The year field as the data file writes it.
pub fn period_text(p: Period) -> String {
    match p {
        Period::Undated => String::new(),
        Period::Year(y) => y.to_string(),
        Period::Span(a, b) => format!("{a}-{b}"),
    }
}

/// The header of the CSV downloads; its columns are a public format.
pub const CSV_HEADER: [&str; 14] = [
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
    "source_zh_hant",
    "source_en",
    "note_zh",
    "note_en",
];

/// The column of [`CSV_HEADER`] that holds a number, `value`; every other
/// holds text.
pub const CSV_VALUE_COLUMN: usize = 4;

/// One figure of the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    /// Stable identifier (lowercase snake_case), used in URLs, CSV and tests.
    pub id: Text,
    /// Index into [`Dataset::categories`].
    pub category: u16,
    /// Short label.
    pub label: Words,
    /// The value in base units; `None` where the article lost the figure.
    pub value: Option<f64>,
    /// What it counts or measures (a copy of its entry in [`Dataset::units`]).
    pub unit: Unit,
    /// Exact, at least, about, or at most.
    pub qualifier: Qualifier,
    /// The year or period the article gives for it.
    pub period: Period,
    /// The figure exactly as the article prints it, e.g. "380余户"; the
    /// English page shows the Chinese original, so `en` repeats `zh`.
    pub printed: Words,
    /// The words around the first number of `printed` ("余", "超过", a
    /// fraction as printed), read from it when the folder is loaded.
    pub wording: printed::Worded,
    /// The article's sentence it comes from; `en` is its translation.
    pub source: Words,
    /// A note where the figure is qualified or odd.
    pub note: Option<Words>,
}

/// A text cell of a CSV download, safe to open in a spreadsheet.
///
/// Excel, LibreOffice and Google Sheets read a cell that starts with `=`,
/// `+`, `-` or `@` (or with a tab or carriage return before one) as a
/// formula, so a text such as `=HYPERLINK("https://…","click")` in a data
/// folder would become a live link or worse in a reader's spreadsheet. As
/// OWASP advises for CSV injection, such a text is written with a single
/// quote before it, which spreadsheets show as text. Only text cells go
/// through here: a number in the value column stays a number.
pub fn spreadsheet_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

impl Indicator {
    /// The figure as one CSV row, in the columns of [`CSV_HEADER`]; every
    /// text cell through [`spreadsheet_text`], the value as a number.
    pub fn csv_row(&self, category: &str) -> [String; 14] {
        let mut row = self.csv_cells(category);
        for (i, cell) in row.iter_mut().enumerate() {
            if i != CSV_VALUE_COLUMN {
                *cell = spreadsheet_text(cell);
            }
        }
        row
    }

    /// The cells of [`Indicator::csv_row`] as the data folder gives them.
    fn csv_cells(&self, category: &str) -> [String; 14] {
        [
            self.id.to_string(),
            category.to_owned(),
            self.label.zh.to_string(),
            self.label.en.to_string(),
            self.value.map(plain_number).unwrap_or_default(),
            self.unit.id.to_string(),
            self.qualifier.name().to_owned(),
            period_text(self.period),
            self.printed.zh.to_string(),
            self.source.zh.to_string(),
            self.source.zh_hant.to_string(),
            self.source.en.to_string(),
            self.note
                .as_ref()
                .map(|n| n.zh.to_string())
                .unwrap_or_default(),
            self.note
                .as_ref()
                .map(|n| n.en.to_string())
                .unwrap_or_default(),
        ]
    }
}

/// One chart of the page and the figures it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Stable identifier (lowercase kebab-case), used in URLs and embeds.
    pub id: Text,
    /// Index into [`Dataset::sections`]: where on the page it stands.
    pub section: u16,
    /// How it draws its items.
    pub kind: Kind,
    /// Its title.
    pub title: Words,
    /// Measure, place, period and unit, under the title.
    pub subtitle: Option<Words>,
    /// A note under the chart.
    pub note: Option<Words>,
    /// Indices into [`Dataset::indicators`], in drawing order.
    pub items: Cow<'static, [u16]>,
}

/// What the page says of the article as a whole.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// The page's headline, also its `<title>`.
    pub title: Words,
    /// One paragraph under the headline, also the page's description.
    pub dek: Option<Words>,
    /// A note on how the figures were gathered, under the dek.
    pub data_note: Option<Words>,
    /// The source line every chart carries.
    pub source: Words,
    /// The outlet that publishes the article, e.g. a newspaper's name;
    /// oEmbed consumers show it as the provider of an embedded chart.
    pub publication: Option<Words>,
    /// The article's byline, where the data folder gives one.
    pub author: Option<Words>,
    /// The day the article was published, as an ISO date (`2021-06-30`).
    pub published: Option<Text>,
    /// The languages the folder is written in, from `[meta] languages`:
    /// `["zh", "en"]` unless it says otherwise. Without `"en"` the folder
    /// gives no English texts (every `Words::en` is empty) and the site is
    /// to publish its Chinese pages only.
    pub languages: Cow<'static, [Text]>,
}

impl Meta {
    /// Whether the folder gives English texts, so that English pages can be
    /// built from it.
    pub fn has_english(&self) -> bool {
        self.languages.iter().any(|l| l == "en")
    }
}

/// Every figure of one article, every chart, and the words around them.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Headline, dek and credit.
    pub meta: Meta,
    /// The page's sections, in page order.
    pub sections: Cow<'static, [Section]>,
    /// The themes figures are grouped by.
    pub categories: Cow<'static, [Category]>,
    /// The units figures are counted in.
    pub units: Cow<'static, [Unit]>,
    /// Every figure, in the order of the data files.
    pub indicators: Cow<'static, [Indicator]>,
    /// Every chart, in page order.
    pub charts: Cow<'static, [Chart]>,
}

impl Dataset {
    /// The chart with this id.
    pub fn chart(&self, id: &str) -> Option<&Chart> {
        self.charts.iter().find(|c| c.id == id)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The indicators a chart shows, in its order.
    pub fn items<'a>(&'a self, chart: &'a Chart) -> impl Iterator<Item = &'a Indicator> + 'a {
        chart
            .items
            .iter()
            .filter_map(move |&i| self.indicators.get(usize::from(i)))
    }

    /// The section a chart stands in.
    pub fn section_of(&self, chart: &Chart) -> Option<&Section> {
        self.sections.get(usize::from(chart.section))
    }

    /// The charts of a section, in page order.
    pub fn charts_in<'a>(&'a self, section: usize) -> impl Iterator<Item = &'a Chart> + 'a {
        self.charts
            .iter()
            .filter(move |c| usize::from(c.section) == section)
    }

    /// The id of an indicator's category.
    pub fn category_id(&self, i: &Indicator) -> &str {
        self.category_of(i).map_or("", |c| c.id.as_ref())
    }

    /// The category of an indicator.
    pub fn category_of(&self, indicator: &Indicator) -> Option<&Category> {
        self.categories.get(usize::from(indicator.category))
    }
}
