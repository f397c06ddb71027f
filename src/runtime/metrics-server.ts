// The /metrics HTTP endpoint both daemons serve: one registry, one listen address, a 404 for
// any other path. The daemons bind it to 127.0.0.1 unless their config says otherwise.

import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

/** Parses "127.0.0.1:9469" / "[::1]:9469"; throws on anything else. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^\[?([0-9a-fA-F.:]+|localhost)\]?:(\d{1,5})$/.exec(text);
  const port = Number(m?.[2]);
  if (!m || port < 1 || port > 65535)
    throw new Error(`listen address "${text}": expected HOST:PORT, e.g. 127.0.0.1:9469`);
  return { host: m[1] as string, port };
}

export function serveMetrics(registry: Registry, listen: string): Promise<Server> {
  const { host, port } = parseListen(listen);
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("see /metrics\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
