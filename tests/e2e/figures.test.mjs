// The table of every figure, on a page of its own that the dashboard links
// to: one row per figure of indicators.json, grouped by theme, sortable by
// its columns, with the source sentence in the reader's language (and the
// Chinese original one tap away for English readers) and links to the
// charts on the dashboard that draw each figure.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { normalise, pageUrl, waitReady, withDashboard, openSuite } from './browser.mjs';

const TEST_TIMEOUT_MS = 120_000;

const { browser, dataset } = await openSuite();

/** The table's rows as shown now: id, number, year, visible group rows. */
function rows(page) {
  return page.evaluate(() => {
    const table = document.querySelector('section.all-figures table.figures-table');
    const body = [...table.querySelectorAll('tbody tr')];
    return {
      ids: body.filter((r) => r.dataset.indicator).map((r) => r.dataset.indicator),
      numbers: body.filter((r) => r.dataset.indicator).map((r) => (r.dataset.number === undefined ? null : Number(r.dataset.number))),
      groupsShown: body.filter((r) => r.classList.contains('group') && !r.hidden).length,
      order: body.map((r) => (r.classList.contains('group') ? `#${r.dataset.theme}` : r.dataset.theme)),
      sort: [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('aria-sort')),
      cells: Object.fromEntries(body.filter((r) => r.dataset.indicator).map((r) => {
        // A sentence is quoted once; a later figure of it links to that row.
        const same = r.querySelector('td.source.same a[data-same]');
        const quoting = same ? table.querySelector(same.getAttribute('href')) : r;
        return [r.dataset.indicator, {
        value: r.querySelector('td.value').textContent,
        source: quoting?.querySelector('td.source > span')?.textContent ?? null,
        linksTo: same ? quoting?.dataset.indicator ?? 'a missing row' : null,
        original: quoting?.querySelector('td.source details p')?.textContent ?? null,
        note: r.querySelector('td.source p.note')?.textContent ?? null,
        labels: [...r.querySelectorAll('td')].map((td) => td.dataset.label ?? null),
        shown: [...r.querySelectorAll('td.shown a')].map((a) => a.getAttribute('href')),
      }];
      })),
    };
  });
}

describe('the table of every figure', () => {
  test('lists every figure once, with its source and the charts that draw it', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const lang of ['zh', 'en']) {
      await withDashboard(browser, { lang, file: 'figures' }, async ({ page, problems }) => {
        const r = await rows(page);
        assert.deepEqual([...r.ids].sort(), dataset.indicators.map((i) => i.id).sort(), `${lang}: one row per figure`);
        assert.ok(r.groupsShown > 1, `${lang}: grouped by theme`);
        // Each theme's heading comes right before its figures, each theme once.
        const seen = new Set();
        let current = null;
        for (const cell of r.order) {
          if (cell.startsWith('#')) {
            assert.ok(!seen.has(cell), `${lang}: theme ${cell} twice`);
            seen.add(cell);
            current = cell.slice(1);
          } else {
            assert.equal(cell, current, `${lang}: a row outside its theme`);
          }
        }
        for (const ind of dataset.indicators) {
          const cell = r.cells[ind.id];
          const source = lang === 'en' ? ind.source_en : ind.source;
          assert.equal(normalise(cell.source), normalise(source), `${lang}: ${ind.id} source sentence`);
          assert.equal(cell.original === null ? null : normalise(cell.original),
            lang === 'en' ? normalise(ind.source) : null, `${lang}: ${ind.id} Chinese original`);
          const dashboard = lang === 'en' ? 'index.en.html' : 'index.html';
          const charts = dataset.charts.filter((c) => c.items.includes(ind.id)).map((c) => `${dashboard}#chart-title-${c.id}`);
          assert.deepEqual(cell.shown, charts, `${lang}: ${ind.id} where shown`);
          if (ind.qualifier === 'at_least') {
            // The article's own word, as printed: 余, 多, 以上, 超过 or 逾.
            assert.match(cell.value, lang === 'en' ? /\+|more than|or more/ : /余|多|餘|以上|超过|逾/, `${lang}: ${ind.id} keeps its qualifier`);
          }
          // Every note reaches the page, figures in no chart included; and
          // every cell names its column for the stacked rows of a phone.
          const note = lang === 'en' ? ind.note_en : ind.note_zh;
          if (note) {
            assert.ok(cell.note !== null && normalise(cell.note).endsWith(normalise(note)), `${lang}: ${ind.id} note ${JSON.stringify(cell.note)}`);
          }
          assert.ok(cell.labels.every((l) => l), `${lang}: ${ind.id} a cell without its column's name`);
        }
        assert.deepEqual(problems, []);
      });
    }
  });

  test('sorts by value both ways and back to themes', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'en', file: 'figures' }, async ({ page }) => {
      const before = await rows(page);
      await page.click('section.all-figures thead button.sort[data-sort="value"]');
      const up = await rows(page);
      const known = up.numbers.filter((n) => n !== null);
      assert.deepEqual(known, [...known].sort((a, b) => a - b), 'ascending by value');
      // A figure the article lost (its value unknown) sorts last, where the
      // data has one.
      if (dataset.indicators.some((ind) => ind.value === null || ind.value === undefined)) {
        assert.equal(up.numbers.at(-1), null, 'a lost figure sorts last');
      }
      assert.equal(up.groupsShown, 0, 'no theme headings in a sort by value');
      assert.ok(up.sort.includes('ascending'), 'aria-sort on the value column');
      await page.click('section.all-figures thead button.sort[data-sort="value"]');
      const down = await rows(page);
      const knownDown = down.numbers.filter((n) => n !== null);
      assert.deepEqual(knownDown, [...knownDown].sort((a, b) => b - a), 'descending by value');
      assert.ok(down.sort.includes('descending'));
      await page.click('section.all-figures button.sort[data-sort="theme"]');
      const back = await rows(page);
      assert.deepEqual(back.ids, before.ids, 'the theme button restores the first order');
      assert.equal(back.groupsShown, before.groupsShown);
    });
  });

  test('the dashboard links to it, and it back to the dashboard and to each chart there', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'zh-Hant' }, async ({ page, problems }) => {
      // The dashboard's last section names how many figures the table holds.
      const link = page.locator('#all-figures a');
      assert.match(await link.textContent(), new RegExp(`${dataset.indicators.length}`));
      await link.click();
      await page.waitForURL(pageUrl('zh-Hant', 'figures'));
      await waitReady(page, problems);
      // Its language switch leads to the table in the other languages.
      const other = await page.$$eval('.lang-switch a', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(other.length > 1 && other.every((f) => /^figures(\.[\w-]+)?\.html$/.test(f)), `the switch leads to ${other}`);
      // A figure's chart is a link to that chart on the dashboard.
      const shown = page.locator('td.shown a').first();
      const href = await shown.getAttribute('href');
      await shown.click();
      await page.waitForURL(new URL(href, pageUrl('zh-Hant', 'figures')).href);
      await waitReady(page, problems);
      const id = href.split('#')[1];
      assert.equal(await page.locator(`#${id}`).count(), 1, `${href} names a chart on the dashboard`);
      // And the headline above the table leads back to the dashboard.
      await page.goBack();
      await waitReady(page, problems);
      await page.click('.back a');
      await page.waitForURL(pageUrl('zh-Hant'));
      assert.deepEqual(problems, []);
    });
  });
});
