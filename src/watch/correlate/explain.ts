// The written explanation of an incident: what failed first, and where to look because of it.
// Pure: a function of the incident's events in time order.
import type { WatchEvent } from "../../events/types.js";

function secs(ms: number): string {
  return `${(Math.abs(ms) / 1000).toFixed(1)} s`;
}

function firstOf(
  events: WatchEvent[],
  kind: WatchEvent["kind"],
  ifname?: string,
): WatchEvent | undefined {
  return events.find((e) => e.kind === kind && (ifname === undefined || e.ifname === ifname));
}

/** When a path's first probe was lost (the probe-loss event comes N probes later). */
function pathFailedAt(e: WatchEvent): number {
  const first = e.data?.first_lost_ms;
  return typeof first === "number" ? first : e.t_ms;
}

/** Where a member is cabled, e.g. "sw-a Ethernet1/5" (from LLDP/CDP); undefined: not known. */
export type Cabling = (ifname: string) => string | undefined;

export function explainIncident(
  events: WatchEvent[],
  cabling: Cabling = () => undefined,
): { title: string; explanation: string } {
  const sorted = [...events].sort((a, b) => a.t_ms - b.t_ms);
  const lines: string[] = [];
  let title = "";
  const losses = sorted.filter((e) => e.kind === "probe-loss");
  const downs = sorted.filter((e) => e.kind === "link-down");
  const explained = new Set<string>();

  // LACP that dies on a member whose carrier stays up (incident 004, part 2): what a probe or
  // carrier monitor then reports is a consequence; the partner's LACPDUs stopped first.
  const lacpDead = sorted.find(
    (e) =>
      (e.kind === "lacp-partner-lost" ||
        (e.kind === "lacp-state-changed" &&
          e.severity !== "info" &&
          /\+(expired|defaulted)/.test(e.detail))) &&
      !downs.some((d) => d.ifname === e.ifname && d.t_ms <= e.t_ms),
  );
  if (lacpDead?.ifname) {
    const ifname = lacpDead.ifname;
    lines.push(
      `${ifname}: LACP died while its link was up (${lacpDead.detail}): the partner's LACPDUs stopped arriving, so the bond takes ${ifname} out of the aggregator although carrier never dropped. Look at the partner (its LACP, a storm or an overloaded control plane), not at the cable (incident 004).`,
    );
    title = `${ifname}: LACP died while the link was up`;
  }

  for (const loss of losses) {
    const ifname = loss.ifname ?? "";
    const target = String(loss.data?.target ?? "?");
    if (explained.has(ifname)) continue;
    explained.add(ifname);
    const down = firstOf(sorted, "link-down", ifname);
    const failedAt = pathFailedAt(loss);
    if (down && failedAt < down.t_ms) {
      lines.push(
        `probes via ${ifname} to ${target} failed ${secs(down.t_ms - failedAt)} before ${ifname} lost carrier: the path died before the link; look upstream, not at the NIC.`,
      );
      title ||= `${ifname}: the path to ${target} died ${secs(down.t_ms - failedAt)} before the link`;
    } else if (down) {
      lines.push(
        `${ifname} lost carrier first; its probes to ${target} failed ${secs(failedAt - down.t_ms)} later as a consequence: look at the cable, the switch port or the NIC.`,
      );
      title ||= `${ifname} lost carrier`;
    } else {
      const others = losses.filter((l) => l.ifname !== ifname && l.data?.target === target);
      const healthy = sorted.some((e) => e.kind === "probe-recovered" && e.ifname !== ifname);
      lines.push(
        `probes via ${ifname} to ${target} fail while ${ifname} keeps carrier: a silent failure of the path (switch port, upstream link, VLAN or filtering) that a carrier or MII monitor cannot see.`,
      );
      if (others.length === 0 && !healthy) {
        lines.push(
          `No other member lost ${target}: the fault is on ${ifname}'s path, not at ${target}.`,
        );
      }
      title ||= `${ifname}: path to ${target} lost, carrier up`;
    }
    const stall = firstOf(sorted, "tx-stall", ifname);
    if (stall) {
      lines.push(
        `${ifname} still receives but nothing it sends is answered: the transmit side is dead (incident 004, a dataplane repeating frames while real transmit stopped). Re-enslaving or bouncing the member is the known workaround.`,
      );
    }
  }

  const targets = new Map<string, Set<string>>();
  for (const l of losses) {
    const t = String(l.data?.target ?? "");
    targets.set(t, (targets.get(t) ?? new Set()).add(l.ifname ?? ""));
  }
  for (const [target, ifs] of targets) {
    if (ifs.size > 1) {
      lines.push(
        `Every listed member (${[...ifs].join(", ")}) lost ${target}: suspect ${target} itself or what is upstream of all members, not one NIC.`,
      );
    }
  }

  for (const down of downs) {
    if (explained.has(down.ifname ?? "")) continue;
    explained.add(down.ifname ?? "");
    lines.push(`${down.ifname} lost carrier (cable, switch port, or NIC/driver).`);
    title ||= `${down.ifname} lost carrier`;
  }
  for (const flap of sorted.filter((e) => e.kind === "carrier-flap")) {
    lines.push(
      `${flap.ifname} is flapping: ${flap.detail}. Check the cable/optic and the switch port's error counters.`,
    );
    title ||= `${flap.ifname} is flapping`;
  }
  for (const c of sorted.filter((e) => e.kind === "address-conflict")) {
    lines.push(
      `${c.detail}. If one of them is a DSR real server, it answers ARP for the VIP: set net.ipv4.conf.all.arp_ignore=1 and arp_announce=2 there (linkguard doctor: dsr-arp-ignore).`,
    );
    title ||= `address conflict: ${c.subject}`;
  }
  for (const e of sorted) {
    if (
      [
        "lacp-partner-lost",
        "lacpdu-stall",
        "traffic-stall",
        "pps-storm",
        "error-burst",
        "active-slave-changed",
        "neighbour-changed",
        "neighbour-lost",
      ].includes(e.kind)
    ) {
      if (!lines.some((l) => l.includes(e.detail))) lines.push(`${e.detail}.`);
      title ||= e.detail;
    }
  }
  if (lines.length === 0) {
    const first = sorted[0];
    title = first ? first.detail : "incident";
    lines.push(first ? `${first.detail}.` : "No events.");
  }
  const members = [...new Set(sorted.flatMap((e) => (e.ifname ? [e.ifname] : [])))].sort();
  const cabled = members.flatMap((m) => {
    const where = cabling(m);
    return where === undefined ? [] : [`${m} → ${where}`];
  });
  if (cabled.length > 0) lines.push(`Cabled to (LLDP/CDP): ${cabled.join(", ")}.`);
  const t0 = sorted[0]?.t_ms ?? 0;
  const order = sorted.map(
    (e) =>
      `  +${((e.t_ms - t0) / 1000).toFixed(3)} s  ${e.kind.padEnd(16)} ${e.subject}: ${e.detail}`,
  );
  return { title, explanation: `${lines.join("\n")}\n\nOrder of events:\n${order.join("\n")}` };
}
