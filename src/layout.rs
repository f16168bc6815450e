//! Where everything of a chart goes, computed before anything is drawn.
//!
//! [`layout`] turns a chart, a locale and a width into a [`Scene`]: a list of
//! shapes to draw and the hover box of every item. It is pure and knows
//! nothing of any backend, so the same scene is drawn on a canvas, to SVG in
//! the tests, and hit-tested by [`crate::hit`].
//!
//! **Pixel convention:** all coordinates are CSS pixels (device-independent),
//! origin at the top-left corner of the chart, x to the right, y downwards.
//! Only [`crate::draw`] multiplies by the device pixel ratio. The height of a
//! scene follows from its width (labels wrap), and the page sizes the canvas
//! to it.

use danba_dataset::{Chart, Dataset, Indicator, Kind, Period, Qualifier, Unit};

use crate::text::{format_period, format_value, styled_width, text_width, wrap, Locale};
use crate::theme::Paint;

/// The narrowest width a chart is laid out for; a narrower (or zero-width)
/// container gets this width and scrolls rather than a broken chart.
pub const MIN_WIDTH: f64 = 200.0;

const FONT: f64 = 13.0;
const SMALL: f64 = 12.0;
const BIG: f64 = 26.0;
/// Line height as a multiple of the font size.
pub(crate) const LINE: f64 = 1.4;
const GAP: f64 = 8.0;
const PAD: f64 = 10.0;

/// An axis-aligned rectangle in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width, never negative.
    pub w: f64,
    /// Height, never negative.
    pub h: f64,
}

impl Rect {
    /// Whether the point lies inside (left/top edges included, right/bottom
    /// excluded, so neighbouring boxes never both contain a point).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x < self.x + self.w && y >= self.y && y < self.y + self.h
    }

    /// The centre point.
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// Horizontal anchor of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text starts at the point.
    Left,
    /// Text is centred on the point.
    Centre,
    /// Text ends at the point.
    Right,
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A filled rectangle.
    Rect { rect: Rect, paint: Paint },
    /// A straight line.
    Line {
        from: (f64, f64),
        to: (f64, f64),
        paint: Paint,
        width: f64,
    },
    /// A filled circle.
    Dot {
        centre: (f64, f64),
        radius: f64,
        paint: Paint,
    },
    /// One line of text; `at` is the top of the text and its anchor.
    Text {
        at: (f64, f64),
        text: String,
        size: f64,
        bold: bool,
        paint: Paint,
        align: Align,
    },
}

/// A box as `(x0, x1, y0, y1)` in CSS px.
pub type Extent = (f64, f64, f64, f64);

impl Shape {
    /// The box the shape covers; a text's by the width estimate of
    /// [`crate::text::styled_width`], which errs wide.
    pub fn extent(&self) -> Extent {
        match self {
            Shape::Rect { rect, .. } => (rect.x, rect.x + rect.w, rect.y, rect.y + rect.h),
            Shape::Line { from, to, .. } => (
                from.0.min(to.0),
                from.0.max(to.0),
                from.1.min(to.1),
                from.1.max(to.1),
            ),
            Shape::Dot { centre, radius, .. } => (
                centre.0 - radius,
                centre.0 + radius,
                centre.1 - radius,
                centre.1 + radius,
            ),
            Shape::Text {
                at,
                text,
                size,
                bold,
                align,
                ..
            } => {
                let w = crate::text::styled_width(text, *size, *bold);
                let (x0, x1) = match align {
                    Align::Left => (at.0, at.0 + w),
                    Align::Centre => (at.0 - w / 2.0, at.0 + w / 2.0),
                    Align::Right => (at.0 - w, at.0),
                };
                (x0, x1, at.1, at.1 + size)
            }
        }
    }
}

/// Whether two boxes overlap by more than half a pixel each way.
pub fn overlap(a: Extent, b: Extent) -> bool {
    a.0 < b.1 - 0.5 && b.0 < a.1 - 0.5 && a.2 < b.3 - 0.5 && b.2 < a.3 - 0.5
}

/// A shape and the item it belongs to, if any; an item's shapes change
/// colour when it is highlighted.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// What to draw.
    pub shape: Shape,
    /// Index into [`Scene::items`].
    pub item: Option<usize>,
}

