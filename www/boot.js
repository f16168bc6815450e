// What every page script shares: the dashboard's, the embed page's and the
// script embed (`article-charts-embed.js`) each start the WebAssembly
// module here and, when it cannot start, say so with the message made here
// in the reader's language. What each does with the module and where it
// shows the message stays in the script itself.
//
// The page scripts import this file statically: it lies beside them, so it
// comes from wherever they came from, and the build gives it a fingerprinted
// name that the pages preload. The glue, by contrast, is imported
// dynamically inside `startModule`, whose callers wait for it inside a
// `try`: a static import of the glue that failed (404, wrong Content-Type)
// would stop the page script before any of it ran, and the reader would
// see no message. The WebAssembly download is watched: one that brings no
// byte for STALL_MS is given up.
//
// The page scripts are not named here by their files: the build reads a
// script's text for the files it names, and would then give this file a
// new name whenever one of them changed.
//
// The standalone pages inline this file with the glue and the embed page's
// script into one module (`site/src/pages.rs`): its exports are declared
// one by one (`export function`, `export const`), which is what that
// inliner reads.

/** A download that brings no byte for this long has stalled. */
export const STALL_MS = 10_000;
/** The longest wait for the glue module (a few kilobytes). */
const GLUE_MS = 20_000;
/** The longest wait for the page's first paint (an iframe out of view may paint none). */
const PAINT_MS = 1_000;

/** The message shown where the module could not start, in each language. */
const FAILED = {
  zh: '图表无法加载。请检查网络后刷新页面。',
  'zh-Hant': '圖表無法載入。請檢查網路後重新整理頁面。',
  en: 'The chart could not be loaded. Check the connection and reload the page.',
};
/** The dashboard's message in English, which says "charts" where Chinese needs no plural. */
const FAILED_ALL_EN = 'The charts could not be loaded. Check the connection and reload the page.';

/** The language a tag asks for, as `src/locale.rs` reads `lang=`; Simplified Chinese by default. */
export function language(tag) {
  const t = String(tag ?? '').trim().toLowerCase();
  if (['zh-hant', 'zh-tw', 'zh-hk', 'zh-mo'].includes(t)) return 'zh-Hant';
  if (['en', 'en-us', 'en-gb'].includes(t)) return 'en';
  return 'zh';
}

/** The HTML `lang` value of a language of `language()`. */
export function htmlLang(lang) {
  return lang === 'zh' ? 'zh-Hans' : lang;
}

/**
 * A paragraph of class `className` saying, in `lang`, that the chart (or,
 * with `charts` "all", the charts) could not be loaded.
 */
export function failureMessage(lang, className, charts = 'one') {
  const p = document.createElement('p');
  p.className = className;
  p.lang = htmlLang(lang);
  p.textContent = charts === 'all' && lang === 'en' ? FAILED_ALL_EN : FAILED[lang];
  return p;
}

/** Settles like `promise`, or rejects after `ms` with `what` in the error. */
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Resolves once the page's first contentful paint is on screen (its
 * `paint` performance entry, delivered after the frame was shown; two
 * frames later where the browser has no such entry), at once in a page
 * that is not visible, and after PAINT_MS at the latest. The page is
 * prerendered and its charts are pictures until the module runs, so the
 * module's download waits for that paint rather than share a slow network
 * with it: a download started a few milliseconds after the paint was still
 * counted before it by Lighthouse, whose simulated phone then waited for
 * the module to paint the text (LCP 1.7 s against 0.9 s).
 */
function afterFirstPaint() {
  return new Promise((resolve) => {
    if (document.visibilityState === 'hidden') {
      resolve();
      return;
    }
    let observer = null;
    const done = () => {
      clearTimeout(timer);
      observer?.disconnect();
      resolve();
    };
    const timer = setTimeout(done, PAINT_MS);
    if (globalThis.PerformanceObserver?.supportedEntryTypes?.includes('paint')) {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length) done();
      });
      observer.observe({ type: 'paint', buffered: true });
    } else {
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)));
    }
  });
}

/**
 * The WebAssembly module's response, through a watchdog that aborts the
 * download when no byte comes for STALL_MS; handed on as a stream, so the
 * module still compiles while it downloads. It is a thenable, so nothing is
 * fetched unless the glue asks for it: a standalone page hands the glue
 * the module's bytes instead, and its policy allows no connection.
 */
function watchedWasm(url) {
  const load = async () => {
    await afterFirstPaint();
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

/**
 * Loads the glue and the WebAssembly module beside this file; resolves to
 * the glue's exports (`mount`, `mount_chart`, …) once the module runs, or
 * rejects within a bounded time.
 */
export async function startModule() {
  const glue = await within(import('./pkg/article_charts.js'), GLUE_MS, 'the glue module');
  await glue.default({ module_or_path: watchedWasm(new URL('pkg/article_charts_bg.wasm', import.meta.url)) });
  return glue;
}
