// A static file server on 127.0.0.1 for a built site, mounted under a sub-path (as GitHub Pages serves a
// project site), answering a missing file with the site's 404.html and status 404, as Pages does.
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export interface StaticServer {
  /** The site's root URL, ending in "/". */
  root: string;
  close(): Promise<void>;
}

export async function serveFolder(folder: string, prefix = '/sub/path/'): Promise<StaticServer> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const relative = url.pathname.startsWith(prefix) ? decodeURIComponent(url.pathname.slice(prefix.length)) : null;
    const file = relative === null ? null : path.join(folder, relative.endsWith('/') || relative === '' ? `${relative}index.html` : relative);
    const inside = file !== null && path.resolve(file).startsWith(path.resolve(folder) + path.sep);
    const found = inside && (await stat(file).then((s) => s.isFile(), () => false));
    if (!found) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      return void res.end(await readFile(path.join(folder, '404.html')).catch(() => 'not found'));
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file!)] ?? 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : await readFile(file!));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    root: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
