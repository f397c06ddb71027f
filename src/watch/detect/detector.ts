// The detector: every observation the watcher makes goes in, typed events come out. No I/O;
// the watcher feeds it and the tests feed it plain data.
import type { Bond } from "../../host/model.js";
import type { InterfaceRates, InterfaceSample, ProbeResult, WatchEvent } from "../types.js";
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
  private readonly rxPackets = new Map<string, number>();

  constructor(host: string, cfg: DetectorConfig = DEFAULT_DETECTOR_CONFIG) {
    const ctx = { host };
    this.links = new LinkDetector(ctx, cfg);
    this.probes = new ProbeDetector(ctx, cfg, (ifname) => this.rxPackets.get(ifname));
    this.traffic = new TrafficDetector(ctx, cfg);
    this.bonds = new BondDetector(ctx);
    this.addresses = new AddressDetector(ctx);
  }

  link(o: LinkObservation): WatchEvent[] {
    if (o.deleted) {
      this.traffic.forget(o.ifname);
      this.rxPackets.delete(o.ifname);
    }
    return this.links.observe(o);
  }

  sample(s: InterfaceSample, rates: InterfaceRates | null): WatchEvent[] {
    this.rxPackets.set(s.ifname, s.rx_packets);
    const out = this.links.observe({
      t_ms: s.t_ms,
      ifname: s.ifname,
      carrier: s.carrier,
      operstate: s.operstate,
      source: "sysfs",
    });
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
