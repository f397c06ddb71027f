import assert from "node:assert/strict";
import { test } from "node:test";
import { rates as storeRates, sample as storeSample } from "../../../test/support/store-data.js";
import type {
  InterfaceRates,
  InterfaceSample,
  ProbeResult,
  WatchEvent,
} from "../../events/types.js";
import { DEFAULT_DETECTOR_CONFIG } from "./config.js";
import { Detector } from "./detector.js";

const T0 = 1_800_000_000_000;

// The store tests' builders, with times relative to T0.
const sample = (ifname: string, t: number, fields: Partial<InterfaceSample> = {}) =>
  storeSample(ifname, T0 + t, fields);
const rates = (fields: Partial<InterfaceRates> = {}) =>
  storeRates({ interval_ms: 100, rx_bps: 0, tx_bps: 0, rx_pps: 0, tx_pps: 0, ...fields });

function probe(
  t: number,
  ok: boolean,
  ifname = "eth0",
  rtt: number | null = ok ? 0.5 : null,
): ProbeResult {
  return { t_ms: T0 + t, ifname, target: "10.0.0.1", kind: "icmp", seq: t, ok, rtt_ms: rtt };
}

const kinds = (events: WatchEvent[]) => events.map((e) => e.kind);

function ready(d: Detector, ...ifnames: string[]): void {
  for (const i of ifnames) d.sample(sample(i, 0), null);
  d.links.markReady();
}

test("carrier loss and return are link-down and link-up; the first sample is only a baseline", () => {
  const d = new Detector("h");
  assert.deepEqual(d.sample(sample("eth0", 0), null), []);
  const down = d.link({
    t_ms: T0 + 10,
    ifname: "eth0",
    carrier: false,
    operstate: "down",
    source: "netlink",
  });
  assert.deepEqual(kinds(down), ["link-down"]);
  assert.equal(down[0]?.severity, "critical");
  // The sampler seeing the same state later adds nothing.
  assert.deepEqual(d.sample(sample("eth0", 50, { carrier: false, operstate: "down" }), null), []);
  assert.deepEqual(
    kinds(
      d.link({ t_ms: T0 + 90, ifname: "eth0", carrier: true, operstate: "up", source: "netlink" }),
    ),
    ["link-up"],
  );
});

test("three carrier changes within a minute are a carrier-flap, once", () => {
  const d = new Detector("h");
  ready(d, "eth0");
  const seen: string[] = [];
  for (let i = 1; i <= 6; i++) {
    seen.push(
      ...kinds(
        d.link({
          t_ms: T0 + i * 300,
          ifname: "eth0",
          carrier: i % 2 === 0,
          operstate: "x",
          source: "netlink",
        }),
      ),
    );
  }
  assert.equal(seen.filter((k) => k === "carrier-flap").length, 1);
});

test("interfaces appearing and leaving after start are reported", () => {
  const d = new Detector("h");
  ready(d, "eth0");
  assert.deepEqual(kinds(d.sample(sample("veth9", 100), null)), ["interface-added"]);
  assert.deepEqual(
    kinds(
      d.link({
        t_ms: T0 + 200,
        ifname: "veth9",
        carrier: false,
        operstate: "down",
        deleted: true,
        source: "netlink",
      }),
    ),
    ["interface-removed"],
  );
});

test("probe-loss after three lost probes, probe-recovered after five answers", () => {
  const d = new Detector("h");
  const out: WatchEvent[] = [];
  for (let i = 0; i < 3; i++) out.push(...d.probe(probe(i * 20, false)));
  assert.deepEqual(kinds(out), ["probe-loss"]);
  assert.equal(out[0]?.subject, "eth0>10.0.0.1");
  assert.equal(out[0]?.data?.first_lost_ms, T0);
  const back: WatchEvent[] = [];
  for (let i = 3; i < 8; i++) back.push(...d.probe(probe(i * 20, true)));
  assert.deepEqual(kinds(back), ["probe-recovered"]);
});

test("two lost probes and an answer are not a failure (hysteresis)", () => {
  const d = new Detector("h");
  const out = [false, false, true, false, false, true].flatMap((ok, i) =>
    d.probe(probe(i * 20, ok)),
  );
  assert.deepEqual(out, []);
});

test("an RTT far over the learned average is an rtt-spike; the first answers only teach", () => {
  const d = new Detector("h");
  const out: WatchEvent[] = [];
  for (let i = 0; i < 20; i++)
    out.push(...d.probe(probe(i * 20, true, "eth0", 0.5 + (i % 2) * 0.1)));
  assert.deepEqual(out, []);
  assert.deepEqual(kinds(d.probe(probe(500, true, "eth0", 120))), ["rtt-spike"]);
});

test("receive falling to zero with carrier up is a traffic-stall after stallMs", () => {
  const d = new Detector("h");
  ready(d, "eth0");
  d.sample(sample("eth0", 100), rates({ rx_pps: 50 }));
  const out: WatchEvent[] = [];
  for (let t = 200; t <= 3400; t += 100)
    out.push(...d.sample(sample("eth0", t), rates({ rx_pps: 0 })));
  assert.deepEqual(kinds(out), ["traffic-stall"]);
});

