// The neighbour table as Prometheus metrics (docs/metrics.md): who is on the other end of each
// member, when it was last heard, and how many frames it sent.
import { Counter, Gauge, type Registry } from "prom-client";
import type { HeardNeighbour } from "../detect/neighbours.js";

export class NeighbourMetrics {
  private readonly info: Gauge;
  private readonly lastHeard: Gauge;
  private readonly frames: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.info = new Gauge({
      name: "linkguard_neighbour_info",
      help: "1 for each live LLDP/CDP neighbour of a member: the switch and port it is cabled to.",
      labelNames: ["interface", "protocol", "chassis_id", "system_name", "port_id", "vlan"],
      registers,
    });
    this.lastHeard = new Gauge({
      name: "linkguard_neighbour_last_heard_timestamp_seconds",
      help: "When the member last heard its LLDP/CDP neighbour (Unix time).",
      labelNames: ["interface", "protocol"],
      registers,
    });
    this.frames = new Counter({
      name: "linkguard_neighbour_frames_total",
      help: "LLDP/CDP frames heard on the member since the watcher started.",
      labelNames: ["interface", "protocol"],
      registers,
    });
  }

  heard(n: HeardNeighbour): void {
    const labels = { interface: n.ifname, protocol: n.protocol };
    this.frames.inc(labels);
    this.lastHeard.set(labels, n.heardMs / 1000);
  }

  /** The live table changed (a new, moved or expired neighbour). */
  table(list: readonly HeardNeighbour[]): void {
    this.info.reset();
    for (const n of list)
      this.info.set(
        {
          interface: n.ifname,
          protocol: n.protocol,
          chassis_id: n.chassisId ?? "",
          system_name: n.systemName ?? "",
          port_id: n.portId ?? "",
          vlan: n.vlan === null ? "" : String(n.vlan),
        },
        1,
      );
  }
}
