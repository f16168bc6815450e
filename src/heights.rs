//! How tall a chart's boxes are at a given width, known at build time so
//! that the prerendered page reserves exactly the room the canvas will take
//! and embed codes carry the height of their column.
//!
//! Layout is deterministic (text is estimated, not measured), so a plot's
//! height is a step function of its width in whole CSS px, which the page's
//! code uses too. [`plot_css`] scans every width once and writes one
//! container query per step; the embed page's text blocks get the same
//! treatment ([`embed_rules`]) as minimum heights from their estimated line
//! counts — the estimate is generous, so a real font never needs more
//! lines — and [`embed_height`] adds them up. A page that shows one chart
//! holds only that chart's rules in its language ([`page_css`]).

use article_dataset::{Chart, Dataset};

use crate::decimal::{within, Decimal};
use crate::embed_code::IMAGE_WIDTH;
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

/// The two page margins around an article column, CSS px: a phone's 16 px
/// each side, so that a 375 px screen has a 343 px column.
pub const MARGINS: f64 = 2.0 * 16.0;

/// The narrowest screen the codes keep the article still on, CSS px: a
/// small phone's.
pub const NARROWEST_SCREEN: f64 = 320.0;

/// The screen whose column is [`IMAGE_WIDTH`] px, CSS px: wider screens
/// have the same column (the article's own width).
pub const WIDE_SCREEN: f64 = IMAGE_WIDTH + MARGINS;

/// At most how many sloped stretches a [`Reserve`] has: one term of its
/// CSS each.
pub const MAX_STRETCHES: usize = 3;

/// At most how many knots a [`Reserve`] has: each sloped stretch may have
/// a flat one before and after it.
const MAX_KNOTS: usize = 2 * MAX_STRETCHES + 2;

/// The blank room a stretch more must save to be worth its term, px on
/// average over the screens from [`NARROWEST_SCREEN`] to [`WIDE_SCREEN`].
const STRETCH_COST: f64 = 1.0;

/// The padding of the embed page's root around its figure: top and bottom
/// together, and the two sides together.
const ROOT_PAD: (f64, f64) = (PAGE_PAD.0 + PAGE_PAD.2, 2.0 * PAGE_PAD.1);

/// The room an embed code reserves for a chart in an article, as a
/// function of the screen's width: never less than the chart's height in
/// the column of that screen (the screen less [`MARGINS`], at most
/// [`IMAGE_WIDTH`] px) from [`NARROWEST_SCREEN`] up, and close above it.
///
/// The chart's height is a step function of the width, and not always a
/// falling one (a title wraps, a plot changes its rows); a pasted code can
/// hold no media query, so the reserve is a falling broken line in `100vw`
/// through a few knots, written as a sum of clamped terms: the wide
/// column's height, plus so many px per px the screen is narrower than
/// each knot, over that knot's stretch. The embed page takes the same
/// broken line as its minimum height (in the width of its own column,
/// [`embed_rules`]), so the height it reports is the reserve and nothing
/// moves when it arrives; the difference is blank room under the source
/// line.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reserve {
    /// (screen width, height) of each knot, narrowest first, heights
    /// falling; the last holds on wider screens.
    knots: [(f64, f64); MAX_KNOTS],
    /// How many of `knots` are used (at least one).
    len: usize,
}

impl Reserve {
    /// A reserve of `height` px on every screen.
    pub fn flat(height: f64) -> Reserve {
        Reserve::from_knots(&[(WIDE_SCREEN, height.ceil())]).unwrap_or_default()
    }

