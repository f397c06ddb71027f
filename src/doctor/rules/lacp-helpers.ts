// What the bond and LACP rules share: member order and state, the signs of a missing LACP
// partner, and the lines that set a bonding option at runtime and in each config format. Pure.
import type { Bond, BondSlave, ConfiguredBond, HostSnapshot } from "../../host/model.js";
import { describeLacpState } from "../../host/parse/lacp-state.js";
import type { Evidence } from "../../lib/evidence.js";
import { isZeroMac } from "../../lib/net.js";
import { present } from "../rule-helpers.js";

/** Members sorted by name, so findings never depend on the order a reader listed them. */
export function members(b: Bond): BondSlave[] {
  return [...b.slaves].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** "eno1, eno2". */
export const names = (list: ReadonlyArray<{ name: string }>): string =>
  list.map((s) => s.name).join(", ");

/** MII status "up" (/proc prints "up", netlink "UP"). */
export const miiUp = (s: BondSlave): boolean => s.miiStatus?.trim().toLowerCase() === "up";

/** Known and not up: "down", "going down" (downdelay), "going back" (updelay). */
export const miiNotUp = (s: BondSlave): boolean => s.miiStatus !== undefined && !miiUp(s);

/** A snapshot path as it is on the host: etc/x -> /etc/x. */
export const onHost = (f: string): string => (f.startsWith("/") ? f : `/${f}`);

export interface Sign {
  text: string;
  ev: Evidence | undefined;
}

/**
 * Why an 802.3ad member has no LACP partner (never received a LACPDU); empty when nothing
 * says so. A member without details of its own (non-root /proc, old drivers) borrows the
 * active aggregator's partner MAC only when it sits in that aggregator (or its aggregator is
 * not shown at all). When the active aggregator has no partner, no other aggregator has one
 * either: the kernel's ad_agg_selection_logic prefers an aggregator with a partner over one
 * without (for every ad_select policy), so a member elsewhere has none too.
 */
export function noPartnerSigns(b: Bond, s: BondSlave): Sign[] {
  const out: Sign[] = [];
  const mac = s.partner?.systemMac;
  if (isZeroMac(mac))
    out.push({ text: "partner system MAC 00:00:00:00:00:00", ev: s.ev.partnerSystemMacAddress });
  const actor = s.actor?.state;
  if (actor?.defaulted)
    out.push({
      text: `actor port state ${describeLacpState(actor)}`,
      ev: s.ev.actorPortState,
    });
  if (s.lacpduRx === 0) out.push({ text: "LACPDU Rx 0", ev: s.ev.lacpduRx });
  const agg = b.ad?.activeAggregator;
  if (out.length > 0 || mac !== undefined || !isZeroMac(agg?.partnerMac)) return out;
  // Where the member sits is unknown (no Aggregator ID line, or no active aggregator ID):
  // it may be in the active aggregator, so the active aggregator's partner is its partner.
  const unknownAgg =
    (s.aggregatorId === undefined && s.aggregatorAbsent === undefined) || agg?.id === undefined;
  if (unknownAgg || s.aggregatorId === agg?.id)
    out.push({ text: "active aggregator partner MAC 00:00:00:00:00:00", ev: b.ev.partnerMac });
  else if (s.aggregatorAbsent === "n/a")
    out.push({ text: "attached to no aggregator (Aggregator ID: N/A)", ev: s.ev.aggregatorId });
  else {
    const where =
      s.aggregatorId === undefined
        ? "its Aggregator ID line is empty"
        : `it sits in aggregator ${s.aggregatorId}`;
    out.push(
      {
        text: `${where}, not in the active aggregator ${agg?.id ?? ""}`.trimEnd(),
        ev: s.ev.aggregatorId,
      },
      {
        text: "the active aggregator's partner MAC is 00:00:00:00:00:00, and the kernel selects an aggregator with a partner over one without, so no aggregator has a partner",
        ev: b.ev.partnerMac,
      },
    );
  }
  return out;
}

/** In the active aggregator, as far as the input shows (no aggregator facts: assume so). */
export function inActiveAggregator(b: Bond, s: BondSlave): boolean {
  const id = b.ad?.activeAggregator?.id;
  if (s.aggregatorAbsent !== undefined) return false;
  return id === undefined || s.aggregatorId === undefined || s.aggregatorId === id;
}

/** present(...) without repeats: several facts often come from one line (netlink, sysfs). */
export function distinct(...items: Array<Evidence | undefined>): Evidence[] {
  const seen = new Set<string>();
  return present(...items).filter((e) => {
    const k = `${e.file}\0${e.line}\0${e.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `echo 100 > /sys/class/net/bond0/bonding/miimon`. */
export const sysfsSet = (b: Bond, option: string, value: string | number): string =>
  `echo ${value} > /sys/class/net/${b.name}/bonding/${option}`;

/** The persistent configuration that declares this bond, if the snapshot has one. */
export function configOf(s: HostSnapshot, b: Bond): ConfiguredBond | undefined {
  return s.configuredBonds.find((c) => c.kind === "bond" && c.name === b.name);
}

const NETPLAN: Record<string, string> = {
  miimon: "mii-monitor-interval",
  fail_over_mac: "fail-over-mac-policy",
  arp_validate: "arp-validate",
  arp_all_targets: "arp-all-targets",
  primary: "primary",
};
const NETWORKD: Record<string, (v: string) => string> = {
  miimon: (v) => `MIIMonitorSec=${v}ms`,
  fail_over_mac: (v) => `FailOverMACPolicy=${v}`,
  arp_validate: (v) => `ARPValidate=${v}`,
  arp_all_targets: (v) => `ARPAllTargets=${v}`,
};

/**
 * The running bond's options, as BONDING_OPTS would spell them: every option that differs from
 * the kernel default, so a fix line that rewrites BONDING_OPTS keeps them (dropping
 * ns_ip6_target or lacp_rate=fast from it would change the bond).
 */
function runningOptions(b: Bond): Record<string, string> {
  const o: Record<string, string> = {};
  const put = (k: string, v: string | number | undefined, unless?: string | number) => {
    if (v !== undefined && v !== "" && String(v) !== String(unless)) o[k] = String(v);
  };
  if (b.mode !== "unknown") o.mode = b.mode;
  put("miimon", b.miimon, 0);
  put("updelay", b.updelay, 0);
  put("downdelay", b.downdelay, 0);
  put("arp_interval", b.arpInterval, 0);
  if (b.arpIpTargets?.length) o.arp_ip_target = b.arpIpTargets.join(",");
  if (b.nsIp6Targets?.length) o.ns_ip6_target = b.nsIp6Targets.join(",");
  put("arp_validate", b.arpValidate, "none");
  put("arp_all_targets", b.arpAllTargets, "any");
  put("arp_missed_max", b.arpMissedMax, 2);
  put("primary", b.primary);
  put("primary_reselect", b.primaryReselect, "always");
  put("fail_over_mac", b.failOverMac, "none");
  if (["802.3ad", "balance-xor", "balance-tlb"].includes(b.mode))
    put("xmit_hash_policy", b.xmitHashPolicy, "layer2");
  put("lacp_rate", b.ad?.lacpRate, "slow");
  put("ad_select", b.ad?.adSelect, "stable");
  put("min_links", b.ad?.minLinks, 0);
  return o;
}

/**
 * The lines that make `set` persistent, in the format the bond is configured with (its
 * other options kept), or as ifcfg and nmcli lines when no configuration was collected.
 */
export function persistLines(s: HostSnapshot, b: Bond, set: Record<string, string>): string[] {
  const c = configOf(s, b);
  const base: Record<string, string> = c ? { ...c.options } : runningOptions(b);
  const all = Object.entries({ ...base, ...set });
  const ifcfg = `BONDING_OPTS="${all.map(([k, v]) => `${k}=${v}`).join(" ")}"`;
  const nmcli = `nmcli connection modify ${b.name} bond.options "${all.map(([k, v]) => `${k}=${v}`).join(",")}"`;
  const wanted = Object.entries(set);
  const other = (k: string, v: string) => `# and set ${k}=${v}`;
  switch (c?.format) {
    case "ifcfg":
      return [`# ${onHost(c.file)}`, ifcfg];
    case "nmconnection":
      return [nmcli, `nmcli connection up ${b.name}`];
    case "netplan":
      return [
        `# ${onHost(c.file)}, under bonds: ${b.name}: parameters:`,
        ...wanted.map(([k, v]) => (NETPLAN[k] ? `${NETPLAN[k]}: ${v}` : other(k, v))),
      ];
    case "networkd":
      return [
        `# ${onHost(c.file)}, [Bond] section`,
        ...wanted.map(([k, v]) => NETWORKD[k]?.(v) ?? other(k, v)),
      ];
    case "ifupdown":
      return [
        `# ${onHost(c.file)}, iface ${b.name}`,
        ...wanted.map(([k, v]) => `bond-${k.replace(/_/g, "-")} ${v}`),
      ];
    default:
      return [`${ifcfg}   # /etc/sysconfig/network-scripts/ifcfg-${b.name}`, nmcli];
  }
}
