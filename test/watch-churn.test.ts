// Interface churn: 300 veth pairs created and deleted while the watcher watches. No crash, an
// event for each, and memory that stays flat. Figures are printed.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { test } from "node:test";
import type { WatchEvent } from "../src/events/types.js";
import { IpBatch } from "../src/lab/ip-batch.js";
import { labDown, labUp } from "../src/lab/lab.js";
import { CLI } from "./support/cli.js";
import { withLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";

const skip = needs({ root: true, tools: ["ip"] });
const CYCLES = 300;

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`${CYCLES} veth add/delete cycles while watching`, { skip, timeout: 120_000 }, async () => {
  await withLabLock(async () => {
    const lab = await labUp({
      name: "churn",
      description: "one empty host",
      switches: [],
      hosts: [{ name: "churn", interfaces: [] }],
    });
    const ns = lab.ns("churn");
    const watcher = spawn(
      "ip",
      [
        "netns",
        "exec",
        ns,
        process.execPath,
        CLI,
        "watch",
        "--config",
        "/dev/null",
        "--jsonl",
        "-",
        "--no-store",
        "--metrics",
        "off",
        "--interval",
        "50",
        "--no-auto-gateway",
      ],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const events: WatchEvent[] = [];
    createInterface({ input: watcher.stdout }).on("line", (l) =>
      events.push(JSON.parse(l) as WatchEvent),
    );
    const batch = new IpBatch(ns);
    try {
      for (let i = 0; i < 50 && !events.some((e) => e.kind === "watcher-started"); i++)
        await sleep(100);
      assert.ok(
        events.some((e) => e.kind === "watcher-started"),
        "the watcher did not start",
      );
      let rssAt50 = 0;
      for (let i = 1; i <= CYCLES; i++) {
        await batch.send(["link", "add", "vc0", "type", "veth", "peer", "name", "vc1"]);
        await sleep(10);
        await batch.send(["link", "del", "vc0"]);
        await sleep(10);
        if (i === 50) {
          await sleep(500);
          rssAt50 = rssMb(watcher.pid as number);
        }
      }
      await sleep(1500);
      const rssEnd = rssMb(watcher.pid as number);
      assert.equal(watcher.exitCode, null, "the watcher died");
      const added = events.filter(
        (e) => e.kind === "interface-added" && e.subject === "vc0",
      ).length;
      const removed = events.filter(
        (e) => e.kind === "interface-removed" && e.subject === "vc0",
      ).length;
      console.log(
        `churn: ${CYCLES} cycles, vc0 added ${added} / removed ${removed} events, RSS ${rssAt50.toFixed(1)} MB after 50 -> ${rssEnd.toFixed(1)} MB after ${CYCLES}`,
      );
      assert.equal(added, CYCLES);
      assert.equal(removed, CYCLES);
      assert.ok(rssEnd - rssAt50 < 25, `RSS grew ${(rssEnd - rssAt50).toFixed(1)} MB`);
    } finally {
      batch.close();
      watcher.kill("SIGTERM");
      await labDown(lab.id);
    }
  });
});