/// A figure as placed in a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    /// Index into the dataset's indicators.
    pub indicator: u16,
    /// The box in which the pointer picks this item.
    pub hit: Rect,
}

/// A chart laid out at one width: shapes and hover boxes.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Width in CSS px.
    pub width: f64,
    /// Height in CSS px.
    pub height: f64,
    /// The figures, in reading order.
    pub items: Vec<Item>,
    /// The shapes, in drawing order.
    pub marks: Vec<Mark>,
}

impl Scene {
    fn new(width: f64) -> Self {
        Scene {
            width,
            height: 0.0,
            items: Vec::new(),
            marks: Vec::new(),
        }
    }

    fn add(&mut self, shape: Shape, item: Option<usize>) {
        self.marks.push(Mark { shape, item });
    }

    fn text(
        &mut self,
        at: (f64, f64),
        text: impl Into<String>,
        size: f64,
        paint: Paint,
        item: Option<usize>,
    ) {
        self.add(
            Shape::Text {
                at,
                text: text.into(),
                size,
                bold: false,
                paint,
                align: Align::Left,
            },
            item,
        );
    }

    /// Text wrapped to `width` from the left edge at `y`; returns the y
    /// below it.
    fn paragraph(
        &mut self,
        y: f64,
        width: f64,
        text: &str,
        size: f64,
        paint: Paint,
        item: Option<usize>,
    ) -> f64 {
        let mut y = y;
        for line in wrap(text, size, width) {
            self.text((0.0, y), line, size, paint, item);
            y += size * LINE;
        }
        y
    }
}

/// Lays a chart out at `width` CSS px.
pub fn layout(data: &Dataset, chart: &Chart, locale: Locale, width: f64) -> Scene {
    let width = if width.is_finite() {
        width.max(MIN_WIDTH)
    } else {
        MIN_WIDTH
    };
    let items: Vec<(u16, &Indicator)> = chart
        .items
        .iter()
        .filter_map(|&i| data.indicators.get(usize::from(i)).map(|ind| (i, ind)))
        .collect();
    match chart.kind {
        Kind::Cards => cards(&items, locale, width),
        Kind::Bars => bars(&items, locale, width),
        Kind::Years => years(&items, locale, width),
        Kind::Timeline => timeline(&items, locale, width),
    }
}

/// "By the numbers" tiles in a grid that reflows with the width.
fn cards(items: &[(u16, &Indicator)], locale: Locale, width: f64) -> Scene {
    const MIN_CARD: f64 = 148.0;
    let mut scene = Scene::new(width);
    let n = items.len().max(1);
    let fit = (((width + GAP) / (MIN_CARD + GAP)).floor() as usize).clamp(1, 4.min(n));
    // Balance the rows: five cards on four columns would leave one alone.
    let rows = n.div_ceil(fit);
    let cols = n.div_ceil(rows);
    let card_w = (width - GAP * (cols as f64 - 1.0)) / cols as f64;
    let inner = card_w - 2.0 * PAD;
    let mut y = 0.0;
    for row in items.chunks(cols) {
        // Every card of a row is as tall as the tallest, so first lay each out.
        let laid: Vec<(Vec<Mark>, f64)> = row
            .iter()
            .map(|(_, ind)| card(ind, locale, inner))
            .collect();
        let row_h = laid.iter().map(|(_, h)| *h).fold(0.0, f64::max) + 2.0 * PAD;
        for (col, ((index, _), (marks, _))) in row.iter().zip(laid).enumerate() {
            let item = scene.items.len();
            let x = col as f64 * (card_w + GAP);
            let rect = Rect {
                x,
                y,
                w: card_w,
                h: row_h,
            };
            scene.items.push(Item {
                indicator: *index,
                hit: rect,
            });
            scene.add(
                Shape::Rect {
                    rect,
                    paint: Paint::Surface,
                },
                Some(item),
            );
            for m in marks {
                scene.add(shift(m.shape, x + PAD, y + PAD), Some(item));
            }
        }
        y += row_h + GAP;
    }
    scene.height = (y - GAP).max(0.0);
    scene
}

