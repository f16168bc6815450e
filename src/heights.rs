//! How tall a chart's boxes are at a given width, known at build time so
//! that the prerendered page reserves exactly the room the canvas will take
//! and embed codes carry the height of their column.
//!
//! Layout is deterministic (text is estimated, not measured), so a plot's
//! height is a step function of its width in whole CSS px, which the page's
//! code uses too. [`plot_css`] scans every width once and writes one
//! container query per step; the embed page's text blocks get the same
//! treatment ([`embed_css`]) as minimum heights from their estimated line
//! counts — the estimate is generous, so a real font never needs more
//! lines — and [`embed_height`] adds them up.

use article_dataset::{Chart, Dataset};

use crate::frame::caption_parts;
use crate::locale::Locale;
use crate::measure::wrap;
use crate::scene::MIN_WIDTH;

/// The widest column scanned, CSS px; wider ones keep its heights.
pub const MAX_WIDTH: u32 = 1600;

/// The height of a chart's plot (the canvas) at `width` CSS px.
pub fn plot_height(data: &Dataset, chart: &Chart, locale: Locale, width: f64) -> f64 {
    crate::layout::layout(data, chart, locale, width.floor()).height
}

// The embed page's sizes, as `www/chart.css` and `www/embed.css` set them.
/// `.embed`'s padding: top, sides, bottom.
const PAGE_PAD: (f64, f64, f64) = (4.0, 2.0, 2.0);
/// `.chart-title`: font size and line height.
const TITLE: (f64, f64) = (17.6, 1.35);
/// `.chart-subtitle`: font size, line height, margins above and below.
const SUBTITLE: (f64, f64, f64, f64) = (14.4, 1.45, 0.2, 0.8);
/// `figcaption`: font size, line height, margin above (em).
const CAPTION: (f64, f64, f64) = (13.6, 1.5, 0.6);
/// `.chart-actions`: margin above and padding above (em of the caption
/// size) and its top border, px.
const ACTIONS: (f64, f64, f64) = (0.5, 0.45, 1.0);
/// The "Show data" button's line under the source line, with the row gap.
const ACTIONS_GAP: f64 = 0.1;

/// The text blocks of a chart's embed page whose heights depend on the
/// width: (selector within the figure, font size, line height, text).
pub fn text_blocks(
    data: &Dataset,
    chart: &Chart,
    locale: Locale,
) -> Vec<(String, f64, f64, String)> {
    let parts = caption_parts(data, chart, locale);
    let mut blocks = vec![(
        "> .chart-title".to_owned(),
        TITLE.0,
        TITLE.1,
        locale.pick(&chart.title).to_owned(),
    )];
    if let Some(sub) = parts.subtitle {
        blocks.push(("> .chart-subtitle".to_owned(), SUBTITLE.0, SUBTITLE.1, sub));
    }
    for (n, note) in parts.notes.into_iter().enumerate() {
        blocks.push((
            format!("> figcaption > .note:nth-child({})", n + 1),
            CAPTION.0,
            CAPTION.1,
            note,
        ));
    }
    blocks.push((
        "> figcaption .source".to_owned(),
        CAPTION.0,
        CAPTION.1,
        parts.source,
    ));
    if let Some(credit) = parts.credit {
        blocks.push((
            "> figcaption .credit".to_owned(),
            CAPTION.0,
            CAPTION.1,
            credit,
        ));
    }
    blocks
}

/// The height of `text` at `size` px in a block `width` px wide: whole
/// lines of the estimate, which is generous enough for real fonts.
pub fn block_height(text: &str, size: f64, line: f64, width: f64) -> f64 {
    let lines = wrap(text, size, width.floor()).len().max(1) as f64;
    (lines * size * line * 100.0).round() / 100.0
}

/// The height of a chart's embed page in a column `width` CSS px wide.
pub fn embed_height(data: &Dataset, chart: &Chart, locale: Locale, width: f64) -> f64 {
    let inner = (width - 2.0 * PAGE_PAD.1).floor();
    let parts = caption_parts(data, chart, locale);
    let blocks = text_blocks(data, chart, locale);
    let text: f64 = blocks
        .iter()
        .map(|(_, size, line, t)| block_height(t, *size, *line, inner))
        .sum();
    let subtitle_margins = if parts.subtitle.is_some() {
        (SUBTITLE.2 + SUBTITLE.3) * SUBTITLE.0
    } else {
        0.0
    };
    // Margins between the notes collapse into the larger of two; the first
    // note's into the caption's, the last into the actions' row. Without
    // notes the actions' row is the caption's first child, and its margin
    // collapses into the caption's, which is larger.
    let notes = parts.notes.len() as f64;
    let note_gaps = (notes - 1.0).max(0.0) * 0.15 * CAPTION.0;
    let actions_margin = if notes > 0.0 {
        ACTIONS.0 * CAPTION.0
    } else {
        0.0
    };
    // The credit, where there is one, is one more row of the actions' row,
    // with one more row gap.
    let credit_gap = if parts.credit.is_some() {
        ACTIONS_GAP * CAPTION.0
    } else {
        0.0
    };
    let caption = CAPTION.2 * CAPTION.0
        + note_gaps
        + actions_margin
        + ACTIONS.1 * CAPTION.0
        + ACTIONS.2
        + ACTIONS_GAP * CAPTION.0
        + credit_gap
        + CAPTION.0 * CAPTION.1;
    let total = PAGE_PAD.0
        + PAGE_PAD.2
        + text
        + subtitle_margins
        + plot_height(data, chart, locale, inner)
        + caption;
    total.ceil()
}

