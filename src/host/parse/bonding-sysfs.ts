// Bonding sysfs (/sys/class/net/<bond>/bonding/ and <slave link>/bonding_slave/): readable by
// every user, one value per file. Option files print "name number" ("802.3ad 4").
import { normalizeMac } from "../../lib/net.js";
import { evidence, toInt } from "../../lib/text.js";
import { BOND_MODE_BY_NUMBER, normalizeBondMode, normalizeFailOverMac } from "../bond-mode.js";
import { type Bond, type BondSlave, type EvidenceKeys, type Parsed, ParseError } from "../model.js";
import { decodeLacpState } from "./lacp-state.js";

/** "layer2 0" -> "layer2"; "eth0" -> "eth0". */
function firstWord(v: string): string {
  return v.trim().split(/\s+/)[0] ?? "";
}

/**
 * Slave directories are "lower_<if>" (kernel >= 4.x), "slave_<if>" (older, and fixtures) or
 * the member's own "../<if>" (/sys/class/net/<if>/bonding_slave/ when the links are missing).
 */
function slaveDirs(files: Record<string, string>): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const path of Object.keys(files)) {
    const m = /^((?:lower_|slave_|\.\.\/)([^/]+))\/bonding_slave\//.exec(path);
    if (m?.[1] && m[2] && !dirs.has(m[2])) dirs.set(m[2], m[1]);
  }
  return dirs;
}

/** "sys/class/net/bond0" + "../eth0/bonding_slave/x" -> "sys/class/net/eth0/bonding_slave/x". */
function joinPath(dir: string, rel: string): string {
  return rel.startsWith("../") ? `${dir.replace(/\/[^/]+$/, "")}/${rel.slice(3)}` : `${dir}/${rel}`;
}

/**
 * Bonding sysfs for one bond. `files` maps paths relative to /sys/class/net/<bond>/
 * ("bonding/mode", "bonding/slaves", "lower_eth0/bonding_slave/mii_status"...) to contents.
 */
export function parseBondingSysfs(
  files: Record<string, string>,
  bondName: string,
  dir: string,
): Parsed<Bond> {
  const problems: ParseError[] = [];
  const ev = (rel: string) => evidence(`${dir}/${rel}`, 1, (files[rel] ?? "").trim());
  const value = (rel: string) => {
    const t = files[rel]?.trim();
    return t === undefined || t === "" ? undefined : t;
  };
  const bond: Bond = {
    name: bondName,
    mode: "unknown",
    slaves: [],
    extra: {},
    source: evidence(dir, 0, bondName),
    ev: {},
  };
  const set = <K extends EvidenceKeys<Bond>>(field: K, rel: string, v: Bond[K] | undefined) => {
    if (v === undefined) return;
    bond[field] = v;
    bond.ev[field] = ev(rel);
  };
  const modeText = value("bonding/mode");
  if (modeText !== undefined) {
    const [name, num] = modeText.split(/\s+/);
    const mode = normalizeBondMode(name) ?? "unknown";
    set("mode", "bonding/mode", mode);
    bond.modeText = modeText;
    if (num !== undefined && BOND_MODE_BY_NUMBER[Number(num)] !== mode) {
      problems.push(
        new ParseError(
          `${dir}/bonding/mode`,
          1,
          `mode name "${name}" and number ${num} disagree`,
          modeText,
        ),
      );
    }
  }
  const int = (rel: string) => toInt(value(rel));
  set("miimon", "bonding/miimon", int("bonding/miimon"));
  set("updelay", "bonding/updelay", int("bonding/updelay"));
  set("downdelay", "bonding/downdelay", int("bonding/downdelay"));
  set("arpInterval", "bonding/arp_interval", int("bonding/arp_interval"));
  const targets = value("bonding/arp_ip_target");
  set("arpIpTargets", "bonding/arp_ip_target", targets?.split(/\s+/));
  const ns = value("bonding/ns_ip6_target");
  set("nsIp6Targets", "bonding/ns_ip6_target", ns?.split(/\s+/));
  set("arpMissedMax", "bonding/arp_missed_max", int("bonding/arp_missed_max"));
  const word = (rel: string) => {
    const v = value(rel);
    return v === undefined ? undefined : firstWord(v);
  };
  set("arpValidate", "bonding/arp_validate", word("bonding/arp_validate"));
  set("arpAllTargets", "bonding/arp_all_targets", word("bonding/arp_all_targets"));
  set("failOverMac", "bonding/fail_over_mac", normalizeFailOverMac(word("bonding/fail_over_mac")));
  set("primary", "bonding/primary", word("bonding/primary"));
  set("primaryReselect", "bonding/primary_reselect", word("bonding/primary_reselect"));
  set("activeSlave", "bonding/active_slave", word("bonding/active_slave"));
  set("xmitHashPolicy", "bonding/xmit_hash_policy", word("bonding/xmit_hash_policy"));
  set("miiStatus", "bonding/mii_status", word("bonding/mii_status"));
  if (bond.mode === "802.3ad") {
    const ad: NonNullable<Bond["ad"]> = {};
    const lacpRate = word("bonding/lacp_rate");
    if (lacpRate) {
      ad.lacpRate = lacpRate;
      bond.ev.lacpRate = ev("bonding/lacp_rate");
    }
    const lacpActive = word("bonding/lacp_active");
    if (lacpActive) {
      ad.lacpActive = lacpActive;
      bond.ev.lacpActive = ev("bonding/lacp_active");
    }
    const adSelect = word("bonding/ad_select");
    if (adSelect) ad.adSelect = adSelect;
    const minLinks = int("bonding/min_links");
    if (minLinks !== undefined) ad.minLinks = minLinks;
    const agg: NonNullable<NonNullable<Bond["ad"]>["activeAggregator"]> = {};
    const id = int("bonding/ad_aggregator");
    if (id !== undefined) {
      agg.id = id;
      bond.ev.aggregatorId = ev("bonding/ad_aggregator");
    }
    const ports = int("bonding/ad_num_ports");
    if (ports !== undefined) {
      agg.ports = ports;
      bond.ev.aggregatorPorts = ev("bonding/ad_num_ports");
    }
    const actorKey = int("bonding/ad_actor_key");
    if (actorKey !== undefined) agg.actorKey = actorKey;
    const partnerKey = int("bonding/ad_partner_key");
    if (partnerKey !== undefined) agg.partnerKey = partnerKey;
    const partnerMac = normalizeMac(value("bonding/ad_partner_mac"));
    if (partnerMac) {
      agg.partnerMac = partnerMac;
      bond.ev.partnerMac = ev("bonding/ad_partner_mac");
    }
    if (Object.keys(agg).length > 0) ad.activeAggregator = agg;
    bond.ad = ad;
  }
  const dirs = slaveDirs(files);
  const listed = (value("bonding/slaves") ?? "").split(/\s+/).filter(Boolean);
  for (const name of [...new Set([...listed, ...dirs.keys()])]) {
    bond.slaves.push(readSlave(name, dirs.get(name), files, dir));
  }
  if (listed.length > 0) bond.ev.slaves = ev("bonding/slaves");
  return { value: bond, problems };
}

