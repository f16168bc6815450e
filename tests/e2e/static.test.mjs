// Browser tests of what the build writes for embedding: the static images of
// dist/static/, the catalogue dist/charts.json, the per-chart embed pages and
// the self-contained standalone files. Expectations come from
// dist/data/indicators.json and dist/charts.json, never from copied numbers.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { BASE_URL, collectProblems, fetchFromSite, startSuite, withPage } from './browser.mjs';

/** dist/ on disk, to list every file the build wrote. */
const DIST = process.env.DIST_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** The files of a folder of dist/, without the .br and .gz copies the build writes beside them. */
function builtFiles(folder) {
  return readdirSync(join(DIST, folder)).filter((f) => !/\.(br|gz)$/.test(f)).sort();
}

/** The languages of the static images and pages, default first. */
const LANGS = ['zh', 'zh-Hant', 'en'];

/** The two sizes of every static image: the publication image, and the phone column's. */
const SIZES = ['', '.360'];

/** A hung browser fails its test instead of stalling CI. */
const TEST_TIMEOUT_MS = 120_000;

let browser;
let dataset;
let catalogue;

before(async () => {
  ({ browser, dataset } = await startSuite());
  catalogue = await (await fetchFromSite('charts.json')).json();
});
after(() => browser?.close());

/** Every path a catalogue entry names, as [label, path relative to dist/]. */
function pathsOf(entry) {
  const found = [];
  const walk = (value, label) => {
    if (typeof value === 'string') {
      found.push([label, value]);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, `${label}.${key}`);
    }
  };
  walk(entry.static, 'static');
  walk(entry.static_360, 'static_360');
  walk(entry.embed, 'embed');
  walk(entry.standalone, 'standalone');
  return found;
}

