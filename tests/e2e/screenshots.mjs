// Saves full-page screenshots for people to look at, at devicePixelRatio 1:
// the dashboard in {zh, zh-Hant, en} × {375, 1280} px wide × {light, dark},
// and an article page that embeds two charts in every form the embed panel
// offers (iframe, pym.js, script, image), on a 375 px phone (a 343 px
// column) and in a 640 px column, light and dark.
// Run by `cargo xtask screenshots`, which builds and serves dist/ first and
// sets SCREENSHOT_DIR (target/screenshots/ by default).

import { mkdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { BASE_URL, launch, openDashboard } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(here, '..', '..', 'target', 'screenshots'));

await mkdir(outDir, { recursive: true });
const browser = await launch();
let failed = false;
try {
  for (const lang of ['zh', 'zh-Hant', 'en']) {
    for (const width of [375, 1280]) {
      for (const colorScheme of ['light', 'dark']) {
        const file = path.join(outDir, `dashboard-${lang}-${width}-${colorScheme}.png`);
        try {
          const { context, page, problems } = await openDashboard(browser, {
            lang, width, height: 900, deviceScaleFactor: 1, colorScheme,
          });
          try {
            await page.screenshot({ path: file, fullPage: true });
          } finally {
            await context.close();
          }
          console.log(file);
          // A screenshot is still useful when the page complained, but the
          // complaint must not go unseen.
          for (const problem of problems) console.warn(`  ${problem}`);
        } catch (error) {
          failed = true;
          console.error(`${file}: ${error.message}`);
        }
      }
    }
  }
  await embeds();
} finally {
  await browser.close();
}
if (failed) process.exitCode = 1;

/** The codes the dashboard's embed panel offers for the charts `ids`, in `lang`. */
async function panelCodes(ids, lang) {
  const { context, page } = await openDashboard(browser, { lang, width: 1280, height: 900 });
  try {
    return await page.evaluate((ids) => ids.map((id) => ['iframe', 'pym', 'script', 'image'].map((form) => {
      const area = document.getElementById(form === 'image' ? `embed-${id}-image-code` : `embed-${id}-${form}-light-code`);
      return { form, code: area?.textContent ?? '' };
    })), ids);
  } finally {
    await context.close();
  }
}

/** An article page holding every form of the first and the last chart, zh and en. */
async function embeds() {
  const { charts } = await (await fetch(`${BASE_URL}charts.json`)).json();
  const ids = [charts[0].id, charts[charts.length - 1].id];
  const pym = await readFile(path.join(here, 'node_modules/pym.js/dist/pym.v1.min.js'), 'utf8');
  const pages = new Map();
  // The article is served from another origin than the charts, as a
  // newsroom's would be; pym.js comes from its npm package (no internet).
  const server = http.createServer((req, res) => {
    const at = new URL(req.url, 'http://x').pathname;
    if (at === '/pym.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(pym);
    else if (pages.has(at)) res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(pages.get(at));
    else res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${server.address().port}`;
  try {
    for (const lang of ['zh', 'en']) {
      const body = (await panelCodes(ids, lang)).flat().map(({ form, code }) =>
        `<h2>${form}</h2>\n${code.replace('https://pym.nprapps.org/pym.v1.min.js', `${origin}/pym.js`)}`).join('\n<p>Text of the article between two charts.</p>\n');
      pages.set(`/${lang}`, `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Article</title>
<style>body { margin: 0; font: 18px/1.6 Georgia, serif; } main { max-width: 640px; margin: 0 auto; padding: 0 16px; }
h2 { font: 600 14px/1.4 monospace; color: #888; }
@media (prefers-color-scheme: dark) { html { background: #111; color: #ddd; } }</style></head>
<body><main><h1>An article with its charts</h1>${body}</main></body></html>`);
      for (const width of [375, 672]) {
        for (const colorScheme of ['light', 'dark']) {
          const file = path.join(outDir, `article-embeds-${lang}-${width === 375 ? 'column-343' : 'column-640'}-${colorScheme}.png`);
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, deviceScaleFactor: 1 });
          try {
            const page = await context.newPage();
            await page.goto(`${origin}/${lang}`, { waitUntil: 'load' });
            // The iframes load lazily: a reader scrolls down to each.
            for (let y = 0; y < await page.evaluate(() => document.body.scrollHeight); y += 600) {
              await page.evaluate((top) => window.scrollTo(0, top), y);
              await page.waitForLoadState('networkidle');
            }
            // Every script embed says when it has drawn.
            await page.waitForFunction(() => [...document.querySelectorAll('[data-article-chart]')]
              .every((host) => host.shadowRoot?.querySelector('.article-charts-embed')?.dataset.ready === 'true'), null, { timeout: 30_000 });
            await page.waitForLoadState('networkidle');
            // Chromium does not paint frames outside the window, so the
            // window is made as tall as the article for the picture (the
            // frames' widths, and so their heights, stay as they were).
            await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
            await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
            await page.waitForLoadState('networkidle');
            await page.screenshot({ path: file, fullPage: true });
            console.log(file);
          } catch (error) {
            failed = true;
            console.error(`${file}: ${error.message}`);
          } finally {
            await context.close();
          }
        }
      }
    }
  } finally {
    server.close();
  }
}
