// The page and its assets, all local: index.html and app.css from src/web/static, the page's
// compiled modules from dist/web/page, uPlot from its package. Names are whitelisted (no
// paths), each answer carries an ETag and is revalidated (Cache-Control: no-cache).
import { readFileSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context, Hono } from "hono";

/** The compiled server is dist/src/web/static.js: the package root is three levels up. */
const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

const PAGE_FILE = /^[a-z0-9][a-z0-9_-]*\.js(\.map)?$/;

function uplotDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve("uplot"));
  } catch {
    return null;
  }
}

/** Answer one file from `dir` by `name` (already checked against a whitelist), or 404. */
function sendFile(c: Context, dir: string, name: string): Response {
  let path: string;
  let st: ReturnType<typeof statSync>;
  try {
    path = realpathSync(join(dir, name));
    st = statSync(path);
    if (!st.isFile() || dirname(path) !== realpathSync(dir)) throw new Error("not a file here");
  } catch {
    return c.json({ error: `no such asset: ${name}` }, 404);
  }
  const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  c.header("ETag", etag);
  c.header("Cache-Control", "no-cache");
  c.header("X-Content-Type-Options", "nosniff");
  if (c.req.header("if-none-match") === etag) return c.body(null, 304);
  const ext = name.slice(name.lastIndexOf("."));
  c.header("Content-Type", TYPES[ext] ?? "application/octet-stream");
  return c.body(readFileSync(path));
}

export function staticRoutes(app: Hono, root = PACKAGE_ROOT): void {
  const staticDir = join(root, "src", "web", "static");
  const pageDir = join(root, "dist", "web", "page");
  const uplot = uplotDir();
  const index = (c: Context) => sendFile(c, staticDir, "index.html");
  app.get("/", index);
  app.get("/index.html", index);
  app.get("/assets/app.css", (c) => sendFile(c, staticDir, "app.css"));
  app.get("/assets/page/:name", (c) => {
    const name = c.req.param("name");
    if (!PAGE_FILE.test(name)) return c.json({ error: `no such asset: ${name.slice(0, 60)}` }, 404);
    return sendFile(c, pageDir, name);
  });
  app.get("/assets/uplot/:name", (c) => {
    const name = c.req.param("name");
    if ((name !== "uPlot.esm.js" && name !== "uPlot.min.css") || uplot === null)
      return c.json({ error: `no such asset: ${name.slice(0, 60)}` }, 404);
    return sendFile(c, uplot, name);
  });
}
