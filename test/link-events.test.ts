// Kernel link and address events in the real kernel, from both sources the daemons use: the
// native prober's rtnetlink socket and the `ip monitor` fallback (LINKGUARD_PROBER=ping). Each
// hears a pulled cable, its return, a member set down and up, and IPv4 and IPv6 addresses
// added and removed, the same way.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { run } from "../src/host/exec.js";
import { type Lab, labDown, labUp } from "../src/lab/lab.js";
import { switchPortName } from "../src/lab/names.js";
import type { TopologySpec } from "../src/lab/topology.js";
import type { MonitorMessage } from "../src/runtime/parse/ip-monitor.js";
import { chooseLinkEvents } from "../src/runtime/probe/native-addon.js";
import { acquireLabLock, releaseLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";

const skip = needs({ root: true, tools: ["ip", "bridge"] });
const native = skip === false ? chooseLinkEvents("auto") : null;
if (native?.kind === "ip-monitor" && process.env.CI === "true")
  throw new Error(`the native link events cannot run in CI: ${native.reason}`);
const skipNative = skip || (native?.kind === "ip-monitor" ? native.reason : false);
const RUNNER = fileURLToPath(new URL("./support/link-events-runner.js", import.meta.url));

const TOPOLOGY: TopologySpec = {
  name: "link-events",
  description: "a server with one member on a switch",
  switches: ["sw"],
  hosts: [
    { name: "server", interfaces: [{ name: "eth1", addresses: ["10.79.0.10/24"], switch: "sw" }] },
  ],
};

type Line =
  | { type: "source"; kind: string; reason: string }
  | { type: "ready"; t_ms: number }
  | { type: "problem"; message: string }
  | (MonitorMessage & { t_ms: number });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("link events", { skip, concurrency: false }, () => {
  let lab: Lab;
  before(async () => {
    await acquireLabLock();
    lab = await labUp(TOPOLOGY);
  });
  after(async () => {
    try {
      if (lab) await labDown(lab.id);
    } finally {
      releaseLabLock();
    }
  });

  /** Runs the listener with `prober` while the changes happen; the changes' start times. */
  async function listen(prober: "auto" | "ping") {
    const server = lab.ns("server");
    const at: Record<string, number> = {};
    const change = async (name: string, argv: string[]) => {
      at[name] = Date.now();
      await run(argv);
      await sleep(250);
    };
    const [out] = await Promise.all([
      run(["ip", "netns", "exec", server, process.execPath, RUNNER, "4000"], {
        timeoutMs: 15_000,
        env: { LINKGUARD_PROBER: prober },
      }),
      (async () => {
        await sleep(1200);
        const port = switchPortName("server", "eth1");
        await change("pull", ["ip", "-n", lab.ns("sw"), "link", "set", port, "down"]);
        await change("plug", ["ip", "-n", lab.ns("sw"), "link", "set", port, "up"]);
        await change("add4", [
          "ip",
          "-n",
          server,
          "address",
          "add",
          "10.79.0.20/24",
          "dev",
          "eth1",
        ]);
        await change("add6", [
          "ip",
          "-n",
          server,
          "address",
          "add",
          "fd79::20/64",
          "dev",
          "eth1",
          "nodad",
        ]);
        await change("del4", [
          "ip",
          "-n",
          server,
          "address",
          "del",
          "10.79.0.20/24",
          "dev",
          "eth1",
        ]);
        await change("del6", ["ip", "-n", server, "address", "del", "fd79::20/64", "dev", "eth1"]);
        await change("down", ["ip", "-n", server, "link", "set", "eth1", "down"]);
        await change("up", ["ip", "-n", server, "link", "set", "eth1", "up"]);
      })(),
    ]);
    const lines = out
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
    return { lines, at };
  }

  test("netlink: messages the kernel dropped while the loop was busy are reported, and later events still come", {
    skip: skipNative,
  }, async () => {
    const server = lab.ns("server");
    const dir = mkdtempSync(join(tmpdir(), "lg-link-events-"));
    try {
      // 3000 link messages (each over 1 KiB) while nothing reads: more than the socket holds.
      const batch = join(dir, "batch");
      const lines = Array.from({ length: 3000 }, (_, i) => `link set dev eth1 alias lg${i}`);
      writeFileSync(batch, `${lines.join("\n")}\n`);
      let downAt = 0;
      const [out] = await Promise.all([
        run(["ip", "netns", "exec", server, process.execPath, RUNNER, "5000", "2500"], {
          timeoutMs: 20_000,
          env: { LINKGUARD_PROBER: "auto" },
        }),
        (async () => {
          await sleep(1200);
          await run(["ip", "-n", server, "-batch", batch]);
          await sleep(2500);
          downAt = Date.now();
          await run(["ip", "-n", server, "link", "set", "eth1", "down"]);
          await sleep(300);
          await run(["ip", "-n", server, "link", "set", "eth1", "up"]);
        })(),
      ]);
      const got = out
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line);
      const problems = got.flatMap((l) => (l.type === "problem" ? [l.message] : []));
      assert.ok(
        problems.some((m) => /dropped link or address events/.test(m)),
        `problems: ${JSON.stringify(problems)}; ${got.filter((l) => l.type === "link").length} link events`,
      );
      const heard = got.filter((l) => l.type === "link" && l.ifname === "eth1").length;
      assert.ok(heard > 0 && heard < 3000, `${heard} of 3000 link changes heard`);
      assert.ok(
        got.some((l) => l.type === "link" && l.ifname === "eth1" && !l.adminUp && l.t_ms >= downAt),
        "the member set down after the overflow is heard",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [prober, kind] of [
    ["auto", "netlink"],
    ["ping", "ip-monitor"],
  ] as const) {
    test(`${kind}: a pulled cable, its return, a member down and up, addresses added and removed`, {
      skip: prober === "auto" ? skipNative : false,
    }, async (t) => {
      const { lines, at } = await listen(prober);
      const head = lines[0];
      assert.equal(head?.type === "source" && head.kind, kind, JSON.stringify(head));
      assert.deepEqual(
        lines.filter((l) => l.type === "problem"),
        [],
      );
      const links = lines.filter(
        (l): l is Extract<Line, { type: "link" }> => l.type === "link" && l.ifname === "eth1",
      );
      const after = (name: string) => links.filter((l) => l.t_ms >= (at[name] ?? 0));
      // Each change, and the first event that shows it.
      const pulled = after("pull").find((l) => l.adminUp && !l.carrier);
      const plugged = after("plug").find((l) => l.adminUp && l.carrier);
      const down = after("down").find((l) => !l.adminUp);
      const up = after("up").find((l) => l.adminUp);
      assert.ok(pulled && plugged && down && up, JSON.stringify(links));
      // A veth whose peer went down is DOWN (not LOWERLAYERDOWN) in its operstate.
      assert.notEqual(pulled.operstate, "UP");
      assert.equal(plugged.operstate, "UP");
      assert.equal(pulled.deleted || plugged.deleted || down.deleted || up.deleted, false);

      const addrs = lines.flatMap((l) =>
        l.type === "address" && l.ifname === "eth1" && !l.address.startsWith("fe80")
          ? [`${l.deleted ? "-" : "+"}${l.family} ${l.address}/${l.prefix}`]
          : [],
      );
      assert.deepEqual(addrs, [
        "+inet 10.79.0.20/24",
        "+inet6 fd79::20/64",
        "-inet 10.79.0.20/24",
        "-inet6 fd79::20/64",
      ]);
      const delays = [
        pulled.t_ms - (at.pull ?? 0),
        plugged.t_ms - (at.plug ?? 0),
        down.t_ms - (at.down ?? 0),
        up.t_ms - (at.up ?? 0),
      ];
      // From starting `ip` to the event: ip's own start is most of it.
      t.diagnostic(`${kind}: change -> event ${delays.join(", ")} ms`);
      assert.ok(
        delays.every((d) => d >= 0 && d < 250),
        `events ${delays.join(", ")} ms after the change`,
      );
    });
  }
});
