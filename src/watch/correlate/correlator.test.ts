import assert from "node:assert/strict";
import { test } from "node:test";
import type { WatchEvent } from "../../events/types.js";
import { Correlator } from "./correlator.js";
import { explainIncident } from "./explain.js";

const T0 = 1_800_000_000_000;
let id = 0;
function e(
  t: number,
  kind: WatchEvent["kind"],
  subject: string,
  data: Record<string, unknown> = {},
): WatchEvent {
  const severity = kind.endsWith("-up") || kind.endsWith("recovered") ? "info" : "critical";
  const ifname = subject.split(">")[0] ?? subject;
  return {
    id: ++id,
    t_ms: T0 + t,
    kind,
    subject,
    severity,
    detail: `${kind} ${subject}`,
    ifname,
    data,
    host: "h",
  };
}

test("incident 004: probes failing before carrier are explained as a path failure upstream", () => {
  const text = explainIncident([
    e(4900, "link-down", "eth0"),
    e(150, "probe-loss", "eth0>10.0.0.1", { target: "10.0.0.1", first_lost_ms: T0 + 100 }),
  ]);
  assert.match(
    text.explanation,
    /probes via eth0 to 10\.0\.0\.1 failed 4\.8 s before eth0 lost carrier: the path died before the link; look upstream, not at the NIC\./,
  );
  assert.match(text.title, /path to 10\.0\.0\.1 died 4\.8 s before the link/);
});

test("carrier first, probes after: look at the cable or NIC", () => {
  const text = explainIncident([
    e(0, "link-down", "eth0"),
    e(60, "probe-loss", "eth0>10.0.0.1", { target: "10.0.0.1", first_lost_ms: T0 + 20 }),
  ]);
  assert.match(text.explanation, /eth0 lost carrier first/);
});

test("every member losing the same target points at the target, not a NIC", () => {
  const text = explainIncident([
    e(0, "probe-loss", "eth0>10.0.0.1", { target: "10.0.0.1" }),
    e(5, "probe-loss", "eth1>10.0.0.1", { target: "10.0.0.1" }),
  ]);
  assert.match(text.explanation, /Every listed member \(eth0, eth1\) lost 10\.0\.0\.1/);
  assert.doesNotMatch(text.explanation, /not at 10\.0\.0\.1/);
});

test("the order of events is listed with offsets from the first", () => {
  const text = explainIncident([e(0, "link-down", "eth0"), e(1500, "link-up", "eth0")]);
  assert.match(text.explanation, /\+0\.000 s {2}link-down/);
  assert.match(text.explanation, /\+1\.500 s {2}link-up/);
});

test("an incident opens on a problem, joins what follows, closes after recovery and quiet", () => {
  const c = new Correlator("h", { quietMs: 1000 });
  assert.equal(c.observe(e(0, "link-up", "eth9")), null, "info alone opens nothing");
  const opened = c.observe(e(10, "link-down", "eth0"));
  assert.equal(opened?.id, 1);
  c.observe(e(80, "probe-loss", "eth0>10.0.0.1", { target: "10.0.0.1" }));
  assert.equal(c.tick(T0 + 5000), null, "still failing");
  c.observe(e(6000, "link-up", "eth0"));
  c.observe(e(6100, "probe-recovered", "eth0>10.0.0.1"));
  assert.deepEqual(c.failing(), []);
  assert.equal(c.tick(T0 + 6500), null, "not quiet long enough");
  const closed = c.tick(T0 + 7200);
  assert.equal(closed?.closed_ms, T0 + 7200);
  assert.equal(closed?.event_ids.length, 4);
  assert.equal(
    c.observe(e(8000, "link-down", "eth1"))?.id,
    2,
    "the next problem is a new incident",
  );
});

test("an incident says where each of its members is cabled, when LLDP/CDP told the watcher", () => {
  const c = new Correlator("h");
  c.cabledBy((ifname) => (ifname === "eth0" ? "sw-a Ethernet1/5" : undefined));
  c.observe(e(0, "link-down", "eth0"));
  const incident = c.observe(e(100, "probe-loss", "eth1>10.0.0.1", { target: "10.0.0.1" }));
  assert.match(
    incident?.explanation ?? "",
    /^Cabled to \(LLDP\/CDP\): eth0 → sw-a Ethernet1\/5\.$/m,
  );
  assert.doesNotMatch(incident?.explanation ?? "", /eth1 →/, "eth1's neighbour is unknown");
});

test("a neighbour-lost incident's title and text are the switch that stopped talking", () => {
  const lost = {
    ...e(0, "neighbour-lost", "eth0"),
    detail:
      "sw-a Ethernet1/5 stopped sending LLDP to eth0 (nothing for its TTL of 120 s) while the link is up",
  };
  const text = explainIncident([lost]);
  assert.equal(text.title, lost.detail);
  assert.match(text.explanation, /^sw-a Ethernet1\/5 stopped sending LLDP to eth0/);
});

test("incident 004 part 2: LACP expiring on a member that keeps carrier titles the incident, before the probe loss it causes", () => {
  const expired = {
    ...e(4272, "lacp-state-changed", "eth0"),
    severity: "warning" as const,
    detail: "eth0 actor LACP state: +expired -collecting -distributing",
  };
  const text = explainIncident([
    e(5830, "probe-loss", "bond0>10.77.0.1", { target: "10.77.0.1" }),
    expired,
  ]);
  assert.equal(text.title, "eth0: LACP died while the link was up");
  assert.match(text.explanation, /partner's LACPDUs stopped arriving/);
});

test("LACP lost because the cable was cut is not called a dead LACP with the link up", () => {
  const text = explainIncident([
    e(0, "link-down", "eth0"),
    { ...e(300, "lacp-partner-lost", "eth0"), detail: "eth0 in bond0 lost its LACP partner" },
  ]);
  assert.equal(text.title, "eth0 lost carrier");
});
