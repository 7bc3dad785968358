// A tiny static file server for the built sites, on loopback only.
//
//   node server.mjs <folder> <port>        serve <folder> on http://127.0.0.1:<port>/
//
// - a directory is served by its index.html (a directory path without a trailing
//   slash is redirected to the slash form, as static hosts do);
// - a missing path gets <folder>/404.html with status 404 (a plain-text 404 if the
//   site has no 404.html);
// - content types by extension; no compression (the page-weight test counts bytes
//   as sent, uncompressed); no caching headers beyond `Cache-Control: no-store`.
//
// Prints "listening http://127.0.0.1:<port>/" on stdout once it accepts
// connections; stops on SIGTERM/SIGINT.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, join, extname, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file) {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function fileIfExists(p) {
  try {
    const s = await stat(p);
    return s;
  } catch {
    return null;
  }
}

export function createStaticServer(rootDir) {
  const root = resolve(rootDir);
  return createServer(async (req, res) => {
    const send = (status, file, size, extraHeaders = {}) => {
      res.writeHead(status, {
        'Content-Type': contentType(file),
        'Content-Length': size,
        'Cache-Control': 'no-store',
        ...extraHeaders,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    };
    const notFound = async () => {
      const page = join(root, '404.html');
      const s = await fileIfExists(page);
      if (s && s.isFile()) return send(404, page, s.size);
      const body = 'Not found\n';
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' });
        return res.end();
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      let path;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return notFound();
      }
      if (path.includes('\0')) return notFound();
      const target = resolve(root, '.' + path);
      if (target !== root && !target.startsWith(root + sep)) return notFound();
      const s = await fileIfExists(target);
      if (s && s.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search });
          return res.end();
        }
        const index = join(target, 'index.html');
        const si = await fileIfExists(index);
        if (si && si.isFile()) return send(200, index, si.size);
        return notFound();
      }
      if (s && s.isFile()) return send(200, target, s.size);
      return notFound();
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    }
  });
}

export function listen(server, port = 0) {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise(server.address().port));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, portArg] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node server.mjs <folder> [port]');
    process.exit(2);
  }
  const server = createStaticServer(dir);
  const port = await listen(server, Number(portArg ?? 0));
  console.log(`listening http://127.0.0.1:${port}/`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
