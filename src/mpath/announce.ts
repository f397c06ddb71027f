// A data address's announcement after a move: gratuitous ARPs from the new member (RFC 5227
// 2.4, what `arping -U` sends). Natively it is one sendto() on a packet socket, there when
// the address is; the fallback is an arping started in advance (ArmedCommand), which needs
// ~9 ms to start and so is fired before the address is added.
import { run } from "../host/exec.js";
import type {
  NativeProberAddon,
  NativeSocket,
  ProberChoice,
} from "../runtime/probe/native-addon.js";
import { ARP_REQUEST, encodeArp } from "../runtime/probe/packets.js";
import { ArmedCommand } from "./fast-exec.js";

export interface Announcer {
  /** True when the first announcement leaves at once: fire it after the address is added. */
  readonly instant: boolean;
  /** Sends one gratuitous ARP now; resolves true once it has left. */
  fire(): Promise<boolean>;
  /** `count` more, one a second, in the background. */
  repeat(count: number): void;
  close(): void;
}

class ArpingAnnouncer implements Announcer {
  readonly instant = false;
  private readonly armed: ArmedCommand;

  constructor(
    private readonly member: string,
    private readonly ip: string,
  ) {
    this.armed = new ArmedCommand(["arping", "-U", "-c", "1", "-w", "1", "-I", member, ip]);
  }

  async fire(): Promise<boolean> {
    // arping reports having sent only when it exits (-w 1).
    return /Sent 1 probe/.test(await this.armed.fire());
  }

  repeat(count: number): void {
    void run(["arping", "-U", "-c", String(count), "-I", this.member, this.ip], {
      timeoutMs: 5000 + count * 1000,
    }).catch(() => undefined);
  }

  close(): void {
    this.armed.close();
  }
}

class NativeAnnouncer implements Announcer {
  readonly instant = true;
  private readonly timers = new Set<NodeJS.Timeout>();
  private socket: NativeSocket | null = null;

  constructor(
    private readonly addon: NativeProberAddon,
    private readonly member: string,
    private readonly ip: string,
  ) {
    // Opened now and kept: closing a packet socket costs the kernel's synchronize_net()
    // (5-15 ms here), too long for the moment of a move. "arp-send" listens to nothing.
    this.open();
  }

  private open(): NativeSocket | null {
    try {
      this.socket = this.addon.open("arp-send", this.member, () => undefined);
    } catch {
      this.socket = null;
    }
    return this.socket;
  }

  private sendOnce(): void {
    const socket = this.socket ?? this.open();
    if (!socket) throw new Error(`no packet socket on ${this.member}`);
    const { mac } = this.addon.interfaceInfo(this.member);
    const frame = encodeArp({
      op: ARP_REQUEST,
      senderMac: mac,
      senderIp: this.ip,
      targetMac: "00:00:00:00:00:00",
      targetIp: this.ip,
    });
    this.addon.send(socket, frame);
  }

  /** A socket bound to a member that has since been re-created is opened again, once. */
  private send(): boolean {
    try {
      this.sendOnce();
      return true;
    } catch {
      this.closeSocket();
      try {
        this.sendOnce();
        return true;
      } catch {
        return false;
      }
    }
  }

  private closeSocket(): void {
    if (this.socket) this.addon.close(this.socket);
    this.socket = null;
  }

  fire(): Promise<boolean> {
    return Promise.resolve(this.send());
  }

  repeat(count: number): void {
    for (let i = 1; i <= count; i++) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.send();
      }, i * 1000);
      t.unref();
      this.timers.add(t);
    }
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.closeSocket();
  }
}

/** The announcer for the prober that runs: a packet socket when native, else arping. */
export function announcerMaker(choice: ProberChoice): (member: string, ip: string) => Announcer {
  return (member, ip) =>
    choice.kind === "native"
      ? new NativeAnnouncer(choice.addon, member, ip)
      : new ArpingAnnouncer(member, ip);
}