function readSlave(
  name: string,
  sub: string | undefined,
  files: Record<string, string>,
  dir: string,
): BondSlave {
  const slave: BondSlave = {
    name,
    extra: {},
    source: evidence(`${dir}/bonding/slaves`, 1, name),
    ev: {},
  };
  if (sub === undefined) return slave;
  const rel = (f: string) => `${sub}/bonding_slave/${f}`;
  const get = (f: string) => files[rel(f)]?.trim() || undefined;
  const put = <K extends EvidenceKeys<BondSlave>>(
    field: K,
    f: string,
    v: BondSlave[K] | undefined,
  ) => {
    if (v === undefined) return;
    slave[field] = v;
    slave.ev[field] = evidence(joinPath(dir, rel(f)), 1, get(f) ?? "");
  };
  put("miiStatus", "mii_status", get("mii_status"));
  put("linkFailureCount", "link_failure_count", toInt(get("link_failure_count")));
  put("permanentMac", "perm_hwaddr", normalizeMac(get("perm_hwaddr")));
  put("queueId", "queue_id", toInt(get("queue_id")));
  put("aggregatorId", "ad_aggregator_id", toInt(get("ad_aggregator_id")));
  if (/^n\/a$/i.test(get("ad_aggregator_id") ?? "")) {
    slave.aggregatorAbsent = "n/a";
    slave.ev.aggregatorId = evidence(joinPath(dir, rel("ad_aggregator_id")), 1, "N/A");
  }
  put("state", "state", get("state"));
  const actor = toInt(get("ad_actor_oper_port_state"));
  if (actor !== undefined) {
    slave.actor = { state: decodeLacpState(actor) };
    slave.ev.actorPortState = evidence(
      joinPath(dir, rel("ad_actor_oper_port_state")),
      1,
      String(actor),
    );
  }
  const partner = toInt(get("ad_partner_oper_port_state"));
  if (partner !== undefined) {
    slave.partner = { state: decodeLacpState(partner) };
    slave.ev.partnerPortState = evidence(
      joinPath(dir, rel("ad_partner_oper_port_state")),
      1,
      String(partner),
    );
  }
  return slave;
}
