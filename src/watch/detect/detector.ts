// The detector: every observation the watcher makes goes in, typed events come out. No I/O;
// the watcher feeds it and the tests feed it plain data.

import type {
  InterfaceRates,
  InterfaceSample,
  ProbeResult,
  WatchEvent,
} from "../../events/types.js";
import type { Bond } from "../../host/model.js";
import { AddressDetector } from "./address.js";
import { BondDetector } from "./bond.js";
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from "./config.js";
import { LinkDetector, type LinkObservation } from "./link.js";
import { ProbeDetector } from "./probe.js";
import { TrafficDetector } from "./traffic.js";

export class Detector {
  readonly links: LinkDetector;
  readonly probes: ProbeDetector;
  private readonly traffic: TrafficDetector;
  private readonly bonds: BondDetector;
  private readonly addresses: AddressDetector;
  private readonly packets = new Map<string, { rx: number; tx: number }>();

  constructor(host: string, cfg: DetectorConfig = DEFAULT_DETECTOR_CONFIG) {
    const ctx = { host };
    this.links = new LinkDetector(ctx, cfg);
    this.probes = new ProbeDetector(
      ctx,
      cfg,
      (ifname) => this.packets.get(ifname),
      (ifname) => this.links.carrierOf(ifname) === true,
    );
    this.traffic = new TrafficDetector(ctx, cfg);
    this.bonds = new BondDetector(ctx);
    this.addresses = new AddressDetector(ctx);
  }

  link(o: LinkObservation): WatchEvent[] {
    if (o.deleted) {
      this.traffic.forget(o.ifname);
      this.packets.delete(o.ifname);
    }
    return this.afterLink(this.links.observe(o));
  }

  private afterLink(events: WatchEvent[]): WatchEvent[] {
    for (const e of events) {
      if ((e.kind === "link-down" || e.kind === "link-up") && e.ifname)
        this.probes.linkChanged(e.ifname);
    }
    return events;
  }

  sample(s: InterfaceSample, rates: InterfaceRates | null): WatchEvent[] {
    this.packets.set(s.ifname, { rx: s.rx_packets, tx: s.tx_packets });
    const out = this.afterLink(
      this.links.observe({
        t_ms: s.t_ms,
        ifname: s.ifname,
        carrier: s.carrier,
        operstate: s.operstate,
        source: "sysfs",
      }),
    );
    if (rates) out.push(...this.traffic.observe(s.ifname, s.t_ms, s.carrier, rates));
    out.push(...this.probes.checkTxStall(s.ifname, s.t_ms, s.carrier, rates?.tx_pps ?? null));
    return out;
  }

  probe(r: ProbeResult): WatchEvent[] {
    return this.probes.observe(r);
  }

  bond(t_ms: number, b: Bond): WatchEvent[] {
    return this.bonds.observe(t_ms, b);
  }

  address(t_ms: number, ifname: string, address: string, deleted: boolean): WatchEvent[] {
    return this.addresses.local(t_ms, ifname, address, deleted);
  }

  arpReply(t_ms: number, ifname: string, target: string, mac: string): WatchEvent[] {
    return this.addresses.arpReply(t_ms, ifname, target, mac);
  }
}