    /// A reserve through `knots` (screen width, height): widths rising,
    /// heights not rising, with at most [`MAX_STRETCHES`] sloped stretches
    /// between them.
    pub fn from_knots(knots: &[(f64, f64)]) -> Option<Reserve> {
        let ok = !knots.is_empty()
            && knots.len() <= MAX_KNOTS
            && knots.windows(2).filter(|w| w[0].1 > w[1].1).count() <= MAX_STRETCHES
            && knots
                .iter()
                .all(|&(x, y)| x.is_finite() && y.is_finite() && y >= 0.0)
            && knots
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 >= w[1].1);
        if !ok {
            return None;
        }
        let mut r = Reserve::default();
        r.knots[..knots.len()].copy_from_slice(knots);
        r.len = knots.len();
        Some(r)
    }

    /// The knots, narrowest first.
    pub fn knots(&self) -> &[(f64, f64)] {
        &self.knots[..self.len.max(1)]
    }

    /// The height on screens of [`WIDE_SCREEN`] px and more.
    pub fn wide(&self) -> f64 {
        self.knots().last().map_or(0.0, |k| k.1)
    }

    /// Each sloped stretch as (knot's width, stretch's width, px per px),
    /// the rate rounded up so that the written line never dips under the
    /// knots.
    fn terms(&self) -> impl Iterator<Item = (f64, f64, f64)> + '_ {
        self.knots().windows(2).filter_map(|w| {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            let rate = ((y0 - y1) / (x1 - x0) * 1e4).ceil() / 1e4;
            (rate > 0.0).then_some((x1, x1 - x0, rate))
        })
    }

    /// The height on a screen `screen` px wide, as a browser computes
    /// [`Reserve::css`].
    pub fn at(&self, screen: f64) -> f64 {
        self.terms().fold(self.wide(), |h, (x, span, rate)| {
            h + within(x - screen, 0.0, span) * rate
        })
    }

    /// The reserve as a CSS length in `width`, for a box `less` px shorter
    /// than the reserve whose `width` is `narrower` px narrower than the
    /// screen.
    fn css_in(&self, width: &str, narrower: f64, less: f64) -> String {
        let base = self.wide() - less;
        let terms: Vec<String> = self
            .terms()
            .map(|(x, span, rate)| {
                format!(
                    " + clamp(0px, {}px - {width}, {}px) * {}",
                    Decimal(x - narrower, 3),
                    Decimal(span, 3),
                    Decimal(rate, 4)
                )
            })
            .collect();
        let base = Decimal(base, 3);
        if terms.is_empty() {
            format!("{base}px")
        } else {
            format!("calc({base}px{})", terms.concat())
        }
    }

    /// The reserve as a CSS length in the article's `100vw`.
    pub fn css(&self) -> String {
        self.css_in("100vw", 0.0, 0.0)
    }

    /// The knots as a data attribute holds them: `WIDTH:HEIGHT …`.
    pub fn to_attr(&self) -> String {
        let knots: Vec<String> = self
            .knots()
            .iter()
            .map(|&(x, y)| format!("{}:{}", Decimal(x, 3), Decimal(y, 3)))
            .collect();
        knots.join(" ")
    }

    /// Knots written by [`Reserve::to_attr`]; `None` for anything else.
    /// `number` reads one number: the page passes the browser's own parser,
    /// since Rust's `f64::from_str` would link a 10 KB table of powers of
    /// five into the module for the handful of numbers it reads.
    pub fn from_attr(text: &str, number: impl Fn(&str) -> Option<f64>) -> Option<Reserve> {
        let mut knots = Vec::new();
        for knot in text.split_whitespace() {
            let (x, y) = knot.split_once(':')?;
            knots.push((number(x)?, number(y)?));
        }
        Reserve::from_knots(&knots)
    }
}

/// The reserve of `chart` in `locale` (see [`Reserve`]): of the falling
/// broken lines with at most [`MAX_STRETCHES`] sloped stretches whose
/// knots stand on a 16 px grid of widths or where the chart's height
/// steps, at its own heights, the one with the least blank room, a
/// stretch more only where it saves [`STRETCH_COST`] px on average.
pub fn reserve(data: &Dataset, chart: &Chart, locale: Locale) -> Reserve {
    let narrow = NARROWEST_SCREEN as u32;
    let wide = WIDE_SCREEN as u32;
    let column = |screen: u32| (f64::from(screen) - MARGINS).min(IMAGE_WIDTH);
    let heights: Vec<f64> = (narrow..=wide)
        .map(|s| embed_height(data, chart, locale, column(s)))
        .collect();
    envelope(narrow, &heights)
}

