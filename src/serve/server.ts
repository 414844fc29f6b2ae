// `mlq serve`'s edge: the site, held in memory, served on 127.0.0.1 only, with a small script in every page
// that reloads it when the site is rebuilt and shows a build's error over it. Nothing else is served: no
// file of the disk, no other host (a page of another site that points at 127.0.0.1 under its own name is
// refused by the Host check, against DNS rebinding).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The files of the site by path ("index.html", "assets/site.css"). */
export type SiteFiles = ReadonlyMap<string, Uint8Array>;

const LIVE = '/__mlq/live.js';
const EVENTS = '/__mlq/events';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  ico: 'image/x-icon',
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  apkg: 'application/octet-stream',
  csv: 'text/csv; charset=utf-8',
};

/**
 * In every page: the version of the site it was served from (in its own address). On every state the
 * server sends (at once on connecting, again after each build): a newer version reloads the page; an error
 * of the current one shows over the page (the last good site stays beneath it) until the next good build.
 * A state is sent on every (re)connection, so nothing is lost while the page reloads.
 */
export const LIVE_SCRIPT = `(function () {
  var version = new URL(document.currentScript.src).searchParams.get('v');
  var overlay = null;
  function show(message) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'mlq-overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;border-bottom:4px solid #b00020;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 2px 12px rgba(0,0,0,.3)';
      document.body.appendChild(overlay);
    }
    overlay.textContent = 'mlq serve: the last build failed; this is the previous site.\\n\\n' + message;
  }
  new EventSource('${EVENTS}').addEventListener('state', function (event) {
    var state = JSON.parse(event.data);
    if (String(state.version) !== version) location.reload();
    else if (state.error) show(state.error);
    else if (overlay) { overlay.remove(); overlay = null; }
  });
})();
`;

/** A page with the live script, tagged with the site's version, before its </head> (or at its start). */
function withLiveScript(page: Uint8Array, version: number): Uint8Array {
  const tag = new TextEncoder().encode(`<script src="${LIVE}?v=${version}"></script>`);
  const text = new TextDecoder().decode(page);
  const at = text.indexOf('</head>');
  const cut = new TextEncoder().encode(text.slice(0, at === -1 ? 0 : at)).length;
  const out = new Uint8Array(page.length + tag.length);
  out.set(page.subarray(0, cut));
  out.set(tag, cut);
  out.set(page.subarray(cut), cut + tag.length);
  return out;
}

/** The file a request path names: "/" is index.html, "/topic/" its index.html; null where none. */
export function fileFor(pathname: string, files: SiteFiles): string | null {
  let name: string;
  try {
    name = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (name === '' || name.endsWith('/')) name += 'index.html';
  if (files.has(name)) return name;
  return files.has(`${name}/index.html`) ? `${name}/index.html` : null;
}

export interface LiveServer {
  url: string;
  /** Serves these files from now on and reloads the open pages (which show `error`, where there is one). */
  update(files: SiteFiles, error?: string | null): void;
  /** Keeps the files, and shows the message over the open pages. */
  fail(message: string): void;
  close(): Promise<void>;
}

export async function serveSite(files: SiteFiles, port: number, error: string | null = null): Promise<LiveServer> {
  let current = files;
  let version = 1;
  let failure = error;
  const clients = new Set<http.ServerResponse>();
  const state = () => `event: state\ndata: ${JSON.stringify({ version, error: failure })}\n\n`;
  const broadcast = () => clients.forEach((client) => client.write(state()));
  let allowedHosts: Set<string> = new Set();

  const server = http.createServer((request, response) => {
    // Only this machine's own names for the server: a rebinding attacker's name is refused.
    if (!allowedHosts.has(String(request.headers.host).toLowerCase())) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('mlq serve answers only to 127.0.0.1 and localhost\n');
      return;
    }
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (pathname === EVENTS) {
      response.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
      response.write(state());
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    if (pathname === LIVE) {
      response.writeHead(200, { ...headers, 'content-type': TYPES.js }).end(LIVE_SCRIPT);
      return;
    }
    const name = fileFor(pathname, current);
    const shown = name ?? (current.has('404.html') ? '404.html' : null);
    if (!shown) {
      response.writeHead(404, { ...headers, 'content-type': TYPES.txt }).end('not found\n');
      return;
    }
    const extension = shown.slice(shown.lastIndexOf('.') + 1).toLowerCase();
    const bytes = extension === 'html' ? withLiveScript(current.get(shown)!, version) : current.get(shown)!;
    response.writeHead(name ? 200 : 404, { ...headers, 'content-type': TYPES[extension] ?? 'application/octet-stream' }).end(bytes);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${bound}`, `localhost:${bound}`]);
  return {
    url: `http://127.0.0.1:${bound}/`,
    update(files, error = null) {
      current = files;
      version += 1;
      failure = error;
      broadcast();
    },
    fail(message) {
      failure = message;
      broadcast();
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
      }),
  };
}
