// One contract for both probers, in the real kernel: the native one (raw sockets) and the
// ping/arping fallback run the same paths in a lab namespace and must report the same things:
// answered probes with their RTT, lost probes as lost, ARP replies with the answering MAC.
// The native prober alone promises ARP probes below a second and sub-millisecond RTTs.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { ProbeResult } from "../src/events/types.js";
import { run } from "../src/host/exec.js";
import { type Lab, labDown, labUp } from "../src/lab/lab.js";
import type { TopologySpec } from "../src/lab/topology.js";
import { chooseProber } from "../src/runtime/prober.js";
import { acquireLabLock, releaseLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";

const skip = needs({ root: true, tools: ["ip", "bridge", "ping", "arping", "stdbuf"] });
// The native half needs the addon built by npm ci; in CI it must have been.
const native = skip === false ? chooseProber("auto") : null;
if (native?.kind === "ping" && process.env.CI === "true")
  throw new Error(`the native prober cannot run in CI: ${native.reason}`);
const skipNative = skip || (native?.kind === "ping" ? native.reason : false);
const RUNNER = fileURLToPath(new URL("./support/probe-runner.js", import.meta.url));

const PEER = "10.78.0.1";
const NOBODY = "10.78.0.99";
const PEER6 = "fd78::1";
const NOBODY6 = "fd78::99";
const TOPOLOGY: TopologySpec = {
  name: "probe-pair",
  description: "a server and one peer on a switch",
  switches: ["sw"],
  hosts: [
    { name: "server", interfaces: [{ name: "eth0", addresses: ["10.78.0.10/24"], switch: "sw" }] },
    { name: "peer", interfaces: [{ name: "eth0", addresses: [`${PEER}/24`], switch: "sw" }] },
  ],
};

type Line =
  | { type: "prober"; kind: string; reason: string }
  | ({ type: "result"; interval: number } & ProbeResult)
  | { type: "arp"; t_ms: number; ifname: string; target: string; mac: string }
  | { type: "problem"; message: string };

async function probe(
  lab: Lab,
  prober: "native" | "ping",
  ms: number,
  paths: { target: string; kind: "icmp" | "arp"; interval: number }[],
  during: () => Promise<void> = async () => undefined,
): Promise<Line[]> {
  const spec = { prober, ms, paths: paths.map((p) => ({ ifname: "eth0", ...p })) };
  const [out] = await Promise.all([
    run(["ip", "netns", "exec", lab.ns("server"), process.execPath, RUNNER, JSON.stringify(spec)], {
      timeoutMs: ms + 10_000,
    }),
    during(),
  ]);
  return out
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

/**
 * Gives server and peer an IPv6 address each (no duplicate detection, so usable at once) and
 * waits, bounded, until their link-local addresses are usable too; returns the peer's.
 */
async function ipv6Ready(lab: Lab): Promise<string> {
  for (const [host, address] of [
    ["server", "fd78::10/64"],
    ["peer", `${PEER6}/64`],
  ] as const) {
    const have = await run(["ip", "-n", lab.ns(host), "-6", "address", "show", "dev", "eth0"]);
    if (!have.includes(address))
      await run(["ip", "-n", lab.ns(host), "address", "add", address, "dev", "eth0", "nodad"]);
  }
  const until = Date.now() + 5000;
  for (;;) {
    const shown = await Promise.all(
      ["server", "peer"].map((h) =>
        run(["ip", "-n", lab.ns(h), "-6", "-j", "address", "show", "dev", "eth0", "scope", "link"]),
      ),
    );
    // iproute2 6.1 leaves an empty object for each address the filter drops.
    const addrs = shown.map((text) =>
      (
        (JSON.parse(text) as { addr_info: { local?: string; tentative?: boolean }[] }[])[0]
          ?.addr_info ?? []
      ).filter((a) => a.local !== undefined),
    );
    const ready = addrs.every((a) => a.length > 0 && a.every((x) => !x.tentative));
    const peer = addrs[1]?.[0]?.local;
    if (ready && peer) return peer;
    if (Date.now() > until) throw new Error(`link-local addresses not ready: ${shown.join(" ")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const results = (lines: Line[], target: string, kind: string) =>
  lines.filter(
    (l): l is Extract<Line, { type: "result" }> =>
      l.type === "result" && l.target === target && l.kind === kind,
  );

describe("prober contract", { skip, concurrency: false }, () => {
  let lab: Lab;
  let peerMac = "";
  before(async () => {
    await acquireLabLock();
    lab = await labUp(TOPOLOGY);
    const link = JSON.parse(
      await run(["ip", "-n", lab.ns("peer"), "-j", "link", "show", "dev", "eth0"]),
    ) as { address: string }[];
    peerMac = link[0]?.address ?? "";
  });
  after(async () => {
    try {
      if (lab) await labDown(lab.id);
    } finally {
      releaseLabLock();
    }
  });

  for (const prober of ["native", "ping"] as const) {
    test(`${prober}: answers with RTTs, silence as losses, ARP replies with the peer's MAC`, {
      skip: prober === "native" ? skipNative : false,
    }, async () => {
      const lines = await probe(lab, prober, 3300, [
        { target: PEER, kind: "icmp", interval: 100 },
        { target: NOBODY, kind: "icmp", interval: 100 },
        { target: PEER, kind: "arp", interval: 1000 },
      ]);
      const head = lines[0];
      assert.equal(head?.type === "prober" && head.kind, prober, JSON.stringify(head));

      const answered = results(lines, PEER, "icmp");
      assert.ok(
        answered.length >= 25 && answered.length <= 35,
        `${answered.length} ICMP results in 3.3 s at 100 ms`,
      );
      // The first probe may meet an empty neighbour cache; every later one is answered.
      const later = answered.slice(1);
      assert.ok(
        later.every((r) => r.ok && r.rtt_ms !== null && r.rtt_ms > 0 && r.rtt_ms < 50),
        JSON.stringify(later.filter((r) => !r.ok)),
      );
      const seqs = later.map((r) => r.seq);
      assert.equal(new Set(seqs).size, seqs.length, "one result per probe");

      const silent = results(lines, NOBODY, "icmp");
      assert.ok(
        silent.length >= 15,
        `${silent.length} results for a silent target in 3.3 s at 100 ms`,
      );
      assert.ok(
        silent.every((r) => !r.ok && r.rtt_ms === null),
        "a silent target's probes are all lost",
      );

      const arp = results(lines, PEER, "arp");
      assert.ok(arp.length >= 2, `${arp.length} ARP results in 3.3 s at 1 s`);
      assert.ok(
        arp.every((r) => r.ok),
        JSON.stringify(arp),
      );
      const macs = new Set(lines.flatMap((l) => (l.type === "arp" ? [l.mac.toLowerCase()] : [])));
      assert.deepEqual([...macs], [peerMac.toLowerCase()]);
      assert.deepEqual(
        lines.filter((l) => l.type === "problem"),
        [],
      );
    });
  }

  for (const prober of ["native", "ping"] as const) {
    test(`${prober}: a member taken down and up again is lost meanwhile and answers after`, {
      skip: prober === "native" ? skipNative : false,
    }, async () => {
      const server = lab.ns("server");
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const paths = [
        { target: PEER, kind: "icmp" as const, interval: 100 },
        // arping gives up on a downed interface and is restarted with back-off: native only.
        ...(prober === "native" ? [{ target: PEER, kind: "arp" as const, interval: 100 }] : []),
      ];
      const lines = await probe(lab, prober, 4500, paths, async () => {
        await sleep(1000);
        await run(["ip", "-n", server, "link", "set", "eth0", "down"]);
        await sleep(1000);
        await run(["ip", "-n", server, "link", "set", "eth0", "up"]);
      });
      for (const p of paths) {
        const rs = results(lines, PEER, p.kind);
        const marks = rs.map((r) => (r.ok ? "+" : "-")).join("");
        assert.match(
          marks,
          /^-?\++-{5,}\++$/,
          `${p.kind}: answered, lost while down, answered again`,
        );
        assert.ok(/\+{8,}$/.test(marks), `${p.kind}: ${marks}`);
      }
    });
  }

  test("ping: ICMP every 12 ms keeps that spacing on average (iputils alone stretches it to 16-20 ms)", async () => {
    const lines = await probe(lab, "ping", 2000, [{ target: PEER, kind: "icmp", interval: 12 }]);
    const rs = results(lines, PEER, "icmp");
    // 2 s at 12 ms is 166 probes; without the preload ping sent about 120.
    assert.ok(rs.length >= 145, `${rs.length} ICMP results in 2 s at 12 ms`);
    // Its early sends are not taken for losses: nearly every probe is answered.
    const lost = rs.filter((r) => !r.ok).length;
    assert.ok(lost <= rs.length * 0.03, `${lost} of ${rs.length} lost on a quiet lab link`);
  });

  for (const prober of ["native", "ping"] as const) {
    test(`${prober}: IPv6 echo to a global and a link-local target answered, a silent IPv6 target's probes lost`, {
      skip: prober === "native" ? skipNative : false,
    }, async () => {
      const linkLocal = await ipv6Ready(lab);
      const lines = await probe(lab, prober, 2500, [
        { target: PEER6, kind: "icmp", interval: 50 },
        { target: linkLocal, kind: "icmp", interval: 50 },
        { target: NOBODY6, kind: "icmp", interval: 50 },
      ]);
      for (const target of [PEER6, linkLocal]) {
        // The first probe may meet an empty neighbour cache; every later one is answered.
        const answered = results(lines, target, "icmp").slice(1);
        assert.ok(answered.length >= 30, `${target}: ${answered.length} results in 2.5 s at 50 ms`);
        assert.ok(
          answered.every((r) => r.ok && r.rtt_ms !== null && r.rtt_ms < 50),
          `${target}: ${JSON.stringify(answered.filter((r) => !r.ok))}`,
        );
        if (prober === "native")
          assert.ok(
            answered.every((r) => (r.rtt_ms as number) < 1),
            `${target}: RTTs ${answered.map((r) => r.rtt_ms).join(", ")}`,
          );
      }
      const silent = results(lines, NOBODY6, "icmp");
      assert.ok(silent.length >= 10, `${silent.length} results for a silent IPv6 target`);
      assert.ok(
        silent.every((r) => !r.ok),
        "a silent IPv6 target's probes are all lost",
      );
      assert.deepEqual(
        lines.filter((l) => l.type === "problem"),
        [],
      );
    });
  }

  test("native: ARP probes every 20 ms, each answered, RTTs below a millisecond", {
    skip: skipNative,
  }, async () => {
    const lines = await probe(lab, "native", 1000, [{ target: PEER, kind: "arp", interval: 20 }]);
    const arp = results(lines, PEER, "arp");
    assert.ok(arp.length >= 40 && arp.length <= 52, `${arp.length} ARP results in 1 s at 20 ms`);
    assert.ok(
      arp.every((r) => r.ok),
      JSON.stringify(arp.filter((r) => !r.ok)),
    );
    const rtts = arp.map((r) => r.rtt_ms as number);
    assert.ok(
      rtts.every((x) => x > 0 && x < 1),
      `RTTs ${rtts.join(", ")}`,
    );
    // Kernel timestamps, not a clock that ticks in milliseconds: the RTTs differ from each other.
    assert.ok(new Set(rtts).size > arp.length / 2, `RTTs ${rtts.join(", ")}`);
  });

  test("native: ICMP every 20 ms, answers below a millisecond, a silent target's probes lost one by one", {
    skip: skipNative,
  }, async () => {
    const lines = await probe(lab, "native", 1500, [
      { target: PEER, kind: "icmp", interval: 20 },
      { target: NOBODY, kind: "icmp", interval: 20 },
    ]);
    const answered = results(lines, PEER, "icmp").slice(1);
    assert.ok(answered.length >= 60, `${answered.length} answers in 1.5 s at 20 ms`);
    assert.ok(
      answered.every((r) => r.ok && (r.rtt_ms as number) < 1),
      JSON.stringify(answered.filter((r) => !r.ok || (r.rtt_ms as number) >= 1)),
    );
    // Before any answer the timeout is a second: a silent target's first loss is after 1 s,
    // then one every 20 ms.
    const lost = results(lines, NOBODY, "icmp");
    assert.ok(lost.length >= 15 && lost.every((r) => !r.ok), `${lost.length} lost`);
    const gaps = lost.slice(1).map((r, i) => r.t_ms - (lost[i] as ProbeResult).t_ms);
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] as number;
    assert.ok(median >= 15 && median <= 25, `losses ${median} ms apart (median), not 20`);
  });
});
