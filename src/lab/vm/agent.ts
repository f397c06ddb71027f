// The agent inside a lab VM (run by the VM's init.sh with the host's node, over 9p): reads
// requests from the virtio-serial port "lg.ctl", runs them, writes replies. Nothing here runs
// on the host. A port read returns 0 bytes while no host is connected; the agent waits and
// reads again, so a host may connect, leave and come back.
import { type ChildProcess, spawn } from "node:child_process";
import { openSync, read, readdirSync, readFileSync, writeSync } from "node:fs";
import { release } from "node:os";
import { decode, encode, LineFramer, MAX_OUTPUT, type Reply, type Request } from "./protocol.js";
import { CTL_PORT } from "./qemu-argv.js";

const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

function findPort(): string {
  for (const p of readdirSync("/sys/class/virtio-ports")) {
    const name = readFileSync(`/sys/class/virtio-ports/${p}/name`, "utf8").trim();
    if (name === CTL_PORT) return `/dev/${p}`;
  }
  throw new Error(`no virtio port named ${CTL_PORT}`);
}

const fd = openSync(findPort(), "r+");
const children = new Map<number, ChildProcess>();

function send(msg: Reply): void {
  try {
    writeSync(fd, encode(msg));
  } catch {
    // the host went away; it learns the outcome by asking again
  }
}

function start(req: Extract<Request, { argv: string[] }>): void {
  let stdout = "";
  let stderr = "";
  let timedOut = false;
  let child: ChildProcess;
  try {
    child = spawn(req.argv[0] ?? "", req.argv.slice(1), {
      env: { PATH, HOME: "/tmp", LANG: "C" },
      stdio: ["pipe", "pipe", "pipe"],
      ...(req.uid !== undefined && { uid: req.uid }),
      ...(req.gid !== undefined && { gid: req.gid }),
    });
  } catch (err) {
    send({
      id: req.id,
      code: null,
      signal: null,
      stdout: "",
      stderr: "",
      timedOut,
      error: String(err),
    });
    return;
  }
  children.set(req.id, child);
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, req.timeoutMs);
  const framers = { stdout: new LineFramer(), stderr: new LineFramer() };
  for (const name of ["stdout", "stderr"] as const) {
    child[name]?.setEncoding("utf8");
    child[name]?.on("data", (d: string) => {
      if (req.stream)
        for (const line of framers[name].push(d)) send({ id: req.id, line, fd: name });
      else if (name === "stdout") stdout = (stdout + d).slice(0, MAX_OUTPUT);
      else stderr = (stderr + d).slice(0, MAX_OUTPUT);
    });
  }
  child.stdin?.on("error", () => undefined);
  child.stdin?.end(req.input ?? "");
  let error: string | undefined;
  child.on("error", (err) => {
    error = err.message;
  });
  child.on("close", (code, signal) => {
    clearTimeout(timer);
    children.delete(req.id);
    send({ id: req.id, code, signal, stdout, stderr, timedOut, ...(error && { error }) });
  });
}

function handle(line: string): void {
  const req = decode<Request>(line);
  if (!req || typeof req.id !== "number") return;
  if ("kill" in req) children.get(req.kill)?.kill(req.signal);
  else if (Array.isArray(req.argv)) start(req);
}

const framer = new LineFramer();
const buf = Buffer.alloc(65536);
function pump(): void {
  read(fd, buf, 0, buf.length, null, (err, n) => {
    if (err || n === 0) {
      // No host connected (or it just left): look again shortly.
      setTimeout(pump, 100);
      return;
    }
    for (const line of framer.push(buf.subarray(0, n).toString("utf8"))) handle(line);
    pump();
  });
}

send({ hello: { kernel: release(), now_ms: Date.now() } });
pump();
