//! The dataset, baked into the binary at build time by `build.rs` from the
//! data folder (parsed and validated there, never at run time).
//!
//! Only the page's entry points (`src/web/`) read [`DATASET`]; everything
//! else is handed a `&Dataset`, so that the build tool can draw and write
//! the pages of any data folder with the same code.

use std::borrow::Cow;

pub use article_dataset::printed::Worded;
pub use article_dataset::{
    Category, Chart, Dataset, Indicator, Kind, Meta, Period, Qualifier, Quantity, Section, Unit,
    Words,
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
