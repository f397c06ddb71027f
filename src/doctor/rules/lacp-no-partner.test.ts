import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { bond, ev, slave, snapshot } from "../../../test/support/builders.js";
import { REPO_ROOT, readRepoFile } from "../../../test/support/paths.js";
import type { BondSlave } from "../../host/model.js";
import { decodeLacpState } from "../../host/parse/lacp-state.js";
import { parseProcNetBonding } from "../../host/parse/proc-net-bonding.js";
import { readHost } from "../../host/read/read-host.js";
import { rule } from "./lacp-no-partner.js";

const F = "proc/net/bonding/bond0";
const XSTATS = "sos_commands/networking/ip_-s_link_xstats_type_bond";

/** A member as /proc/net/bonding shows it in incident 000: nothing heard from the switch. */
function lonely(name: string, line: number, fields: Partial<BondSlave> = {}): BondSlave {
  return slave(name, {
    miiStatus: "up",
    aggregatorId: 1,
    actor: { systemMac: "24:6e:96:3a:10:f0", state: decodeLacpState(71) },
    partner: { systemMac: "00:00:00:00:00:00", state: decodeLacpState(1) },
    lacpduRx: 0,
    source: ev(`Slave Interface: ${name}`, line, F),
    ev: {
      actorPortState: ev("    port state: 71", line + 16, F),
      partnerSystemMacAddress: ev("    system mac address: 00:00:00:00:00:00", line + 19, F),
      lacpduRx: ev("LACPDU Rx 0", line, XSTATS),
    },
    ...fields,
  });
}

function partnered(name: string): BondSlave {
  return slave(name, {
    miiStatus: "up",
    aggregatorId: 1,
    actor: { state: decodeLacpState(63) },
    partner: { systemMac: "00:23:04:ee:be:01", state: decodeLacpState(63) },
    lacpduRx: 120,
  });
}

test("lacp-no-partner is critical when no member of an 802.3ad bond ever heard a LACPDU (incident 000)", () => {
  const b = bond("bond0", { mode: "802.3ad", slaves: [lonely("eno2", 42), lonely("eno1", 22)] });
  const [f, ...rest] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "critical");
  assert.equal(f?.subject, "bond0");
  assert.equal(
    f?.title,
    "bond0: no LACP partner on eno1, eno2 (Defaulted on eno1, eno2: no LACPDUs from the switch)",
  );
  // Defaulted is where "never" and "stopped" both end: the text claims neither.
  assert.match(f?.explanation ?? "", /none ever arrived, or they stopped arriving/);
  assert.match(f?.explanation ?? "", /partner system MAC 00:00:00:00:00:00/);
  assert.match(f?.explanation ?? "", /Defaulted/);
  assert.match(f?.explanation ?? "", /suspended \(no LACP PDUs\)/);
  assert.deepEqual(f?.evidence.slice(0, 4), [
    ev("Slave Interface: eno1", 22, F),
    ev("    system mac address: 00:00:00:00:00:00", 41, F),
    ev("    port state: 71", 38, F),
    ev("LACPDU Rx 0", 22, XSTATS),
  ]);
  assert.ok(
    f?.fix.includes(
      "ethtool -i eno1   # driver and firmware-version: update old NIC firmware (e.g. Dell DSU)",
    ),
  );
  assert.ok(f?.fix.some((l) => l.startsWith("ip -s link xstats type bond")));
  assert.ok(
    f?.fix.includes(
      "ip link set dev eno2 down && ip link set dev eno2 up   # restart LACP on eno2",
    ),
  );
});

test("lacp-no-partner warns when some members have a partner and names only those without", () => {
  const b = bond("bond0", { mode: "802.3ad", slaves: [partnered("eno1"), lonely("eno2", 40)] });
  const [f, ...rest] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(
    f?.title,
    "bond0: no LACP partner on eno2 (Defaulted on eno2: no LACPDUs from the switch; 1 member of 2 aggregated)",
  );
  assert.match(
    f?.explanation ?? "",
    /while eno1 does: the switch speaks LACP to this host, so on eno2 the LACPDUs stopped arriving or never came/,
  );
});

test("lacp-no-partner names Expired in the title: the partner's LACPDUs stopped arriving moments ago (incident 004)", () => {
  // Port state 135 (0x87) = Activity, Timeout (short), Aggregation, Expired (bit 7).
  const expired = lonely("eno2", 40, {
    actor: { systemMac: "24:6e:96:3a:10:f0", state: decodeLacpState(0x87) },
  });
  const b = bond("bond0", { mode: "802.3ad", slaves: [partnered("eno1"), expired] });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(
    f?.title,
    "bond0: no LACP partner on eno2 (Expired on eno2: no LACPDUs from the switch; 1 member of 2 aggregated)",
  );
  assert.match(
    f?.explanation ?? "",
    /Expired means the partner's LACPDUs stopped arriving moments ago/,
  );
  assert.match(f?.explanation ?? "", /Expired \(LACPDUs from the partner stopped arriving\)/);
});

