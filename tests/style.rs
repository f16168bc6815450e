//! Checks on the style sheets where a rule decides what a reader sees and
//! no layout test can: the charts' focus ring.

use std::path::PathBuf;

fn sheet(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("www")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The rules (selector and declarations) whose selector mentions `needle`,
/// comments left out.
fn rules_about(css: &str, needle: &str) -> Vec<(String, String)> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(open) = rest.find("/*") {
        text.push_str(&rest[..open]);
        rest = rest[open..]
            .find("*/")
            .map_or("", |close| &rest[open + close + 2..]);
    }
    text.push_str(rest);
    text.split('}')
        .filter_map(|rule| {
            let (selector, body) = rule.split_once('{')?;
            // A rule inside an at-rule keeps only its own selector.
            let selector = selector.rsplit('{').next().unwrap_or(selector).trim();
            selector
                .contains(needle)
                .then(|| (selector.to_owned(), body.trim().to_owned()))
        })
        .collect()
}

/// The keyboard focus ring of a chart is drawn outside the canvas: drawn
/// inside it (a negative outline offset, or a border over the canvas), it
/// cut through the first letter of every bar label, which starts at the
/// canvas's left edge.
#[test]
fn the_focus_ring_lies_outside_the_chart() {
    for name in ["chart.css", "embed.css", "style.css"] {
        let css = sheet(name);
        for (selector, body) in rules_about(&css, "focus") {
            if !selector.contains("plot") {
                continue;
            }
            assert!(
                !body.contains("outline-offset: -"),
                "{name}: {selector} draws its ring inside the chart: {body}"
            );
            assert!(
                !(selector.contains("::after") && body.contains("border")),
                "{name}: {selector} draws a ring over the chart: {body}"
            );
        }
    }
    let css = sheet("chart.css");
    let ring = rules_about(&css, ".plot-wrap:has(> canvas.plot:focus-visible)");
    assert!(
        ring.iter()
            .any(|(_, body)| body.contains("outline:") && body.contains("solid")),
        "chart.css: no ring around a focused chart: {ring:?}"
    );
}
