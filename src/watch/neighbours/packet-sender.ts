// Sending whole Ethernet frames out of an interface. Node has no AF_PACKET socket, so one small
// Python helper per sender reads "IFNAME HEX" lines on stdin and sends each frame; it ends when
// stdin closes (also when this process dies). Only frames built by linkguard pass through it.
import { type ChildProcess, spawn } from "node:child_process";

const HELPER = [
  "import socket, sys",
  "socks = {}",
  "for line in sys.stdin:",
  "    name, frame = line.split()",
  "    try:",
  "        s = socks.get(name)",
  "        if s is None:",
  "            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
  "            s.bind((name, 0))",
  "            socks[name] = s",
  "        s.send(bytes.fromhex(frame))",
  "    except OSError as e:",
  "        print(name + ': ' + str(e), file=sys.stderr, flush=True)",
].join("\n");

const IFNAME_RE = /^[^\s/:]{1,15}$/;

export class PacketSender {
  private child: ChildProcess | null = null;

  /** `prefix`: run the helper under it (e.g. `ip netns exec NS`). */
  constructor(
    private readonly problem: (message: string) => void,
    private readonly prefix: readonly string[] = [],
  ) {}

  private helper(): ChildProcess {
    if (this.child) return this.child;
    const argv = [...this.prefix, "python3", "-c", HELPER];
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: ["pipe", "ignore", "pipe"] });
    child.stderr?.on("data", (d: Buffer) => this.problem(`sending frames: ${d.toString().trim()}`));
    child.on("error", (err) => this.problem(`sending frames needs python3: ${err.message}`));
    child.stdin?.on("error", () => {}); // a dead helper is reported by "error"/"exit"
    child.on("exit", () => {
      if (this.child === child) this.child = null;
    });
    this.child = child;
    return child;
  }

  send(ifname: string, frame: Uint8Array): void {
    if (!IFNAME_RE.test(ifname)) throw new Error(`not an interface name: "${ifname}"`);
    this.helper().stdin?.write(`${ifname} ${Buffer.from(frame).toString("hex")}\n`);
  }

  /** Lets the helper send what it was given, then end; resolves when it has (at most 2 s). */
  close(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve();
      }, 2000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin?.end();
    });
  }
}
