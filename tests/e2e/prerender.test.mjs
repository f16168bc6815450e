// The prerendered pages: every page is whole before the module
// arrives, and nothing moves when it does.
//
// - With JavaScript off, the dashboard in each language and every embed page
//   show every figure: each chart's picture and data table, and the table
//   of every figure on its own page, each with a meta description.
// - On a CPU slowed four times, loading and scrolling the dashboard shifts
//   nothing (PerformanceObserver `layout-shift`, buffered).
// - Painted before its language switch is parsed (served in two parts, cut
//   inside the switch's last link), the dashboard shifts nothing when the
//   rest arrives.
// - The canvas lies exactly where the picture was, at its size, and its first
//   frame looks like the picture (pixels compared loosely).
// - A chart's picture shows until its canvas is painted (on a phone, the
//   charts far below wait), and leaves the layout once it is.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

import { BASE_URL, normalise, openSuite, waitReady, withPage } from './browser.mjs';
import { decodePng } from './png.mjs';

const LANGS = ['zh', 'zh-Hant', 'en'];
const PAGE = { zh: 'index.html', 'zh-Hant': 'index.zh-Hant.html', en: 'index.en.html' };
const FIGURES = { zh: 'figures.html', 'zh-Hant': 'figures.zh-Hant.html', en: 'figures.en.html' };
const STEM = (id, lang) => (lang === 'zh' ? id : `${id}.${lang}`);

const { browser, dataset } = await openSuite();