/// The least falling broken line over `heights` (one a px of screen width
/// from `first` on, the last holding on wider screens), as [`reserve`]
/// describes it.
fn envelope(first: u32, heights: &[f64]) -> Reserve {
    let Some(&last_height) = heights.last() else {
        return Reserve::default();
    };
    let last = first + heights.len() as u32 - 1;
    // What a falling line must reach at each whole width: the tallest
    // height there and wider, since a column a fraction of a px narrower
    // than a whole width has that width's height.
    let mut need = heights.to_vec();
    for i in (0..need.len().saturating_sub(1)).rev() {
        need[i] = need[i].max(need[i + 1]);
    }
    // The corners of that staircase: a line at least as high at the width
    // where each step ends is above the whole step.
    let mut corners = vec![(f64::from(first), need[0])];
    for i in 1..need.len() {
        if need[i] < need[i - 1] {
            corners.push((f64::from(first) + i as f64, need[i - 1]));
        }
    }
    // Knots on a grid of widths, at the corners' widths, and a little past
    // the wide screen (a last stretch may fall to the wide height there).
    const GRID: u32 = 16;
    const PAST: u32 = 48;
    let mut xs: Vec<f64> = (first..=last + PAST)
        .step_by(GRID as usize)
        .map(f64::from)
        .collect();
    // A knot just past a corner lets a stretch fall a whole step at once.
    xs.extend(corners.iter().flat_map(|c| [c.0, c.0 + 1.0]));
    xs.extend([f64::from(last), f64::from(last + PAST)]);
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut ys: Vec<f64> = corners.iter().map(|c| c.1).chain([last_height]).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup();
    let need_at = |x: f64| -> f64 {
        let i = (x - f64::from(first)).max(0.0) as usize;
        need.get(i).copied().unwrap_or(last_height)
    };
    // The knots that can be: high enough where they stand.
    let states: Vec<(f64, f64)> = xs
        .iter()
        .flat_map(|&x| ys.iter().map(move |&y| (x, y)))
        .filter(|&(x, y)| y >= need_at(x))
        .collect();
    let above = |a: (f64, f64), b: (f64, f64)| {
        corners
            .iter()
            .filter(|c| c.0 >= a.0 && c.0 <= b.0)
            .all(|c| a.1 + (b.1 - a.1) * (c.0 - a.0) / (b.0 - a.0) >= c.1)
    };
    // The room a stretch leaves above the wide height: every line ends at
    // it, some a little past the wide screen.
    let area = |a: (f64, f64), b: (f64, f64)| ((a.1 + b.1) / 2.0 - last_height) * (b.0 - a.0);
    let is_end = |s: (f64, f64)| s.1 == last_height && s.0 >= f64::from(last);
    // best[n][i]: the least room from state i to an end with exactly n
    // sloped stretches (flat ones cost no term), and the next state. States
    // go by width, so the wider ones are known first.
    let n_states = states.len();
    let mut best = vec![vec![(f64::INFINITY, usize::MAX); n_states]; MAX_STRETCHES + 1];
    for n in 0..=MAX_STRETCHES {
        for i in (0..n_states).rev() {
            let a = states[i];
            if is_end(a) {
                if n == 0 {
                    best[n][i] = (0.0, usize::MAX);
                }
                continue;
            }
            // Past the wide screen only the last stretch may go.
            if a.0 >= f64::from(last) {
                continue;
            }
            let mut found = (f64::INFINITY, usize::MAX);
            for (j, &b) in states.iter().enumerate().skip(i + 1) {
                if b.0 <= a.0 || b.1 > a.1 {
                    continue;
                }
                let rest = if b.1 == a.1 {
                    best[n][j].0
                } else if n > 0 {
                    best[n - 1][j].0
                } else {
                    continue;
                };
                let cost = area(a, b) + rest;
                if cost < found.0 && above(a, b) {
                    found = (cost, j);
                }
            }
            best[n][i] = found;
        }
    }
    // A reserve is flat on screens narrower than its first knot, so the
    // first knot may stand anywhere at the height of the narrowest screen;
    // a stretch more must save this much room: a px over the whole range
    // of widths.
    let per_stretch = STRETCH_COST * f64::from(last - first);
    let mut choice: Option<(f64, usize, usize)> = None;
    for (i, s) in states.iter().enumerate() {
        if s.1 < need[0] {
            continue;
        }
        let flat = (s.1 - last_height) * (s.0 - f64::from(first));
        for (n, row) in best.iter().enumerate() {
            let cost = flat + row[i].0 + per_stretch * n as f64;
            if cost.is_finite() && choice.is_none_or(|c| cost < c.0) {
                choice = Some((cost, n, i));
            }
        }
    }
    let Some((_, n, mut i)) = choice else {
        return Reserve::flat(need[0]);
    };
    let mut knots = vec![states[i]];
    let mut n = n;
    while let Some(&b) = states.get(best[n][i].1) {
        let next = best[n][i].1;
        if b.1 != states[i].1 {
            n = n.saturating_sub(1);
        }
        i = next;
        // Two flat stretches in a row are one.
        if let [.., x, y] = knots[..] {
            if x.1 == y.1 && y.1 == b.1 {
                knots.pop();
            }
        }
        knots.push(b);
    }
    Reserve::from_knots(&knots).unwrap_or_else(|| Reserve::flat(need[0]))
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
        let rule = format!("{selector}{{{property}:{}px}}", Decimal(*value, 3));
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
            out.push_str(&plot_rules(chart, locale, &steps_of(chart, locale)));
        }
    }
    out
}

