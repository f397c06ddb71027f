import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { VmControl } from "./control.js";
import { decode, encode, LineFramer, type Request } from "./protocol.js";

/** A stand-in for the agent on QEMU's chardev socket: answers each request with `answer`. */
async function fakeAgent(
  answer: (req: Request, sock: Socket) => void,
): Promise<{ path: string; server: Server; done: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "lg-ctl-"));
  const path = join(dir, "ctl.sock");
  const server = createServer((sock) => {
    const framer = new LineFramer();
    sock.setEncoding("utf8");
    sock.write(encode({ hello: { kernel: "6.1.0-57-amd64", now_ms: 1 } }));
    sock.on("data", (d: string) => {
      for (const line of framer.push(d)) {
        const req = decode<Request>(line);
        if (req) answer(req, sock);
      }
    });
  });
  await new Promise<void>((r) => server.listen(path, r));
  return {
    path,
    server,
    done: () => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test("exec sends argv and resolves with the agent's exit code and output", async () => {
  const seen: Request[] = [];
  const agent = await fakeAgent((req, sock) => {
    seen.push(req);
    sock.write(
      encode({ id: req.id, code: 0, signal: null, stdout: "bond0\n", stderr: "", timedOut: false }),
    );
  });
  const ctl = await VmControl.connect("server", agent.path);
  try {
    await ctl.waitReady(2000);
    assert.equal(ctl.hello?.kernel, "6.1.0-57-amd64");
    assert.equal(await ctl.run(["ls", "/proc/net/bonding"], { uid: 65534, gid: 65534 }), "bond0\n");
    const req = seen[0];
    assert.ok(req && "argv" in req);
    assert.deepEqual(req.argv, ["ls", "/proc/net/bonding"]);
    assert.equal(req.uid, 65534);
  } finally {
    ctl.close();
    agent.done();
  }
});

test("stream hands over each line, then the exit; run() fails on a non-zero exit", async () => {
  const agent = await fakeAgent((req, sock) => {
    if (!("argv" in req)) return;
    if (req.stream) {
      sock.write(encode({ id: req.id, line: '{"kind":"watcher-started"}', fd: "stdout" }));
      sock.write(encode({ id: req.id, line: '{"kind":"link-down"}', fd: "stdout" }));
    }
    sock.write(
      encode({
        id: req.id,
        code: req.stream ? 0 : 2,
        signal: null,
        stdout: "",
        stderr: "no such bond",
        timedOut: false,
      }),
    );
  });
  const ctl = await VmControl.connect("server", agent.path);
  try {
    const lines: string[] = [];
    const s = ctl.stream(["watch"], (l) => lines.push(l));
    assert.equal((await s.done).code, 0);
    assert.deepEqual(lines, ['{"kind":"watcher-started"}', '{"kind":"link-down"}']);
    await assert.rejects(ctl.run(["cat", "/proc/net/bonding/bond9"]), /exit 2 no such bond/);
  } finally {
    ctl.close();
    agent.done();
  }
});

test("a pending call fails at once when the control channel closes (no wait for its bound)", async () => {
  const agent = await fakeAgent(() => undefined);
  const ctl = await VmControl.connect("server", agent.path);
  try {
    const t0 = Date.now();
    const pending = ctl.exec(["sleep", "100"], { timeoutMs: 1 });
    ctl.close();
    const r = await pending;
    assert.equal(r.code, null);
    assert.match(r.error ?? "", /closed/);
    assert.ok(Date.now() - t0 < 5000);
  } finally {
    agent.done();
  }
});

test("connect gives up after its bound when no VM made the socket", async () => {
  await assert.rejects(
    VmControl.connect("server", "/nonexistent/ctl.sock", 300),
    /no control socket .* within 300 ms/,
  );
});