/// One card's content at the origin; returns its marks and height.
fn card(ind: &Indicator, locale: Locale, inner: f64) -> (Vec<Mark>, f64) {
    let mut s = Scene::new(inner);
    let f = format_value(ind, locale);
    let number_paint = if ind.value.is_some() {
        Paint::Accent
    } else {
        Paint::Muted
    };
    // A long figure ("¥260 million") is set smaller rather than clipped.
    let big = (inner / styled_width(&f.number, 1.0, true)).clamp(12.0, BIG);
    s.add(
        Shape::Text {
            at: (0.0, BIG - big),
            text: f.number.clone(),
            size: big,
            bold: true,
            paint: number_paint,
            align: Align::Left,
        },
        None,
    );
    let number_w = styled_width(&f.number, big, true);
    let mut y = BIG * 1.2;
    if !f.unit.is_empty() {
        if number_w + 4.0 + text_width(&f.unit, FONT) <= inner {
            // The unit sits on the number's baseline.
            s.text(
                (number_w + 4.0, BIG * 0.95 - FONT * 0.95),
                f.unit.clone(),
                FONT,
                Paint::Ink,
                None,
            );
        } else {
            s.text((0.0, y), f.unit.clone(), FONT, Paint::Ink, None);
            y += FONT * LINE;
        }
    }
    y += 4.0;
    y = s.paragraph(y, inner, locale.label(ind), FONT, Paint::Ink, None);
    let period = format_period(ind.period, locale);
    if !period.is_empty() && ind.unit != Unit::CalendarYear {
        y = s.paragraph(y, inner, &period, SMALL, Paint::Muted, None);
    }
    if ind.value.is_none() {
        y = s.paragraph(
            y,
            inner,
            locale.strings().unknown,
            SMALL,
            Paint::Muted,
            None,
        );
    }
    (s.marks, y)
}

/// Moves a shape by `(dx, dy)`; also used to frame a chart (`crate::frame`).
pub(crate) fn shift(shape: Shape, dx: f64, dy: f64) -> Shape {
    match shape {
        Shape::Rect { rect, paint } => Shape::Rect {
            rect: Rect {
                x: rect.x + dx,
                y: rect.y + dy,
                ..rect
            },
            paint,
        },
        Shape::Line {
            from,
            to,
            paint,
            width,
        } => Shape::Line {
            from: (from.0 + dx, from.1 + dy),
            to: (to.0 + dx, to.1 + dy),
            paint,
            width,
        },
        Shape::Dot {
            centre,
            radius,
            paint,
        } => Shape::Dot {
            centre: (centre.0 + dx, centre.1 + dy),
            radius,
            paint,
        },
        Shape::Text {
            at,
            text,
            size,
            bold,
            paint,
            align,
        } => Shape::Text {
            at: (at.0 + dx, at.1 + dy),
            text,
            size,
            bold,
            paint,
            align,
        },
    }
}

/// A label with its period, e.g. "旅游节投入（2019年）".
fn label_with_period(ind: &Indicator, locale: Locale) -> String {
    let period = format_period(ind.period, locale);
    match (period.is_empty(), locale) {
        (true, _) => locale.label(ind).to_owned(),
        (false, Locale::ZhHans | Locale::ZhHant) => format!("{}（{period}）", locale.label(ind)),
        (false, Locale::En) => format!("{} ({period})", locale.label(ind)),
    }
}

