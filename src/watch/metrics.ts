// Prometheus metrics (prom-client) for the watcher, served at /metrics. Names and labels are
// documented in docs/metrics.md; they are a contract for alert rules and dashboards.
import { Counter, Gauge, Registry } from "prom-client";
import type { Incident, InterfaceSample, ProbeResult, WatchEvent } from "../events/types.js";
import type { Bond } from "../host/model.js";
import { NeighbourMetrics } from "./neighbours/metrics.js";
import type { WatcherListener } from "./watcher.js";

export class WatchMetrics implements WatcherListener {
  readonly registry = new Registry();
  private readonly linkUp: Gauge;
  private readonly carrierChanges: Gauge;
  private readonly bytes: Counter;
  private readonly packets: Counter;
  private readonly errors: Counter;
  private readonly dropped: Counter;
  private readonly probeRtt: Gauge;
  private readonly probesSent: Counter;
  private readonly probesLost: Counter;
  private readonly pathUp: Gauge;
  private readonly events: Counter;
  private readonly incidentsOpen: Gauge;
  private readonly incidents: Counter;
  readonly bondMembers: Gauge;
  readonly bondActiveMembers: Gauge;
  readonly lacpInSync: Gauge;
  /** Who is on the other end of each member (LLDP/CDP), fed by the neighbour watch. */
  readonly neighbours: NeighbourMetrics;
  /** Latest sample per interface; turned into metrics at scrape time, not on every sample. */
  private readonly latest = new Map<string, InterfaceSample>();
  private readonly exported = new Map<string, InterfaceSample>();
  private refreshed = 0;
  private readonly probeCounts = new Map<
    string,
    {
      labels: { interface: string; target: string; kind: string };
      sent: number;
      lost: number;
      rtt_ms: number | null;
      up: 0 | 1 | null;
    }
  >();
  private readonly openIncidents = new Set<number>();

  /** `prober`: which prober runs (native raw sockets or ping/arping), as a label. */
  constructor(prober?: "native" | "ping") {
    const r = [this.registry];
    const g = (name: string, help: string, labelNames: string[]) =>
      new Gauge({ name, help, labelNames, registers: r });
    const c = (name: string, help: string, labelNames: string[]) =>
      new Counter({ name, help, labelNames, registers: r });
    // Interface metrics are computed when scraped: whichever of them is collected first does it.
    const refresh = () => this.refreshInterfaces();
    const gi = (name: string, help: string, labelNames: string[]) =>
      new Gauge({ name, help, labelNames, registers: r, collect: refresh });
    const ci = (name: string, help: string, labelNames: string[]) =>
      new Counter({ name, help, labelNames, registers: r, collect: refresh });
    this.linkUp = gi("linkguard_link_up", "1 when the interface has carrier, 0 when not.", [
      "interface",
    ]);
    this.carrierChanges = gi(
      "linkguard_link_carrier_changes",
      "The kernel's carrier_changes count for the interface.",
      ["interface"],
    );
    this.bytes = ci(
      "linkguard_interface_bytes_total",
      "Bytes counted by the interface since the watcher started.",
      ["interface", "direction"],
    );
    this.packets = ci(
      "linkguard_interface_packets_total",
      "Packets counted by the interface since the watcher started.",
      ["interface", "direction"],
    );
    this.errors = ci(
      "linkguard_interface_errors_total",
      "Errors counted by the interface since the watcher started.",
      ["interface", "direction"],
    );
    this.dropped = ci(
      "linkguard_interface_dropped_total",
      "Drops counted by the interface since the watcher started.",
      ["interface", "direction"],
    );
    this.probeRtt = gi(
      "linkguard_probe_rtt_seconds",
      "Round-trip time of the last answered probe.",
      ["interface", "target", "kind"],
    );
    this.probesSent = ci(
      "linkguard_probes_sent_total",
      "Probes sent through a member to a target.",
      ["interface", "target", "kind"],
    );
    this.probesLost = ci("linkguard_probes_lost_total", "Probes that got no answer.", [
      "interface",
      "target",
      "kind",
    ]);
    this.pathUp = gi(
      "linkguard_probe_path_up",
      "1 while probes via the interface to the target are answered, 0 after probe-loss.",
      ["interface", "target"],
    );
    this.events = c("linkguard_events_total", "Events raised, by kind and severity.", [
      "kind",
      "severity",
    ]);
    this.neighbours = new NeighbourMetrics(this.registry);
    this.incidentsOpen = g("linkguard_incidents_open", "Incidents open now.", []);
    this.incidents = c(
      "linkguard_incidents_total",
      "Incidents opened since the watcher started.",
      [],
    );
    this.bondMembers = g("linkguard_bond_members", "Members of the bond.", ["bond"]);
    this.bondActiveMembers = g(
      "linkguard_bond_active_members",
      "Members of the bond with MII status up.",
      ["bond"],
    );
    this.lacpInSync = g(
      "linkguard_lacp_partner_in_sync",
      "1 when the member's LACP partner state has synchronization set.",
      ["bond", "interface"],
    );
    g("linkguard_watcher_up", "1 while the watcher runs.", []).set(1);
    if (prober)
      g("linkguard_prober_info", "1, labelled with the prober that runs: native or ping.", [
        "prober",
      ]).set({ prober }, 1);
    this.incidentsOpen.set(0);
  }

