// A real WordPress (set up by `cargo xtask wordpress`, which passes the
// addresses and the Author's application password in the environment):
// what a reporter with the Author role — no `unfiltered_html` — can put
// into a post, saved through the REST API as the block editor saves it.
//
// It lives in a folder of its own so that `cargo xtask test`, which runs
// the *.test.mjs files of tests/e2e/, does not run it without a WordPress.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, launch, eventually } from '../browser.mjs';

const WP_URL = process.env.WP_URL ?? 'http://127.0.0.1:8080/';
const AUTH = `Basic ${Buffer.from(`${process.env.WP_AUTHOR}:${process.env.WP_AUTHOR_PASSWORD}`).toString('base64')}`;
const CHART = process.env.ARTICLE_CHARTS_CHART;
const IFRAME_CODE = process.env.ARTICLE_CHARTS_IFRAME_CODE;
const IMAGE_CODE = process.env.ARTICLE_CHARTS_IMAGE_CODE;
const CHART_PAGE = `${BASE_URL}embed/${CHART}.html`;

/** How long WordPress and the framed chart may take. */
const TIMEOUT_MS = 20_000;

/** Saves a published post as the Author; returns WordPress's answer (raw content included). */
async function post(title, content) {
  const response = await fetch(`${WP_URL}?rest_route=/wp/v2/posts`, {
    method: 'POST',
    headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, content, status: 'publish' }),
  });
  const body = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  // The raw content is what WordPress stored after the Author's filters.
  const stored = await fetch(`${WP_URL}?rest_route=/wp/v2/posts/${body.id}&context=edit`, {
    headers: { Authorization: AUTH },
  });
  return stored.json();
}

/** The content of a Custom HTML block, as the block editor saves it. */
function customHtml(html) {
  return `<!-- wp:html -->\n${html}\n<!-- /wp:html -->`;
}

/** An embed block of `url`, as the block editor saves a pasted address. */
function embedBlock(url) {
  return `<!-- wp:embed {"url":"${url}","type":"rich"} -->\n<figure class="wp-block-embed is-type-rich"><div class="wp-block-embed__wrapper">\n${url}\n</div></figure>\n<!-- /wp:embed -->`;
}

let browser;
before(async () => {
  assert.ok(CHART && IFRAME_CODE && IMAGE_CODE, 'run this through `cargo xtask wordpress`');
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the user is an Author: the iframe embed code is stripped from her post', async () => {
  // The premise of the tests below: were she allowed raw HTML, they would
  // prove nothing about what a reporter can do.
  const saved = await post('Iframe code', customHtml(IFRAME_CODE));
  assert.ok(!saved.content.raw.includes('<iframe'), saved.content.raw);
  assert.ok(!saved.content.raw.includes('<script'), saved.content.raw);
});

