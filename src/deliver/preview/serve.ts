/**
 * `dac preview --serve`: the preview pages on a loopback port, rebuilt when a definition changes,
 * and every open page told to reload (server-sent events) once the new pages are written.
 */
import { createReadStream, existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const RELOAD_SCRIPT = `(function(){var s=new EventSource('/__dac/events');s.addEventListener('reload',function(){location.reload()});})();`;

export interface ServeOptions {
  root: string;
  port: number;
  /** Folders and files whose changes trigger `rebuild`. */
  watch: string[];
  rebuild(): Promise<void>;
  log(line: string): void;
}

export interface Server {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.json': 'application/json' };

export async function servePreview(options: ServeOptions): Promise<Server> {
  const clients = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__dac/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(options.root, `.${rel}`);
    // Only files inside the preview folder are served.
    if (!file.startsWith(path.resolve(options.root) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as { port: number };

  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const changed = (what: string) => {
    clearTimeout(timer);
    // Editors write a file in several steps: wait until they are done.
    timer = setTimeout(() => {
      running = running.then(async () => {
        options.log(`changed: ${what}; rebuilding`);
        try {
          await options.rebuild();
          for (const c of clients) c.write('event: reload\ndata: {}\n\n');
        } catch (err) {
          options.log(`rebuild failed, pages kept as they were: ${(err as Error).message}`);
        }
      });
    }, 250);
  };
  const watchers: FSWatcher[] = options.watch
    .filter((p) => existsSync(p))
    .map((p) => watch(p, { recursive: statSync(p).isDirectory() }, (_event, name) => changed(name ? path.join(p, String(name)) : p)));

  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
