// The embed page: hydrates the one chart the build prerendered into it
// (embed/STEM.html). Options (theme, plain) are read in Rust, which also
// reports the page's height to a parent page. An old address
// `embed.html?chart=X&lang=Y` is sent on to embed/STEM.html with its other
// options. This file only starts the module and turns a failure to start
// into a readable message, reporting the frame's height itself, since Rust
// is not there to do it.
//
// Loading the module and the message in the reader's language are shared
// with the other page scripts (`boot.js`).

import { failureMessage, htmlLang, language, startModule } from './boot.js';

/** The tags `src/locale.rs` reads as a language (`Locale::from_tag`). */
const KNOWN_LANGS = ['zh', 'zh-hans', 'zh-cn', 'zh-sg', 'zh-hant', 'zh-tw', 'zh-hk', 'zh-mo', 'en', 'en-us', 'en-gb'];

/** Whether `tag` is a language `src/locale.rs` reads (or absent). */
function known(tag) {
  return tag === null || KNOWN_LANGS.includes(tag.trim().toLowerCase());
}

const root = document.getElementById('app');
const query = new URLSearchParams(location.search);

/**
 * The prerendered page of `embed.html?chart=X&lang=Y`, if the site has it:
 * `embed/X.html`, `embed/X.zh-Hant.html`, `embed/X.en.html`
 * (`embed_code::stem`). An unknown chart has none, and this page shows why.
 */
async function prerendered() {
  const chart = query.get('chart');
  if (root.dataset.chart || chart === null || !/^[A-Za-z0-9_-]{1,64}$/.test(chart)) return null;
  // An unknown language goes to the default one's page and keeps its
  // `lang=` there, where the module names the valid ones.
  const tag = query.get('lang');
  const lang = language(tag);
  // A language the article is not published in (English, of an article
  // written in Chinese only) has no page: the default language's is the
  // next one tried, as the module falls back to it too.
  const langs = lang === 'zh' ? ['zh'] : [lang, 'zh'];
  let url = null;
  for (const l of langs) {
    const candidate = new URL(`embed/${chart}${l === 'zh' ? '' : `.${l}`}.html`, document.baseURI);
    try {
      const answer = await fetch(candidate, { method: 'HEAD' });
      if (answer.ok) {
        url = candidate;
        break;
      }
    } catch {
      return null;
    }
  }
  if (url === null) return null;
  const rest = new URLSearchParams(query);
  rest.delete('chart');
  if (known(tag)) rest.delete('lang');
  const tail = rest.toString();
  return `${url.pathname}${tail ? `?${tail}` : ''}${location.hash}`;
}

const moved = await prerendered();
if (moved) location.replace(moved);
else await start();

async function start() {
  try {
    const glue = await startModule();
    // The prerendered page fixes its language on `#app`, which the module
    // reads before the query; an unknown `lang=` brought along from
    // `embed.html` is left to the module to name, on the default language's page.
    if (!known(query.get('lang'))) delete root.dataset.lang;
    window.articleCharts = glue.mount_chart(root, location.search, true);
  } catch (err) {
    const lang = language(root.dataset.lang ?? query.get('lang'));
    document.documentElement.dataset.ready = 'error';
    document.documentElement.lang = htmlLang(lang);
    const p = failureMessage(lang, 'chart-failed');
    root.className = 'embed article-charts-embed';
    // A prerendered chart stays, picture and table; only its interaction is missing.
    if (root.querySelector('figure.chart')) root.prepend(p);
    else root.replaceChildren(p);
    console.error(err);
    reportHeight(root.dataset.chart ?? query.get('chart'), query.get('childId'));
  }
}

/**
 * Tells the parent page this frame's height, as `post_height` in
 * `src/web/mod.rs` does once the module runs: pym.js's message,
 * Datawrapper's and AMP's. Ids are only passed on when they are plain.
 */
function reportHeight(chart, childId) {
  if (window.parent === window) return;
  const plain = (id) => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id);
  const key = plain(chart) ? chart : 'unknown';
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (plain(childId)) window.parent.postMessage(`pymxPYMx${childId}xPYMxheightxPYMx${height}`, '*');
    window.parent.postMessage({ 'datawrapper-height': { [key]: height } }, '*');
    window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
  };
  // Fires once at once, then on every change of the height.
  new ResizeObserver(post).observe(document.documentElement);
}
