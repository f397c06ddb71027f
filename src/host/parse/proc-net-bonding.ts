// /proc/net/bonding/<bond>: the kernel's own view of a bond (drivers/net/bonding/bond_procfs.c).
// Every driver version since 2.4 is read; unknown lines are kept in `extra` or reported.

import type { Evidence } from "../../lib/evidence.js";
import { normalizeMac } from "../../lib/net.js";
import { evidence, looksBinary, numberedLines, toInt } from "../../lib/text.js";
import { normalizeBondMode } from "../bond-mode.js";
import { type Bond, type BondSlave, type EvidenceKeys, type Parsed, ParseError } from "../model.js";
import { newSlave, setLacp, setSlaveField } from "./proc-net-bonding-slave.js";

type Section = "bond" | "ad" | "aggregator" | "slave" | "actor" | "partner";

/** "N/A" and empty mean the kernel has no value (e.g. no aggregator yet). */
const num = toInt;

/**
 * Keys that hold a colon themselves: kernel 6.x prints "NS IPv6 target/s (xx::xx form):"
 * (bond_procfs.c; "XX::XX" in the patch that added it). Anything else splits at the first colon.
 */
const KEYS_WITH_COLON = [/^NS IPv6 target\/s \(xx::xx form\)(?=:)/i];

function keyEnd(line: string): number {
  for (const re of KEYS_WITH_COLON) {
    const m = re.exec(line);
    if (m) return m[0].length;
  }
  return line.indexOf(":");
}

/** One bond's text (no "==>" headers). */
function parseOne(
  text: string,
  file: string,
  bondName: string,
  lineOffset: number,
): Parsed<Bond[]> {
  const problems: ParseError[] = [];
  const bond: Bond = {
    name: bondName,
    mode: "unknown",
    slaves: [],
    extra: {},
    source: evidence(file, lineOffset + 1, ""),
    ev: {},
  };
  let section: Section = "bond";
  let slave: BondSlave | undefined;
  let sawMode = false;
  let sawAnything = false;
  for (const { n: rel, text: raw } of numberedLines(text)) {
    const n = rel + lineOffset;
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") continue;
    const ev = evidence(file, n, line);
    const header = /^Ethernet Channel Bonding Driver:\s*(.*)$/.exec(line);
    if (header) {
      bond.driverVersion = (header[1] ?? "").replace(/^v/, "");
      bond.source = ev;
      bond.ev.driverVersion = ev;
      sawAnything = true;
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === "802.3ad info") {
      section = "ad";
      bond.ad ??= {};
      sawAnything = true;
      continue;
    }
    if (/^details actor lacp pdu:?$/i.test(trimmed) && slave) {
      section = "actor";
      slave.actor ??= {};
      continue;
    }
    if (/^details partner lacp pdu:?$/i.test(trimmed) && slave) {
      section = "partner";
      slave.partner ??= {};
      continue;
    }
    if (/^bond \S+ has no active aggregator$/.test(trimmed)) {
      bond.extra.noActiveAggregator = trimmed;
      bond.ev.noActiveAggregator = ev;
      continue;
    }
    const colon = keyEnd(trimmed);
    if (colon <= 0) {
      problems.push(new ParseError(file, n, "unrecognised line (not 'Key: value')", line));
      continue;
    }
    const key = trimmed.slice(0, colon).trim();
    const value = trimmed.slice(colon + 1).trim();
    sawAnything = true;
    if (key === "Slave Interface") {
      slave = newSlave(value, ev);
      bond.slaves.push(slave);
      section = "slave";
      continue;
    }
    if (key === "Active Aggregator Info") {
      section = "aggregator";
      bond.ad ??= {};
      bond.ad.activeAggregator ??= {};
      continue;
    }
    if ((section === "actor" || section === "partner") && slave && /^\s/.test(line)) {
      const info = section === "actor" ? slave.actor : slave.partner;
      const line = info && setLacp(info, key.toLowerCase(), value);
      if (line !== undefined) {
        slave.ev[`${section}${line}`] = ev;
        continue;
      }
    }
    if (section === "actor" || section === "partner") section = "slave";
    if (
      section === "aggregator" &&
      !/^\s/.test(line) &&
      !/^(Aggregator ID|Number of ports|Actor Key|Partner Key|Partner Mac Address)$/.test(key)
    ) {
      section = "ad";
    }
    if (section === "slave" && slave) setSlaveField(slave, key, value, ev);
    else if (section === "aggregator") setAggregatorField(bond, key, value, ev);
    else if (!setBondField(bond, key, value, ev, problems)) {
      bond.extra[key] = value;
      bond.ev[`extra:${key}`] = ev;
    }
    if (key === "Bonding Mode") sawMode = true;
  }
  if (!sawAnything) {
    problems.push(new ParseError(file, lineOffset + 1, "no bonding information found"));
    return { value: [], problems };
  }
  if (!sawMode) {
    problems.push(
      new ParseError(
        file,
        lineOffset + 1,
        "no 'Bonding Mode:' line: truncated or not a /proc/net/bonding file",
      ),
    );
    if (bond.slaves.length === 0 && bond.driverVersion === undefined)
      return { value: [], problems };
  }
  return { value: [bond], problems };
}

