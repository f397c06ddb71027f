// A bond member that keeps failing and coming back: a flapping link or a flapping monitor.
import type { Bond, BondSlave, HostSnapshot } from "../../host/model.js";
import type { Finding, Rule } from "../types.js";
import { distinct, members, names, sysfsSet } from "./lacp-helpers.js";

const ID = "bond-slave-flapping";

/** Link failures since the member was enslaved; one failure is an event, three are a pattern. */
export const LINK_FAILURE_THRESHOLD = 3;
/** Carrier changes since the interface appeared: boot brings one or two, each flap two more. */
export const CARRIER_CHANGES_THRESHOLD = 10;

interface Flap {
  slave: BondSlave;
  failures?: number;
  carrier?: number;
}

function flaps(s: HostSnapshot, b: Bond): Flap[] {
  const out: Flap[] = [];
  for (const m of members(b)) {
    const f = m.linkFailureCount;
    const c = s.interfaces[m.name]?.carrierChanges;
    const hit: Flap = { slave: m };
    if (f !== undefined && f >= LINK_FAILURE_THRESHOLD) hit.failures = f;
    if (c !== undefined && c >= CARRIER_CHANGES_THRESHOLD) hit.carrier = c;
    if (hit.failures !== undefined || hit.carrier !== undefined) out.push(hit);
  }
  return out;
}

const describe = (f: Flap) =>
  [
    f.failures === undefined ? undefined : `${f.slave.name} failed ${f.failures} times`,
    f.carrier === undefined ? undefined : `${f.slave.name} changed carrier ${f.carrier} times`,
  ]
    .filter((x) => x !== undefined)
    .join(", ");

function finding(s: HostSnapshot, b: Bond, list: Flap[]): Finding {
  const arp = (b.arpInterval ?? 0) > 0;
  const carrierFlaps = list.some((f) => f.carrier !== undefined);
  const all = [...(b.arpIpTargets ?? []), ...(b.nsIp6Targets ?? [])];
  const targets = all.length > 0 ? all.join(", ") : "the ARP targets";
  const cause = arp
    ? `${b.name} uses the ARP monitor (every ${b.arpInterval} ms to ${targets}): it counts a failure whenever a member has not received traffic within its window, so a target that answers late or not at all, a switch that forwards the ARP replies to one port only, or backup members that never see the broadcast request make a healthy link "fail" over and over${carrierFlaps ? "" : " while its carrier never drops"}.`
    : "With MII monitoring each failure is a real loss of carrier: a loose or damaged cable, a failing transceiver, a switch port that resets, or the NIC driver or firmware resetting the link.";
  return {
    rule: ID,
    severity: "warning",
    subject: b.name,
    title: `${b.name}: ${names(list.map((f) => f.slave))} ${list.length === 1 ? "flaps" : "flap"} (${list.map(describe).join(", ")})`,
    explanation:
      `${list.map(describe).join("; ")}. ${cause} ` +
      "Every flap is a failover or a rehash: traffic in flight is lost, the switch relearns MAC addresses, and a member that comes back too early takes traffic it cannot carry. The counters add up since the member was enslaved (link failure count) or the interface appeared (carrier changes), so compare them with the uptime and look for the recent events in the kernel log.",
    evidence: distinct(
      b.ev.arpInterval,
      b.ev.arpIpTargets,
      ...list.flatMap((f) => [
        f.slave.source,
        f.failures === undefined ? undefined : f.slave.ev.linkFailureCount,
        f.carrier === undefined ? undefined : s.interfaces[f.slave.name]?.ev.carrierChanges,
      ]),
    ),
    fix: [
      `journalctl -k | grep -E '${[b.name, ...list.map((f) => f.slave.name)].join("|")}'   # the failures with their times`,
      ...list.map(
        (f) =>
          `ethtool -S ${f.slave.name} | grep -iE 'err|crc|drop|los'   # physical errors point at cable or transceiver`,
      ),
      ...(arp
        ? [
            `arping -c 3 -I ${b.name} ${b.arpIpTargets?.[0] ?? "<arp_ip_target>"}   # does each target answer, quickly?`,
            `# add a second target (with arp_all_targets any, one slow target no longer fails a link): ${sysfsSet(b, "arp_ip_target", "+IP")}`,
            "# or switch to MII monitoring: arp_interval=0 miimon=100 (in the bond's configuration)",
          ]
        : [
            "# replace the cable or transceiver, check the switch port's error counters and logs",
            `${sysfsSet(b, "updelay", Math.max(2 * (b.miimon ?? 100), 200))}   # wait before trusting a link that came back (a multiple of miimon)`,
          ]),
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "A bond member flaps (many link failures or carrier changes)",
  severity: "warning",
  doc: {
    what: `Finds bond members whose link failure count is ${LINK_FAILURE_THRESHOLD} or more, or whose interface changed carrier ${CARRIER_CHANGES_THRESHOLD} times or more (LINK_FAILURE_THRESHOLD and CARRIER_CHANGES_THRESHOLD). Always a warning; the counts are in the title.`,
    why: "Each failure is a failover or rehash that drops traffic in flight. Many failures mean a bad cable or transceiver, a switch port or NIC that resets, or — with the ARP monitor — a monitor that declares healthy links dead because ARP replies come late or to another port: one real host showed 92028 and 71524 failures on its two members.",
    evidence:
      "The member's `Link Failure Count:` line from /proc/net/bonding (or bonding_slave/link_failure_count), /sys/class/net/<member>/carrier_changes, and the bond's ARP interval and targets when the ARP monitor is in use.",
    fix: "Read the kernel log for the failures; check `ethtool -S` error counters and the switch port; replace cable or transceiver. With the ARP monitor, check that every target answers (`arping`), add a second target, or switch to `miimon=100`. Set updelay (a multiple of miimon) so a returning link is trusted only after it has stayed up.",
    references: [
      "kernel Documentation/networking/bonding.rst: 'ARP Monitor Operation', arp_validate, updelay/downdelay",
      "kernel Documentation/ABI/testing/sysfs-class-net: carrier_changes",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of s.bonds) {
      const list = flaps(s, b);
      if (list.length > 0) out.push(finding(s, b, list));
    }
    return out;
  },
};
