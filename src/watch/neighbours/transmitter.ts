// `lldp.transmit`: announce the host on each member every 30 s, and a shutdown LLDPDU (TTL 0)
// when the watcher stops, so the switch forgets the ports at once. The sending and the clock
// are passed in.
import { type HostIdentity, type HostPort, hostLldpdu, TX_INTERVAL_MS } from "./announce.js";

export interface TransmitterDeps {
  host: HostIdentity;
  ports: readonly HostPort[];
  send(ifname: string, frame: Uint8Array): void;
  every?(ms: number, fn: () => void): { stop(): void };
}

const interval = (ms: number, fn: () => void) => {
  const t = setInterval(fn, ms);
  t.unref();
  return { stop: () => clearInterval(t) };
};

export class Transmitter {
  private timer: { stop(): void } | null = null;

  constructor(private readonly d: TransmitterDeps) {}

  private sendAll(ttl?: number): void {
    for (const p of this.d.ports) this.d.send(p.ifname, hostLldpdu(this.d.host, p, ttl));
  }

  start(): void {
    this.sendAll();
    this.timer = (this.d.every ?? interval)(TX_INTERVAL_MS, () => this.sendAll());
  }

  stop(): void {
    if (this.timer === null) return;
    this.timer.stop();
    this.timer = null;
    this.sendAll(0);
  }
}