/// Horizontal bars on one axis, each labelled above its bar and valued at
/// its end, so nothing depends on a legend and long labels wrap.
fn bars(items: &[(u16, &Indicator)], locale: Locale, width: f64) -> Scene {
    const BAR: f64 = 18.0;
    const TAIL: f64 = 10.0;
    let mut scene = Scene::new(width);
    let values: Vec<String> = items
        .iter()
        .map(|(_, i)| format_value(i, locale).joined(locale))
        .collect();
    let label_room = values
        .iter()
        // Measured as drawn, in bold: with the regular width a long figure
        // ("10000000余亿元") ran past the right edge.
        .map(|v| styled_width(v, FONT, true))
        .fold(0.0, f64::max)
        + TAIL
        + 8.0;
    let max = items
        .iter()
        .filter_map(|(_, i)| i.value)
        .fold(0.0, f64::max);
    // The longest figure keeps its room beside the longest bar even when
    // that leaves the bars little (a value of 10^15 in English at 200 px).
    let span = if label_room <= width * 0.7 {
        width - label_room
    } else {
        (width - label_room).max(2.0)
    };
    let scale = if max > 0.0 { span / max } else { 0.0 };
    let mut y = 0.0;
    for ((index, ind), value) in items.iter().zip(values) {
        let item = scene.items.len();
        let top = y;
        y = scene.paragraph(
            y,
            width,
            &label_with_period(ind, locale),
            FONT,
            Paint::Ink,
            Some(item),
        );
        y += 2.0;
        let v = ind.value.unwrap_or(0.0);
        // A non-zero figure stays visible even when tiny beside the largest.
        let w = if v > 0.0 { (v * scale).max(2.0) } else { 0.0 };
        scene.add(
            Shape::Rect {
                rect: Rect {
                    x: 0.0,
                    y,
                    w,
                    h: BAR,
                },
                paint: Paint::Accent,
            },
            Some(item),
        );
        let mut end = w;
        if ind.qualifier == Qualifier::AtLeast {
            // "At least": the bar runs on past the stated figure.
            scene.add(
                Shape::Rect {
                    rect: Rect {
                        x: w,
                        y: y + BAR * 0.3,
                        w: TAIL,
                        h: BAR * 0.4,
                    },
                    paint: Paint::Qualified,
                },
                Some(item),
            );
            end += TAIL;
        }
        scene.add(
            Shape::Text {
                at: (end + 5.0, y + (BAR - FONT) / 2.0 - 1.0),
                text: value,
                size: FONT,
                bold: true,
                paint: Paint::Ink,
                align: Align::Left,
            },
            Some(item),
        );
        y += BAR;
        scene.items.push(Item {
            indicator: *index,
            hit: Rect {
                x: 0.0,
                y: top,
                w: width,
                h: y - top + GAP / 2.0,
            },
        });
        y += GAP + 4.0;
    }
    let bottom = (y - GAP - 4.0).max(0.0);
    // The zero line goes under the bars.
    scene.marks.insert(
        0,
        Mark {
            shape: Shape::Line {
                from: (0.5, 0.0),
                to: (0.5, bottom),
                paint: Paint::Grid,
                width: 1.0,
            },
            item: None,
        },
    );
    scene.height = bottom + GAP / 2.0;
    scene
}

/// Rounds a maximum up to a tidy axis end: 16.8 → 20.
fn nice_ceiling(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|&c| c >= x)
        .unwrap_or(10.0 * p)
}

