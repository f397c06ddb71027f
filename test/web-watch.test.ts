// `linkguard watch` starts the dashboard in-process: --serve HOST:PORT serves /api/info on the
// watcher's own store, --serve off opens nothing, and a taken port leaves the watcher watching.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { InfoResponse } from "../src/web/api.js";
import { CLI } from "./support/cli.js";
import { freePort } from "./support/process.js";
import { until } from "./support/wait.js";

const dir = mkdtempSync(join(tmpdir(), "linkguard-web-watch-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(port, "127.0.0.1", () => resolve(s));
  });
}

function watch(
  name: string,
  args: string[],
): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
  const argv = [
    CLI,
    "watch",
    "--config",
    "/dev/null",
    "-i",
    "lo",
    "--no-auto-gateway",
    "--metrics",
    "off",
    "--db",
    join(dir, `${name}.db`),
    ...args,
  ];
  const child = spawn(process.execPath, argv, { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exit = new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  after(() => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  return { child, stderr: () => err, exit };
}

test("watch --serve HOST:PORT serves the dashboard on the watcher's store", async () => {
  const port = await freePort();
  const w = watch("serve", ["--serve", `127.0.0.1:${port}`, "--duration", "20"]);
  const info = await until("/api/info answers", 15_000, async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/info`);
      const body = (await res.json()) as InfoResponse;
      return body.interfaces.includes("lo") ? body : undefined;
    } catch {
      return undefined;
    }
  });
  assert.equal(info.store, join(dir, "serve.db"));
  assert.match(w.stderr(), new RegExp(`dashboard http://127\\.0\\.0\\.1:${port}/`));
  w.child.kill("SIGTERM");
  assert.equal(await w.exit, 0);
});

test("watch --serve off opens no port", async () => {
  const port = await freePort();
  const w = watch("off", ["--serve", "off", "--duration", "3"]);
  await until("the watcher reports what it started", 10_000, () =>
    /no dashboard/.test(w.stderr()) ? true : undefined,
  );
  const s = await listenOn(port);
  s.close();
  assert.equal(await w.exit, 0);
});

test("a taken port is one problem line; the watcher keeps watching", async () => {
  const taken = await listenOn(0);
  after(() => taken.close());
  const port = (taken.address() as { port: number }).port;
  const w = watch("taken", ["--serve", `127.0.0.1:${port}`, "--duration", "3"]);
  assert.equal(await w.exit, 0, w.stderr());
  const problems = w
    .stderr()
    .split("\n")
    .filter((l) => l.includes("dashboard not started"));
  assert.equal(problems.length, 1, w.stderr());
  assert.match(problems[0] ?? "", /EADDRINUSE/);
});