/** Opens `url` at `width` px and returns the page. */
async function open(url, width) {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

let embedPost;
test('pasting the chart page address gives WordPress\'s sandboxed embed of the chart', async () => {
  const saved = await post('Pasted address', embedBlock(CHART_PAGE));
  embedPost = saved.link;
  const html = await (await fetch(embedPost)).text();
  const iframe = html.match(/<iframe[^>]*wp-embedded-content[^>]*>/)?.[0];
  assert.ok(iframe, `no embed in the post:\n${html.slice(html.indexOf('wp-block-embed'), html.indexOf('wp-block-embed') + 600)}`);
  assert.match(iframe, /sandbox="allow-scripts"/);
  assert.ok(iframe.includes(`src="${CHART_PAGE}?theme=light#?secret=`), iframe);
  // WordPress loads its resizing script only for embeds with a blockquote.
  assert.match(html, /<blockquote class="wp-embedded-content" data-secret=/);
  assert.match(html, /wp-embed(\.min)?\.js/);
});

test('the chart draws inside WordPress\'s sandbox (opaque origin)', async () => {
  assert.ok(embedPost, 'the embed post was not made');
  const page = await open(embedPost, 1280);
  const frame = await eventually(
    async () => page.frames().find((f) => f.url().startsWith(CHART_PAGE)),
    (f) => f !== undefined,
    TIMEOUT_MS,
  );
  assert.ok(frame, 'no frame of the chart page');
  await frame.waitForSelector('canvas', { timeout: TIMEOUT_MS });
  const drawn = await eventually(
    () => frame.evaluate(() => {
      const canvas = document.querySelector('canvas');
      return canvas ? canvas.width * canvas.height : 0;
    }),
    (area) => area > 0,
    TIMEOUT_MS,
  );
  assert.ok(drawn > 0, 'the chart has no drawn canvas');
  await page.close();
});

for (const width of [375, 1280]) {
  test(`at ${width} px the embed is shown and sized to its content`, async () => {
    assert.ok(embedPost, 'the embed post was not made');
    const page = await open(embedPost, width);
    const iframe = page.locator('iframe.wp-embedded-content');
    const frame = await (await iframe.elementHandle({ timeout: TIMEOUT_MS })).contentFrame();
    await frame.waitForSelector('canvas', { timeout: TIMEOUT_MS });
    const measure = async () => ({
      frame: await iframe.evaluate((el) => ({
        height: el.getBoundingClientRect().height,
        width: el.getBoundingClientRect().width,
        // WordPress clips the frame until the framed page speaks to it.
        hidden: el.hasAttribute('style'),
      })),
      content: await frame.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        width: document.documentElement.scrollWidth,
      })),
      quoteShown: await page.locator('blockquote.wp-embedded-content').isVisible(),
    });
    // Chrome does not render a clipped cross-origin frame, so its
    // ResizeObserver stays silent until WordPress shows it: the page must
    // answer WordPress's `ready` message (or post on load) for this to pass.
    const m = await eventually(
      measure,
      (r) => !r.frame.hidden && Math.abs(r.frame.height - r.content.height) <= 4,
      TIMEOUT_MS,
    );
    assert.equal(m.frame.hidden, false, `the frame stays hidden: ${JSON.stringify(m)}`);
    assert.equal(m.quoteShown, false, `the fallback link is still shown: ${JSON.stringify(m)}`);
    assert.ok(Math.abs(m.frame.height - m.content.height) <= 4, JSON.stringify(m));
    assert.ok(m.content.width <= Math.ceil(m.frame.width), JSON.stringify(m));
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'the post scrolls sideways',
    );
    await page.close();
  });
}

test('the static image snippet survives the Author\'s save and fits a 375 px phone', async () => {
  const saved = await post('Static image', customHtml(IMAGE_CODE));
  const raw = saved.content.raw;
  // Every tag and attribute of the snippet is still there.
  for (const tag of IMAGE_CODE.match(/<(a|img)\b[^>]*>/g)) {
    for (const [, name] of tag.matchAll(/\s([a-z-]+)="/g)) {
      assert.match(raw, new RegExp(`<${tag.slice(1, tag.indexOf(' '))}\\b[^>]*\\s${name}="`), `${name} of ${tag} was stripped:\n${raw}`);
    }
  }
  const page = await open(saved.link, 375);
  const img = page.locator('.entry-content img, .wp-block-post-content img').first();
  await img.waitFor({ timeout: TIMEOUT_MS });
  const m = await eventually(
    () => img.evaluate((el) => ({
      loaded: el.complete && el.naturalWidth > 0,
      right: el.getBoundingClientRect().right,
      link: el.closest('a')?.href,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    })),
    (r) => r.loaded,
    TIMEOUT_MS,
  );
  assert.ok(m.loaded, `the image did not load: ${JSON.stringify(m)}`);
  assert.ok(m.link?.startsWith(BASE_URL), `the image links to ${m.link}`);
  assert.ok(m.right <= m.innerWidth, `the image overflows: ${JSON.stringify(m)}`);
  assert.ok(m.scrollWidth <= m.innerWidth, `the post scrolls sideways: ${JSON.stringify(m)}`);
  await page.close();
});