/// The same measure at the reported years only: points, never a line, with
/// the unreported years marked as such.
fn years(items: &[(u16, &Indicator)], locale: Locale, width: f64) -> Scene {
    const HEIGHT: f64 = 230.0;
    const TOP: f64 = 40.0;
    const BOTTOM: f64 = 34.0;
    // The value axis is labelled in a gutter of its own, so value labels of
    // the points can never run into it.
    const GUTTER: f64 = 40.0;
    const SIDE: f64 = 34.0;
    let mut scene = Scene::new(width);
    let dated: Vec<(u16, &Indicator, u16)> = items
        .iter()
        .filter_map(|&(i, ind)| ind.period.start().map(|y| (i, ind, y)))
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().map(|d| d.2).min(),
        dated.iter().map(|d| d.2).max(),
    ) else {
        return scene;
    };
    let max = nice_ceiling(dated.iter().filter_map(|d| d.1.value).fold(0.0, f64::max));
    let base = HEIGHT - BOTTOM;
    let plot_h = base - TOP;
    let span = f64::from(last.saturating_sub(first)).max(1.0);
    let unit = dated.first().map_or(Unit::Percent, |d| d.1.unit);
    let tick = |v: f64| {
        if unit == Unit::Percent {
            format!("{}%", trim_number(v))
        } else {
            trim_number(v)
        }
    };
    // The gutter widens for long tick labels (the largest values have
    // sixteen digits), but never narrows below its usual width.
    let gutter = (0..=2)
        .map(|k| text_width(&tick(max * f64::from(k) / 2.0), SMALL) + 6.0)
        .fold(GUTTER, f64::max);
    let left = gutter + SIDE;
    let x_of =
        |year: u16| left + f64::from(year.saturating_sub(first)) / span * (width - left - SIDE);
    let y_of = |v: f64| base - v / max * plot_h;

    for k in 0..=2 {
        let v = max * f64::from(k) / 2.0;
        let y = y_of(v);
        scene.add(
            Shape::Line {
                from: (gutter, y),
                to: (width, y),
                paint: Paint::Grid,
                width: 1.0,
            },
            None,
        );
        scene.add(
            Shape::Text {
                at: (gutter - 6.0, y - SMALL * 0.6),
                text: tick(v),
                size: SMALL,
                bold: false,
                paint: Paint::Muted,
                align: Align::Right,
            },
            None,
        );
    }
    // Year ticks: every year if there is room, else the reported ones.
    let room = (width - left - SIDE) / span;
    for year in first..=last {
        let reported = dated.iter().any(|d| d.2 == year);
        if reported || room >= 38.0 {
            let x = x_of(year);
            scene.add(
                Shape::Line {
                    from: (x, base),
                    to: (x, base + 4.0),
                    paint: Paint::Grid,
                    width: 1.0,
                },
                None,
            );
            let paint = if reported { Paint::Ink } else { Paint::Muted };
            scene.add(
                Shape::Text {
                    at: (x, base + 8.0),
                    text: year.to_string(),
                    size: SMALL,
                    bold: reported,
                    paint,
                    align: Align::Centre,
                },
                None,
            );
        }
    }
    // Gaps between reported years are labelled, not bridged.
    for pair in dated.windows(2) {
        let (a, b) = (pair[0].2, pair[1].2);
        if b > a + 1 {
            let x = (x_of(a) + x_of(b)) / 2.0;
            let text = match locale {
                Locale::ZhHans | Locale::ZhHant => {
                    format!("{}—{}年{}", a + 1, b - 1, locale.strings().not_reported)
                }
                Locale::En => format!("{}–{} {}", a + 1, b - 1, locale.strings().not_reported),
            };
            // Kept inside a narrow chart, like the labels of the points.
            let half = (text_width(&text, SMALL) / 2.0).min(width / 2.0);
            scene.add(
                Shape::Text {
                    at: (x.clamp(half, width - half), base - plot_h * 0.28),
                    text,
                    size: SMALL,
                    bold: false,
                    paint: Paint::Muted,
                    align: Align::Centre,
                },
                None,
            );
        }
    }
    let band = (room * 0.9).clamp(24.0, 90.0);
    for (index, ind, year) in &dated {
        let item = scene.items.len();
        let x = x_of(*year);
        let v = ind.value.unwrap_or(0.0);
        let y = y_of(v);
        scene.add(
            Shape::Line {
                from: (x, y),
                to: (x, base),
                paint: Paint::Qualified,
                width: 2.0,
            },
            Some(item),
        );
        scene.add(
            Shape::Dot {
                centre: (x, y),
                radius: 7.0,
                paint: Paint::Accent,
            },
            Some(item),
        );
        let label = format_value(ind, locale).joined(locale);
        // A long label at the first or last year is moved in from the edge.
        let half = (styled_width(&label, 16.0, true) / 2.0).min(width / 2.0);
        scene.add(
            Shape::Text {
                at: (x.clamp(half, width - half), y - 30.0),
                text: label,
                size: 16.0,
                bold: true,
                paint: Paint::Ink,
                align: Align::Centre,
            },
            Some(item),
        );
        let (x0, x1) = ((x - band / 2.0).max(0.0), (x + band / 2.0).min(width));
        scene.items.push(Item {
            indicator: *index,
            hit: Rect {
                x: x0,
                y: TOP - 34.0,
                w: x1 - x0,
                h: base - TOP + 44.0,
            },
        });
    }
    scene.height = HEIGHT;
    scene
}

