// Triggered capture on one interface: a long-running `tcpdump -w -` feeds the pre-trigger
// ring; on a trigger the ring goes to a file and capture goes on for `postSeconds`. The files
// are ours to manage (not tcpdump's -G/-C/-W rotation, whose timing drifts and whose limits
// do not combine). A dead tcpdump or a full disk is an event, never a crash.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { CaptureParser } from "../../pcap/parser.js";
import { encodePcapRecord, pcapFileHeader, pcapRecordSize } from "../../pcap/write.js";
import { PacketRing } from "./ring.js";

export interface CaptureSettings {
  snaplen: number;
  /** A BPF expression, passed to tcpdump as one argument (no shell). */
  filter: string;
  preSeconds: number;
  preBytes: number;
  postSeconds: number;
  dir: string;
}

export interface CaptureCallbacks {
  /** A file is complete: its path and size. */
  written(path: string, bytes: number, frames: number, incidentId: number): void;
  failed(reason: string): void;
  /** Asked before a file is opened: may it be written (budget, free space, rate)? */
  mayWrite(expectedBytes: number): { ok: true } | { ok: false; reason: string };
}

interface Recording {
  stream: WriteStream;
  path: string;
  until_s: number;
  bytes: number;
  frames: number;
  incidentId: number;
  failed: boolean;
}

/**
 * tcpdump's argv. The filter comes after `--`: a filter that starts with `-` (a typo, or a
 * config someone else wrote) is then a BPF expression tcpdump rejects, never an option such
 * as `-z command` or `-w file`.
 */
export function tcpdumpArgs(
  ifname: string,
  s: Pick<CaptureSettings, "snaplen" | "filter">,
): string[] {
  const args = ["-i", ifname, "-s", String(s.snaplen), "-U", "-n", "-w", "-"];
  if (s.filter) args.push("--", s.filter);
  return args;
}

export class InterfaceCapture {
  private child: ChildProcess | null = null;
  private ring: PacketRing;
  private linkType = 1;
  private recording: Recording | null = null;
  private stopped = false;
  private restartMs = 1000;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly ifname: string,
    private readonly s: CaptureSettings,
    private readonly cb: CaptureCallbacks,
  ) {
    this.ring = new PacketRing(s.preSeconds, s.preBytes);
  }

  start(): void {
    this.stopped = false;
    const child = spawn("tcpdump", tcpdumpArgs(this.ifname, this.s), {
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const parser = new CaptureParser((p) => {
      this.linkType = p.linkType;
      this.frame(p.ts, p.data, p.originalLength);
    });
    child.stdout?.on("data", (chunk: Buffer) => parser.push(chunk));
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-400);
    });
    child.on("error", (err) => this.cb.failed(`tcpdump on ${this.ifname}: ${err.message}`));
    child.on("exit", (code, signal) => {
      this.child = null;
      if (this.stopped) return;
      const why =
        stderr
          .trim()
          .split("\n")
          .filter((l) => !/listening on|^tcpdump: verbose/.test(l))
          .pop() ?? "";
      this.cb.failed(
        `tcpdump on ${this.ifname} exited (${signal ?? code})${why ? `: ${why}` : ""}; restarting in ${this.restartMs / 1000} s`,
      );
      this.timer = setTimeout(() => this.start(), this.restartMs);
      this.restartMs = Math.min(this.restartMs * 2, 60_000);
    });
  }

  private frame(ts: number, data: Uint8Array, originalLength: number): void {
    this.restartMs = 1000;
    const r = this.recording;
    if (r) {
      if (ts <= r.until_s) this.append(r, ts, data, originalLength);
      else this.finish(r);
    }
    this.ring.push(ts, data, originalLength);
  }

  /** Starts a file for an incident: the ring first, then `postSeconds` more. */
  trigger(incidentId: number, at_ms: number): void {
    if (this.recording) return;
    const allowed = this.cb.mayWrite(this.ring.byteSize + this.ring.size * 16 + 24);
    if (!allowed.ok) {
      this.cb.failed(
        `capture on ${this.ifname} for incident ${incidentId} refused: ${allowed.reason}`,
      );
      return;
    }
    const stamp = new Date(at_ms).toISOString().replace(/[-:]/g, "").slice(0, 15);
    const path = join(this.s.dir, `incident-${incidentId}-${this.ifname}-${stamp}.pcap`);
    const stream = createWriteStream(path, { flags: "wx", mode: 0o640 });
    const r: Recording = {
      stream,
      path,
      until_s: at_ms / 1000 + this.s.postSeconds,
      bytes: 0,
      frames: 0,
      incidentId,
      failed: false,
    };
    stream.on("error", (err) => {
      if (r.failed) return;
      r.failed = true;
      this.cb.failed(`capture ${path}: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
      if (this.recording === r) this.recording = null;
    });
    this.recording = r;
    this.write(r, pcapFileHeader({ linkType: this.linkType, snapLength: this.s.snaplen }));
    for (const f of this.ring.contents()) this.append(r, f.ts, f.data, f.originalLength);
    // Quiet links send nothing that would end the recording: a timer ends it too.
    setTimeout(
      () => this.recording === r && this.finish(r),
      this.s.postSeconds * 1000 + 500,
    ).unref();
  }

  private append(r: Recording, ts: number, data: Uint8Array, originalLength: number): void {
    const rec = { ts, data, originalLength };
    const buf = new Uint8Array(pcapRecordSize(rec));
    encodePcapRecord(buf, 0, rec);
    this.write(r, buf);
    r.frames++;
  }

  private write(r: Recording, bytes: Uint8Array): void {
    if (r.failed) return;
    r.bytes += bytes.length;
    r.stream.write(bytes);
  }

  private finish(r: Recording): void {
    if (this.recording === r) this.recording = null;
    if (r.failed) return;
    r.stream.end(() => {
      if (!r.failed) this.cb.written(r.path, r.bytes, r.frames, r.incidentId);
    });
  }

  /** Finishes a running recording (the watcher is stopping) and stops tcpdump. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.recording) this.finish(this.recording);
    this.child?.kill("SIGTERM");
    this.child = null;
  }
}
