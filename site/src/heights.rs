//! The height rules of `article_charts::heights`: `plot-heights.css` of the
//! dashboards, and each one-chart page's own rules, computed on every core
//! and kept between the builds of one process.
//!
//! Each chart's plot height is scanned at every width from the narrowest to
//! the widest column, in every language: most of the page step of a build.
//! `cargo xtask serve` rebuilds the site after every save of a data folder,
//! where a save changes one or two charts, if any: the steps of a chart are
//! kept by everything its layout reads (`layout::inputs`), and those of a
//! text block by its text, size and line height, so a rebuild scans only
//! what changed. What is kept is exactly what a scan gives, so the rules
//! are byte for byte those of a scan.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, PoisonError};

use anyhow::Result;
use article_charts::data::{Chart, Dataset};
use article_charts::heights::{self, Steps};
use article_charts::layout;
use article_charts::locale::Locale;

use crate::parallel;

/// How many steps are kept at most; beyond it the memory is emptied and
/// filled again by the next build. A folder of a hundred charts in three
/// languages, with a text block or five each, needs a fraction of it.
const KEPT: usize = 20_000;

/// Steps kept by what they were computed from.
type Memory<K> = Mutex<BTreeMap<K, Steps>>;

/// A text block: its text, and its size and line height as bits.
type Block = (String, u64, u64);

/// The steps of the plots, by `layout::inputs`.
static PLOTS: Memory<String> = Mutex::new(BTreeMap::new());

/// The steps of the embed pages' text blocks.
static BLOCKS: Memory<Block> = Mutex::new(BTreeMap::new());

/// How many widths one task of a scan takes: a chart's scan is shared by
/// every core, as a save usually changes one chart.
const WIDTHS_PER_TASK: u32 = 100;

/// The steps `memory` holds for each of `keys`, scanning (on every core)
/// and keeping those it does not hold, with `height` the height of a key at
/// a width. The memory stays locked throughout, so that no other build in
/// this process empties it in between.
fn steps_of<K: Clone + Ord + Sync>(
    memory: &Memory<K>,
    keys: &[K],
    height: impl Fn(&K, f64) -> f64 + Sync,
) -> Result<Vec<Steps>> {
    let mut held = memory.lock().unwrap_or_else(PoisonError::into_inner);
    let missing: Vec<&K> = keys
        .iter()
        .filter(|key| !held.contains_key(key))
        // Two charts with the same figures in one language are scanned once.
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (first, last) = (*heights::widths().start(), *heights::widths().end());
    let tasks: Vec<(usize, u32)> = (0..missing.len())
        .flat_map(|n| {
            (first..=last)
                .step_by(WIDTHS_PER_TASK as usize)
                .map(move |from| (n, from))
        })
        .collect();
    let scanned = parallel::map(&tasks, |&(n, from)| {
        let to = from.saturating_add(WIDTHS_PER_TASK - 1).min(last);
        Ok((from..=to)
            .map(|w| (w, height(missing[n], f64::from(w))))
            .collect::<Vec<_>>())
    })?;
    // The tasks of each key are in order of their widths.
    let mut heights_of: Vec<Vec<(u32, f64)>> = vec![Vec::new(); missing.len()];
    for (&(n, _), part) in tasks.iter().zip(scanned) {
        heights_of[n].extend(part);
    }
    let fresh: BTreeMap<&K, Steps> = missing
        .iter()
        .zip(heights_of)
        .map(|(&key, h)| (key, heights::steps_of_heights(h)))
        .collect();
    let found: Vec<Steps> = keys
        .iter()
        .map(|key| match fresh.get(key).or_else(|| held.get(key)) {
            Some(steps) => steps.clone(),
            None => {
                heights::steps_of_heights(heights::widths().map(|w| (w, height(key, f64::from(w)))))
            }
        })
        .collect();
    if held.len() + fresh.len() > KEPT {
        held.clear();
    }
    held.extend(fresh.into_iter().map(|(key, steps)| (key.clone(), steps)));
    Ok(found)
}

/// The steps of each chart's plot in its language, of `pairs`: those
/// kept, and the others scanned.
fn plot_steps(data: &Dataset, pairs: &[(&Chart, Locale)]) -> Result<Vec<Steps>> {
    let keys: Vec<String> = pairs
        .iter()
        .map(|&(chart, locale)| layout::inputs(data, chart, locale))
        .collect();
    // Each key's chart and language, to scan a key that is not kept.
    let by_key: HashMap<&String, (&Chart, Locale)> =
        keys.iter().zip(pairs.iter().copied()).collect();
    steps_of(&PLOTS, &keys, |key, width| match by_key.get(key) {
        Some(&(chart, locale)) => heights::plot_height(data, chart, locale, width),
        None => 0.0,
    })
}

