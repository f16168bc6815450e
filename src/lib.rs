//! danba-charts: every figure of one news article about Chenghua District's
//! aid to Danba County, drawn as interactive charts.
//!
//! Everything but [`web`] is platform-free: the dataset ([`data`]), text and
//! number formatting ([`text`]), layout of a chart into shapes and hover
//! boxes ([`layout`]), a chart framed with its title and source for static
//! images ([`frame`]), drawing those shapes with plotters on any backend
//! ([`draw`]), hit-testing and keyboard moves ([`hit`]), and the text for
//! readers who do not see the canvas ([`summary`]). `web` mounts charts on `<canvas>`
//! elements in the browser. See ARCHITECTURE.md.

pub mod data;
pub mod download;
pub mod draw;
pub mod frame;
pub mod hit;
pub mod layout;
pub mod options;
pub mod summary;
pub mod text;
pub mod theme;

#[cfg(target_arch = "wasm32")]
mod web;