/// The steps of a height over whole widths from [`MIN_WIDTH`] to
/// [`MAX_WIDTH`]: (first width, height) for each run of equal heights.
pub type Steps = Vec<(u32, f64)>;

/// The steps of `f` over whole widths from [`MIN_WIDTH`] to [`MAX_WIDTH`]:
/// (first width, value) for each run of equal values.
fn steps(f: impl Fn(f64) -> f64) -> Steps {
    steps_of_heights(widths().map(|w| (w, f(f64::from(w)))))
}

/// The whole widths a height is scanned at, CSS px.
pub fn widths() -> std::ops::RangeInclusive<u32> {
    (MIN_WIDTH as u32)..=MAX_WIDTH
}

/// The steps of heights given at every one of [`widths`], in order: what
/// a scan gives, for a caller that computed the heights itself (on several
/// cores).
pub fn steps_of_heights(heights: impl IntoIterator<Item = (u32, f64)>) -> Steps {
    let mut out: Steps = Vec::new();
    for (w, h) in heights {
        if out.last().is_none_or(|&(_, last)| (last - h).abs() > 0.005) {
            out.push((w, h));
        }
    }
    out
}

/// CSS rules giving `selector` the `property` of each step: the first
/// unconditionally, the others from their first width on (later rules win).
fn step_rules(out: &mut String, selector: &str, property: &str, steps: &[(u32, f64)]) {
    for (n, (from, value)) in steps.iter().enumerate() {
        let rule = format!("{selector}{{{property}:{value}px}}");
        if n == 0 {
            out.push_str(&rule);
        } else {
            out.push_str(&format!("@container (min-width:{from}px){{{rule}}}"));
        }
        out.push('\n');
    }
}

fn figure_selector(chart: &Chart, locale: Locale) -> String {
    format!(
        ".chart[data-chart=\"{}\"][data-lang=\"{}\"]",
        crate::markup::escape(&chart.id),
        locale.url_tag()
    )
}

/// The steps of a chart's plot height over every width scanned: what
/// [`plot_css`] writes for one chart and language. They depend only on what
/// [`crate::layout::inputs`] writes out, so a build may keep them by it.
pub fn plot_steps(data: &Dataset, chart: &Chart, locale: Locale) -> Steps {
    steps(|w| plot_height(data, chart, locale, w))
}

/// The style sheet that reserves every plot's height at every width, for
/// the charts of `data` in `locales`: the figure is a size container, and
/// its plot box takes the canvas's height for the figure's width.
pub fn plot_css(data: &Dataset, locales: &[Locale]) -> String {
    plot_css_with(data, locales, &|chart, locale| {
        plot_steps(data, chart, locale)
    })
}

/// [`plot_css`] with the steps of each chart and language taken from
/// `steps_of`, which gives what [`plot_steps`] gives (a build that kept
/// them, or computed them on several cores, hands them in).
pub fn plot_css_with(
    data: &Dataset,
    locales: &[Locale],
    steps_of: &dyn Fn(&Chart, Locale) -> Steps,
) -> String {
    let mut out = String::from(
        "/* Written by `cargo xtask dist` from src/heights.rs: each plot's height at each width. */\n",
    );
    for chart in data.charts.iter() {
        for &locale in locales {
            let s = steps_of(chart, locale);
            let selector = format!("{}>.plot-wrap", figure_selector(chart, locale));
            step_rules(&mut out, &selector, "min-height", &s);
        }
    }
    out
}

/// The steps of the height of a text block of the embed page over every
/// width scanned: `text` at `size` px with a line height of `line` (as
/// [`text_blocks`] gives them). They depend on these three only.
pub fn block_steps(text: &str, size: f64, line: f64) -> Steps {
    steps(|w| block_height(text, size, line, w))
}

/// The style sheet of the embed pages' text blocks: each a minimum height
/// of its estimated lines at the figure's width, so the page is as tall as
/// [`embed_height`] says.
pub fn embed_css(data: &Dataset, locales: &[Locale]) -> String {
    embed_css_with(data, locales, &block_steps)
}

/// [`embed_css`] with the steps of each text block taken from `steps_of`,
/// which gives what [`block_steps`] gives.
pub fn embed_css_with(
    data: &Dataset,
    locales: &[Locale],
    steps_of: &dyn Fn(&str, f64, f64) -> Steps,
) -> String {
    let mut out = String::from(
        "/* Written by `cargo xtask dist` from src/heights.rs: the embed page's text blocks. */\n",
    );
    for chart in data.charts.iter() {
        for &locale in locales {
            for (selector, size, line, text) in text_blocks(data, chart, locale) {
                let s = steps_of(&text, size, line);
                let selector = format!(".embed {} {selector}", figure_selector(chart, locale));
                step_rules(&mut out, &selector, "min-height", &s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_start_where_the_value_changes() {
        let s = steps(|w| if w < 300.0 { 10.0 } else { 20.0 });
        assert_eq!(s, vec![(MIN_WIDTH as u32, 10.0), (300, 20.0)]);
    }
}
