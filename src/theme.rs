//! Colours of the charts, light and dark.
//!
//! Shapes in a [`crate::layout::Scene`] name a [`Paint`] role, never a colour,
//! so one scene can be drawn in either theme. The accent hues come from the
//! Okabe–Ito palette, which stays distinct for the common forms of colour
//! blindness; text colours keep at least 4.5:1 contrast on their backgrounds.

/// The role of a colour in a chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// The chart's background.
    Background,
    /// A card's or a band's fill.
    Surface,
    /// Main text.
    Ink,
    /// Secondary text: periods, axis labels, footnotes.
    Muted,
    /// Axis and grid lines.
    Grid,
    /// Bars, points and the figures of cards.
    Accent,
    /// A second series, e.g. the period bars of the timeline.
    Accent2,
    /// Marks for "at least" and "nearly" figures.
    Qualified,
    /// The hovered or focused item.
    Highlight,
    /// Text set on an accent fill.
    OnAccent,
}

/// An RGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Relative luminance as WCAG 2 defines it.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG 2 contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// `#rrggbb`, for CSS.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colours CSS takes from the chart theme, as custom properties, so the
/// page around a canvas matches it exactly. The style sheets name no colour
/// of their own: the build writes these into them (`css_declarations`), and
/// the module sets them again when the theme changes.
pub const CSS_COLOURS: [(&str, Paint); 6] = [
    ("--bg", Paint::Background),
    ("--surface", Paint::Surface),
    ("--ink", Paint::Ink),
    ("--muted", Paint::Muted),
    ("--grid", Paint::Grid),
    ("--accent", Paint::Accent),
];

/// A set of colours for every [`Paint`] role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether this is the dark theme.
    pub dark: bool,
    background: Rgb,
    surface: Rgb,
    ink: Rgb,
    muted: Rgb,
    grid: Rgb,
    accent: Rgb,
    accent2: Rgb,
    qualified: Rgb,
    highlight: Rgb,
    on_accent: Rgb,
}

impl Theme {
    /// The theme's colours as CSS declarations of [`CSS_COLOURS`]:
    /// `--bg: #ffffff; --surface: …;`.
    pub fn css_declarations(&self) -> String {
        CSS_COLOURS
            .iter()
            .map(|(name, paint)| format!("{name}: {};", self.rgb(*paint).hex()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Dark text on white.
    pub const LIGHT: Theme = Theme {
        dark: false,
        background: Rgb(0xff, 0xff, 0xff),
        surface: Rgb(0xf1, 0xf4, 0xf7),
        ink: Rgb(0x1b, 0x1f, 0x24),
        muted: Rgb(0x52, 0x5a, 0x63),
        grid: Rgb(0xc9, 0xcf, 0xd6),
        accent: Rgb(0x00, 0x5f, 0x94),
        accent2: Rgb(0xb3, 0x4a, 0x00),
        qualified: Rgb(0x6f, 0xa8, 0xd0),
        highlight: Rgb(0xd5, 0x5e, 0x00),
        on_accent: Rgb(0xff, 0xff, 0xff),
    };

    /// Light text on near-black.
    pub const DARK: Theme = Theme {
        dark: true,
        background: Rgb(0x14, 0x17, 0x1b),
        surface: Rgb(0x20, 0x25, 0x2b),
        ink: Rgb(0xee, 0xf1, 0xf4),
        muted: Rgb(0xa9, 0xb2, 0xbc),
        grid: Rgb(0x45, 0x4d, 0x56),
        accent: Rgb(0x56, 0xb4, 0xe9),
        accent2: Rgb(0xe6, 0x9f, 0x00),
        // Paler than the bar, as in the light theme: the stub of an "at
        // least" figure and the end of a "nearly" one are the uncertain part
        // of the mark. A darker blue (#3b8fc4) read as more of the bar.
        qualified: Rgb(0xb4, 0xdc, 0xf4),
        highlight: Rgb(0xf0, 0xe4, 0x42),
        on_accent: Rgb(0x10, 0x13, 0x16),
    };

    /// The colour of a role.
    pub fn rgb(&self, paint: Paint) -> Rgb {
        match paint {
            Paint::Background => self.background,
            Paint::Surface => self.surface,
            Paint::Ink => self.ink,
            Paint::Muted => self.muted,
            Paint::Grid => self.grid,
            Paint::Accent => self.accent,
            Paint::Accent2 => self.accent2,
            Paint::Qualified => self.qualified,
            Paint::Highlight => self.highlight,
            Paint::OnAccent => self.on_accent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text roles and the backgrounds they are set on.
    const TEXT_ON: [(Paint, Paint); 6] = [
        (Paint::Ink, Paint::Background),
        (Paint::Ink, Paint::Surface),
        (Paint::Muted, Paint::Background),
        (Paint::Muted, Paint::Surface),
        (Paint::Accent, Paint::Surface),
        (Paint::Accent, Paint::Background),
    ];

    #[test]
    fn chart_text_has_at_least_4_5_to_1_contrast_in_both_themes() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            for (fg, bg) in TEXT_ON {
                let ratio = theme.rgb(fg).contrast(theme.rgb(bg));
                assert!(
                    ratio >= 4.5,
                    "{fg:?} on {bg:?} in {} theme: {ratio:.2}:1",
                    if theme.dark { "dark" } else { "light" }
                );
            }
        }
    }

    #[test]
    fn marks_stand_out_from_the_background() {
        // Non-text marks need 3:1 (WCAG 1.4.11).
        for theme in [Theme::LIGHT, Theme::DARK] {
            for mark in [Paint::Accent, Paint::Accent2, Paint::Highlight] {
                let ratio = theme.rgb(mark).contrast(theme.rgb(Paint::Background));
                assert!(ratio >= 3.0, "{mark:?}: {ratio:.2}:1");
            }
        }
    }

    /// The pale stub of an "at least" figure is paler than its bar in both
    /// themes: lighter and less saturated, and still told apart from it.
    #[test]
    fn the_qualified_stub_is_paler_than_its_bar_in_both_themes() {
        let saturation = |c: Rgb| {
            let (hi, lo) = (c.0.max(c.1).max(c.2), c.0.min(c.1).min(c.2));
            f64::from(hi - lo) / f64::from(hi.max(1))
        };
        for theme in [Theme::LIGHT, Theme::DARK] {
            let (bar, stub) = (theme.rgb(Paint::Accent), theme.rgb(Paint::Qualified));
            assert!(
                stub.luminance() > bar.luminance(),
                "dark {}: stub {} is darker than bar {}",
                theme.dark,
                stub.hex(),
                bar.hex()
            );
            assert!(saturation(stub) < saturation(bar), "dark {}", theme.dark);
            assert!(stub.contrast(bar) >= 1.4, "dark {}", theme.dark);
        }
    }

    #[test]
    fn contrast_is_computed_as_wcag_defines_it() {
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((Rgb(0x77, 0x77, 0x77).contrast(Rgb(255, 255, 255)) - 4.48).abs() < 0.01);
    }
}
