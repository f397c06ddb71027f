import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../../test/support/paths.js";
import { type MonitorMessage, parseMonitorLine } from "./ip-monitor.js";
import { decodeRtnetlink } from "./rtnetlink.js";

// Datagrams read from Linux 6.18's rtnetlink by the native prober, and the lines `ip -o
// monitor link address` printed for the same changes at the same time (PROVENANCE there).
const DIR = join(REPO_ROOT, "test/fixtures/rtnetlink");
const datagrams = readFileSync(join(DIR, "datagrams.hex"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((h) => Buffer.from(h, "hex"));
const lines = readFileSync(join(DIR, "ip-monitor.txt"), "utf8").split("\n").filter(Boolean);

/** Names as ip learns them: from the link messages seen so far. */
function decodeAll(): MonitorMessage[] {
  const names = new Map<number, string>();
  return datagrams.flatMap((d) => {
    const ms = decodeRtnetlink(d, (i) => names.get(i) ?? null);
    for (const m of ms) if (m.type === "link") names.set(m.index, m.ifname);
    return ms;
  });
}

/** What the watcher and mpath use of a message (ip's M-DOWN is the peer's state, not ours). */
function essentials(m: MonitorMessage): unknown {
  if (m.type === "link") {
    const { type, deleted, index, ifname, carrier, adminUp, operstate, mtu, master } = m;
    const flags = m.flags.filter((f) => f !== "M-DOWN");
    return { type, deleted, index, ifname, carrier, adminUp, operstate, mtu, master, flags };
  }
  return m;
}

test("decodeRtnetlink reads the kernel's link and address events as ip monitor prints them", () => {
  const decoded = decodeAll();
  assert.equal(decoded.length, lines.length);
  assert.deepEqual(decoded.map(essentials), lines.map(parseMonitorLine).map(essentials));
});

test("decodeRtnetlink: carrier, admin state and operstate through a veth's life", () => {
  const a0 = decodeAll().filter((m) => m.type === "link" && m.ifname === "a0");
  const states = a0.map((m) =>
    m.type === "link"
      ? `${m.adminUp ? "up" : "down"}/${m.carrier ? "carrier" : "none"}/${m.operstate}/${m.mtu}`
      : "",
  );
  assert.deepEqual(states, [
    "down/none/DOWN/1500",
    "down/none/DOWN/9000",
    "up/none/LOWERLAYERDOWN/9000",
    "up/carrier/UP/9000",
    "up/none/LOWERLAYERDOWN/9000",
    "down/none/DOWN/9000",
    "down/none/DOWN/9000",
  ]);
  const last = a0.at(-1);
  assert.equal(last?.type === "link" && last.deleted, true, "the last one is its removal");
});

test("decodeRtnetlink: IPv4 and IPv6 addresses added and removed, IPv6 in RFC 5952 text", () => {
  const addrs = decodeAll().flatMap((m) =>
    m.type === "address" ? [`${m.deleted ? "-" : "+"}${m.ifname} ${m.address}/${m.prefix}`] : [],
  );
  assert.deepEqual(addrs, [
    "+a0 10.1.0.1/24",
    "+a0 2001:db8::1/64",
    "-b0 fe80::6c4e:2ff:fe30:9109/64",
    "-a0 10.1.0.1/24",
    "-a0 2001:db8::1/64",
    "-a0 fe80::800a:5eff:febf:d03b/64",
  ]);
});

test("decodeRtnetlink: a port's master is named; an unknown index is named like ip names it", () => {
  const names = new Map<number, string>();
  const enslaved = datagrams
    .flatMap((d) => {
      const ms = decodeRtnetlink(d, (i) => names.get(i) ?? null);
      for (const m of ms) if (m.type === "link") names.set(m.index, m.ifname);
      return ms;
    })
    .find((m) => m.type === "link" && m.master !== null);
  assert.equal(
    enslaved?.type === "link" && `${enslaved.ifname} in ${enslaved.master}`,
    "b0 in br0",
  );
  // With no name known for an index: an IPv4 address still has its label, an IPv6 one is
  // "if3", as ip prints an index it cannot name.
  const unnamed = datagrams
    .flatMap((d) => decodeRtnetlink(d, () => null))
    .flatMap((m) => (m.type === "address" && !m.deleted ? [`${m.family} ${m.ifname}`] : []));
  assert.deepEqual(unnamed, ["inet a0", "inet6 if3"]);
});

test("decodeRtnetlink never throws on a datagram cut anywhere, and keeps the whole messages before the cut", () => {
  for (const d of datagrams) {
    const whole = decodeRtnetlink(d, () => null);
    for (let cut = 0; cut < d.length; cut++) {
      const part = decodeRtnetlink(d.subarray(0, cut), () => null);
      assert.ok(part.length <= whole.length);
    }
  }
  // Two datagrams back to back are one datagram of two messages.
  const two = Buffer.concat([datagrams[0] as Buffer, datagrams[1] as Buffer]);
  assert.equal(decodeRtnetlink(two, () => null).length, 2);
});
