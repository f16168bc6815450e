// A second server for the browser tests: another origin for host pages and
// script embeds, and a faulty copy of the site.
//
// `http://127.0.0.1:PORT/page/NAME` answers the HTML a test registered under
// NAME (a host article); `http://127.0.0.1:PORT/FAULT/PATH` answers
// `BASE_URL + PATH` as the test server does, headers included, except that
// FAULT breaks one file:
//   ok        nothing is broken (the site from another origin)
//   glue404   pkg/article_charts.js answers 404
//   gluetext  pkg/article_charts.js is sent as text/plain
//   nowasm    pkg/article_charts_bg.wasm answers 404
//   truncate  the .wasm ends after half of its bytes
//   stall     the .wasm sends its headers and 4 KB, then nothing, for ever
// Pages on `localhost:PORT` and scripts on `127.0.0.1:PORT` are of two
// origins, which is how a test loads the script embed from another origin.

import http from 'node:http';

import { BASE_URL } from './browser.mjs';

const FAULTS = new Set(['ok', 'glue404', 'gluetext', 'nowasm', 'truncate', 'stall']);
/** Headers of the site passed on to the browser. */
const PASSED = ['content-type', 'content-security-policy', 'access-control-allow-origin', 'x-content-type-options', 'cache-control'];

/**
 * Starts the server on a free port of 127.0.0.1; resolves to `{ origin,
 * localOrigin, page(name, html), close() }`.
 */
export async function startHostileServer() {
  const pages = new Map();
  const open = new Set();
  const server = http.createServer((request, response) => {
    answer(request, response, pages).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    localOrigin: `http://localhost:${port}`,
    /** Registers a host page; returns its path. */
    page(name, html) {
      pages.set(name, html);
      return `/page/${name}`;
    },
    async close() {
      // A stalled download never ends by itself.
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function answer(request, response, pages) {
  const url = new URL(request.url, 'http://x');
  const [, first, ...rest] = url.pathname.split('/');
  if (first === 'page') {
    const html = pages.get(rest.join('/'));
    if (html === undefined) return notFound(response);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return response.end(html);
  }
  if (first === 'favicon.ico') {
    response.writeHead(204);
    return response.end();
  }
  if (!FAULTS.has(first)) return notFound(response);
  const path = rest.join('/');
  // The build fingerprints both names (`pkg/article_charts.1a2b3c4d.js`).
  const glue = /^pkg\/article_charts(\.[0-9a-f]{8})?\.js$/.test(path);
  const wasm = /^pkg\/article_charts_bg(\.[0-9a-f]{8})?\.wasm$/.test(path);
  if ((first === 'glue404' && glue) || (first === 'nowasm' && wasm)) return notFound(response);
  const upstream = await fetch(new URL(path + url.search, BASE_URL));
  const headers = {};
  for (const name of PASSED) {
    const value = upstream.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  headers['cache-control'] = 'no-store';
  if (first === 'gluetext' && glue) headers['content-type'] = 'text/plain; charset=utf-8';
  const body = Buffer.from(await upstream.arrayBuffer());
  if (first === 'truncate' && wasm) {
    response.writeHead(upstream.status, headers);
    return response.end(body.subarray(0, body.length >> 1));
  }
  if (first === 'stall' && wasm) {
    headers['content-length'] = String(body.length);
    response.writeHead(upstream.status, headers);
    // The rest never comes; close() ends the connection.
    response.write(body.subarray(0, 4096));
    return undefined;
  }
  response.writeHead(upstream.status, headers);
  return response.end(body);
}

function notFound(response) {
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found');
}
