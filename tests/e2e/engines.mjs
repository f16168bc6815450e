// Drivers for the two other browser engines, behind one small interface, so
// that engines.test.mjs runs the same smoke test in each:
//
// - Firefox ESR (Debian's `firefox-esr`), driven by `puppeteer-core` over
//   WebDriver BiDi; puppeteer-core never downloads a browser.
// - WebKitGTK (Debian's `webkit2gtk-driver`, i.e. WebKitWebDriver, driving
//   the `MiniBrowser` of `libwebkit2gtk-4.1-0` with `--automation`), under
//   Xvfb started by `xvfb-run`, through plain WebDriver HTTP calls.
//
// Each driver offers goto(url), evaluate(fn, ...args) (fn runs in the page;
// a promise is awaited), move(x, y) (the pointer, viewport px), press(key)
// (a key name as in KeyboardEvent.key), screenshot() (a PNG of the viewport)
// and close().

import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The window size every engine gets. */
export const VIEWPORT = { width: 1024, height: 768 };

/**
 * The preferences that keep Firefox from reaching out to Mozilla's
 * services, which this machine's closed network refuses.
 */
export const FIREFOX_QUIET = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'network.captive-portal-service.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
};

/** Starts headless Firefox ESR through puppeteer-core. */
export async function firefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: VIEWPORT,
    extraPrefsFirefox: FIREFOX_QUIET,
  });
  const page = await browser.newPage();
  return {
    name: 'Firefox',
    version: await browser.version(),
    goto: (url) => page.goto(url, { waitUntil: 'load' }),
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    move: (x, y) => page.mouse.move(x, y),
    press: (key) => page.keyboard.press(key),
    screenshot: async () => Buffer.from(await page.screenshot({ type: 'png' })),
    close: () => browser.close(),
  };
}

/** A free TCP port of 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** WebDriver key codes of the keys the tests press. */
const KEYS = { Tab: '\uE004', Escape: '\uE00C', ArrowLeft: '\uE012', ArrowRight: '\uE014', Home: '\uE011', End: '\uE010' };

/**
 * Starts MiniBrowser through WebKitWebDriver, both under a virtual X server
 * of their own (`xvfb-run -a` picks a free display).
 */
export async function webkit() {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'article-charts-webkit-'));
  const displayFile = path.join(dir, 'display');
  // The shell writes the display xvfb-run chose, so xdotool can reach the
  // same server, then becomes the driver.
  const driver = spawn('xvfb-run', ['-a', '-s', `-screen 0 ${VIEWPORT.width + 200}x${VIEWPORT.height + 200}x24`,
    'sh', '-c', `echo "$DISPLAY" > "${displayFile}"; exec "${WEBKIT_DRIVER_PATH}" --port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  driver.stderr.on('data', (chunk) => { stderr += chunk; });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, route, body) => {
    const response = await fetch(`${base}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok || answer.value?.error) {
      throw new Error(`WebDriver ${method} ${route}: ${JSON.stringify(answer.value).slice(0, 500)}`);
    }
    return answer.value;
  };
  const stop = async () => {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await rm(dir, { recursive: true, force: true });
  };
  let session;
  try {
    for (let i = 0; ; i += 1) {
      try {
        await call('GET', '/status');
        break;
      } catch (error) {
        if (i > 100) throw new Error(`WebKitWebDriver did not start: ${stderr}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    session = await call('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
        },
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const id = session.sessionId;
  const display = (await readFile(displayFile, 'utf8')).trim();
  await call('POST', `/session/${id}/window/rect`, { x: 0, y: 0, width: VIEWPORT.width, height: VIEWPORT.height });
  // Without a window manager nothing gives the window the input focus, and
  // `document.hasFocus()` stays false: no `:focus-visible`, no key events.
  await new Promise((resolve) => {
    const focus = spawn('sh', ['-c', 'for w in $(xdotool search --onlyvisible --name ""); do xdotool windowfocus "$w"; done'], {
      env: { ...process.env, DISPLAY: display },
      stdio: 'ignore',
    });
    focus.on('exit', resolve);
    focus.on('error', resolve);
  });
  const actions = (list) => call('POST', `/session/${id}/actions`, { actions: list });
  return {
    name: 'WebKitGTK',
    version: session.capabilities.browserVersion,
    goto: (url) => call('POST', `/session/${id}/url`, { url }),
    evaluate: (fn, ...args) => call('POST', `/session/${id}/execute/sync`, {
      script: `return (${fn.toString()}).apply(null, arguments);`,
      args,
    }),
    move: (x, y) => actions([{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [{ type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) }],
    }]),
    press: (key) => actions([{
      type: 'key', id: 'keyboard',
      actions: [{ type: 'keyDown', value: KEYS[key] ?? key }, { type: 'keyUp', value: KEYS[key] ?? key }],
    }]),
    screenshot: async () => Buffer.from(await call('GET', `/session/${id}/screenshot`), 'base64'),
    close: async () => {
      await call('DELETE', `/session/${id}`).catch(() => {});
      await stop();
    },
  };
}
