#!/usr/bin/env node
// @ts-check
// A tiny static file server for loopback, with optional TLS. Used by `make serve` (the www/ site)
// and by the end-to-end tests (importable).
//
//   node scripts/serve.mjs [dir=www] [--port 8000] [--host 127.0.0.1] [--tls-key k.pem --tls-cert c.pem]
//
//   import { serve, staticHandler } from './scripts/serve.mjs';
//   const s = await serve({ root: 'www', port: 0 });   // s.url, s.port, await s.close()
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.eml': 'message/rfc822',
  '.woff2': 'font/woff2',
};

/**
 * A request handler serving files under `root`. `headers(urlPath)` may add response headers per
 * path (e.g. a Content-Security-Policy). Never serves outside `root`; `/dir/` serves index.html.
 * @param {string} root
 * @param {{ headers?: (urlPath: string) => { [name: string]: string } }} [options]
 * @returns {http.RequestListener}
 */
export function staticHandler(root, { headers = () => ({}) } = {}) {
  const base = path.resolve(root);
  return (req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = path.resolve(base, `.${urlPath}`);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers(urlPath) });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  };
}

/**
 * Starts a server. `handler` defaults to a static handler for `root`. With `tls: {key, cert}`
 * (PEM strings or buffers) it speaks HTTPS. Listens on loopback only unless `host` says otherwise.
 * @param {{ root?: string, port?: number, host?: string, tls?: https.ServerOptions | null,
 *   headers?: (urlPath: string) => { [name: string]: string }, handler?: http.RequestListener }} [options]
 * @returns {Promise<{ server: http.Server, port: number, url: string, close: () => Promise<void> }>}
 */
export function serve({ root = '.', port = 0, host = '127.0.0.1', tls = null, headers, handler } = {}) {
  const handle = handler ?? staticHandler(root, { headers });
  const server = tls ? https.createServer(tls, handle) : http.createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
      resolve({
        server,
        port: actual,
        url: `${tls ? 'https' : 'http'}://${host}:${actual}/`,
        close: () => new Promise((/** @type {() => void} */ done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ root: string, port: number, host: string, key?: string, cert?: string }} */
  const opts = { root: 'www', port: 8000, host: '127.0.0.1' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--host') opts.host = argv[++i];
    else if (a === '--tls-key') opts.key = argv[++i];
    else if (a === '--tls-cert') opts.cert = argv[++i];
    else rest.push(a);
  }
  if (rest[0]) opts.root = rest[0];
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const tls = opts.key && opts.cert
    ? { key: fs.readFileSync(opts.key), cert: fs.readFileSync(opts.cert) }
    : null;
  const { url } = await serve({ root: opts.root, port: opts.port, host: opts.host, tls });
  console.log(`serving ${path.resolve(opts.root)} at ${url}`);
}
