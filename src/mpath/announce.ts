// A data address's announcement after a move: gratuitous ARPs from the new member (RFC 5227
// 2.4, what `arping -U` sends). Natively it is one sendto() on a packet socket, there when
// the address is; the fallback is an arping started in advance (ArmedCommand), which needs
// ~9 ms to start and so is fired before the address is added.
import { run } from "../host/exec.js";
import type { NativeProberAddon } from "../watch/probe/native-addon.js";
import { ARP_REQUEST, encodeArp } from "../watch/probe/packets.js";
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

export class ArpingAnnouncer implements Announcer {
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

export class NativeAnnouncer implements Announcer {
  readonly instant = true;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly addon: NativeProberAddon,
    private readonly member: string,
    private readonly ip: string,
  ) {}

  /** Opens a packet socket for the one frame: nothing listens on the member in between. */
  private send(): boolean {
    try {
      const { mac } = this.addon.interfaceInfo(this.member);
      const frame = encodeArp({
        op: ARP_REQUEST,
        senderMac: mac,
        senderIp: this.ip,
        targetMac: "00:00:00:00:00:00",
        targetIp: this.ip,
      });
      const socket = this.addon.open("arp", this.member, () => undefined);
      try {
        this.addon.send(socket, frame);
      } finally {
        this.addon.close(socket);
      }
      return true;
    } catch {
      return false;
    }
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
  }
}