/// The rules of [`plot_css`] for one chart in one language, whose plot
/// height has the steps `steps`: all a page showing that chart alone needs.
pub fn plot_rules(chart: &Chart, locale: Locale, steps: &[(u32, f64)]) -> String {
    let mut out = String::new();
    let selector = format!("{}>.plot-wrap", figure_selector(chart, locale));
    step_rules(&mut out, &selector, "min-height", steps);
    out
}

/// The steps of the height of a text block of the embed page over every
/// width scanned: `text` at `size` px with a line height of `line` (as
/// [`text_blocks`] gives them). They depend on these three only.
pub fn block_steps(text: &str, size: f64, line: f64) -> Steps {
    steps(|w| block_height(text, size, line, w))
}

/// The rules of a chart's embed page in one language: each of its text
/// blocks a minimum height of its estimated lines at the figure's width, so
/// the page is as tall as [`embed_height`] says; and the figure the
/// [`Reserve`] of its codes as a minimum height. Each page holds the rules
/// of its own chart and language alone, so they are written per page.
pub fn embed_rules(data: &Dataset, chart: &Chart, locale: Locale) -> String {
    embed_rules_with(data, chart, locale, &block_steps)
}

/// [`embed_rules`] with the steps of each text block taken from
/// `steps_of`, which gives what [`block_steps`] gives (a build that kept
/// them hands them in).
pub fn embed_rules_with(
    data: &Dataset,
    chart: &Chart,
    locale: Locale,
    steps_of: &dyn Fn(&str, f64, f64) -> Steps,
) -> String {
    let mut out = String::new();
    let figure = figure_selector(chart, locale);
    for (selector, size, line, text) in text_blocks(data, chart, locale) {
        let s = steps_of(&text, size, line);
        let selector = format!(".embed {figure} {selector}");
        step_rules(&mut out, &selector, "min-height", &s);
    }
    // The page is at least as tall as the room the codes reserve, so the
    // height it reports is that room and the article keeps still: the
    // same broken line, in the width of the page's root (a size
    // container, `embed.css`), whose padding is inside the reserve and
    // outside the figure. The chart alone (`plain=1`) is shorter, and no
    // code reserves its room.
    let reserve = reserve(data, chart, locale).css_in("100cqw", MARGINS + ROOT_PAD.1, ROOT_PAD.0);
    out.push_str(&format!(
        ".embed {figure}:not(.plain){{min-height:{reserve}}}\n"
    ));
    out
}

