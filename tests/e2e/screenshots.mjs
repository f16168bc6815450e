// Saves full-page screenshots of the dashboard for people to look at:
// {zh, zh-Hant, en} × {375, 1280} px wide × {light, dark}, at devicePixelRatio 1.
// Run by `cargo xtask screenshots`, which builds and serves dist/ first and
// sets SCREENSHOT_DIR (target/screenshots/ by default).

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { launch, openDashboard } from './browser.mjs';

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
} finally {
  await browser.close();
}
if (failed) process.exitCode = 1;
