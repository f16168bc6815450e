// Tests over HTTP of what a reader's browser is sent: fingerprinted names for
// the module, glue, scripts and styles, with every reference of every page
// resolving; a year's cache for those files and revalidation for pages and
// the stable names; brotli and gzip copies sent by Accept-Encoding. The
// file list comes from dist/ on disk and dist/fingerprints.json, never from
// copied names.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { BASE_URL, fetchFromSite, loadDataset } from './browser.mjs';

/** dist/ on disk, to list every file the build wrote. */
const DIST = process.env.DIST_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Every file below dist/, as URL paths relative to it. */
function distFiles(dir = DIST) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? distFiles(path) : [relative(DIST, path).split(sep).join('/')];
  });
}

/** A GET of `path` with these request headers: status, headers and raw body (never decoded). */
function raw(path, headers = {}) {
  return new Promise((resolve, reject) => {
    get(new URL(path, BASE_URL), { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** The paths a page, script or style sheet at `from` names for the browser to load or link to. */
function named(text, from) {
  const found = [];
  // A page's <base href> moves its relative names, as the browser reads them.
  const base = new URL(text.match(/<base\s+href="([^"]+)"/)?.[1] ?? '', new URL(from, BASE_URL));
  const patterns = [
    /\s(?:src|href)\s*=\s*"([^"]+)"/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
    /url\(\s*['"]?([^'")]+)['"]?\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const [, url] of text.matchAll(pattern)) {
      // Comments write `.../article-charts-embed.js` for "wherever the site is".
      if (/^(data:|#|mailto:|javascript:|\.\.\.)/.test(url) || url.includes('${')) continue;
      const resolved = new URL(url.replaceAll('&amp;', '&'), /\.html?$/.test(from) ? base : new URL(from, BASE_URL));
      if (resolved.origin === new URL(BASE_URL).origin) found.push(resolved.pathname.slice(1));
    }
  }
  return found;
}

const files = distFiles();
const manifest = JSON.parse(await (await fetchFromSite('fingerprints.json')).text());
const fingerprinted = Object.values(manifest);
const pages = files.filter((f) => f.endsWith('.html'));

describe('fingerprinted names', () => {
  test('the module, the glue, the page scripts and the style sheets have them', () => {
    const kinds = new Set(Object.keys(manifest).map((f) => f.split('.').pop()));
    for (const kind of ['wasm', 'js', 'css']) assert.ok(kinds.has(kind), `no .${kind} is fingerprinted: ${JSON.stringify(manifest)}`);
    for (const [from, to] of Object.entries(manifest)) {
      const stem = from.replace(/\.[^.]+$/, '');
      assert.match(to, new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{8}\\.[a-z]+$`), from);
      assert.ok(files.includes(to), `${to} is not in dist/`);
      assert.ok(!files.includes(from), `${from} is still in dist/`);
    }
  });

  test('every file a page, script or style sheet names is served', async () => {
    const checked = new Set();
    const pending = [...pages.filter((p) => !p.startsWith('standalone/')), 'article-charts-embed.js'];
    const broken = [];
    while (pending.length > 0) {
      const file = pending.pop();
      if (checked.has(file)) continue;
      checked.add(file);
      const response = await raw(file);
      if (response.status !== 200) {
        broken.push(`${file}: ${response.status}`);
        continue;
      }
      // A standalone page inlines its module and glue; the glue's mention of
      // the module's file is code it never runs, so its text is not crawled.
      if (/\.(html|js|mjs|css)$/.test(file) && !file.startsWith('standalone/')) {
        for (const target of named(response.body.toString('utf8'), file)) {
          if (target === '' || target.endsWith('/')) continue;
          if (!files.includes(target)) broken.push(`${file} names ${target}, which is not in dist/`);
          else pending.push(target);
        }
      }
    }
    assert.deepEqual(broken, []);
    for (const to of fingerprinted.filter((f) => /\.(wasm|js|css)$/.test(f))) {
      assert.ok(checked.has(to), `nothing loads ${to}`);
    }
  });
});

/**
 * What `page` as served carries for its first paint: whether its head
 * links a style sheet, the SHA-256 hash sources of its inline style sheets,
 * the sources its meta policy's `style-src` allows, and the policy of its
 * meta tag and of its header.
 */
async function firstPaint(page) {
  const { createHash } = await import('node:crypto');
  const response = await raw(page);
  const text = response.body.toString('utf8');
  const head = text.slice(0, text.indexOf('</head>'));
  const hashes = [...head.matchAll(/<style>([\s\S]*?)<\/style>/g)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  const policy = text.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
  const styleSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('style-src')) ?? '';
  return {
    links: /<link[^>]+rel="?stylesheet/.test(head),
    hashes,
    allowed: styleSrc.split(/\s+/).slice(1).sort(),
    policy,
    header: response.headers['content-security-policy'],
  };
}

describe('the dashboards first paint', () => {
  test('needs no file but the page: its style sheets are inline, allowed by their hashes alone', async () => {
    // The tables of every figure too, with a policy of their own.
    const dashboards = pages.filter((p) => /^(index|figures)(\.[a-zA-Z-]+)?\.html$/.test(p));
    assert.ok(dashboards.some((p) => p.startsWith('index')), 'no dashboard in dist/');
    assert.ok(dashboards.some((p) => p.startsWith('figures')), 'no table of every figure in dist/');
    for (const page of dashboards) {
      const { links, hashes, allowed, policy, header } = await firstPaint(page);
      assert.ok(!links, `${page} still loads a style sheet`);
      assert.ok(hashes.length > 0, `${page} has no inline style`);
      // Exactly the page's own sheets and 'self': no 'unsafe-inline', no
      // hash of a sheet the page does not carry.
      assert.deepEqual(allowed, [...new Set(["'self'", ...hashes])].sort(), page);
      if (['index.html', 'figures.html'].includes(page)) assert.equal(header, policy, `${page}: the header and the page disagree`);
    }
  });
});

describe('the chart pages first paint', () => {
  test('needs no file but the page: its style sheets are inline, its meta tag allows them alone, the header those of every chart page', async () => {
    const chartPages = pages.filter((p) => p.startsWith('embed/'));
    assert.ok(chartPages.length > 0, 'no chart page in dist/');
    const seen = await Promise.all(chartPages.map(firstPaint));
    // One `_headers` rule gives every chart page its header, so that one
    // allows 'self' and the hashes of all their sheets; each page's meta
    // tag allows 'self' and its own. Neither has 'unsafe-inline' or the
    // hash of a sheet no chart page carries.
    const every = [...new Set(["'self'", ...seen.flatMap((s) => s.hashes)])].sort();
    for (const [n, { links, hashes, allowed, header }] of seen.entries()) {
      const page = chartPages[n];
      assert.ok(!links, `${page} still loads a style sheet`);
      assert.ok(hashes.length > 0, `${page} has no inline style`);
      assert.deepEqual(allowed, [...new Set(["'self'", ...hashes])].sort(), page);
      const styleSrc = header.split(';').map((d) => d.trim()).find((d) => d.startsWith('style-src')) ?? '';
      assert.deepEqual(styleSrc.split(/\s+/).slice(1).sort(), every, `${page}: the header`);
    }
  });
});

describe('cache lifetimes', () => {
  test('a year, immutable, for every fingerprinted file', async () => {
    for (const file of fingerprinted) {
      const response = await raw(file);
      assert.equal(response.status, 200, file);
      assert.equal(response.headers['cache-control'], IMMUTABLE, file);
    }
  });

  test('revalidation for pages and for what outsiders link to', async () => {
    const stable = ['', ...pages, 'article-charts-embed.js', 'embed-resize.js', 'charts.json'].filter((f) => f === '' || files.includes(f));
    for (const file of stable) {
      const response = await raw(file);
      assert.equal(response.status, 200, file);
      assert.equal(response.headers['cache-control'], 'no-cache', file);
    }
  });
});

describe('compression', () => {
  const module = () => fingerprinted.find((f) => f.endsWith('.wasm'));

  test('brotli when asked for, gzip when brotli is refused, the file itself otherwise', async () => {
    for (const file of [module(), 'index.html', 'article-charts-embed.js']) {
      const plain = await raw(file);
      assert.equal(plain.headers['content-encoding'], undefined, file);
      assert.equal(plain.headers.vary, 'Accept-Encoding', file);
      const br = await raw(file, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.headers['content-encoding'], 'br', file);
      assert.equal(br.headers.vary, 'Accept-Encoding', file);
      assert.equal(br.headers['content-type'], plain.headers['content-type'], file);
      assert.ok(br.body.length < plain.body.length, `${file}: br ${br.body.length} ≥ ${plain.body.length}`);
      assert.ok(brotliDecompressSync(br.body).equals(plain.body), file);
      const gz = await raw(file, { 'accept-encoding': 'br;q=0, gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip', file);
      assert.ok(gunzipSync(gz.body).equals(plain.body), file);
    }
  });

  test('every text file of more than 1 KiB has its copies beside it', () => {
    const missing = files
      .filter((f) => /\.(html|js|css|wasm|json|svg|csv)$/.test(f) && statSync(join(DIST, f)).size > 1024)
      .flatMap((f) => ['br', 'gz'].map((e) => `${f}.${e}`))
      .filter((copy) => !files.includes(copy));
    assert.deepEqual(missing, []);
  });
});

describe('the module', () => {
  // The module only hydrates prerendered pages, so it carries none of the
  // texts they hold: a figure's source sentence and note come from its
  // chart's data table (see src/web/texts.rs). The labels, which the canvas
  // draws, show that the texts are looked for where they would be.
  test('carries the labels it draws, not the sentences, notes and titles the page holds', async () => {
    const dataset = await loadDataset();
    const wasm = Object.values(manifest).find((f) => f.endsWith('.wasm'));
    const { status, body } = await raw(wasm);
    assert.equal(status, 200, wasm);
    const langs = ['zh', 'zh_hant', 'en'];
    for (const i of dataset.indicators) {
      for (const lang of langs) {
        const label = i[`label_${lang}`];
        assert.ok(body.includes(Buffer.from(label)), `${i.id}: the module lacks its label "${label}"`);
      }
    }
    const held = [
      ...dataset.indicators.flatMap((i) => [i.source, i.source_zh_hant, i.source_en, ...langs.map((l) => i[`note_${l}`])]),
      ...dataset.charts.flatMap((c) => ['title', 'subtitle', 'note'].flatMap((f) => langs.map((l) => c[`${f}_${l}`]))),
      ...['dek', 'data_note'].flatMap((f) => langs.map((l) => dataset.meta[`${f}_${l}`])),
    ].filter((t) => typeof t === 'string' && t.length > 0);
    assert.ok(held.length > dataset.indicators.length, 'no texts to look for');
    const found = held.filter((t) => body.includes(Buffer.from(t)));
    assert.deepEqual(found, [], 'the module carries texts the prerendered page already holds');
  });
});
