// Syslog over UDP (RFC 5426, one message per datagram) or TCP (RFC 6587 octet counting, one
// long-lived connection re-opened with capped exponential back-off). Delivery is at most once:
// TCP syslog has no acknowledgement, so a frame written just before the server died is lost.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { lookup } from "node:dns/promises";
import { createConnection, isIP, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { WatchEvent } from "../../events/types.js";
import { checkHostPort } from "./address.js";
import { type QueueOptions, queuedSink, type SendContext, type Transport } from "./pump.js";
import { frameOctetCounted, type Rfc5424Options, renderRfc5424, truncateUtf8 } from "./rfc5424.js";
import type { Sink } from "./sink.js";

export interface SyslogSinkOptions extends Rfc5424Options, QueueOptions {
  host: string;
  port: number;
  protocol: "udp" | "tcp";
  /** TCP: first wait between connect attempts, doubled per failure up to reconnectMaxMs. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  connectTimeoutMs?: number;
  /** TCP: a server that stops reading gets its connection dropped after this long. */
  writeTimeoutMs?: number;
}

/** RFC 5426 3.2: receivers SHOULD accept 2048-octet messages; longer ones are cut. */
const MAX_UDP_OCTETS = 2048;

export function createSyslogSink(opts: SyslogSinkOptions): Sink {
  checkHostPort(opts.host, opts.port);
  const format: Rfc5424Options = { procid: opts.procid ?? process.pid };
  if (opts.facility !== undefined) format.facility = opts.facility;
  if (opts.app !== undefined) format.app = opts.app;
  const render = (e: WatchEvent) => renderRfc5424(e, format);
  const where = isIP(opts.host) === 6 ? `[${opts.host}]:${opts.port}` : `${opts.host}:${opts.port}`;
  if (opts.protocol === "udp") {
    return queuedSink(`syslog-udp:${where}`, udpTransport(opts, render), opts);
  }
  return queuedSink(`syslog-tcp:${where}`, tcpTransport(opts, render), {
    maxBatch: 100,
    ...opts,
  });
}

function udpTransport(opts: SyslogSinkOptions, render: (e: WatchEvent) => string): Transport {
  let socket: UdpSocket | undefined;
  let target: { address: string; family: number } | undefined;
  let note: (err: unknown) => void = () => {};
  return {
    async send(batch, ctx) {
      note = ctx.noteError;
      // Resolved once, not per datagram; re-resolved after a failure.
      target ??= await lookup(opts.host);
      if (!socket) {
        socket = createSocket(target.family === 6 ? "udp6" : "udp4");
        socket.on("error", (err) => note(err));
      }
      const s = socket;
      const { address } = target;
      try {
        for (const event of batch) {
          const datagram = truncateUtf8(render(event), MAX_UDP_OCTETS);
          await new Promise<void>((resolve, reject) => {
            s.send(datagram, opts.port, address, (err) => (err ? reject(err) : resolve()));
          });
        }
      } catch (err) {
        target = undefined;
        throw err;
      }
    },
    async close() {
      socket?.close();
      socket = undefined;
    },
  };
}

function tcpTransport(opts: SyslogSinkOptions, render: (e: WatchEvent) => string): Transport {
  const minMs = opts.reconnectMinMs ?? 200;
  const maxMs = opts.reconnectMaxMs ?? 30_000;
  const connectTimeoutMs = opts.connectTimeoutMs ?? 5000;
  const writeTimeoutMs = opts.writeTimeoutMs ?? 10_000;
  let socket: Socket | undefined;
  let failures = 0;

  // The batch waits here while the server is down; new events queue (and drop) behind it.
  async function connected(ctx: SendContext): Promise<Socket> {
    for (;;) {
      if (socket && !socket.destroyed) return socket;
      if (failures > 0) {
        const d = Math.min(maxMs, minMs * 2 ** (failures - 1));
        // Equal jitter: many hosts do not reconnect to a restarted server in lock-step.
        await sleep(d / 2 + (Math.random() * d) / 2, undefined, { signal: ctx.signal });
      }
      try {
        socket = await connect(opts.host, opts.port, connectTimeoutMs, ctx);
        failures = 0;
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        failures++;
        ctx.noteError(err);
      }
    }
  }

  return {
    async send(batch, ctx) {
      const s = await connected(ctx);
      const frames = Buffer.concat(batch.map((e) => frameOctetCounted(render(e))));
      await writeFrames(s, frames, writeTimeoutMs, ctx.signal);
    },
    async close() {
      const s = socket;
      socket = undefined;
      if (!s) return;
      // A polite FIN; destroyed anyway if a server that stopped reading never takes it.
      const timer = setTimeout(() => s.destroy(), 1000);
      s.end(() => {
        clearTimeout(timer);
        s.destroy();
      });
    },
  };
}

function connect(host: string, port: number, timeoutMs: number, ctx: SendContext) {
  return new Promise<Socket>((resolve, reject) => {
    const s = createConnection({ host, port, noDelay: true, keepAlive: true });
    const fail = (err: unknown) => s.destroy(err instanceof Error ? err : new Error(String(err)));
    const timer = setTimeout(fail, timeoutMs, new Error(`connect timed out after ${timeoutMs} ms`));
    const onAbort = () => fail(ctx.signal.reason);
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onAbort);
    };
    s.once("error", (err) => {
      done();
      reject(err);
    });
    s.once("connect", () => {
      done();
      s.removeAllListeners("error");
      s.on("error", (err) => ctx.noteError(err));
      s.on("end", () => s.destroy()); // the server hung up: reconnect on the next batch
      s.resume(); // a syslog server sends nothing; discard whatever comes
      resolve(s);
    });
  });
}

/** Resolves once the kernel took the bytes; a server that stops reading times out. */
function writeFrames(s: Socket, frames: Buffer, timeoutMs: number, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      s.off("close", onClose);
      if (err === undefined) return resolve();
      s.destroy();
      reject(err);
    };
    const timer = setTimeout(
      () => finish(new Error(`server took no data for ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onAbort = () => finish(signal.reason);
    const onClose = () => finish(new Error("connection closed by the server"));
    signal.addEventListener("abort", onAbort, { once: true });
    s.once("close", onClose);
    s.write(frames, (err) => finish(err ?? undefined));
  });
}
