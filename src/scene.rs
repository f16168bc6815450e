//! The scene model: what a chart is laid out into before anything is drawn.
//!
//! A [`Scene`] is a list of shapes to draw ([`Mark`]s) and the hover box of
//! every figure ([`Item`]s). `crate::layout` makes one, `crate::draw` paints
//! it on any plotters backend, `crate::hit` finds the item under a point.
//!
//! **Pixel convention:** all coordinates are CSS pixels (device-independent),
//! origin at the top-left corner of the chart, x to the right, y downwards.
//! Only `crate::draw` multiplies by the device pixel ratio. The height of a
//! scene follows from its width (labels wrap), and the page sizes the canvas
//! to it.

use crate::measure::{styled_width, wrap};
use crate::theme::Paint;

/// The narrowest width a chart is laid out for; a narrower (or zero-width)
/// container gets this width and scrolls rather than a broken chart.
pub const MIN_WIDTH: f64 = 200.0;

/// Body text: labels, values beside bars.
pub const FONT: f64 = 13.0;
/// Secondary text: axis ticks, periods, notes.
pub const SMALL: f64 = 12.0;
/// The headline figure of a card.
pub const BIG: f64 = 26.0;
/// Line height as a multiple of the font size.
pub const LINE: f64 = 1.4;
/// Space between neighbouring items.
pub const GAP: f64 = 8.0;
/// Space inside a card, and around a framed chart's text.
pub const PAD: f64 = 10.0;

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

    /// How far the point lies from the box, in px: 0 inside or on its
    /// edges, else the length of the shortest line to it.
    pub fn distance(&self, x: f64, y: f64) -> f64 {
        let dx = (self.x - x).max(x - self.right()).max(0.0);
        let dy = (self.y - y).max(y - self.bottom()).max(0.0);
        dx.hypot(dy)
    }

    /// The centre point.
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// The box from its top-left to its bottom-right corner.
    pub fn spanning(top_left: (f64, f64), bottom_right: (f64, f64)) -> Rect {
        Rect {
            x: top_left.0,
            y: top_left.1,
            w: (bottom_right.0 - top_left.0).max(0.0),
            h: (bottom_right.1 - top_left.1).max(0.0),
        }
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

impl Shape {
    /// The shape with every point passed through `point` (a rectangle's
    /// top-left corner, a line's ends, a dot's centre, a text's anchor) and
    /// every length through `length` (a rectangle's width and height, a
    /// line's stroke, a dot's radius, a text's size); paint, text and
    /// alignment stay. Moving and magnifying a scene are both this, so
    /// neither can forget a field the other handles.
    pub fn map_geometry(
        mut self,
        point: impl Fn((f64, f64)) -> (f64, f64),
        length: impl Fn(f64) -> f64,
    ) -> Shape {
        match &mut self {
            Shape::Rect { rect, .. } => {
                (rect.x, rect.y) = point((rect.x, rect.y));
                rect.w = length(rect.w);
                rect.h = length(rect.h);
            }
            Shape::Line {
                from, to, width, ..
            } => {
                *from = point(*from);
                *to = point(*to);
                *width = length(*width);
            }
            Shape::Dot { centre, radius, .. } => {
                *centre = point(*centre);
                *radius = length(*radius);
            }
            Shape::Text { at, size, .. } => {
                *at = point(*at);
                *size = length(*size);
            }
        }
        self
    }

    /// The box the shape covers; a text's by the width estimate of
    /// [`crate::measure::styled_width`], which errs wide.
    pub fn extent(&self) -> Rect {
        match self {
            Shape::Rect { rect, .. } => *rect,
            Shape::Line { from, to, .. } => Rect::spanning(
                (from.0.min(to.0), from.1.min(to.1)),
                (from.0.max(to.0), from.1.max(to.1)),
            ),
            Shape::Dot { centre, radius, .. } => Rect::spanning(
                (centre.0 - radius, centre.1 - radius),
                (centre.0 + radius, centre.1 + radius),
            ),
            Shape::Text {
                at,
                text,
                size,
                bold,
                align,
                ..
            } => {
                let w = styled_width(text, *size, *bold);
                let x0 = match align {
                    Align::Left => at.0,
                    Align::Centre => at.0 - w / 2.0,
                    Align::Right => at.0 - w,
                };
                Rect {
                    x: x0,
                    y: at.1,
                    w,
                    h: *size,
                }
            }
        }
    }
}

/// Whether two boxes overlap by more than half a pixel each way.
pub fn overlap(a: Rect, b: Rect) -> bool {
    a.x < b.right() - 0.5
        && b.x < a.right() - 0.5
        && a.y < b.bottom() - 0.5
        && b.y < a.bottom() - 0.5
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
    pub(crate) fn new(width: f64) -> Self {
        Scene {
            width,
            height: 0.0,
            items: Vec::new(),
            marks: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, shape: Shape, item: Option<usize>) {
        self.marks.push(Mark { shape, item });
    }

    /// Adds the figure `indicator` as an item whose hover box is a row
    /// across the whole chart, `height` tall from `top`: a bar's row, a
    /// timeline's.
    pub(crate) fn row_item(&mut self, indicator: u16, top: f64, height: f64) {
        self.items.push(Item {
            indicator,
            hit: Rect {
                x: 0.0,
                y: top,
                w: self.width,
                h: height,
            },
        });
    }

    pub(crate) fn text(
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

    /// A straight line from `from` to `to`, `width` px wide.
    pub(crate) fn line(
        &mut self,
        from: (f64, f64),
        to: (f64, f64),
        paint: Paint,
        width: f64,
        item: Option<usize>,
    ) {
        self.add(
            Shape::Line {
                from,
                to,
                paint,
                width,
            },
            item,
        );
    }

    /// A small text in the muted colour, not bold, anchored by `align`: the
    /// ticks of an axis, a timeline's periods, the gaps between years.
    pub(crate) fn muted_text(
        &mut self,
        at: (f64, f64),
        text: impl Into<String>,
        align: Align,
        item: Option<usize>,
    ) {
        self.add(
            Shape::Text {
                at,
                text: text.into(),
                size: SMALL,
                bold: false,
                paint: Paint::Muted,
                align,
            },
            item,
        );
    }

    /// Text wrapped to `width` from the left edge at `y`; returns the y
    /// below it.
    pub(crate) fn paragraph(
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

/// Moves a shape by `(dx, dy)`: a card's content into its card, a chart
/// into its frame (`crate::frame`).
pub fn shift(shape: Shape, dx: f64, dy: f64) -> Shape {
    shape.map_geometry(|(x, y)| (x + dx, y + dy), |length| length)
}
