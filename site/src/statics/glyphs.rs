//! Text of an SVG set as outlines, each glyph drawn once and reused.
//!
//! A browser sets an SVG's `<text>` with whatever fonts its reader has: the
//! static images showed large gaps between number and unit and early line
//! wraps where the named fonts were missing. Here resvg shapes the text with
//! the build machine's fonts (as it does for the PNG), and every glyph it
//! placed becomes a `<use>` of that glyph's outline, written once in
//! `<defs>`. Writing the outline of every letter where it stands (what
//! usvg's own writer does) made the English images 600 KB; shared, a
//! letter costs one short `<use>`.

use std::collections::HashMap;
use std::fmt::Write as _;

use anyhow::{anyhow, Result};
use resvg::usvg;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::MetadataProvider as _;

/// Units per em of the outlines in `<defs>`: fine enough that rounding to
/// whole units moves a point of a 13 px letter by at most 0.03 px.
const UNITS: f32 = 256.0;

/// The outlines of the glyphs used, and the `<use>` elements placing them.
pub struct Glyphs {
    /// What every glyph's id starts with, unique to the image.
    prefix: String,
    /// Index in `defs` of every (font, glyph) already written.
    ids: HashMap<(usvg::fontdb::ID, u32), usize>,
    /// `<path id="PREFIXn" d="…"/>` of each glyph, in order of first use.
    defs: Vec<String>,
    /// The placed glyphs, grouped by fill and size.
    body: String,
}

impl Glyphs {
    /// Sets every text of `tree` as glyphs whose ids start with `prefix`.
    /// The ids of an SVG pasted inline into a page are the page's: two
    /// charts on one page must not share any.
    pub fn of(tree: &usvg::Tree, prefix: &str) -> Result<Glyphs> {
        let mut glyphs = Glyphs {
            prefix: prefix.to_owned(),
            ids: HashMap::new(),
            defs: Vec::new(),
            body: String::new(),
        };
        glyphs.group(tree.root(), tree.fontdb())?;
        Ok(glyphs)
    }

    /// `<defs>` with every outline, then the placed glyphs.
    pub fn into_svg(self) -> String {
        let mut out = String::from("<defs>");
        for def in &self.defs {
            out.push_str(def);
        }
        out.push_str("</defs>");
        out.push_str(&self.body);
        out
    }

    fn group(&mut self, group: &usvg::Group, db: &usvg::fontdb::Database) -> Result<()> {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => self.group(g, db)?,
                usvg::Node::Text(text) => self.text(text, db)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn text(&mut self, text: &usvg::Text, db: &usvg::fontdb::Database) -> Result<()> {
        let base = text.abs_transform();
        for span in text.layouted() {
            let Some(fill) = span.fill.as_ref() else {
                continue;
            };
            let usvg::Paint::Color(c) = fill.paint() else {
                return Err(anyhow!("a text is filled with a pattern or gradient"));
            };
            // Every glyph of a span is set at its size: the outlines are in
            // UNITS per em, so one scale serves the whole span.
            let k = span.font_size.get() / UNITS;
            let _ = write!(
                self.body,
                r##"<g fill="#{:02x}{:02x}{:02x}"{} transform="scale({})">"##,
                c.red,
                c.green,
                c.blue,
                if fill.opacity().get() < 1.0 {
                    format!(r#" fill-opacity="{}""#, fill.opacity().get())
                } else {
                    String::new()
                },
                k
            );
            for glyph in &span.positioned_glyphs {
                let Some(n) = self.outline(db, glyph.font, glyph.id.0)? else {
                    continue;
                };
                let t = base.pre_concat(glyph.outline_transform());
                if t.kx != 0.0 || t.ky != 0.0 {
                    return Err(anyhow!("a rotated or skewed text cannot be set as glyphs"));
                }
                let _ = write!(
                    self.body,
                    r##"<use href="#{}{n}" x="{}" y="{}"/>"##,
                    self.prefix,
                    (t.tx / k).round(),
                    (t.ty / k).round()
                );
            }
            self.body.push_str("</g>");
        }
        Ok(())
    }

    /// The index of a glyph's outline in `defs`, written on first use;
    /// `None` for a glyph with no outline (a space).
    fn outline(
        &mut self,
        db: &usvg::fontdb::Database,
        font: usvg::fontdb::ID,
        glyph: u32,
    ) -> Result<Option<usize>> {
        if let Some(&n) = self.ids.get(&(font, glyph)) {
            return Ok(Some(n));
        }
        let path = db
            .with_face_data(font, |data, index| -> Result<String> {
                let face = skrifa::FontRef::from_index(data, index)
                    .map_err(|e| anyhow!("a font cannot be read: {e}"))?;
                let upem = face
                    .metrics(Size::unscaled(), LocationRef::default())
                    .units_per_em;
                let outlines = face.outline_glyphs();
                let Some(outline) = outlines.get(skrifa::GlyphId::new(glyph)) else {
                    return Ok(String::new());
                };
                let mut pen = Pen::new(UNITS / f32::from(upem));
                outline
                    .draw(
                        DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
                        &mut pen,
                    )
                    .map_err(|e| anyhow!("glyph {glyph} cannot be drawn: {e}"))?;
                Ok(pen.d)
            })
            .ok_or_else(|| anyhow!("a font resvg chose is not in the database"))??;
        if path.is_empty() {
            return Ok(None);
        }
        let n = self.defs.len();
        self.defs
            .push(format!(r#"<path id="{}{n}" d="{path}"/>"#, self.prefix));
        self.ids.insert((font, glyph), n);
        Ok(Some(n))
    }
}

/// Writes an outline as SVG path data in whole units, y downwards, each
/// point relative to the one before (short numbers, no drift: the offsets
/// are taken between rounded points).
struct Pen {
    scale: f32,
    d: String,
    /// The current point, rounded.
    at: (i32, i32),
    /// Where the contour began: closing it returns there.
    start: (i32, i32),
}

impl Pen {
    fn new(scale: f32) -> Pen {
        Pen {
            scale,
            d: String::new(),
            at: (0, 0),
            start: (0, 0),
        }
    }

    fn point(&self, x: f32, y: f32) -> (i32, i32) {
        (
            (x * self.scale).round() as i32,
            (-y * self.scale).round() as i32,
        )
    }

    /// Appends command `c` with its points, relative to the current point.
    fn command(&mut self, c: char, points: &[(f32, f32)]) {
        self.d.push(c);
        let mut first = true;
        let mut end = self.at;
        for &(x, y) in points {
            let p = self.point(x, y);
            for v in [p.0 - self.at.0, p.1 - self.at.1] {
                // A minus sign separates numbers by itself.
                if !first && v >= 0 {
                    self.d.push(' ');
                }
                let _ = write!(self.d, "{v}");
                first = false;
            }
            end = p;
        }
        // In relative curves every control point is relative to the start.
        self.at = end;
    }
}

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.command('m', &[(x, y)]);
        self.start = self.at;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.command('l', &[(x, y)]);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.command('q', &[(cx0, cy0), (x, y)]);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.command('c', &[(cx0, cy0), (cx1, cy1), (x, y)]);
    }

    fn close(&mut self) {
        self.d.push('z');
        self.at = self.start;
    }
}
