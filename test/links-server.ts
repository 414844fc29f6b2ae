// A real HTTP server on 127.0.0.1 that misbehaves in the ways the link checker must handle.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  base: string;
  /** Requests received, per path ("HEAD /ok"). */
  requests: string[];
  count(path: string): number;
  close(): Promise<void>;
}

export async function startTestServer(delayMs = 0): Promise<TestServer> {
  const requests: string[] = [];
  let busySince: number | null = null;
  const served = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(`${req.method} ${path}`);
    const nth = (served.get(path) ?? 0) + 1;
    served.set(path, nth);
    const send = (status: number, headers: http.OutgoingHttpHeaders = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(req.method === 'HEAD' ? undefined : `status ${status}\n`);
    };
    if (path === '/ok' || path.startsWith('/page/')) return void setTimeout(() => send(200), delayMs);
    if (path === '/gone404') return send(404);
    if (path === '/gone410') return send(410);
    if (path === '/moved') return send(301, { location: '/ok' });
    if (path === '/temporary') return send(302, { location: '/ok' });
    if (path === '/loop-a') return send(302, { location: '/loop-b' });
    if (path === '/loop-b') return send(302, { location: '/loop-a' });
    if (path === '/busy') {
      // Rate-limited for one second from the first request: only a client that waits gets a 200.
      busySince ??= Date.now();
      return Date.now() - busySince < 1000 ? send(429, { 'retry-after': '1' }) : send(200);
    }
    if (path === '/flaky') return nth <= 2 ? send(503) : send(200);
    if (path === '/no-head') return req.method === 'HEAD' ? send(405, { allow: 'GET' }) : send(200);
    if (path === '/slow') return void setTimeout(() => send(200), 3000);
    if (path === '/reset') return void req.socket.destroy();
    send(404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    count: (path) => requests.filter((r) => r.endsWith(` ${path}`)).length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