/// Every chart of `data` in each of `locales`.
fn every_chart<'d>(data: &'d Dataset, locales: &[Locale]) -> Vec<(&'d Chart, Locale)> {
    data.charts
        .iter()
        .flat_map(|chart| locales.iter().map(move |&locale| (chart, locale)))
        .collect()
}

/// `plot-heights.css` of `data` in `locales`: [`heights::plot_css`].
pub fn plot_css(data: &Dataset, locales: &[Locale]) -> Result<String> {
    let pairs = every_chart(data, locales);
    let steps = plot_steps(data, &pairs)?;
    let found: HashMap<(&str, Locale), &Steps> = pairs
        .iter()
        .map(|&(chart, locale)| (chart.id.as_ref(), locale))
        .zip(&steps)
        .collect();
    Ok(heights::plot_css_with(data, locales, &|chart, locale| {
        found.get(&(chart.id.as_ref(), locale)).map_or_else(
            || heights::plot_steps(data, chart, locale),
            |s| (*s).clone(),
        )
    }))
}

/// The height rules of the page of each chart in its language of `pairs`
/// that shows it alone: [`heights::page_css`], in the order of `pairs`.
pub fn page_css(data: &Dataset, pairs: &[(&Chart, Locale)]) -> Result<Vec<String>> {
    let plots = plot_steps(data, pairs)?;
    let key = |text: &str, size: f64, line: f64| (text.to_owned(), size.to_bits(), line.to_bits());
    let keys: Vec<Block> = pairs
        .iter()
        .flat_map(|&(chart, locale)| heights::text_blocks(data, chart, locale))
        .map(|(_, size, line, text)| key(&text, size, line))
        .collect();
    let steps = steps_of(&BLOCKS, &keys, |(text, size, line), width| {
        heights::block_height(text, f64::from_bits(*size), f64::from_bits(*line), width)
    })?;
    let found: HashMap<&Block, &Steps> = keys.iter().zip(&steps).collect();
    let blocks = |text: &str, size: f64, line: f64| {
        found
            .get(&key(text, size, line))
            .map_or_else(|| heights::block_steps(text, size, line), |s| (*s).clone())
    };
    Ok(pairs
        .iter()
        .zip(&plots)
        .map(|(&(chart, locale), plot)| {
            heights::plot_rules(chart, locale, plot)
                + &heights::embed_rules_with(data, chart, locale, &blocks)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_charts::data::DATASET;

    #[test]
    fn the_style_sheets_are_those_of_a_scan_in_a_first_and_a_later_build() -> Result<()> {
        let locales = Locale::published(&DATASET);
        for _ in 0..2 {
            assert_eq!(
                plot_css(&DATASET, locales)?,
                heights::plot_css(&DATASET, locales)
            );
            let pairs = every_chart(&DATASET, locales);
            let scanned: Vec<String> = pairs
                .iter()
                .map(|&(chart, locale)| heights::page_css(&DATASET, chart, locale))
                .collect();
            assert_eq!(page_css(&DATASET, &pairs)?, scanned);
        }
        // A changed figure is scanned again: what was kept of its chart is
        // not used. A long label wraps onto more lines in a chart of bars.
        let mut changed = DATASET.clone();
        let bars = changed
            .charts
            .iter()
            .find(|chart| chart.kind == article_charts::data::Kind::Bars)
            .ok_or_else(|| anyhow::anyhow!("the article has no chart of bars"))?;
        let first = usize::from(bars.items[0]);
        let indicator = &mut changed.indicators.to_mut()[first];
        indicator.label.en = "A label long enough to wrap onto more lines than before, "
            .repeat(3)
            .into();
        indicator.label.zh = "一个足够长的标签，可以比以前多折几行。".repeat(3).into();
        indicator.label.zh_hant = indicator.label.zh.clone();
        let scanned = heights::plot_css(&changed, locales);
        assert_ne!(
            scanned,
            heights::plot_css(&DATASET, locales),
            "the change changes no height"
        );
        assert_eq!(plot_css(&changed, locales)?, scanned);
        Ok(())
    }
}