describe('the catalogue dist/charts.json', { timeout: TEST_TIMEOUT_MS }, () => {
  test('lists every chart of the data, in order, with both titles and a height', () => {
    assert.deepEqual(catalogue.charts.map((c) => c.id), dataset.charts.map((c) => c.id));
    for (const [n, entry] of catalogue.charts.entries()) {
      const chart = dataset.charts[n];
      assert.deepEqual(entry.title, { zh: chart.title_zh, 'zh-Hant': chart.title_zh_hant, en: chart.title_en }, entry.id);
      assert.equal(entry.kind, chart.kind, entry.id);
      assert.ok(Number.isInteger(entry.height) && entry.height > 100, `${entry.id}: height ${entry.height}`);
      assert.deepEqual(entry.embed, {
        zh: `embed/${entry.id}.html`,
        'zh-Hant': `embed/${entry.id}.zh-Hant.html`,
        en: `embed/${entry.id}.en.html`,
        query: `embed.html?chart=${entry.id}`,
      });
      assert.deepEqual(entry.standalone, {
        zh: `standalone/${entry.id}.html`,
        'zh-Hant': `standalone/${entry.id}.zh-Hant.html`,
        en: `standalone/${entry.id}.en.html`,
      });
      for (const [key, size] of [['static', ''], ['static_360', '.360']]) {
        const expected = {};
        for (const lang of LANGS) {
          const suffix = lang === 'zh' ? '' : `_${lang}`;
          expected[`svg${suffix}`] = `static/${stem(entry.id, lang)}${size}.svg`;
          expected[`png${suffix}`] = `static/${stem(entry.id, lang)}${size}.png`;
        }
        assert.deepEqual(entry[key], expected, `${entry.id}: ${key}`);
      }
    }
  });

  test('every file it names is served', async () => {
    const missing = [];
    for (const entry of catalogue.charts) {
      for (const [label, path] of pathsOf(entry)) {
        const { status } = await fetch(new URL(path, BASE_URL));
        if (status !== 200) missing.push(`${entry.id} ${label}: ${path} answered ${status}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});

describe('the static images in dist/static/', { timeout: TEST_TIMEOUT_MS }, () => {
  test('are an SVG and a PNG per chart, language and size, and nothing else', () => {
    const files = builtFiles('static');
    const expected = dataset.charts
      .flatMap((c) => LANGS.flatMap((lang) => SIZES.flatMap((size) =>
        [`${stem(c.id, lang)}${size}.svg`, `${stem(c.id, lang)}${size}.png`])))
      .sort();
    assert.deepEqual(files, expected);
  });

  test('every SVG parses with its title and size, every PNG decodes at twice that size and is not blank', async () => {
    const names = readdirSync(join(DIST, 'static')).filter((f) => f.endsWith('.svg'));
    const titleIn = { zh: 'title_zh', 'zh-Hant': 'title_zh_hant', en: 'title_en' };
    const titles = Object.fromEntries(dataset.charts.flatMap((c) => LANGS.flatMap((lang) =>
      SIZES.map((size) => [`${stem(c.id, lang)}${size}.svg`, c[titleIn[lang]]]))));
    await withPage(browser, {}, async ({ page }) => {
      // Any page of the site will do: it lets the checks fetch from the same origin.
      await page.goto(`${BASE_URL}charts.json`);
      const results = await page.evaluate(async (names) => {
        const out = [];
        for (const name of names) {
          const text = await (await fetch(`static/${name}`)).text();
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          const root = doc.documentElement;
          const png = await (await fetch(`static/${name.replace(/\.svg$/, '.png')}`)).blob();
          let bitmap;
          try {
            bitmap = await createImageBitmap(png);
          } catch (error) {
            out.push({ name, decode: String(error) });
            continue;
          }
          // Count the pixels that differ from the top-left one (the background).
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d');
          ctx.drawImage(bitmap, 0, 0);
          const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
          let inked = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) inked += 1;
          }
          out.push({
            name,
            error: doc.querySelector('parsererror')?.textContent ?? null,
            root: root.localName,
            namespace: root.namespaceURI,
            width: Number(root.getAttribute('width')),
            height: Number(root.getAttribute('height')),
            title: root.querySelector('title')?.textContent ?? null,
            png: { width: bitmap.width, height: bitmap.height, inked: inked / (bitmap.width * bitmap.height) },
          });
        }
        return out;
      }, names);
      assert.equal(results.length, dataset.charts.length * LANGS.length * SIZES.length);
      for (const r of results) {
        assert.equal(r.decode, undefined, `${r.name}: its PNG does not decode`);
        assert.equal(r.error, null, `${r.name} does not parse`);
        assert.equal(r.root, 'svg', r.name);
        assert.equal(r.namespace, 'http://www.w3.org/2000/svg', r.name);
        const width = r.name.includes('.360.') ? catalogue.phone_width : catalogue.width;
        assert.equal(r.width, width, `${r.name}: width`);
        assert.ok(r.height > 0, `${r.name}: ${r.width}×${r.height}`);
        assert.equal(r.title, titles[r.name], `${r.name}: <title>`);
        assert.deepEqual(
          { width: r.png.width, height: r.png.height },
          { width: 2 * r.width, height: 2 * r.height },
          `${r.name}: the PNG is not at 2×`,
        );
        assert.ok(r.png.inked > 0.01, `${r.name}: the PNG is blank (${r.png.inked})`);
      }
    });
  });
});

/**
 * In the page: draws an SVG document with Chromium at `scale` and compares it
 * with a PNG, pixel by pixel. Returns the share of pixels whose colour differs
 * by more than a quarter of the range in any channel: edges anti-aliased
 * differently by Skia and resvg stay under it, a glyph or line moved by a
 * pixel or more does not.
 */
async function svgAgainstPng(svgText, pngUrl, scale) {
  const png = await createImageBitmap(await (await fetch(pngUrl)).blob());
  const { width, height } = png;
  const pixels = async (source) => {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(source, 0, 0, width, height);
    return ctx.getImageData(0, 0, width, height).data;
  };
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width / scale, height / scale);
    img.src = url;
    await img.decode();
    const [a, b] = [await pixels(img), await pixels(png)];
    let differ = 0;
    for (let i = 0; i < a.length; i += 4) {
      if (Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2])) > 64) differ += 1;
    }
    return differ / (width * height);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The share of pixels that may differ between an SVG drawn by Chromium and
 * its PNG drawn by resvg. Outlined SVGs measure under 0.01%; the earlier SVGs
 * with <text> differed by 0.1–5% with their fonts installed, 2–10% without.
 */
const MAX_DIFFERENT = 0.002;

describe('the static SVGs, drawn by a browser', { timeout: 4 * TEST_TIMEOUT_MS }, () => {
  test('look like their PNG, with the fonts they name and with none of them installed', async () => {
    const names = readdirSync(join(DIST, 'static')).filter((f) => f.endsWith('.svg'));
    await withPage(browser, {}, async ({ page }) => {
      await page.goto(`${BASE_URL}charts.json`);
      await page.addScriptTag({ content: `window.svgAgainstPng = ${svgAgainstPng.toString()};` });
      const results = await page.evaluate(async ({ names, scale }) => {
        const out = [];
        for (const name of names) {
          const text = await (await fetch(`static/${name}`)).text();
          // A reader who has none of the fonts the SVG names: each
          // font-family is replaced by one no system has, so the browser
          // falls back to its default font, as on a phone without Noto.
          const fontless = text
            .replace(/font-family="[^"]*"/g, 'font-family="No Such Font"')
            .replace(/font-family:[^;"]*/g, 'font-family:No Such Font');
          const png = `static/${name.replace(/\.svg$/, '.png')}`;
          out.push({
            name,
            named: await window.svgAgainstPng(text, png, scale),
            fontless: await window.svgAgainstPng(fontless, png, scale),
          });
        }
        return out;
      }, { names, scale: catalogue.png_scale });
      assert.equal(results.length, dataset.charts.length * LANGS.length * SIZES.length);
      const percent = (share) => `${(100 * share).toFixed(2)}%`;
      const unlike = results
        .filter((r) => r.named >= MAX_DIFFERENT || r.fontless >= MAX_DIFFERENT)
        .map((r) => `${r.name}: ${percent(r.named)} of pixels differ from the PNG, ${percent(r.fontless)} without its fonts`);
      assert.deepEqual(unlike, []);
    });
  });
});

/** A chart's files in a language: the default language has the plain name. */
function stem(id, lang) {
  return lang === 'zh' ? id : `${id}.${lang}`;
}

/** Every chart in every language, as [id, lang, title]. */
function everyPage() {
  return dataset.charts.flatMap((c) => [
    [c.id, 'zh', c.title_zh],
    [c.id, 'zh-Hant', c.title_zh_hant],
    [c.id, 'en', c.title_en],
  ]);
}

describe('the per-chart embed pages in dist/embed/', { timeout: TEST_TIMEOUT_MS }, () => {
  test('fix their chart and language and point og:image at an existing PNG', async () => {
    await withPage(browser, {}, async ({ page }) => {
      await page.goto(`${BASE_URL}charts.json`);
      const pages = everyPage().map(([id, lang]) => `embed/${stem(id, lang)}.html`);
      const found = await page.evaluate(async (paths) => {
        const out = [];
        for (const path of paths) {
          const response = await fetch(path);
          const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
          const meta = (key) => doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.content ?? null;
          // Relative addresses resolve against the page's <base>, as a browser's would.
          const base = new URL(doc.querySelector('base')?.getAttribute('href') ?? '.', new URL(path, location.href));
          const image = meta('og:image');
          const png = image ? await fetch(new URL(image, base)) : null;
          const app = doc.getElementById('app');
          // The chart is prerendered: its figure, title and picture are in the HTML.
          const figure = doc.querySelector('#app figure.chart');
          out.push({
            path,
            status: response.status,
            lang: doc.documentElement.lang,
            title: doc.title,
            ogTitle: meta('og:title'),
            card: meta('twitter:card'),
            image: image && new URL(image, base).pathname,
            png: png && { status: png.status, type: png.headers.get('content-type') },
            chart: app?.dataset.chart ?? null,
            dataLang: app?.dataset.lang ?? null,
            figure: figure && {
              id: figure.dataset.chart,
              title: figure.querySelector('.chart-title')?.textContent ?? null,
              picture: Boolean(figure.querySelector('.plot-wrap > svg.plot-img')),
            },
          });
        }
        return out;
      }, pages);
      const root = new URL(BASE_URL).pathname;
      for (const [n, [id, lang, title]] of everyPage().entries()) {
        const p = found[n];
        const png = `${root}static/${stem(id, lang)}.png`;
        assert.equal(p.status, 200, p.path);
        assert.equal(p.lang, lang === 'zh' ? 'zh-Hans' : lang, p.path);
        assert.equal(p.title, title, p.path);
        assert.equal(p.ogTitle, title, p.path);
        assert.equal(p.card, 'summary_large_image', p.path);
        assert.equal(p.image, png, `${p.path}: og:image`);
        assert.deepEqual(p.png, { status: 200, type: 'image/png' }, `${p.path}: og:image is not served`);
        assert.equal(p.chart, id, p.path);
        assert.equal(p.dataLang, lang, p.path);
        assert.deepEqual(p.figure, { id, title, picture: true }, `${p.path}: the prerendered figure`);
      }
    });
  });
});

/**
 * Opens `url` in a new page of `context`, waits until it has drawn (or
 * failed), and returns what a reader would see: data-ready, the charts and
 * title shown, the share of each canvas that is not background, and every
 * problem (console errors and warnings, page errors, HTTP errors) and
 * request seen on the way.
 */
async function openChart(context, url) {
  const page = await context.newPage();
  const problems = collectProblems(page);
  const requests = [];
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  page.on('request', (r) => requests.push(r.url()));
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      () => ['true', 'error'].includes(document.documentElement.dataset.ready),
      null,
      { timeout: 20_000, polling: 50 },
    ).catch(() => {});
    const state = await page.evaluate(() => ({
      ready: document.documentElement.dataset.ready,
      charts: [...document.querySelectorAll('figure.chart')].map((f) => f.dataset.chart),
      title: document.querySelector('.chart-title')?.textContent ?? null,
      inked: [...document.querySelectorAll('canvas')].map((canvas) => {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n += 1;
        }
        return n / Math.max(1, canvas.width * canvas.height);
      }),
    }));
    return { ...state, problems, requests };
  } finally {
    await page.close();
  }
}

describe('the per-chart embed pages, opened', { timeout: 4 * TEST_TIMEOUT_MS }, () => {
  test('draw their own chart in their language from the site files their <base> names', async () => {
    const context = await browser.newContext({ viewport: { width: 640, height: 800 } });
    try {
      for (const [id, lang, title] of everyPage()) {
        const what = `embed/${stem(id, lang)}.html`;
        const seen = await openChart(context, `${BASE_URL}${what}`);
        assert.deepEqual(seen.problems, [], what);
        assert.equal(seen.ready, 'true', `${what}: data-ready`);
        assert.deepEqual(seen.charts, [id], `${what}: shows the wrong chart`);
        assert.equal(seen.title, title, `${what}: title`);
        assert.ok(seen.inked.length >= 1 && seen.inked.every((f) => f > 0.01), `${what}: blank canvas ${seen.inked}`);
      }
    } finally {
      await context.close();
    }
  });
});

describe('the standalone files in dist/standalone/', { timeout: 4 * TEST_TIMEOUT_MS }, () => {
  test('are all there: one per chart and language', () => {
    const expected = everyPage().map(([id, lang]) => `${stem(id, lang)}.html`).sort();
    assert.deepEqual(builtFiles('standalone'), expected);
  });

  test('draw opened from disk with every network request refused', async () => {
    const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
    try {
      // Every request but for files on disk is refused; the page's own
      // file must load, and any other request (file:// ones included) is
      // recorded and must not happen.
      await context.route('**', (route) =>
        (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      for (const [id, lang, title] of everyPage()) {
        const what = `standalone ${stem(id, lang)}.html`;
        const url = pathToFileURL(join(DIST, 'standalone', `${stem(id, lang)}.html`)).href;
        const seen = await openChart(context, url);
        assert.deepEqual(seen.problems, [], what);
        assert.equal(seen.ready, 'true', `${what}: data-ready`);
        assert.deepEqual(seen.charts, [id], `${what}: shows the wrong chart`);
        assert.equal(seen.title, title, `${what}: title`);
        assert.ok(seen.inked.length >= 1 && seen.inked.every((f) => f > 0.01), `${what}: blank canvas ${seen.inked}`);
        // The page itself is the one request; the module and the WebAssembly
        // come from data: addresses inside it.
        assert.deepEqual(seen.requests.filter((r) => !r.startsWith('data:')), [url], `${what} asked for other files`);
      }
    } finally {
      await context.close();
    }
  });
});
