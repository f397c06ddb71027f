// The token rule, as a user meets it: `linkguard serve` refuses a non-loopback address without
// serve.token; with a token, /api needs it (bearer or the login cookie) and the page does not.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { CLI, runCli } from "./support/cli.js";
import { until } from "./support/wait.js";
import { FIXTURE_ROOT } from "./support/web-server.js";

const dir = mkdtempSync(join(tmpdir(), "linkguard-web-auth-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const TOKEN = "s3cret-token-0123456789";

function config(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A real `linkguard serve` on a free loopback port; resolves with its URL. */
async function serve(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      "serve",
      "--listen",
      "127.0.0.1:0",
      "--store",
      join(dir, "none.db"),
      "--doctor-root",
      FIXTURE_ROOT, // never the test machine
      ...args,
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  after(() => {
    child.kill("SIGTERM");
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const url = await until("serve prints its URL", 15_000, () => /(http:\/\/\S+\/)/.exec(out)?.[1]);
  return { url, child };
}

test("serve --listen 0.0.0.0 without a token is refused, naming serve.token", () => {
  const r = runCli(["serve", "--config", "/dev/null", "--listen", "0.0.0.0:9471"]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /serve\.token/);
});

test("a config that listens beyond loopback without a token is refused with file and line", () => {
  const file = config("open.yaml", "serve:\n  listen: 0.0.0.0:9470\n");
  const r = runCli(["serve", "--config", file]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, new RegExp(`${file}:2: serve\\.listen: .*serve\\.token`));
});

test("a token shorter than 16 characters is refused", () => {
  const file = config("short.yaml", "serve:\n  token: short\n");
  const r = runCli(["serve", "--config", file]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /serve\.token: at least 16 characters/);
});

test("with a token, /api needs it: bearer or the login cookie; the page is public", async () => {
  const file = config("token.yaml", `serve:\n  token: "${TOKEN}"\n`);
  const { url } = await serve(["--config", file]);
  const api = new URL("/api/info", url);
  // The token rule holds on every route, known or not.
  for (const route of [
    "/api/series?ifname=eth0",
    "/api/events",
    "/api/incidents",
    "/api/incidents/1",
    "/api/captures/incident-1-eth0.pcap",
    "/api/health",
    "/api/stream",
    "/api/no-such-route",
  ])
    assert.equal((await fetch(new URL(route, url))).status, 401, route);
  const none = await fetch(api);
  assert.equal(none.status, 401);
  assert.match(((await none.json()) as { error: string }).error, /token/);
  assert.equal(
    (await fetch(api, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status,
    401,
  );
  assert.equal((await fetch(api, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);

  const page = await fetch(new URL("/", url));
  assert.equal(page.status, 200);
  assert.equal((await fetch(new URL("/assets/app.css", url))).status, 200);

  const wrong = await fetch(new URL("/api/login", url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: "nope" }),
  });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.headers.get("set-cookie"), null);
  const login = await fetch(new URL("/api/login", url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: TOKEN }),
  });
  assert.equal(login.status, 204);
  const cookie = login.headers.get("set-cookie") ?? "";
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
  const withCookie = await fetch(api, { headers: { cookie: cookie.split(";")[0] as string } });
  assert.equal(withCookie.status, 200);
  // Cookies ignore ports: every service on this host receives it. It must not be the token.
  assert.ok(!decodeURIComponent(cookie).includes(TOKEN), `the cookie holds the token: ${cookie}`);
  for (const raw of [`linkguard_session=${TOKEN}`, `linkguard_token=${TOKEN}`])
    assert.equal((await fetch(api, { headers: { cookie: raw } })).status, 401, raw);
});

/** GET with a Host header of our choosing (fetch sets its own). */
function getWithHost(url: string, path: string, host: string | null): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path,
        setHost: false,
        headers: host === null ? {} : { host },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("DNS rebinding: a Host the server is not known by gets 403, with or without a token", async () => {
  const file = config("hosts.yaml", "serve:\n  hosts: [dash.example.net]\n");
  const { url } = await serve(["--config", file]);
  const port = new URL(url).port;
  for (const host of [`attacker.example:${port}`, "localhost.attacker.example", ""])
    assert.equal(await getWithHost(url, "/api/info", host), 403, `Host: ${host}`);
  assert.equal(await getWithHost(url, "/api/info", null), 400, "no Host at all: Node refuses it");
  assert.equal(await getWithHost(url, "/", `attacker.example:${port}`), 403, "the page too");
  for (const host of [
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `[::1]:${port}`,
    "localhost:8080", // ssh -L 8080:127.0.0.1:PORT
    `dash.example.net:${port}`, // serve.hosts
    `DASH.example.net.`,
  ])
    assert.equal(await getWithHost(url, "/api/info", host), 200, `Host: ${host}`);
});

test("serve stops cleanly on SIGTERM", async () => {
  const { child } = await serve(["--config", "/dev/null"]);
  const code = new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  child.kill("SIGTERM");
  assert.equal(await until("serve exits", 10_000, async () => await code), 0);
});
