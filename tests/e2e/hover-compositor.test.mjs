// Hover on the compositor: while the pointer stays on one item, the tooltip
// is neither laid out nor painted again. Its text and size change only when
// the item changes; when the page scrolls under a resting pointer, the box
// follows its item by a `transform` on a layer of its own, so the browser
// moves it without layout or paint.
//
// Counted, not timed: Chromium's own counters of layouts and style
// recalculations (CDP `Performance.getMetrics`), the `Paint` events of a
// trace (category `devtools.timeline`) and the changes a MutationObserver
// sees on the tooltip, over many real pointer moves.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { eventually, smallBars, openSuite, twoFrames, withDashboard } from './browser.mjs';

const MOVES = 100;
const SCROLLS = 20;
/** Allowed for work that is not the tooltip's: a frame that was already due when counting began. */
const SLACK = 2;

const { browser, dataset } = await openSuite();

/** The largest item of chart `id`, its canvas scrolled to the middle of the screen, in viewport px. */
function bringLargestItem(page, id) {
  return page.evaluate((chartId) => {
    const canvas = document.querySelector(`[data-chart="${CSS.escape(chartId)}"] canvas`);
    const items = window.articleCharts.items(chartId);
    const item = items.reduce((a, b) => (b.w * b.h > a.w * a.h ? b : a));
    canvas.scrollIntoView({ block: 'center', behavior: 'instant' });
    const r = canvas.getBoundingClientRect();
    return { id: item.id, x: r.left + item.x, y: r.top + item.y, w: item.w, h: item.h };
  }, id);
}

/** The tooltip once it tells of `indicatorId` and stands where it goes. */
function shownFor(page, indicatorId, chartId) {
  return eventually(
    () => page.evaluate((cid) => {
      const t = document.querySelector('[role="tooltip"]');
      return {
        hidden: t.hidden,
        transform: t.style.transform,
        active: document.querySelector(`[data-chart="${CSS.escape(cid)}"] canvas`)?.dataset.active,
      };
    }, chartId),
    (s) => !s.hidden && s.active === indicatorId && s.transform !== '',
  );
}

/** Starts recording every change to the tooltip: its attributes (the style that moves it), texts and children. */
function watchTooltip(page) {
  return page.evaluate(() => {
    const records = [];
    const observer = new MutationObserver((list) => records.push(...list.map((r) => r.attributeName ?? r.type)));
    observer.observe(document.querySelector('[role="tooltip"]'), {
      attributes: true, characterData: true, childList: true, subtree: true,
    });
    window.__tooltipChanges = () => { records.push(...observer.takeRecords().map((r) => r.attributeName ?? r.type)); return records; };
  });
}

/** Chromium's layout and style-recalculation counters. */
async function counters(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { layouts: get('LayoutCount'), styles: get('RecalcStyleCount') };
}

/**
 * Runs `body` under a trace and counts, on the page's main thread, the
 * `Paint` events and the animation-frame callbacks that ran
 * (`FireAnimationFrame`), less the callbacks whose ids `body` returns: the
 * test's own.
 */
