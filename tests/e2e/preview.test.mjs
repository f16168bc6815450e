// The live preview of `cargo xtask serve --data DIR`: a saved label reaches
// the open page by itself, a folder with errors shows them on the page over
// the last good one, and the preview script keeps to the page's
// Content-Security-Policy.
//
// It edits a data folder, so it runs only when told which one: start
// `cargo xtask serve --data COPY` on a throwaway copy of a data folder
// (e.g. of tests/data/second-article/), then run
// `PREVIEW_URL=http://127.0.0.1:8000/ PREVIEW_DATA=COPY node --test tests/e2e/preview.test.mjs`.
// `cargo xtask test` does so in its step 8, on a copy of the second
// article; without both variables (as among the other browser tests,
// whose server is no preview) it is skipped.
//
// It asserts no timing: it prints how long each save took to reach the
// page, and waits for each at most `PATIENCE_MS`, long enough for a
// rebuild on a busy machine, so that a preview that never updates fails
// rather than hangs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { launch, eventually } from './browser.mjs';

const URL_ = process.env.PREVIEW_URL;
const DATA = process.env.PREVIEW_DATA;
const skip = !(URL_ && DATA) && 'set PREVIEW_URL and PREVIEW_DATA to run it against a preview server';

/** How long a save is waited for on the page before the test fails. */
const PATIENCE_MS = 60_000;

/**
 * What `probe` reads of `page`, or `fallback` while the page is reloading
 * (a reload destroys the context a read runs in, and the read is tried
 * again).
 */
function reading(page, probe, fallback) {
  return () => page.evaluate(probe).catch(() => fallback);
}

/** The first `label_en = "…"` of the folder's indicators file. */
function firstLabel(text) {
  const match = text.match(/^label_en = "([^"\n]*)"$/m);
  assert.ok(match, 'the indicators file has no label_en');
  return match[1];
}

test('a saved label reaches the open page, and errors are shown over the last good page', { skip }, async (t) => {
  const file = join(DATA, 'indicators.toml');
  const original = await readFile(file, 'utf8');
  const old = firstLabel(original);
  const fresh = `${old} <edited ${Date.now()}>`;
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const violations = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Trusted Type/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${URL_.replace(/\/?$/, '/')}index.en.html`);
    assert.ok((await page.content()).includes(old.replace(/&/g, '&amp;')), 'the page shows the label before the edit');

    // Save a new label: the page reloads by itself and shows it, as text.
    let saving = Date.now();
    await writeFile(file, original.replace(`label_en = "${old}"`, `label_en = "${fresh}"`));
    const saved = await eventually(
      reading(page, () => document.body.textContent, ''),
      (text) => text.includes(fresh),
      PATIENCE_MS,
    );
    assert.ok(saved.includes(fresh), `the saved label did not reach the page within ${PATIENCE_MS} ms`);
    t.diagnostic(`a saved label was on the page ${Date.now() - saving} ms after the save`);

    // Break the folder: the problems are shown, as text, over the page,
    // which still holds the last good label.
    const broken = (await readFile(file, 'utf8')).replace(/^unit = "[^"]*"$/m, 'unit = "<b>no such unit</b>"');
    saving = Date.now();
    await writeFile(file, broken);
    const banner = page.locator('#__preview-problems');
    await banner.waitFor({ timeout: PATIENCE_MS });
    t.diagnostic(`the problems of a broken folder were on the page ${Date.now() - saving} ms after the save`);
    const shown = await banner.textContent();
    assert.match(shown, /indicators\.toml:\d+: .*`unit`/);
    assert.ok(shown.includes('<b>no such unit</b>'), 'the problem is shown as text');
    assert.equal(await page.locator('#__preview-problems b').count(), 0, 'no markup of the data reached the page');
    assert.ok((await page.evaluate(() => document.body.textContent)).includes(fresh), 'the last good page stays');

    // Fix it: the banner goes and the page reloads.
    saving = Date.now();
    await writeFile(file, original);
    const fixed = await eventually(
      reading(page, () => ({
        text: document.body.textContent,
        banner: document.getElementById('__preview-problems') !== null,
      }), { text: '', banner: true }),
      ({ text, banner }) => text.includes(old) && !text.includes(fresh) && !banner,
      PATIENCE_MS,
    );
    t.diagnostic(`the fixed folder was on the page ${Date.now() - saving} ms after the save`);
    assert.ok(fixed.text.includes(old) && !fixed.text.includes(fresh), 'the fixed folder did not reach the page');
    assert.equal(fixed.banner, false, 'the banner stayed after the fix');
    assert.deepEqual(violations, [], 'the preview script keeps to the page policy');
  } finally {
    await writeFile(file, original);
    await browser.close();
  }
});