/// The height rules of the page of `chart` in `locale` that shows it
/// alone (its embed page, its standalone file): its plot's
/// ([`plot_rules`]) and its text blocks' and room's ([`embed_rules`]).
pub fn page_css(data: &Dataset, chart: &Chart, locale: Locale) -> String {
    plot_rules(chart, locale, &plot_steps(data, chart, locale)) + &embed_rules(data, chart, locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reserve_is_written_as_the_browser_reads_it() {
        let r = Reserve::from_knots(&[
            (340.0, 358.0),
            (341.0, 277.0),
            (496.0, 277.0),
            (497.0, 195.0),
            (672.0, 195.0),
        ])
        .unwrap_or_default();
        // Flat stretches cost no term; the screen is held at each knot.
        assert_eq!(
            r.css(),
            "calc(195px + clamp(0px, 341px - 100vw, 1px) * 81 + clamp(0px, 497px - 100vw, 1px) * 82)"
        );
        for (screen, height) in [
            (300.0, 358.0),
            (340.0, 358.0),
            (340.5, 317.5),
            (400.0, 277.0),
            (497.0, 195.0),
            (1280.0, 195.0),
        ] {
            assert_eq!(r.at(screen), height, "at {screen}");
        }
        // In the embed page's root, whose content is 36 px narrower than
        // the screen (two 16 px margins, two 2 px paddings), and in the
        // figure, 6 px shorter than the root.
        assert_eq!(
            r.css_in("100cqw", MARGINS + ROOT_PAD.1, ROOT_PAD.0),
            "calc(189px + clamp(0px, 305px - 100cqw, 1px) * 81 + clamp(0px, 461px - 100cqw, 1px) * 82)"
        );
        let number = |s: &str| s.parse().ok();
        assert_eq!(Reserve::from_attr(&r.to_attr(), number), Some(r));
        assert_eq!(Reserve::flat(394.2).css(), "395px");
        // Knots out of order, rising heights or words are refused.
        for bad in ["", "672:300 320:400", "320:300 672:400", "320:x", "320"] {
            assert_eq!(Reserve::from_attr(bad, number), None, "{bad}");
        }
    }

    #[test]
    fn the_envelope_of_steps_falls_a_step_at_once_where_it_pays() {
        // 300 px tall up to a 400 px screen, 200 px from there on.
        let heights: Vec<f64> = (320..=672)
            .map(|s| if s < 400 { 300.0 } else { 200.0 })
            .collect();
        let r = envelope(320, &heights);
        assert_eq!(
            r.knots(),
            [
                (320.0, 300.0),
                (400.0, 300.0),
                (401.0, 200.0),
                (672.0, 200.0)
            ]
        );
        assert_eq!(
            r.css(),
            "calc(200px + clamp(0px, 401px - 100vw, 1px) * 100)"
        );
        // A chart as tall everywhere reserves its height alone.
        assert_eq!(envelope(320, &[250.0; 353]).css(), "250px");
    }

    #[test]
    fn a_page_holds_the_rules_of_its_own_chart_and_language_alone() {
        let data = &crate::data::DATASET;
        for chart in data.charts.iter() {
            for &locale in Locale::published(data) {
                let own = page_css(data, chart, locale);
                let figure = figure_selector(chart, locale);
                assert!(own.contains(&format!("{figure}>.plot-wrap{{")), "{own}");
                assert!(own.contains(":not(.plain){"), "{own}");
                // Every rule names the page's own figure, and no other.
                for rule in own.lines() {
                    assert!(rule.contains(&figure), "{rule}");
                    assert_eq!(rule.matches("[data-chart=").count(), 1, "{rule}");
                }
            }
        }
    }

    #[test]
    fn steps_start_where_the_value_changes() {
        let s = steps(|w| if w < 300.0 { 10.0 } else { 20.0 });
        assert_eq!(s, vec![(MIN_WIDTH as u32, 10.0), (300, 20.0)]);
    }
}