test("a stall clock does not run while carrier is down", () => {
  const d = new Detector("h");
  ready(d, "eth0");
  d.sample(sample("eth0", 100), rates({ rx_pps: 50 }));
  const out: WatchEvent[] = [];
  for (let t = 200; t <= 5000; t += 100)
    out.push(...d.sample(sample("eth0", t, { carrier: false }), rates({ rx_pps: 0 })));
  assert.deepEqual(
    kinds(out).filter((k) => k === "traffic-stall"),
    [],
  );
});

test("a receive rate far over the baseline is a pps-storm", () => {
  const d = new Detector("h");
  ready(d, "eth0");
  for (let t = 100; t < 2000; t += 100) d.sample(sample("eth0", t), rates({ rx_pps: 1000 }));
  assert.deepEqual(kinds(d.sample(sample("eth0", 2100), rates({ rx_pps: 90_000 }))), ["pps-storm"]);
  assert.deepEqual(
    d.sample(sample("eth0", 2200), rates({ rx_pps: 95_000 })),
    [],
    "one event per storm",
  );
});

test("errors over the limit within one second are an error-burst; drops at carrier loss are not", () => {
  const d = new Detector("h");
  ready(d, "eth0");
  const downDrops = d.sample(
    sample("eth0", 100, { carrier: false }),
    rates({ tx_dropped_ps: 500 }),
  );
  assert.deepEqual(
    kinds(downDrops).filter((k) => k === "error-burst"),
    [],
  );
  const burst = d.sample(sample("eth0", 200), rates({ rx_errors_ps: 200 }));
  assert.deepEqual(kinds(burst), ["link-up", "error-burst"]);
});

test("tx-stall: probes fail, frames still arrive, and the transmit counter stands still", () => {
  const d = new Detector("h");
  ready(d, "eth0");
  d.sample(sample("eth0", 10, { rx_packets: 100, tx_packets: 500 }), rates());
  for (let i = 0; i < 3; i++) d.probe(probe(20 + i * 20, false));
  const out: WatchEvent[] = [];
  for (let t = 200; t <= 1600; t += 100) {
    out.push(
      ...d.sample(
        sample("eth0", t, { rx_packets: 100 + t / 100, tx_packets: 500 }),
        rates({ rx_pps: 10 }),
      ),
    );
  }
  assert.deepEqual(kinds(out), ["tx-stall"]);
  assert.match(out[0]?.detail ?? "", /transmit counter stands still/);
});

test("no tx-stall when the member transmits normally (a path fault, not the NIC)", () => {
  const d = new Detector("h");
  ready(d, "eth0");
  d.sample(sample("eth0", 10, { rx_packets: 100, tx_packets: 500 }), rates());
  for (let i = 0; i < 3; i++) d.probe(probe(20 + i * 20, false));
  const out: WatchEvent[] = [];
  for (let t = 200; t <= 3000; t += 100) {
    out.push(
      ...d.sample(
        sample("eth0", t, { rx_packets: 100 + t, tx_packets: 500 + t }),
        rates({ rx_pps: 10, tx_pps: 50 }),
      ),
    );
  }
  assert.deepEqual(out, []);
});

test("no tx-stall once carrier changed during the failure", () => {
  const d = new Detector("h");
  ready(d, "eth0");
  d.sample(sample("eth0", 10, { rx_packets: 100, tx_packets: 500 }), rates());
  for (let i = 0; i < 3; i++) d.probe(probe(20 + i * 20, false));
  d.link({ t_ms: T0 + 100, ifname: "eth0", carrier: false, operstate: "down", source: "netlink" });
  d.link({ t_ms: T0 + 150, ifname: "eth0", carrier: true, operstate: "up", source: "netlink" });
  const out: WatchEvent[] = [];
  for (let t = 200; t <= 2000; t += 100)
    out.push(...d.sample(sample("eth0", t, { rx_packets: 100 + t, tx_packets: 500 }), rates()));
  assert.deepEqual(kinds(out), []);
});

test("an address leaving one interface for another is address-moved", () => {
  const d = new Detector("h");
  assert.deepEqual(d.address(T0, "eth0", "10.0.0.50", true), []);
  const out = d.address(T0 + 30, "eth1", "10.0.0.50", false);
  assert.deepEqual(kinds(out), ["address-moved"]);
  assert.equal(out[0]?.detail, "10.0.0.50 moved from eth0 to eth1");
});

test("ARP answers alternating between two MACs are an address-conflict; one change that sticks is a move", () => {
  const d = new Detector("h");
  const a = "02:00:00:00:00:0a";
  const b = "02:00:00:00:00:0b";
  const conflict = [a, b, a, b].flatMap((mac, i) =>
    d.arpReply(T0 + i * 10, "eth0", "10.0.0.100", mac),
  );
  assert.deepEqual(kinds(conflict), ["address-conflict"]);
  const d2 = new Detector("h");
  const moved = [a, a, b, b, b].flatMap((mac, i) =>
    d2.arpReply(T0 + i * 1000, "eth0", "10.0.0.1", mac),
  );
  assert.deepEqual(kinds(moved), ["address-moved"]);
});

test("defaults stay what the docs say", () => {
  assert.equal(DEFAULT_DETECTOR_CONFIG.probeLossCount, 3);
  assert.equal(DEFAULT_DETECTOR_CONFIG.probeRecoverCount, 5);
});
