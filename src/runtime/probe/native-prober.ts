// The native prober: one raw socket per path (ICMP or ICMPv6 echo, or ARP on an AF_PACKET
// socket) read on node's own event loop, no process and no thread per path. Send times come from the
// addon, receive times from the kernel (SO_TIMESTAMPNS): RTTs to the microsecond, and ARP
// probes at any interval. A socket that cannot open, or whose interface is gone or new, is
// opened again at the next probe; the probe counts as lost meanwhile.
import { ProbeLedger } from "./ledger.js";
import type { NativeProberAddon, NativeSocket } from "./native-addon.js";
import {
  ARP_REPLY,
  ARP_REQUEST,
  decodeArp,
  decodeEcho6Reply,
  decodeEchoReply,
  encodeArp,
  encodeEcho6Request,
  encodeEchoRequest,
} from "./packets.js";
import { assertProbePath, type PathProber, type ProbePath, type ProberCallbacks } from "./path.js";

// Each path's echo id, distinct within this process (raw sockets see every echo reply).
let nextEchoId = Math.floor(Math.random() * 0x10000);

export class NativeProber implements PathProber {
  private socket: NativeSocket | null = null;
  private sender = "0.0.0.0";
  private senderMac = "00:00:00:00:00:00";
  private ifindex = 0;
  private tick: NodeJS.Timeout | null = null;
  private deadline: NodeJS.Timeout | null = null;
  private seq = 0;
  private readonly echoId = nextEchoId++ & 0xffff;
  private readonly ledger: ProbeLedger;
  /** An IPv6 target: ICMPv6 echo, its address as the kernel writes it (RFC 5952). */
  private readonly target6: string | null;
  private lastProblem = "";
  private stopped = true;

  constructor(
    private readonly addon: NativeProberAddon,
    readonly path: ProbePath,
    private readonly intervalMs: number,
    private readonly cb: ProberCallbacks,
  ) {
    assertProbePath(path);
    this.ledger = new ProbeLedger(intervalMs);
    this.target6 = path.kind === "icmp" && path.target.includes(":") ? ipv6Text(path.target) : null;
  }

  start(): void {
    this.stopped = false;
    this.probe();
    this.tick = setInterval(() => this.probe(), this.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.tick) clearInterval(this.tick);
    if (this.deadline) clearTimeout(this.deadline);
    this.closeSocket();
  }

  private open(): boolean {
    const { kind, ifname } = this.path;
    try {
      // The sender fields of an ARP request: this member's MAC and IPv4 address (arping's).
      const info = this.addon.interfaceInfo(ifname);
      this.ifindex = info.index;
      this.senderMac = info.mac;
      this.sender = info.ipv4 ?? "0.0.0.0";
      const socketKind = this.target6 !== null ? "icmp6" : kind;
      this.socket = this.addon.open(socketKind, ifname, (b, t, from) => this.onPacket(b, t, from));
      return true;
    } catch (err) {
      this.problem(`native ${kind} prober via ${ifname}: ${(err as Error).message}`);
      return false;
    }
  }

  private sameInterface(): boolean {
    try {
      return this.addon.interfaceInfo(this.path.ifname).index === this.ifindex;
    } catch {
      return false;
    }
  }

  private closeSocket(): void {
    if (this.socket) this.addon.close(this.socket);
    this.socket = null;
  }

  private packet(seq: number): Buffer {
    if (this.target6 !== null) return encodeEcho6Request(this.echoId, seq);
    if (this.path.kind === "icmp") return encodeEchoRequest(this.echoId, seq);
    return encodeArp({
      op: ARP_REQUEST,
      senderMac: this.senderMac,
      senderIp: this.sender,
      targetMac: "00:00:00:00:00:00",
      targetIp: this.path.target,
    });
  }

  private probe(): void {
    if (this.stopped) return;
    const seq = ++this.seq;
    let sentAt = Date.now();
    if (this.socket || this.open()) {
      try {
        sentAt = this.addon.send(this.socket as NativeSocket, this.packet(seq), this.path.target);
        this.lastProblem = "";
      } catch (err) {
        this.problem(
          `native ${this.path.kind} probe via ${this.path.ifname} to ${this.path.target}: ${(err as Error).message}`,
        );
        // Reopened only when the interface is gone or new: closing a packet socket is slow.
        if (!this.sameInterface()) this.closeSocket();
      }
    }
    // Unsent, it is lost all the same once its time is up: the path reads as failing.
    this.ledger.sent(seq, sentAt);
    this.armDeadline();
  }

  private onPacket(b: Buffer, t_ms: number, from?: string): void {
    const { ifname, target, kind } = this.path;
    let seq: number | null = null;
    if (kind === "icmp") {
      const r = this.target6 !== null ? decodeEcho6Reply(b) : decodeEchoReply(b);
      const source = this.target6 !== null ? from : r && "source" in r ? r.source : undefined;
      if (!r || r.id !== this.echoId || source !== (this.target6 ?? target)) return;
      // The wire carries 16 bits of the sequence: the newest probe with those bits.
      seq = this.seq - ((this.seq - r.seq) & 0xffff);
    } else {
      const a = decodeArp(b);
      if (!a || a.op !== ARP_REPLY || a.senderIp !== target) return;
      this.cb.arpReply?.(Math.round(t_ms), ifname, target, a.senderMac);
      // ARP has no sequence number: a reply answers the newest request.
      seq = this.seq;
    }
    const rtt = this.ledger.answered(seq, t_ms);
    if (rtt === null) return;
    this.cb.result({ t_ms: Math.round(t_ms), ifname, target, kind, seq, ok: true, rtt_ms: rtt });
  }

  /** One timer per path: fires when the oldest probe in flight is overdue. */
  private armDeadline(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
    const due = this.ledger.nextDeadline();
    if (due === null || this.stopped) return;
    this.deadline = setTimeout(
      // After the poll phase: an answer already waiting on the socket (node was busy) is
      // read before the probe is called lost.
      () =>
        setImmediate(() => {
          if (this.stopped) return;
          const now = Date.now();
          const { ifname, target, kind } = this.path;
          for (const seq of this.ledger.overdue(now))
            this.cb.result({ t_ms: now, ifname, target, kind, seq, ok: false, rtt_ms: null });
          this.armDeadline();
        }),
      Math.max(0, due - Date.now()),
    );
  }

  /** The same problem again (every probe while an interface is gone) is said once. */
  private problem(message: string): void {
    if (message === this.lastProblem) return;
    this.lastProblem = message;
    this.cb.problem?.(message);
  }
}

/** An IPv6 address in the kernel's text (RFC 5952: lowercase, zeros compressed), for matching. */
function ipv6Text(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address.toLowerCase(); // not an address: sending to it fails and says so
  }
}
