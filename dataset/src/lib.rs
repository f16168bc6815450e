//! The data model of danba-charts: every figure of the article as an
//! [`Indicator`], and the [`Chart`]s that show them.
//!
//! The same types serve twice. At build time the `parse` feature reads and
//! validates `data/indicators.toml` (see [`load`]) and writes the dataset out
//! as Rust source, CSV and JSON. At run time the WebAssembly module holds the
//! dataset as a `static` built from that Rust source, so the page never parses
//! anything. Strings are `Cow<'static, str>` so that one type can be both a
//! borrowed `static` and an owned value fresh from the parser.

use std::borrow::Cow;

#[cfg(feature = "parse")]
mod export;
#[cfg(feature = "parse")]
mod parse;

#[cfg(feature = "parse")]
pub use parse::{load, parse, DataError, Errors};

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
    /// How exactly the article states a figure. "余/多/以上" is a lower bound,
    /// "近/约" an approximation; both must stay visible wherever the figure is.
    Qualifier { Exact = "exact", AtLeast = "at_least", Approx = "approx" }
}

vocabulary! {
    /// The thing a figure counts or measures. Values are always in the base
    /// unit: yuan (not 万元 or 亿元), percent as 16.8, calendar years as 2012.
    Unit {
        Percent = "percent", Yuan = "yuan", Km2 = "km2", Metre = "metre", Mu = "mu",
        Person = "person", PersonTime = "person_time", Household = "household",
        Village = "village", Township = "township", School = "school", Hospital = "hospital",
        Project = "project", Category = "category", Enterprise = "enterprise",
        Cooperative = "cooperative", BusinessEntity = "business_entity", Industry = "industry",
        Heater = "heater", Lamp = "lamp", Culvert = "culvert", Seedling = "seedling",
        Meeting = "meeting", Room = "room", Batch = "batch", Times = "times", Years = "years",
        CalendarYear = "calendar_year", Edition = "edition", Level = "level", Class = "class",
        /// An ordinal: the n-th round of assistance ("第二轮" = 2).
        Round = "round",
        /// An ordinal: the n-th batch of cadres ("第五批" = 5).
        NthBatch = "nth_batch",
    }
}

vocabulary! {
    /// The theme of the article a figure belongs to.
    Category {
        Context = "context", Outcome = "outcome", Funding = "funding",
        PartyBuilding = "party_building", Industry = "industry", Tourism = "tourism",
        Livelihood = "livelihood", Education = "education", Health = "health",
        Consolidation = "consolidation", Honours = "honours",
    }
}

vocabulary! {
    /// The part of the page a chart stands in; it follows the article's order.
    Section {
        Overview = "overview", PartyBuilding = "party_building", Industry = "industry",
        Livelihood = "livelihood", Consolidation = "consolidation", Timeline = "timeline",
    }
}

vocabulary! {
    /// How a chart draws its items.
    Kind {
        /// "By the numbers" tiles, for figures of different units.
        Cards = "cards",
        /// Horizontal bars on one shared axis, for comparable figures.
        Bars = "bars",
        /// The same measure at a few reported years, as separate points.
        Years = "years",
        /// Dated events and periods on a year axis.
        Timeline = "timeline",
    }
}

/// What a unit measures; only figures of one dimension share a bar axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    /// Amounts of money.
    Money,
    /// Shares in percent.
    Share,
    /// Counts of people, places, things or occasions.
    Count,
    /// Area, height and land.
    Physical,
    /// Durations and calendar years.
    Time,
}

impl Unit {
    /// The dimension of this unit.
    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Yuan => Dimension::Money,
            Unit::Percent => Dimension::Share,
            Unit::Km2 | Unit::Metre | Unit::Mu => Dimension::Physical,
            Unit::Years | Unit::CalendarYear => Dimension::Time,
            _ => Dimension::Count,
        }
    }

    /// Whether values of this unit must be whole numbers.
    pub fn is_whole(self) -> bool {
        !matches!(self, Unit::Percent | Unit::Km2 | Unit::Metre | Unit::Mu)
    }
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
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
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

/// The header of the CSV download; its columns are a public format.
pub const CSV_HEADER: [&str; 9] = [
    "id",
    "category",
    "label_zh",
    "label_en",
    "value",
    "unit",
    "qualifier",
    "year",
    "source",
];

/// One figure of the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    /// Stable identifier (lowercase snake_case), used in URLs, CSV and tests.
    pub id: Text,
    /// The theme of the article it belongs to.
    pub category: Category,
    /// Short label in Simplified Chinese.
    pub label_zh: Text,
    /// Short label in English.
    pub label_en: Text,
    /// The value in base units; `None` where the article lost the figure.
    pub value: Option<f64>,
    /// What it counts or measures.
    pub unit: Unit,
    /// Exact, at least, or approximately.
    pub qualifier: Qualifier,
    /// The year or period the article gives for it.
    pub period: Period,
    /// The figure exactly as the article prints it, e.g. "380余户".
    pub printed: Text,
    /// The article's sentence it comes from, in Simplified Chinese.
    pub source: Text,
    /// A note where the figure is qualified or odd, in Chinese.
    pub note_zh: Option<Text>,
    /// The same note in English.
    pub note_en: Option<Text>,
}

/// One chart of the page and the figures it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Stable identifier (lowercase kebab-case), used in URLs and embeds.
    pub id: Text,
    /// Where on the page it stands.
    pub section: Section,
    /// How it draws its items.
    pub kind: Kind,
    /// Title in Simplified Chinese.
    pub title_zh: Text,
    /// Title in English.
    pub title_en: Text,
    /// Optional note in Chinese.
    pub note_zh: Option<Text>,
    /// Optional note in English.
    pub note_en: Option<Text>,
    /// Indices into [`Dataset::indicators`], in drawing order.
    pub items: Cow<'static, [u16]>,
}

/// How to cite the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Title of the dataset in Chinese.
    pub title_zh: Text,
    /// Title of the dataset in English.
    pub title_en: Text,
    /// Citation of the article in Chinese.
    pub source_zh: Text,
    /// Citation of the article in English.
    pub source_en: Text,
}

/// Every figure of the article and every chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// How to cite it.
    pub meta: Meta,
    /// Every figure, in the order of the data file.
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
}