fn trim_number(v: f64) -> String {
    let s = format!("{v:.1}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Dated events and periods, one row each, on a shared year axis. Wide
/// charts set the label beside its track; narrow ones above it.
fn timeline(items: &[(u16, &Indicator)], locale: Locale, width: f64) -> Scene {
    const AXIS: f64 = 22.0;
    const TRACK: f64 = 14.0;
    let mut scene = Scene::new(width);
    let first = items
        .iter()
        .filter_map(|(_, i)| i.period.start())
        .min()
        .unwrap_or(2012);
    let last = items
        .iter()
        .filter_map(|(_, i)| i.period.end())
        .max()
        .unwrap_or(first);
    let beside = width >= 560.0;
    let label_w = if beside {
        (width * 0.42).min(360.0)
    } else {
        width
    };
    let track_x = if beside { label_w + 16.0 } else { 0.0 };
    let band = (width - track_x) / f64::from(last - first + 1);
    let x_start = |y: u16| track_x + f64::from(y.saturating_sub(first)) * band;
    // Label every year there is room for; the end labels are kept inside.
    let step = ((34.0 / band).ceil() as usize).max(1);
    for (k, year) in (first..=last).enumerate() {
        let half = text_width(&year.to_string(), SMALL) / 2.0;
        let x = (x_start(year) + band / 2.0).clamp(track_x + half, width - half);
        if k % step == 0 {
            scene.add(
                Shape::Text {
                    at: (x, 0.0),
                    text: year.to_string(),
                    size: SMALL,
                    bold: false,
                    paint: Paint::Muted,
                    align: Align::Centre,
                },
                None,
            );
        }
    }
    let mut y = AXIS;
    let rows_top = y;
    for (index, ind) in items {
        let (Some(start), Some(end)) = (ind.period.start(), ind.period.end()) else {
            continue;
        };
        let item = scene.items.len();
        let top = y;
        let text = if ind.unit == Unit::CalendarYear {
            locale.label(ind).to_owned()
        } else {
            let sep = if locale.is_chinese() { "：" } else { ": " };
            format!(
                "{}{sep}{}",
                locale.label(ind),
                format_value(ind, locale).joined(locale)
            )
        };
        let below = scene.paragraph(y + 4.0, label_w, &text, FONT, Paint::Ink, Some(item));
        let mid = if beside {
            y + 4.0 + ((below - y - 4.0).max(TRACK)) / 2.0 - 1.0
        } else {
            below + TRACK / 2.0
        };
        let (x0, x1) = (x_start(start), x_start(end) + band);
        if matches!(ind.period, Period::Span(..)) {
            scene.add(
                Shape::Rect {
                    rect: Rect {
                        x: x0 + 2.0,
                        y: mid - 4.0,
                        w: x1 - x0 - 4.0,
                        h: 8.0,
                    },
                    paint: Paint::Accent2,
                },
                Some(item),
            );
        } else {
            scene.add(
                Shape::Dot {
                    centre: ((x0 + x1) / 2.0, mid),
                    radius: 6.0,
                    paint: Paint::Accent,
                },
                Some(item),
            );
        }
        let period = format_period(ind.period, locale);
        let pw = text_width(&period, SMALL);
        let (px, align) = if x1 + 6.0 + pw <= width {
            (x1 + 4.0, Align::Left)
        } else if x0 - 4.0 - pw >= 0.0 {
            (x0 - 4.0, Align::Right)
        } else {
            // A long period in a narrow chart has room on neither side of
            // its track; it goes over the track rather than off the chart.
            ((width - pw).max(0.0), Align::Left)
        };
        scene.add(
            Shape::Text {
                at: (px, mid - SMALL * 0.6),
                text: period,
                size: SMALL,
                bold: false,
                paint: Paint::Muted,
                align,
            },
            Some(item),
        );
        y = if beside {
            below.max(mid + TRACK / 2.0) + 6.0
        } else {
            below + TRACK + 6.0
        };
        scene.items.push(Item {
            indicator: *index,
            hit: Rect {
                x: 0.0,
                y: top,
                w: width,
                h: y - top,
            },
        });
    }
    // Faint year lines behind the tracks: placed first so they sit underneath.
    let mut grid: Vec<Mark> = (first..=last + 1)
        .map(|year| {
            let x = x_start(year).min(width - 0.5).max(track_x + 0.5);
            Mark {
                shape: Shape::Line {
                    from: (x, rows_top),
                    to: (x, y),
                    paint: Paint::Grid,
                    width: 1.0,
                },
                item: None,
            }
        })
        .collect();
    grid.append(&mut scene.marks);
    scene.marks = grid;
    scene.height = y;
    scene
}
