// Test support: real receivers on 127.0.0.1 (a dgram socket, a net server, an http server, a
// file) that parse what the sinks send back into comparable records, plus ones that hang.
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type ServerResponse } from "node:http";
import { type AddressInfo, createServer, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

interface Received {
  kind: string;
  subject: string;
  detail: string;
  raw: string;
  headers?: Record<string, string | string[] | undefined>;
}

export interface Receiver {
  port: number;
  readonly got: Received[];
  /** Resolves with what arrived once n records are there, or after timeoutMs (never rejects). */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

const SYSLOG_RE = /^<\d+>1 \S+ \S+ \S+ \S+ (\S+) (\[(?:[^\]\\]|\\.)*\]|-)(?: ([\s\S]*))?$/;

/** Our own RFC 5424 lines back into records (the rsyslog test checks a real parser). */
function parseSyslogLine(raw: string): Received {
  const m = SYSLOG_RE.exec(raw);
  if (!m) return { kind: "unparsed", subject: "", detail: raw, raw };
  const sub = /subject="((?:[^"\\]|\\.)*)"/.exec(m[2] ?? "");
  const subject = (sub?.[1] ?? "").replace(/\\(["\\\]])/g, "$1");
  return { kind: m[1] ?? "", subject, detail: m[3] ?? "", raw };
}

function fromJson(raw: string): Received {
  const o = JSON.parse(raw) as { kind: string; subject: string; detail: string };
  return { kind: o.kind, subject: o.subject, detail: o.detail, raw };
}

function receiver(port: number, got: Received[], close: () => Promise<void>): Receiver {
  return {
    port,
    got,
    async waitFor(n, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      while (got.length < n && Date.now() < end) await sleep(10);
      return got;
    },
    close,
  };
}

export async function udpReceiver(): Promise<Receiver> {
  const got: Received[] = [];
  const s = createSocket("udp4");
  s.on("message", (msg) => got.push(parseSyslogLine(msg.toString("utf8"))));
  await new Promise<void>((resolve) => s.bind(0, "127.0.0.1", resolve));
  return receiver(s.address().port, got, () => new Promise((r) => s.close(() => r())));
}

/** RFC 6587 octet-counted frames; `hang` accepts connections but never reads from them. */
export async function tcpReceiver(opts: { hang?: boolean; port?: number } = {}): Promise<Receiver> {
  const got: Received[] = [];
  const conns = new Set<Socket>();
  const server = createServer((c) => {
    conns.add(c);
    c.on("close", () => conns.delete(c));
    c.on("error", () => {});
    if (opts.hang) return c.pause();
    let buf = Buffer.alloc(0);
    c.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const sp = buf.indexOf(0x20);
        if (sp < 0) return;
        const len = Number(buf.subarray(0, sp).toString("ascii"));
        if (buf.length < sp + 1 + len) return;
        got.push(parseSyslogLine(buf.subarray(sp + 1, sp + 1 + len).toString("utf8")));
        buf = buf.subarray(sp + 1 + len);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  return receiver((server.address() as AddressInfo).port, got, async () => {
    for (const c of conns) c.destroy();
    await new Promise((r) => server.close(r));
  });
}

/** JSON POSTs; `answer` picks the status per request, "hang" never answers. */
export async function httpReceiver(
  answer: (n: number) => number | "hang" = () => 204,
): Promise<Receiver & { requests: number }> {
  const got: Received[] = [];
  const hung = new Set<ServerResponse>();
  let requests = 0;
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = answer(requests++);
      if (status === "hang") return void hung.add(res);
      if (status < 300)
        got.push({ ...fromJson(Buffer.concat(chunks).toString()), headers: req.headers });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const r = receiver((server.address() as AddressInfo).port, got, async () => {
    server.closeAllConnections();
    await new Promise((res) => server.close(res));
  });
  return Object.defineProperty(r, "requests", { get: () => requests }) as Receiver & {
    requests: number;
  };
}

/** A JSON-lines file, read back on each poll. */
export function fileReceiver(path: string): Receiver {
  const got: Received[] = [];
  const read = () => {
    let text = "";
    try {
      text = readFileSync(path, "utf8");
    } catch {}
    const lines = text.split("\n").filter((l) => l !== "");
    got.splice(0, got.length, ...lines.map(fromJson));
  };
  const r = receiver(0, got, async () => {});
  return {
    ...r,
    get got() {
      read();
      return got;
    },
    async waitFor(n, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      for (read(); got.length < n && Date.now() < end; read()) await sleep(10);
      return got;
    },
  };
}

/** A 127.0.0.1 port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
