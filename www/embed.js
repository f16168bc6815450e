// The embed page: hydrates the one chart the build prerendered into it
// (embed/STEM.html). Options (theme, plain) are read in Rust, which also
// reports the page's height to a parent page. An old address
// `embed.html?chart=X&lang=Y` is sent on to embed/STEM.html with its other
// options. This file only starts the module and turns a failure to start
// into a readable message, reporting the frame's height itself, since Rust
// is not there to do it.
//
// The glue is imported dynamically, inside the `try`: a static import that
// fails (404, wrong Content-Type) would stop this script before any of it
// runs, and "Loading…" would stay for ever. The WebAssembly download is
// watched: one that brings no byte for STALL_MS is given up.

const STALL_MS = 10_000;
const GLUE_MS = 20_000;
const FAILED = {
  zh: '图表无法加载。请检查网络后刷新页面。',
  'zh-Hant': '圖表無法載入。請檢查網路後重新整理頁面。',
  en: 'The chart could not be loaded. Check the connection and reload the page.',
};

/** The tags `src/locale.rs` reads as a language (`Locale::from_tag`). */
const KNOWN_LANGS = ['zh', 'zh-hans', 'zh-cn', 'zh-sg', 'zh-hant', 'zh-tw', 'zh-hk', 'zh-mo', 'en', 'en-us', 'en-gb'];

/** Whether `tag` is a language `src/locale.rs` reads (or absent). */
function known(tag) {
  return tag === null || KNOWN_LANGS.includes(tag.trim().toLowerCase());
}

/** The frame's language, as `src/locale.rs` reads `lang=`; Simplified Chinese by default. */
function language(tag) {
  const t = String(tag ?? '').trim().toLowerCase();
  if (['zh-hant', 'zh-tw', 'zh-hk', 'zh-mo'].includes(t)) return 'zh-Hant';
  if (['en', 'en-us', 'en-gb'].includes(t)) return 'en';
  return 'zh';
}

/** Settles like `promise`, or rejects after `ms`. */
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The WebAssembly module's response, through a watchdog that aborts the
 * download when no byte comes for STALL_MS; handed on as a stream, so the
 * module still compiles while it downloads. It is a thenable, so nothing is
 * fetched unless the glue asks for it.
 */
function watchedWasm(url) {
  const load = async () => {
    const abort = new AbortController();
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(new Error(`${url} stalled for ${STALL_MS} ms`)), STALL_MS);
    };
    arm();
    let response;
    try {
      response = await fetch(url, { signal: abort.signal });
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
    const reader = response.body.getReader();
    const body = new ReadableStream({
      async pull(controller) {
        arm();
        try {
          const { done, value } = await reader.read();
          clearTimeout(timer);
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          clearTimeout(timer);
          controller.error(error);
        }
      },
      cancel(reason) {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    return new Response(body, { headers: { 'Content-Type': 'application/wasm' } });
  };
  return { then: (resolve, reject) => load().then(resolve, reject) };
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
    const glue = await within(import('./pkg/article_charts.js'), GLUE_MS, 'the glue module');
    await glue.default({ module_or_path: watchedWasm(new URL('pkg/article_charts_bg.wasm', import.meta.url)) });
    // The prerendered page fixes its language on `#app`, which the module
    // reads before the query; an unknown `lang=` brought along from
    // `embed.html` is left to the module to name, on the default language's page.
    if (!known(query.get('lang'))) delete root.dataset.lang;
    window.articleCharts = glue.mount_chart(root, location.search, true);
  } catch (err) {
    const lang = language(root.dataset.lang ?? query.get('lang'));
    document.documentElement.dataset.ready = 'error';
    document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : lang;
    const p = document.createElement('p');
    p.className = 'chart-failed';
    p.textContent = FAILED[lang];
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