  sample(s: InterfaceSample): void {
    this.latest.set(s.ifname, s);
  }

  private refreshInterfaces(): void {
    const now = Date.now();
    if (now - this.refreshed < 50) return;
    this.refreshed = now;
    this.refreshProbes();
    for (const [i, s] of this.latest) {
      if (s.carrier !== null) this.linkUp.set({ interface: i }, s.carrier ? 1 : 0);
      if (s.carrier_changes !== null) this.carrierChanges.set({ interface: i }, s.carrier_changes);
      const p = this.exported.get(i);
      this.exported.set(i, s);
      if (!p) continue;
      const add = (m: Counter, dir: "rx" | "tx", a: number, b: number) => {
        if (b > a) m.inc({ interface: i, direction: dir }, b - a);
      };
      add(this.bytes, "rx", p.rx_bytes, s.rx_bytes);
      add(this.bytes, "tx", p.tx_bytes, s.tx_bytes);
      add(this.packets, "rx", p.rx_packets, s.rx_packets);
      add(this.packets, "tx", p.tx_packets, s.tx_packets);
      add(this.errors, "rx", p.rx_errors, s.rx_errors);
      add(this.errors, "tx", p.tx_errors, s.tx_errors);
      add(this.dropped, "rx", p.rx_dropped, s.rx_dropped);
      add(this.dropped, "tx", p.tx_dropped, s.tx_dropped);
    }
  }

  probe(r: ProbeResult): void {
    const key = `${r.ifname}\u0000${r.target}\u0000${r.kind}`;
    let p = this.probeCounts.get(key);
    if (!p) {
      p = {
        labels: { interface: r.ifname, target: r.target, kind: r.kind },
        sent: 0,
        lost: 0,
        rtt_ms: null,
        up: null,
      };
      this.probeCounts.set(key, p);
    }
    p.sent++;
    if (!r.ok) p.lost++;
    if (r.rtt_ms !== null) p.rtt_ms = r.rtt_ms;
    if (r.ok && p.up === null) p.up = 1;
  }

  /** Probe results are counted in plain numbers and handed to prom-client when scraped. */
  private refreshProbes(): void {
    for (const p of this.probeCounts.values()) {
      if (p.sent > 0) this.probesSent.inc(p.labels, p.sent);
      if (p.lost > 0) this.probesLost.inc(p.labels, p.lost);
      p.sent = 0;
      p.lost = 0;
      if (p.rtt_ms !== null) this.probeRtt.set(p.labels, p.rtt_ms / 1000);
      if (p.up !== null)
        this.pathUp.set({ interface: p.labels.interface, target: p.labels.target }, p.up);
    }
  }

  /** The path's state is the detector's verdict; a scrape must not undo it. */
  private setPathUp(ifname: string, target: string, up: 0 | 1): void {
    for (const p of this.probeCounts.values())
      if (p.labels.interface === ifname && p.labels.target === target) p.up = up;
    this.pathUp.set({ interface: ifname, target }, up);
  }

  event(e: WatchEvent): void {
    this.events.inc({ kind: e.kind, severity: e.severity });
    if ((e.kind === "probe-loss" || e.kind === "probe-recovered") && e.ifname)
      this.setPathUp(e.ifname, String(e.data?.target), e.kind === "probe-loss" ? 0 : 1);
    if (e.kind === "interface-removed" && e.ifname) {
      this.latest.delete(e.ifname);
      this.exported.delete(e.ifname);
    }
  }

  incident(i: Incident): void {
    if (i.closed_ms === null && !this.openIncidents.has(i.id)) {
      this.openIncidents.add(i.id);
      this.incidents.inc();
    } else if (i.closed_ms !== null) this.openIncidents.delete(i.id);
    this.incidentsOpen.set(this.openIncidents.size);
  }

  bond(b: Bond): void {
    this.bondMembers.set({ bond: b.name }, b.slaves.length);
    this.bondActiveMembers.set(
      { bond: b.name },
      b.slaves.filter((s) => s.miiStatus === "up").length,
    );
    for (const s of b.slaves) {
      const st = s.partner?.state;
      if (st) this.lacpInSync.set({ bond: b.name, interface: s.name }, st.synchronization ? 1 : 0);
    }
  }
}
