// Listening for the switch's LLDP and CDP frames on one member without a process: the native
// prober's packet socket, bound to the member with a kernel BPF filter (the tcpdump fallback's
// filter) and received frames only, hands each frame with its kernel receive time to the same
// decoders the tcpdump path feeds. Passive: it sends nothing. Not promiscuous: the socket joins
// the two discovery multicast groups, and the kernel leaves them when it closes.

import { decodeFrame } from "../../pcap/decode/dispatch.js";
import { Packet } from "../../pcap/packet.js";
import type { NativeProberAddon, NativeSocket } from "../../runtime/probe/native-addon.js";
import type { HeardNeighbour } from "../detect/neighbours.js";
import { heardNeighbour } from "./heard.js";
import type { ListenerCallbacks } from "./listener.js";

/** LINKTYPE_ETHERNET: a packet socket of type SOCK_RAW reads whole Ethernet frames. */
const LINKTYPE_ETHERNET = 1;

/** One received frame (its bytes, its time in ms) as the neighbour it announces, if any. Pure. */
export function neighbourFromFrame(
  ifname: string,
  bytes: Uint8Array,
  tMs: number,
): HeardNeighbour | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packet = new Packet(
    bytes,
    view,
    0,
    bytes.byteLength,
    bytes.byteLength,
    tMs / 1000,
    LINKTYPE_ETHERNET,
    0,
  );
  return heardNeighbour(ifname, decodeFrame(packet));
}

export interface NativeListenerOptions {
  /** Join the multicast groups on the member (default true, as the tcpdump listener). */
  multicast?: boolean;
}

export class NativeNeighbourListener {
  private socket: NativeSocket | null = null;

  constructor(
    private readonly addon: Pick<NativeProberAddon, "openNeighbours" | "close">,
    readonly ifname: string,
    private readonly cb: ListenerCallbacks,
    private readonly opts: NativeListenerOptions = {},
  ) {}

  async start(): Promise<void> {
    const open = this.addon.openNeighbours;
    if (open === undefined) {
      this.cb.problem(`neighbours on ${this.ifname}: the native prober has no LLDP/CDP sockets`);
      return;
    }
    try {
      this.socket = open.call(this.addon, this.ifname, this.opts.multicast !== false, (b, t) => {
        const n = neighbourFromFrame(this.ifname, b, t);
        if (n) this.cb.heard(n);
      });
    } catch (err) {
      this.cb.problem(`neighbours on ${this.ifname}: ${(err as Error).message}`);
    }
  }

  /** Closes the socket; the kernel leaves the multicast groups it joined. */
  async stop(): Promise<void> {
    if (this.socket) this.addon.close(this.socket);
    this.socket = null;
  }
}