test("lacp-no-partner counts a zero LACPDU Rx counter or the Defaulted bit on their own", () => {
  const rxOnly = lonely("eno1", 1, { partner: { systemMac: "00:23:04:ee:be:01" }, actor: {} });
  const defaultedOnly = lonely("eno2", 30, { partner: {}, lacpduRx: 5 });
  const b = bond("bond0", { mode: "802.3ad", slaves: [rxOnly, defaultedOnly] });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(f?.severity, "critical");
  assert.match(f?.explanation ?? "", /eno1: LACPDU Rx 0/);
  assert.match(
    f?.explanation ?? "",
    /eno2: actor port state 71 = Activity \(active LACP\), Timeout \(short, 1 s LACPDUs\), Aggregation \(aggregatable\), Defaulted \(no LACPDU received/,
  );
});

test("lacp-no-partner reads the active aggregator's partner MAC when members show no LACP details", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { id: 1, ports: 1, partnerMac: "00:00:00:00:00:00" } },
    ev: { partnerMac: ev("\tPartner Mac Address: 00:00:00:00:00:00", 21, F) },
    slaves: [slave("eno1", { miiStatus: "up", aggregatorId: 1 })],
  });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(f?.severity, "critical");
  assert.ok(f?.evidence.some((e) => e.line === 21));
});

test("lacp-no-partner leaves a member that is MII down to bond-slave-down", () => {
  const down = lonely("eno2", 40, { miiStatus: "down" });
  const b = bond("bond0", { mode: "802.3ad", slaves: [partnered("eno1"), down] });
  assert.deepEqual(rule.check(snapshot({ bonds: [b] })), []);
});

test("lacp-no-partner reports every member when all of them are MII down and partnerless", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    slaves: [lonely("eno1", 1, { miiStatus: "down" }), lonely("eno2", 30, { miiStatus: "down" })],
  });
  assert.equal(rule.check(snapshot({ bonds: [b] }))[0]?.severity, "critical");
});

test("lacp-no-partner stays silent on a negotiated 802.3ad bond and on other modes", () => {
  const healthy = bond("bond0", {
    mode: "802.3ad",
    slaves: [partnered("eno1"), partnered("eno2")],
  });
  const ab = bond("bond1", {
    mode: "active-backup",
    slaves: [lonely("eth0", 1), lonely("eth1", 30)],
  });
  const hidden = bond("bond2", { mode: "802.3ad", slaves: [slave("eth2", { miiStatus: "up" })] });
  assert.deepEqual(rule.check(snapshot({ bonds: [healthy, ab, hidden] })), []);
});

const fixture = (c: string) => readHost(join(REPO_ROOT, "test/fixtures/hosts", c), { live: false });

test("lacp-no-partner: a member in another aggregator has no partner when the active one has none (ad_agg_selection_logic)", () => {
  // Real v3.2.4 text: eth1 in active aggregator 3 (partner 00:00:00:00:00:00), eth2 in aggregator 2.
  const [f] = rule.check(fixture("8023ad-split-aggregator-no-partner"));
  assert.equal(f?.severity, "critical");
  assert.equal(f?.title, "bond0: no LACP partner on eth1, eth2");
  assert.doesNotMatch(f?.explanation ?? "", /has a partner and carr/);
  assert.match(
    f?.explanation ?? "",
    /eth2: it sits in aggregator 2, not in the active aggregator 3/,
  );
});

test("lacp-no-partner: an empty Aggregator ID does not inherit the active aggregator's partner", () => {
  const [f] = rule.check(fixture("8023ad-empty-aggregator-id"));
  assert.match(
    f?.explanation ?? "",
    /eth2: its Aggregator ID line is empty, not in the active aggregator 3/,
  );
  assert.doesNotMatch(f?.explanation ?? "", /eth2: active aggregator partner MAC/);
  assert.ok(f?.evidence.some((e) => e.text === "Aggregator ID:"));
});

test("lacp-no-partner says when the bond itself runs LACP passive (kernel 6.x 'LACP active: off')", () => {
  const file = "test/fixtures/hosts/8023ad-empty-aggregator-id/proc/net/bonding/bond0";
  const text = readRepoFile(file).replace("LACP rate: slow", "LACP active: off\nLACP rate: slow");
  const [b] = parseProcNetBonding(text, file, "bond0").value;
  assert.equal(b?.ad?.lacpActive, "off");
  const [f] = rule.check(snapshot({ bonds: b ? [b] : [] }));
  assert.match(f?.explanation ?? "", /runs LACP passive \(lacp_active off\)/);
  assert.ok(f?.evidence.some((e) => e.text === "LACP active: off"));
  assert.ok(f?.fix.some((l) => l.includes("echo on > /sys/class/net/bond0/bonding/lacp_active")));
});

test("lacp-no-partner does not place a member outside the active aggregator when the active aggregator's ID is unknown", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { partnerMac: "00:00:00:00:00:00" } },
    ev: {
      partnerMac: ev(
        "bond0 ad_partner_mac 00:00:00:00:00:00",
        1,
        "sos_commands/networking/ip_-d_-j_link",
      ),
    },
    slaves: [slave("eno1", { miiStatus: "up", aggregatorId: 2 })],
  });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.match(f?.explanation ?? "", /eno1: active aggregator partner MAC 00:00:00:00:00:00/);
});
