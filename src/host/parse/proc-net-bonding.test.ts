import assert from "node:assert/strict";
import { test } from "node:test";
import { CORPUS, listFiles, readCorpus, readRepoFile } from "../../../test/support/paths.js";
import { parseProcNetBonding } from "./proc-net-bonding.js";

const DIR = "proc-net-bonding";
const parse = (name: string) =>
  parseProcNetBonding(readCorpus(`${DIR}/${name}`), `${DIR}/${name}`, "bond0");
const ERROR_SAMPLES = new Set(["corrupt-fragment-no-header.txt", "unknown-bonding-mode-line.txt"]);

for (const name of listFiles(`${CORPUS}/${DIR}`)) {
  test(`parseProcNetBonding reads corpus ${name} without throwing`, () => {
    const { value, problems } = parse(name);
    if (ERROR_SAMPLES.has(name)) {
      assert.ok(problems.length > 0, "an error sample must report a problem");
      return;
    }
    assert.ok(value.length >= 1, "at least one bond");
    for (const b of value) assert.notEqual(b.mode, "unknown", `${b.name} mode`);
    for (const p of problems) assert.ok(p.line > 0 && p.file.endsWith(name));
  });
}

test("parseProcNetBonding reads each slave's partner MAC, churn and LACP port state (incident 000 shape)", () => {
  const [bond] = parse("8023ad-partner-mac-zero-churned-slave-down-pdu-details.txt").value;
  assert.ok(bond);
  assert.equal(bond.mode, "802.3ad");
  assert.equal(bond.driverVersion, "3.7.1 (April 27, 2011)");
  assert.equal(bond.ad?.activeAggregator?.partnerMac, "00:00:00:00:00:00");
  assert.equal(bond.ad?.lacpRate, "slow");
  const [a, b] = bond.slaves;
  assert.equal(a?.name, "enp0s9");
  assert.equal(a?.partner?.systemMac, "00:00:00:00:00:00");
  assert.equal(a?.partnerChurnState, "churned");
  assert.equal(a?.actor?.state?.raw, 77);
  assert.equal(a?.actor?.state?.defaulted, true);
  assert.equal(a?.ev.partnerSystemMacAddress?.text.trim(), "system mac address: 00:00:00:00:00:00");
  assert.equal(b?.miiStatus, "down");
  assert.equal(b?.speedMbps, undefined, "Speed: Unknown");
  assert.equal(b?.aggregatorId, 2);
});

test("parseProcNetBonding sees the split aggregators of the two-aggregator sample", () => {
  const [bond] = parse("8023ad-v3.4.0-two-aggregators-half-ports-idle.txt").value;
  const ids = bond?.slaves.map((s) => s.aggregatorId);
  assert.deepEqual(ids, [2, 2, 3, 3]);
});

test("parseProcNetBonding treats 'Aggregator ID: N/A' and an empty id as unknown", () => {
  const [na] = parse("8023ad-v3.5.0-no-active-aggregator-agg-id-na.txt").value;
  assert.ok(na?.slaves.every((s) => s.aggregatorId === undefined));
  const [empty] = parse("8023ad-v3.2.4-original-no-speed-empty-aggregator-id.txt").value;
  assert.equal(empty?.slaves[1]?.aggregatorId, undefined);
});

test("parseProcNetBonding reports the garbled line with its number and keeps the rest", () => {
  const { value, problems } = parse(
    "8023ad-v3.2.4-partner-mac-zero-split-aggregator-garbled-line.txt",
  );
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.line, 31);
  assert.equal(value[0]?.slaves.length, 2);
});

test("parseProcNetBonding reads ARP monitoring and the flapping counts", () => {
  const [bond] = parse("active-backup-arp-monitor-flapping-same-perm-hwaddr.txt").value;
  assert.equal(bond?.arpInterval, 1000);
  assert.deepEqual(bond?.arpIpTargets, ["10.152.1.1"]);
  assert.equal(bond?.primary, "em3");
  assert.equal(bond?.primaryReselect, "failure");
  assert.deepEqual(
    bond?.slaves.map((s) => s.linkFailureCount),
    [92028, 71524],
  );
  assert.equal(bond?.miimon, 0);
});

test("parseProcNetBonding reads the 2004 format without speed or permanent address", () => {
  const [bond] = parse("balance-rr-v2.6.1-2004-oldest-format.txt").value;
  assert.equal(bond?.mode, "balance-rr");
  assert.equal(bond?.miimon, 1000);
  assert.deepEqual(
    bond?.slaves.map((s) => [s.name, s.linkFailureCount]),
    [
      ["eth1", 1],
      ["eth0", 1],
    ],
  );
});

test("parseProcNetBonding splits a tail -v dump into one bond per header", () => {
  const { value } = parse("multi-file-tail-format-agent-section.txt");
  assert.deepEqual(
    value.map((b) => [b.name, b.mode]),
    [
      ["bond0", "balance-rr"],
      ["bond1", "active-backup"],
    ],
  );
  assert.equal(value[1]?.source.line, 11);
});

test("parseProcNetBonding names the unknown mode and the missing header", () => {
  const unknown = parse("unknown-bonding-mode-line.txt");
  assert.match(
    unknown.problems[0]?.message ?? "",
    /unknown bonding mode "reverse proximity hash combination mode"/,
  );
  const corrupt = parse("corrupt-fragment-no-header.txt");
  assert.deepEqual(corrupt.value, []);
  assert.match(corrupt.problems[0]?.message ?? "", /no 'Bonding Mode:' line/);
});

test("parseProcNetBonding reads fail_over_mac from the active-backup mode line", () => {
  const text =
    "Ethernet Channel Bonding Driver: v3.7.1 (April 27, 2011)\n\nBonding Mode: fault-tolerance (active-backup) (fail_over_mac active)\nMII Status: up\n";
  const [bond] = parseProcNetBonding(text, "f", "bond0").value;
  assert.equal(bond?.failOverMac, "active");
  assert.equal(bond?.modeText, "fault-tolerance (active-backup)");
});

test("parseProcNetBonding never throws on binary junk", () => {
  const r = parseProcNetBonding("\u0000\u0001\u0002garbage\u0000", "f", "bond0");
  assert.deepEqual(r.value, []);
  assert.equal(r.problems.length, 1);
});

test("parseProcNetBonding reads kernel 6.x 'NS IPv6 target/s (xx::xx form):' whole, not up to its first colon", () => {
  const file = "test/fixtures/hosts/active-backup-arp-ns6-targets/proc/net/bonding/bond0";
  const text = readRepoFile(file);
  const { value, problems } = parseProcNetBonding(text, file, "bond0");
  assert.deepEqual(problems, []);
  const [b] = value;
  assert.deepEqual(b?.arpIpTargets, ["192.168.1.254"]);
  assert.deepEqual(b?.nsIp6Targets, ["2022::1", "2022::2"]);
  assert.equal(b?.arpMissedMax, 2);
  assert.equal(b?.ev.nsIp6Targets?.line, 14);
  assert.deepEqual(Object.keys(b?.extra ?? {}), []);
  // The patch that added the line spells it "XX::XX"; read both.
  const upper = parseProcNetBonding(
    "Bonding Mode: fault-tolerance (active-backup)\nNS IPv6 target/s (XX::XX form): 2022::1\n",
    "f",
    "bond0",
  );
  assert.deepEqual(upper.value[0]?.nsIp6Targets, ["2022::1"]);
});