function setBondField(
  bond: Bond,
  key: string,
  value: string,
  ev: Evidence,
  problems: ParseError[],
): boolean {
  const put = <K extends EvidenceKeys<Bond>>(field: K, v: Bond[K] | undefined) => {
    if (v === undefined) return;
    bond[field] = v;
    bond.ev[field] = ev;
  };
  const ad = () => (bond.ad ??= {});
  switch (key) {
    case "Bonding Mode": {
      const fom = /\(fail_over_mac (\w+)\)/.exec(value);
      const modeText = value.replace(/\s*\(fail_over_mac \w+\)/, "").trim();
      bond.modeText = modeText;
      const mode = normalizeBondMode(modeText) ?? "unknown";
      put("mode", mode);
      if (mode === "unknown")
        problems.push(
          new ParseError(ev.file, ev.line, `unknown bonding mode "${modeText}"`, ev.text),
        );
      if (fom?.[1]) put("failOverMac", fom[1]);
      return true;
    }
    case "Transmit Hash Policy":
      put("xmitHashPolicy", value.replace(/\s*\(\d+\)$/, ""));
      return true;
    case "Primary Slave": {
      const m = /^(\S+)(?:\s+\(primary_reselect (\w+)\))?/.exec(value);
      if (m?.[1] && m[1] !== "None") put("primary", m[1]);
      if (m?.[2]) put("primaryReselect", m[2]);
      return true;
    }
    case "Currently Active Slave":
      if (value !== "None" && value !== "") put("activeSlave", value);
      return true;
    case "MII Status":
      put("miiStatus", value);
      return true;
    case "MII Polling Interval (ms)":
      put("miimon", num(value));
      return true;
    case "Up Delay (ms)":
      put("updelay", num(value));
      return true;
    case "Down Delay (ms)":
      put("downdelay", num(value));
      return true;
    case "Peer Notification Delay (ms)":
      put("peerNotifyDelay", num(value));
      return true;
    case "ARP Polling Interval (ms)":
      put("arpInterval", num(value));
      return true;
    case "ARP IP target/s (n.n.n.n form)":
      put("arpIpTargets", value.split(/[,\s]+/).filter(Boolean));
      return true;
    case "ARP Missed Max":
      put("arpMissedMax", num(value));
      return true;
    case "ARP Validate":
    case "ARP validate":
      put("arpValidate", value);
      return true;
    case "LACP active":
      ad().lacpActive = value.toLowerCase();
      bond.ev.lacpActive = ev;
      return true;
    case "LACP rate":
      ad().lacpRate = value;
      bond.ev.lacpRate = ev;
      return true;
    case "Min links":
      ad().minLinks = num(value) ?? 0;
      bond.ev.minLinks = ev;
      return true;
    case "Aggregator selection policy (ad_select)":
      ad().adSelect = value;
      bond.ev.adSelect = ev;
      return true;
    case "System priority":
      ad().systemPriority = num(value) ?? 0;
      bond.ev.systemPriority = ev;
      return true;
    case "System MAC address": {
      const mac = normalizeMac(value);
      if (mac) ad().systemMac = mac;
      bond.ev.systemMac = ev;
      return true;
    }
    default:
      if (/^NS IPv6 target\/s \(xx::xx form\)$/i.test(key)) {
        put("nsIp6Targets", value.split(/[,\s]+/).filter(Boolean));
        return true;
      }
      return false;
  }
}

function setAggregatorField(bond: Bond, key: string, value: string, ev: Evidence): void {
  bond.ad ??= {};
  bond.ad.activeAggregator ??= {};
  const agg = bond.ad.activeAggregator;
  const n = num(value);
  switch (key) {
    case "Aggregator ID":
      if (n !== undefined) agg.id = n;
      bond.ev.aggregatorId = ev;
      return;
    case "Number of ports":
      if (n !== undefined) agg.ports = n;
      bond.ev.aggregatorPorts = ev;
      return;
    case "Actor Key":
      if (n !== undefined) agg.actorKey = n;
      bond.ev.actorKey = ev;
      return;
    case "Partner Key":
      if (n !== undefined) agg.partnerKey = n;
      bond.ev.partnerKey = ev;
      return;
    case "Partner Mac Address": {
      const mac = normalizeMac(value);
      if (mac) agg.partnerMac = mac;
      bond.ev.partnerMac = ev;
      return;
    }
    default:
      bond.extra[`Active Aggregator ${key}`] = value;
  }
}

/** /proc/net/bonding/<bond> text (any driver version, also a `tail -v` multi-file dump) -> bonds. */
export function parseProcNetBonding(text: string, file: string, bondName: string): Parsed<Bond[]> {
  if (looksBinary(text)) {
    return {
      value: [],
      problems: [new ParseError(file, 1, "binary data, not a /proc/net/bonding text")],
    };
  }
  // `tail -v /proc/net/bonding/*` dumps: "==> bond0 <==" starts each bond.
  const lines = text.split(/\r?\n/);
  const starts: Array<{ at: number; name: string }> = [];
  lines.forEach((l, i) => {
    const m = /^==> (?:.*\/)?([^/]+?) <==\s*$/.exec(l);
    if (m?.[1]) starts.push({ at: i, name: m[1] });
  });
  if (starts.length === 0) return parseOne(text.replace(/\r\n/g, "\n"), file, bondName, 0);
  const out: Parsed<Bond[]> = { value: [], problems: [] };
  starts.forEach((s, k) => {
    const end = starts[k + 1]?.at ?? lines.length;
    const part = parseOne(lines.slice(s.at + 1, end).join("\n"), file, s.name, s.at + 1);
    out.value.push(...part.value);
    out.problems.push(...part.problems);
  });
  return out;
}