/** What a reader without scripts sees of the figures under `selector`. */
async function shown(page) {
  return page.evaluate(() => {
    const visible = (el) => {
      if (!el) return false;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 1 && r.height > 1 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const figures = [...document.querySelectorAll('figure.chart[data-chart]')].map((f) => ({
      id: f.dataset.chart,
      image: [...f.querySelectorAll('.plot-wrap > svg.plot-img')].some(visible),
      imageMarks: [...f.querySelectorAll('.plot-wrap > svg.plot-img')].filter(visible)
        .reduce((n, svg) => n + svg.querySelectorAll('text, rect').length, 0),
      title: f.querySelector('.chart-title')?.textContent ?? '',
      // The table's box, not the table's: a visually hidden wrapper (1 px,
      // clipped) holds a table of full size that no one sees.
      table: visible(f.querySelector('.data-table-wrap')) && visible(f.querySelector('table.data-table')),
      rows: [...f.querySelectorAll('table.data-table tbody tr')].filter(visible).map((r) => r.dataset.indicator),
    }));
    const all = document.querySelector('table.figures-table');
    return {
      figures,
      allRows: all ? [...all.querySelectorAll('tbody tr[data-indicator]')].filter(visible).map((r) => r.dataset.indicator) : [],
      description: document.querySelector('meta[name="description"]')?.content ?? '',
      h1: document.querySelector('h1')?.textContent ?? '',
      canvases: document.querySelectorAll('canvas').length,
      figuresLink: document.querySelector('#all-figures a')?.getAttribute('href') ?? null,
    };
  });
}

test('without JavaScript the dashboard shows every chart and its table, and its link the table of every figure, in each language', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    for (const lang of LANGS) {
      const page = await context.newPage();
      await page.goto(new URL(PAGE[lang], BASE_URL).href, { waitUntil: 'load' });
      const seen = await shown(page);
      assert.equal(seen.canvases, 0, `${lang}: no script ran`);
      assert.ok(seen.description.length > 10, `${lang}: a meta description`);
      assert.deepEqual(seen.figures.map((f) => f.id), dataset.charts.map((c) => c.id), `${lang}: every chart, in order`);
      for (const [n, f] of seen.figures.entries()) {
        const chart = dataset.charts[n];
        assert.ok(f.image && f.imageMarks > 3, `${lang}: chart ${f.id} shows its picture`);
        assert.equal(normalise(f.title), normalise(chart[{ zh: 'title_zh', 'zh-Hant': 'title_zh_hant', en: 'title_en' }[lang]]), `${lang}: chart ${f.id}'s title`);
        assert.ok(f.table, `${lang}: chart ${f.id} shows its data table`);
        assert.deepEqual(f.rows, chart.items, `${lang}: chart ${f.id}'s table has a row per figure`);
      }
      // The table of every figure has a page of its own, which the
      // dashboard links to at its end.
      assert.deepEqual(seen.allRows, [], `${lang}: the dashboard holds no table of every figure`);
      assert.equal(seen.figuresLink, FIGURES[lang], `${lang}: the dashboard links to the table of every figure`);
      await page.goto(new URL(FIGURES[lang], BASE_URL).href, { waitUntil: 'load' });
      const table = await shown(page);
      assert.ok(table.description.length > 10, `${lang}: the table's page has a meta description`);
      assert.ok(table.h1.length > 1, `${lang}: the table's page has a heading`);
      assert.deepEqual(
        [...table.allRows].sort(),
        dataset.indicators.map((i) => i.id).sort(),
        `${lang}: the table of every figure shows every figure`,
      );
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test('without JavaScript every embed page shows its chart and its table', async () => {
  await withPage(browser, { javaScriptEnabled: false, width: 640, height: 600 }, async ({ page }) => {
    for (const chart of dataset.charts) {
      for (const lang of LANGS) {
        await page.goto(new URL(`embed/${STEM(chart.id, lang)}.html`, BASE_URL).href, { waitUntil: 'load' });
        const seen = await shown(page);
        const where = `embed/${STEM(chart.id, lang)}.html`;
        assert.deepEqual(seen.figures.map((f) => f.id), [chart.id], where);
        const [f] = seen.figures;
        assert.ok(f.image && f.imageMarks > 3, `${where} shows the chart's picture`);
        assert.ok(f.table, `${where} shows the data table`);
        assert.deepEqual(f.rows, chart.items, `${where}: a row per figure`);
        assert.ok(seen.description.length > 10, `${where} has a meta description`);
      }
    }
  });
});

/** Opens `path` on a CPU slowed `rate` times and gives the page's layout shifts once it is ready and scrolled through. */
async function shiftsWhileLoading(path, { width, height, rate = 4 }) {
  return withPage(browser, { width, height }, async ({ context, page }) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.addInitScript(() => {
      window.__shifts = [];
      const record = (entries) => {
        for (const e of entries) {
          window.__shifts.push({
            value: e.value,
            sources: (e.sources ?? []).map((s) => `${s.node?.nodeName ?? '?'}.${s.node?.className ?? ''} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`),
          });
        }
      };
      const observer = new PerformanceObserver((list) => record(list.getEntries()));
      observer.observe({ type: 'layout-shift', buffered: true });
      // The shifts of frames already drawn whose entries are not yet
      // delivered to the observer's callback are taken at once.
      window.__takeShifts = () => {
        record(observer.takeRecords());
        return window.__shifts;
      };
    });
    await page.goto(new URL(path, BASE_URL).href, { waitUntil: 'load' });
    await waitReady(page);
    // Down the page in screenfuls, so every chart is painted on its way in.
    // After each scroll the page has had its chance to move something once
    // three frames are drawn: in the first the browser finds the charts
    // that came near (an IntersectionObserver, whose callback paints them),
    // the second shows those paints, and the third follows any frame
    // callback they asked for.
    const total = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y < total; y += height * 0.8) {
      await page.evaluate(async (top) => {
        window.scrollTo(0, top);
        const drawn = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        for (let n = 0; n < 3; n += 1) await drawn();
      }, y);
    }
    const painted = await page.evaluate(() => document.querySelectorAll('canvas.plot').length);
    return { shifts: await page.evaluate(() => window.__takeShifts()), painted };
  });
}

for (const [width, height] of [[1280, 900], [375, 740]]) {
  test(`loading the dashboard at ${width} px on a slow CPU moves nothing`, async () => {
    const { shifts, painted } = await shiftsWhileLoading('index.html', { width, height });
    assert.equal(painted, dataset.charts.length, 'every chart got its canvas');
    const score = shifts.reduce((sum, s) => sum + s.value, 0);
    assert.equal(score, 0, `layout shifts: ${JSON.stringify(shifts, null, 1)}`);
  });
}

test('a dashboard painted before its language switch is parsed moves nothing when the rest arrives', async () => {
  // A browser paints what it has parsed so far. Served in two parts, cut just
  // inside the language switch's last link, the page is painted with that
  // link still empty; the links before it must not move when its text
  // comes. (In a right-aligned switch they did, on slow phones: a shift
  // the load test above saw now and then.)
  const whole = await (await fetch(new URL('index.html', BASE_URL))).text();
  const nav = whole.match(/<nav class="lang-switch"[\s\S]*?<\/nav>/);
  assert.ok(nav, 'the dashboard has a language switch');
  const lastLink = nav[0].lastIndexOf('<a ');
  const cut = nav.index + nav[0].indexOf('>', lastLink) + 1;
  const [head, tail] = [whole.slice(0, cut), whole.slice(cut)];
  const PAUSE_MS = 1500;
  const server = http.createServer(async (req, res) => {
    try {
      const upstream = await fetch(new URL(req.url, BASE_URL), { headers: { 'accept-encoding': 'identity' } });
      const headers = Object.fromEntries([...upstream.headers].filter(([k]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)));
      res.writeHead(upstream.status, headers);
      if (req.url.split('?')[0] === '/index.html') {
        res.write(head);
        setTimeout(() => res.end(tail), PAUSE_MS);
      } else {
        res.end(Buffer.from(await upstream.arrayBuffer()));
      }
    } catch (error) {
      res.destroy(error);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await withPage(browser, { width: 375, height: 740 }, async ({ page }) => {
      await page.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__shifts.push(e.value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const loaded = page.goto(`http://127.0.0.1:${server.address().port}/index.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('.lang-switch li:last-child a') !== null
        && performance.getEntriesByName('first-contentful-paint').length > 0);
      const early = await page.evaluate(() => ({
        painted: performance.getEntriesByName('first-contentful-paint').length,
        last: document.querySelector('.lang-switch li:last-child a').textContent,
      }));
      assert.deepEqual(early, { painted: 1, last: '' }, 'the page was painted with the last link still empty');
      await loaded;
      const shifts = await page.evaluate(() => window.__shifts);
      assert.deepEqual(shifts, [], 'layout shifts while the rest of the page arrived');
    });
  } finally {
    server.close();
  }
});

test('an embed page in a 640 px column moves nothing and is as tall as its iframe code says', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const codes = {};
  try {
    const page = await context.newPage();
    await page.goto(new URL('index.en.html', BASE_URL).href);
    for (const chart of dataset.charts) {
      // The dashboard's iframe code for the chart carries the embed page's
      // height in a 640 px column (`heights::embed_height`).
      const code = await page.evaluate((id) =>
        [...document.querySelectorAll(`figure[data-chart="${id}"] .embed-code`)].map((t) => t.textContent).find((v) => v.includes('<iframe')), chart.id);
      codes[chart.id] = Number(/height="(\d+)"/.exec(code ?? '')?.[1]);
    }
  } finally {
    await context.close();
  }
  for (const chart of dataset.charts) {
    await withPage(browser, { width: 640, height: 900 }, async ({ page }) => {
      await page.goto(new URL(`embed/${chart.id}.en.html`, BASE_URL).href);
      await waitReady(page);
      const height = await page.evaluate(() => document.documentElement.getBoundingClientRect().height);
      assert.equal(Math.ceil(height), codes[chart.id], `embed/${chart.id}.en.html at 640 px`);
    });
  }
  const chart = dataset.charts[0];
  const { shifts } = await shiftsWhileLoading(`embed/${chart.id}.en.html`, { width: 640, height: 900 });
  assert.equal(shifts.reduce((sum, s) => sum + s.value, 0), 0, JSON.stringify(shifts, null, 1));
});

test('an old address with ?lang= is sent on to the language\'s own page', async () => {
  await withPage(browser, {}, async ({ page }) => {
    await page.goto(new URL('?lang=en#all-figures', BASE_URL).href);
    await page.waitForURL(/index\.en\.html#all-figures$/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    const chart = dataset.charts[0];
    await page.goto(new URL(`embed.html?chart=${chart.id}&lang=zh-Hant&theme=dark`, BASE_URL).href);
    await page.waitForURL(new RegExp(`embed/${chart.id}\\.zh-Hant\\.html\\?theme=dark$`));
    await waitReady(page);
    assert.equal(await page.evaluate(() => document.querySelector('figure.chart').dataset.lang), 'zh-Hant');
  });
});

/** Mean absolute difference of two same-sized PNG crops, 0–255. */
function difference(a, b) {
  const [pa, pb] = [decodePng(a), decodePng(b)];
  assert.equal(pa.width, pb.width);
  assert.equal(pa.height, pb.height);
  let sum = 0;
  for (let y = 0; y < pa.height; y += 1) {
    for (let x = 0; x < pa.width; x += 1) {
      const [p, q] = [pa.pixel(x, y), pb.pixel(x, y)];
      sum += Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
    }
  }
  return sum / (3 * pa.width * pa.height);
}

/** Mean absolute difference of a crop and a blank crop of the page's background. */
function inkiness(a) {
  const p = decodePng(a);
  const bg = p.pixel(0, 0);
  let sum = 0;
  for (let y = 0; y < p.height; y += 1) {
    for (let x = 0; x < p.width; x += 1) {
      const q = p.pixel(x, y);
      sum += Math.abs(q[0] - bg[0]) + Math.abs(q[1] - bg[1]) + Math.abs(q[2] - bg[2]);
    }
  }
  return sum / (3 * p.width * p.height);
}

test('the canvas takes the picture\'s place and size, and its first frame looks like it', async () => {
  const boxes = async (page) => page.evaluate(() =>
    [...document.querySelectorAll('figure.chart')].map((f) => {
      // Relative to the figure: without scripts the data tables are shown,
      // so the figures lower down start lower on the page.
      const top = f.getBoundingClientRect().y + window.scrollY;
      const r = f.querySelector('.plot-wrap').getBoundingClientRect();
      const c = f.querySelector('canvas.plot')?.getBoundingClientRect();
      const at = (b) => [b.x, b.y + window.scrollY - top, b.width, b.height];
      return { id: f.dataset.chart, wrap: at(r), canvas: c ? at(c) : null, page: [r.x, r.y + window.scrollY] };
    }));
  const off = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const on = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const still = await off.newPage();
    await still.goto(new URL('index.html', BASE_URL).href, { waitUntil: 'load' });
    const live = await on.newPage();
    await live.goto(new URL('index.html', BASE_URL).href, { waitUntil: 'load' });
    await waitReady(live);
    const [before, after] = [await boxes(still), await boxes(live)];
    for (const [n, b] of before.entries()) {
      const a = after[n];
      assert.deepEqual(a.wrap, b.wrap, `chart ${b.id}: its box did not move`);
      assert.ok(a.canvas, `chart ${b.id} has its canvas`);
      assert.equal(a.canvas[0], b.wrap[0], `chart ${b.id}: canvas at the picture's left`);
      assert.equal(a.canvas[1], b.wrap[1], `chart ${b.id}: canvas at the picture's top`);
      assert.equal(a.canvas[3], b.wrap[3], `chart ${b.id}: canvas as tall as the picture's box`);
      assert.ok(Math.abs(a.canvas[2] - b.wrap[2]) < 1, `chart ${b.id}: canvas as wide as the picture's box`);
    }
    // The first chart, on screen in both: its picture and its canvas's first
    // frame, compared pixel by pixel with room for text anti-aliasing.
    const [x, y] = before[0].page;
    const [, , w, h] = before[0].wrap;
    assert.deepEqual(after[0].page, before[0].page, 'the first chart is at the same place in both');
    const clip = { x, y, width: Math.floor(w), height: Math.floor(h) };
    const [a, b] = [await still.screenshot({ clip }), await live.screenshot({ clip })];
    const d = difference(a, b);
    assert.ok(inkiness(a) > 2, 'the picture is not blank');
    assert.ok(d < 6, `picture and canvas differ by ${d.toFixed(2)} on average (0-255)`);
  } finally {
    await off.close();
    await on.close();
  }
});

test('a chart\'s picture shows until its canvas is painted, and then leaves the layout', async () => {
  // Which charts have ink on their canvas, and which have a picture that
  // takes up room on the page. A canvas not painted yet (a chart more than
  // a screen away on a phone) is blank, and its picture must still show:
  // the reader scrolling to it sees the chart before the module paints it.
  // A painted canvas covers its picture for good, and the picture, whose
  // SVG texts every resize laid out again, is no longer laid out.
  const look = (page) => page.evaluate(() => [...document.querySelectorAll('figure.chart')].map((f) => {
    const canvas = f.querySelector('canvas.plot');
    let inked = false;
    if (canvas && canvas.width > 0 && canvas.height > 0) {
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length && !inked; i += 4) inked = pixels[i] > 0;
    }
    const pictures = [...f.querySelectorAll('.plot-wrap > svg.plot-img')];
    return {
      id: f.dataset.chart,
      inked,
      laidOut: pictures.filter((svg) => svg.getClientRects().length > 0).length,
    };
  }));
  await withPage(browser, { width: 375, height: 740 }, async ({ page }) => {
    await page.goto(new URL('index.html', BASE_URL).href, { waitUntil: 'load' });
    await waitReady(page);
    const first = await look(page);
    assert.ok(first.some((c) => c.inked), `some chart is painted at once: ${JSON.stringify(first)}`);
    assert.ok(first.some((c) => !c.inked), `some chart waits, far below the fold: ${JSON.stringify(first)}`);
    for (const c of first) {
      assert.equal(c.laidOut, c.inked ? 0 : 1, `chart ${c.id} (${c.inked ? 'painted' : 'not painted yet'}): pictures laid out`);
    }
    // Scrolled to, every chart is painted and its picture leaves.
    for (const n of first.keys()) {
      await page.evaluate(async (i) => {
        document.querySelectorAll('figure.chart')[i].scrollIntoView({ block: 'center' });
        const drawn = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        for (let k = 0; k < 3; k += 1) await drawn();
      }, n);
    }
    const last = await look(page);
    assert.deepEqual(last.map((c) => [c.id, c.inked, c.laidOut]), first.map((c) => [c.id, true, 0]), 'every chart painted, no picture laid out');
  });
});
