// The host's end of a lab VM's control channel (QEMU's chardev socket for the virtio-serial
// port the agent reads): run a command in the VM and get its output, bounded in time.
import { existsSync } from "node:fs";
import { createConnection, type Socket } from "node:net";
import {
  decode,
  type ExecResult,
  encode,
  LineFramer,
  type Reply,
  type Request,
} from "./protocol.js";

export interface ExecOptions {
  timeoutMs?: number;
  /** Run as this user inside the VM (e.g. 65534, nobody). */
  uid?: number;
  gid?: number;
  input?: string;
}

type Done = Extract<Reply, { code: number | null }>;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export class VmControl {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { done: (r: Done) => void; line?: (line: string, fd: "stdout" | "stderr") => void }
  >();
  private helloWaiters: ((h: { kernel: string; now_ms: number }) => void)[] = [];
  hello: { kernel: string; now_ms: number; host_ms: number } | undefined;

  private constructor(
    readonly vm: string,
    private readonly socket: Socket,
  ) {
    const framer = new LineFramer();
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      for (const line of framer.push(d)) this.onLine(line);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      for (const [id, p] of this.pending)
        p.done({
          id,
          code: null,
          signal: null,
          stdout: "",
          stderr: "",
          timedOut: false,
          error: "VM control channel closed",
        });
      this.pending.clear();
    });
  }

  /** Connects to the VM's control socket; QEMU creates it a moment after it starts. */
  static async connect(vm: string, path: string, timeoutMs = 10_000): Promise<VmControl> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      if (existsSync(path)) {
        try {
          const socket = await new Promise<Socket>((resolve, reject) => {
            const s = createConnection(path, () => resolve(s));
            s.once("error", reject);
          });
          return new VmControl(vm, socket);
        } catch (err) {
          last = err;
        }
      }
      await sleep(100);
    }
    throw new Error(
      `VM ${vm}: no control socket at ${path} within ${timeoutMs} ms (${String(last ?? "missing")})`,
    );
  }

  private onLine(line: string): void {
    const msg = decode<Reply>(line);
    if (!msg) return;
    if ("hello" in msg) {
      this.hello = { ...msg.hello, host_ms: Date.now() };
      for (const w of this.helloWaiters.splice(0)) w(msg.hello);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if ("line" in msg) p.line?.(msg.line, msg.fd);
    else {
      this.pending.delete(msg.id);
      p.done(msg);
    }
  }

  /** Resolves once the agent has said hello (it starts when the VM has booted). */
  waitReady(timeoutMs: number): Promise<void> {
    if (this.hello) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`VM ${this.vm}: the agent did not start within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.helloWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private send(req: Request): void {
    this.socket.write(encode(req));
  }

  /** Runs argv in the VM; rejects only when the channel fails or the VM does not answer. */
  exec(argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return this.request(argv, opts).done;
  }

  /** Like exec, but fails unless the command exits 0; resolves with its stdout. */
  async run(argv: string[], opts: ExecOptions = {}): Promise<string> {
    const r = await this.exec(argv, opts);
    if (r.code !== 0)
      throw new Error(
        `VM ${this.vm}: ${argv.join(" ")}: ${r.timedOut ? "timed out" : (r.error ?? `exit ${r.code ?? r.signal}`)} ${r.stderr.trim()}`,
      );
    return r.stdout;
  }

  /** Starts argv in the VM and hands each output line to onLine until it exits. */
  stream(
    argv: string[],
    onLine: (line: string, fd: "stdout" | "stderr") => void,
    opts: ExecOptions = {},
  ): { done: Promise<ExecResult>; kill: (signal?: "SIGTERM" | "SIGKILL" | "SIGINT") => void } {
    const { id, done } = this.request(argv, opts, onLine);
    return {
      done,
      kill: (signal = "SIGTERM") => this.send({ id: this.nextId++, kill: id, signal }),
    };
  }

  private request(
    argv: string[],
    opts: ExecOptions,
    line?: (line: string, fd: "stdout" | "stderr") => void,
  ): { id: number; done: Promise<ExecResult> } {
    const id = this.nextId++;
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const done = new Promise<ExecResult>((resolve, reject) => {
      // The agent kills the command at timeoutMs; a VM that does not answer at all fails here.
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new Error(
            `VM ${this.vm}: no answer to ${argv.join(" ")} within ${timeoutMs + 15_000} ms`,
          ),
        );
      }, timeoutMs + 15_000);
      this.pending.set(id, {
        done: (r) => {
          clearTimeout(timer);
          const { id: _id, ...result } = r;
          resolve(result);
        },
        ...(line && { line }),
      });
    });
    this.send({
      id,
      argv,
      timeoutMs,
      ...(opts.uid !== undefined && { uid: opts.uid }),
      ...(opts.gid !== undefined && { gid: opts.gid }),
      ...(opts.input !== undefined && { input: opts.input }),
      ...(line && { stream: true }),
    });
    return { id, done };
  }

  close(): void {
    this.socket.destroy();
  }
}
