// Bond facts from netlink (`ip -d -j link` info_data / info_slave_data, or the "bond ..." and
// "bond_slave ..." detail lines of `ip -d address`). Netlink shows the 802.3ad aggregator and
// port states to every user, where /proc/net/bonding hides them from non-root ones. Pure.

import type { Evidence } from "../lib/evidence.js";
import { normalizeMac } from "../lib/net.js";
import { toInt } from "../lib/text.js";
import { normalizeBondMode, normalizeFailOverMac } from "./bond-mode.js";
import type { Bond, BondEvidenceKey, BondSlave, EvidenceKeys, NetInterface } from "./model.js";
import { decodeLacpState } from "./parse/lacp-state.js";

export interface LinkDetails {
  kind: "bond" | "bond_slave";
  values: Record<string, string>;
  ev: Evidence;
}

/**
 * The evidence for one netlink fact. JSON output is often one line, so "eno1 linkinfo" alone
 * proves little: name the key and its value ("eno1 ad_actor_oper_port_state 77"). The text
 * form's evidence is already the detail line itself.
 */
function keyEv(d: LinkDetails, key: string): Evidence {
  const v = d.values[key];
  if (!d.ev.text.endsWith(" linkinfo") || v === undefined) return d.ev;
  return { ...d.ev, text: `${d.ev.text.slice(0, -" linkinfo".length)} ${key} ${v}` };
}

function slaveFromDetails(name: string, d: LinkDetails): BondSlave {
  const v = d.values;
  const slave: BondSlave = { name, extra: {}, source: d.ev, ev: {} };
  const put = <K extends EvidenceKeys<BondSlave>>(
    field: K,
    key: string,
    value: BondSlave[K] | undefined,
  ) => {
    if (value === undefined) return;
    slave[field] = value;
    slave.ev[field] = keyEv(d, key);
  };
  put("miiStatus", "mii_status", v.mii_status?.toLowerCase());
  put("state", "state", v.state?.toLowerCase());
  put("linkFailureCount", "link_failure_count", toInt(v.link_failure_count));
  put("permanentMac", "perm_hwaddr", normalizeMac(v.perm_hwaddr));
  put("queueId", "queue_id", toInt(v.queue_id));
  put("aggregatorId", "ad_aggregator_id", toInt(v.ad_aggregator_id));
  const actor = toInt(v.ad_actor_oper_port_state);
  if (actor !== undefined) {
    slave.actor = { state: decodeLacpState(actor) };
    slave.ev.actorPortState = keyEv(d, "ad_actor_oper_port_state");
  }
  const partner = toInt(v.ad_partner_oper_port_state);
  if (partner !== undefined) {
    slave.partner = { state: decodeLacpState(partner) };
    slave.ev.partnerPortState = keyEv(d, "ad_partner_oper_port_state");
  }
  return slave;
}

function bondFromDetails(name: string, d: LinkDetails, members: string[]): Bond {
  const v = d.values;
  const bond: Bond = {
    name,
    mode: normalizeBondMode(v.mode) ?? "unknown",
    slaves: [],
    extra: {},
    source: d.ev,
    ev: { mode: d.ev },
  };
  const put = <K extends EvidenceKeys<Bond>>(field: K, value: Bond[K] | undefined) => {
    if (value === undefined) return;
    bond[field] = value;
    bond.ev[field] = d.ev;
  };
  put("miimon", toInt(v.miimon));
  put("updelay", toInt(v.updelay));
  put("downdelay", toInt(v.downdelay));
  put("arpInterval", toInt(v.arp_interval));
  put("arpValidate", v.arp_validate);
  put("arpAllTargets", v.arp_all_targets);
  put("arpIpTargets", v.arp_ip_target?.split(",").filter(Boolean));
  put("nsIp6Targets", v.ns_ip6_target?.split(",").filter(Boolean));
  put("arpMissedMax", toInt(v.arp_missed_max));
  put("failOverMac", normalizeFailOverMac(v.fail_over_mac));
  put("primary", v.primary);
  put("primaryReselect", v.primary_reselect);
  put("activeSlave", v.active_slave);
  put("xmitHashPolicy", v.xmit_hash_policy);
  if (bond.mode === "802.3ad") {
    const ad: NonNullable<Bond["ad"]> = {};
    const agg: NonNullable<NonNullable<Bond["ad"]>["activeAggregator"]> = {};
    const fact = <T>(
      target: Record<string, unknown>,
      field: string,
      evKey: BondEvidenceKey,
      v: T,
      key: string,
    ) => {
      if (v === undefined) return;
      target[field] = v;
      bond.ev[evKey] = keyEv(d, key);
    };
    const a = ad as Record<string, unknown>;
    const g = agg as Record<string, unknown>;
    fact(
      a,
      "lacpRate",
      "lacpRate",
      v.lacp_rate ?? v.ad_lacp_rate,
      v.lacp_rate === undefined ? "ad_lacp_rate" : "lacp_rate",
    );
    fact(a, "lacpActive", "lacpActive", v.ad_lacp_active, "ad_lacp_active");
    fact(a, "adSelect", "adSelect", v.ad_select, "ad_select");
    fact(a, "minLinks", "minLinks", toInt(v.min_links), "min_links");
    fact(a, "systemPriority", "systemPriority", toInt(v.ad_actor_sys_prio), "ad_actor_sys_prio");
    fact(a, "systemMac", "systemMac", normalizeMac(v.ad_actor_system), "ad_actor_system");
    fact(g, "id", "aggregatorId", toInt(v.ad_aggregator), "ad_aggregator");
    fact(g, "ports", "aggregatorPorts", toInt(v.ad_num_ports), "ad_num_ports");
    fact(g, "actorKey", "actorKey", toInt(v.ad_actor_key), "ad_actor_key");
    fact(g, "partnerKey", "partnerKey", toInt(v.ad_partner_key), "ad_partner_key");
    fact(g, "partnerMac", "partnerMac", normalizeMac(v.ad_partner_mac), "ad_partner_mac");
    if (Object.keys(agg).length > 0) ad.activeAggregator = agg;
    bond.ad = ad;
  }
  bond.slaves = members.map((m) => ({ name: m, extra: {}, source: d.ev, ev: {} }));
  return bond;
}

/** Bonds as netlink describes them: members are the interfaces whose master is the bond. */
export function bondsFromNetlink(
  details: Record<string, LinkDetails>,
  interfaces: Record<string, NetInterface>,
): Bond[] {
  const bonds: Bond[] = [];
  for (const [name, d] of Object.entries(details)) {
    if (d.kind !== "bond") continue;
    const members = Object.values(interfaces)
      .filter((i) => i.master === name)
      .map((i) => i.name)
      .sort();
    const bond = bondFromDetails(name, d, members);
    bond.slaves = bond.slaves.map((s) => {
      const sd = details[s.name];
      return sd?.kind === "bond_slave" ? slaveFromDetails(s.name, sd) : s;
    });
    bonds.push(bond);
  }
  return bonds;
}
