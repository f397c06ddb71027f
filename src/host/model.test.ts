import assert from "node:assert/strict";
import { test } from "node:test";
import { readCorpus } from "../../test/support/paths.js";
import type { Evidence } from "../lib/evidence.js";
import type { Bond, BondSlave, ConfiguredBond, EvidenceKeys, NetInterface } from "./model.js";
import { parseIfcfgSet } from "./parse/ifcfg.js";
import { parseProcNetBonding } from "./parse/proc-net-bonding.js";
import { mergeBond } from "./read/merge-bond.js";

const line: Evidence = { file: "proc/net/bonding/bond0", line: 3, text: "MII Status: up" };

test("evidence keys are the model's fields: a misspelt key does not compile", () => {
  const bond: Bond = {
    name: "bond0",
    mode: "802.3ad",
    slaves: [],
    extra: {},
    source: line,
    ev: {},
  };
  bond.ev.miiStatus = line;
  bond.ev.partnerMac = line; // the active aggregator's partner MAC
  bond.ev["extra:Vendor Field"] = line; // an unmodelled line, kept in `extra`
  // @ts-expect-error a typo ("miiStatuss") names no field of Bond
  bond.ev.miiStatuss = line;
  // @ts-expect-error "partnerMAC" is not how the model spells it
  bond.ev.partnerMAC = line;

  const slave: BondSlave = { name: "eth0", extra: {}, source: line, ev: {} };
  slave.ev.partnerSystemMacAddress = line;
  // @ts-expect-error a member's LACP lines are "actor"/"partner" + the line name
  slave.ev.partnerSystemMac = line;
  // @ts-expect-error "ev" itself is no fact
  slave.ev.ev = line;

  const iface: NetInterface = { name: "eth0", flags: [], addresses: [], source: line, ev: {} };
  iface.ev.carrier = line;
  // @ts-expect-error sysfs file names ("carrier_changes") are not fields ("carrierChanges")
  iface.ev.carrier_changes = line;

  const cfg: ConfiguredBond = {
    name: "bond0",
    format: "ifcfg",
    kind: "bond",
    members: [],
    options: {},
    file: "ifcfg-bond0",
    ev: {},
  };
  cfg.ev.arp_ip_target = line; // a kernel option name
  cfg.ev["member:eth0"] = line;
  // @ts-expect-error configured options use the kernel's names, not the model's
  cfg.ev.arpIpTargets = line;

  // The `put` pattern of the parsers: the field and its value are checked together.
  const put = <K extends EvidenceKeys<Bond>>(field: K, v: Bond[K]) => {
    bond[field] = v;
    bond.ev[field] = line;
  };
  put("miimon", 100);
  // @ts-expect-error "miimom" is no field of Bond
  put("miimom", 100);
  assert.equal(bond.ev.miiStatus, line);
});

test("a partner's key ('oper key') keeps its evidence line when two views of a bond merge", () => {
  const file = "proc-net-bonding/8023ad-partner-mac-zero-churned-slave-down-pdu-details.txt";
  const [proc] = parseProcNetBonding(readCorpus(file), file, "bond0").value;
  assert.ok(proc);
  const member = proc.slaves[0];
  assert.ok(member?.partner?.key !== undefined);
  assert.match(member.ev.partnerPortKey?.text ?? "", /oper key: 1/);
  // A netlink-like view that knows the members but no LACP details takes them from /proc.
  const bare: Bond = {
    name: "bond0",
    mode: "802.3ad",
    slaves: proc.slaves.map((s) => ({ name: s.name, extra: {}, source: line, ev: {} })),
    extra: {},
    source: line,
    ev: {},
  };
  mergeBond(bare, proc);
  assert.equal(bare.slaves[0]?.partner?.key, member.partner.key);
  assert.equal(bare.slaves[0]?.ev.partnerPortKey, member.ev.partnerPortKey);
});

test("a configured option keeps its line under its kernel name; an unknown one under option:NAME", () => {
  const { value } = parseIfcfgSet([
    {
      file: "etc/sysconfig/network-scripts/ifcfg-bond0",
      text: 'DEVICE=bond0\nTYPE=Bond\nBONDING_MASTER=yes\nBONDING_OPTS="mode=1 miimon=100 frobnicate=7"\n',
    },
  ]);
  const bond = value.bonds.find((b) => b.name === "bond0");
  assert.ok(bond);
  assert.equal(bond.options.frobnicate, "7");
  assert.equal(bond.ev.miimon?.line, 4);
  assert.equal(bond.ev["option:frobnicate"]?.line, 4);
});