async function traced(page, body) {
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  let buffer;
  let own = [];
  try {
    own = (await body()) ?? [];
  } finally {
    buffer = await browser.stopTracing();
  }
  const { traceEvents } = JSON.parse(buffer.toString('utf8'));
  // Only the renderer's main thread: the compositor's and the browser
  // process's work never runs there.
  const main = new Set(traceEvents
    .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const on = (name) => traceEvents.filter((e) => e.name === name && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const frameCallbacks = on('FireAnimationFrame').filter((e) => !own.includes(e.args?.data?.id));
  return { paints: on('Paint').length, frameCallbacks: frameCallbacks.length };
}

/**
 * Turns Chromium's counters on, brings the largest item of `chart` to the
 * middle of the screen and rests the pointer on it, `at` of the way into
 * its box across and down, until its tooltip is shown and drawn. Returns
 * the counters' session and the item.
 */
async function restOnLargestItem(page, context, chart, at) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const item = await bringLargestItem(page, chart);
  await page.mouse.move(item.x + item.w * at, item.y + item.h * at);
  await shownFor(page, item.id, chart);
  await twoFrames(page);
  return { cdp, item };
}

describe('hover on the compositor', () => {
  test('moving within one item lays out and paints nothing', { timeout: 120_000 }, async (t) => {
    const chart = smallBars(dataset);
    await withDashboard(browser, {}, async ({ page, context }) => {
      const { cdp, item } = await restOnLargestItem(page, context, chart, 0.25);
      // The inner half of the item's box: every move stays on the item.
      const point = (i) => ({
        x: item.x + item.w * (0.25 + 0.5 * ((i * 37) % 100) / 100),
        y: item.y + item.h * (0.25 + 0.5 * ((i * 61) % 100) / 100),
      });

      await watchTooltip(page);
      const before = await counters(cdp);
      const { paints, frameCallbacks } = await traced(page, async () => {
        for (let i = 1; i <= MOVES; i += 1) await page.mouse.move(point(i).x, point(i).y);
        // Whatever the last move asked of the page is done two frames
        // later, so the counts below take it in. Those two frame callbacks
        // are the test's own, and their ids leave them out of the count:
        // any other that runs is the page's.
        return page.evaluate(() => new Promise((resolve) => {
          const ids = [];
          ids.push(requestAnimationFrame(() => ids.push(requestAnimationFrame(() => resolve(ids)))));
        }));
      });
      const afterMoves = await counters(cdp);
      const changes = await page.evaluate(() => window.__tooltipChanges());
      t.diagnostic(`layouts +${afterMoves.layouts - before.layouts}, style recalculations +${afterMoves.styles - before.styles}, `
        + `paints ${paints}, animation-frame callbacks ${frameCallbacks}, changes to the tooltip ${changes.length}`);
      // Not even a write of the same value: each one costs a style
      // invalidation check, and a frame callback to make it.
      assert.deepEqual(changes, [], `${MOVES} moves within one item changed the tooltip`);
      const shown = await shownFor(page, item.id, chart);
      assert.equal(shown.active, item.id, 'the item stayed lit');
      assert.ok(afterMoves.layouts - before.layouts <= SLACK,
        `${MOVES} moves within one item made ${afterMoves.layouts - before.layouts} layouts`);
      assert.ok(afterMoves.styles - before.styles <= SLACK,
        `${MOVES} moves within one item made ${afterMoves.styles - before.styles} style recalculations`);
      assert.ok(paints <= SLACK, `${MOVES} moves within one item made ${paints} paints`);
      // Nor is the box measured or placed again: a frame callback per move
      // would be main-thread work, and a frame, for nothing.
      assert.ok(frameCallbacks <= SLACK, `${MOVES} moves within one item ran ${frameCallbacks} animation-frame callbacks`);
    });
  });

  test('a tooltip following its item through a scroll is moved, not laid out or painted', { timeout: 120_000 }, async (t) => {
    const chart = smallBars(dataset);
    await withDashboard(browser, {}, async ({ page, context }) => {
      const { cdp, item } = await restOnLargestItem(page, context, chart, 0.5);
      const centre = { x: item.x + item.w / 2, y: item.y + item.h / 2 };
      const first = await page.evaluate(() => document.querySelector('[role="tooltip"]').style.transform);

      // The page scrolls by a pixel at a time under the resting pointer,
      // which stays on the item; each move puts the box beside the item's
      // new place.
      const before = await counters(cdp);
      const { paints } = await traced(page, async () => {
        for (let i = 1; i <= SCROLLS; i += 1) {
          await page.evaluate(() => window.scrollBy({ top: 1, behavior: 'instant' }));
          await page.mouse.move(centre.x, centre.y + (i % 2));
          await twoFrames(page);
        }
      });
      const afterScrolls = await counters(cdp);
      t.diagnostic(`layouts +${afterScrolls.layouts - before.layouts}, style recalculations +${afterScrolls.styles - before.styles}, paints ${paints}`);
      const last = await shownFor(page, item.id, chart);
      assert.notEqual(last.transform, first, 'the tooltip followed its item');
      assert.ok(afterScrolls.layouts - before.layouts <= SLACK,
        `${SCROLLS} scrolled moves made ${afterScrolls.layouts - before.layouts} layouts`);
      // None at all: without a layer of its own the box is repainted now
      // and then as it moves (twice in 20 moves when this was written).
      assert.equal(paints, 0, `${SCROLLS} scrolled moves made ${paints} paints`);
    });
  });
});
