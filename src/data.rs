//! The dataset, baked into the binary at build time by `build.rs` from
//! `data/indicators.toml` (parsed and validated there, never at run time).

use std::borrow::Cow;

pub use danba_dataset::{
    Category, Chart, Dataset, Indicator, Kind, Meta, Period, Qualifier, Section, Unit,
};

/// Every figure of the article and every chart.
pub static DATASET: Dataset = include!(concat!(env!("OUT_DIR"), "/dataset.rs"));

/// Shorthand for [`DATASET`].
pub fn dataset() -> &'static Dataset {
    &DATASET
}

// `Cow` is named by the generated source.
#[allow(dead_code)]
type _Generated = Cow<'static, str>;
