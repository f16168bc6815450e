//! article-charts: every figure of one news article, drawn as interactive
//! charts; the article is a data folder baked in at build time.
//!
//! Everything but `web` is platform-free: the dataset ([`data`]), the
//! languages ([`locale`]) and every fixed word in them ([`strings`]), number
//! formatting ([`number`]), text widths and wrapping ([`measure`]), the
//! scene model ([`scene`]) and the layout of each chart kind into one
//! ([`layout`]), a chart framed with its title and source for static images
//! ([`frame`]), drawing with plotters on any backend ([`draw`]),
//! hit-testing and keyboard moves ([`hit`]), the text for readers who do
//! not see the canvas ([`summary`]), the embed codes and file names
//! shared with the build tool ([`embed_code`]), every page as HTML for the
//! build to prerender ([`markup`]) and the heights it reserves
//! ([`heights`]). `web` hydrates the prerendered pages in the browser,
//! drawing charts on `<canvas>` elements. See ARCHITECTURE.md.

pub mod data;
pub mod decimal;
pub mod download;
pub mod draw;
pub mod embed_code;
pub mod frame;
pub mod heights;
pub mod hit;
pub mod layout;
pub mod locale;
pub mod markup;
pub mod measure;
pub mod number;
pub mod options;
pub mod scene;
pub mod strings;
pub mod summary;
pub mod theme;

#[cfg(target_arch = "wasm32")]
mod web;
