import { createReadStream, existsSync, statSync, watch } from "node:fs";
import http from "node:http";
import path from "node:path";
const RELOAD_SCRIPT = `(function(){var s=new EventSource('/__dac/events');s.addEventListener('reload',function(){location.reload()});})();`;
const TYPES = { ".html": "text/html; charset=utf-8", ".png": "image/png", ".json": "application/json" };
async function servePreview(options) {
  const clients = /* @__PURE__ */ new Set();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/__dac/events") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      res.write(": connected\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    const rel = decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname);
    const file = path.resolve(options.root, `.${rel}`);
    if (!file.startsWith(path.resolve(options.root) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  let timer;
  let running = Promise.resolve();
  const changed = (what) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        options.log(`changed: ${what}; rebuilding`);
        try {
          await options.rebuild();
          for (const c of clients) c.write("event: reload\ndata: {}\n\n");
        } catch (err) {
          options.log(`rebuild failed, pages kept as they were: ${err.message}`);
        }
      });
    }, 250);
  };
  const watchers = options.watch.filter((p) => existsSync(p)).map((p) => watch(p, { recursive: statSync(p).isDirectory() }, (_event, name) => changed(name ? path.join(p, String(name)) : p)));
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      await new Promise((resolve) => server.close(() => resolve()));
    }
  };
}
export {
  RELOAD_SCRIPT,
  servePreview
};
