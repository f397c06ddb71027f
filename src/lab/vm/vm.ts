// Starting and stopping one lab VM: its directory (init.sh, sockets, console log), QEMU
// spawned with an argument array and left running on its own (a `lab up` process may exit),
// its PID recorded by the caller, and its agent's hello awaited within a bound.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { VmControl } from "./control.js";
import { hiddenInVm, INIT_MARK } from "./initramfs.js";
import { type Accel, qemuArgv, type VmNic } from "./qemu-argv.js";

/** The agent's file in this build (dist/src/lab/vm/agent.js), which the VM sees over 9p. */
const AGENT = fileURLToPath(new URL("./agent.js", import.meta.url));

export interface VmStart {
  /** e.g. "lg-8fcbf8-server" */
  name: string;
  hostname: string;
  dir: string;
  accel: Accel;
  vmlinuz: string;
  initrd: string;
  nics: VmNic[];
  memMb?: number;
}

export interface VmProcess {
  name: string;
  pid: number;
  dir: string;
  qmpSocket: string;
  ctlSocket: string;
  consoleLog: string;
}

/** The script the VM's init runs, chrooted in the host's files. Pure. */
export function renderVmInit(hostname: string, node: string, agent: string): string {
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(hostname)) throw new Error(`bad VM hostname "${hostname}"`);
  for (const p of [node, agent])
    if (!/^\/[A-Za-z0-9_./-]+$/.test(p)) throw new Error(`bad path "${p}" for the VM's init`);
  for (const p of [node, agent]) {
    const mount = hiddenInVm(p);
    if (mount)
      throw new Error(
        `${p} is under ${mount}, which the VM mounts afresh over the host's files, so the VM cannot run it: put this checkout (and node) elsewhere, e.g. under /var/tmp or your home`,
      );
  }
  // The host's files are the VM's root: its own name goes over the host's /etc/hostname.
  return `#!/bin/sh
hostname ${hostname}
echo ${hostname} > /tmp/lg/hostname
mount --bind /tmp/lg/hostname /etc/hostname
ip link set lo up
echo "lg-vm: agent starting"
${node} ${agent}
`;
}

export function startVm(s: VmStart): VmProcess {
  mkdirSync(s.dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(s.dir, "init.sh"), renderVmInit(s.hostname, process.execPath, AGENT), {
    mode: 0o755,
  });
  const vm = {
    name: s.name,
    dir: s.dir,
    qmpSocket: join(s.dir, "qmp.sock"),
    ctlSocket: join(s.dir, "ctl.sock"),
    consoleLog: join(s.dir, "console.log"),
  };
  const argv = qemuArgv({
    ...vm,
    accel: s.accel,
    memMb: s.memMb ?? 384,
    vmlinuz: s.vmlinuz,
    initrd: s.initrd,
    nics: s.nics,
  });
  const errFd = openSync(join(s.dir, "qemu.err"), "w");
  const child = spawn(argv[0] ?? "", argv.slice(1), {
    detached: true,
    stdio: ["ignore", "ignore", errFd],
  });
  closeSync(errFd);
  child.unref();
  if (child.pid === undefined) throw new Error(`VM ${s.name}: qemu did not start`);
  return { ...vm, pid: child.pid };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The tail of what the VM printed, for error messages. */
function consoleTail(vm: Pick<VmProcess, "consoleLog" | "dir">, lines = 15): string {
  const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
  const text = `${read(vm.consoleLog)}${read(join(vm.dir, "qemu.err"))}`;
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** Connects to the VM's agent and waits for its hello; a VM that dies or hangs fails fast. */
export async function connectVm(vm: VmProcess, timeoutMs: number): Promise<VmControl> {
  const ctl = await VmControl.connect(vm.name, vm.ctlSocket);
  const dead = new Promise<never>((_, reject) => {
    const t = setInterval(() => {
      if (!alive(vm.pid)) {
        clearInterval(t);
        reject(new Error(`VM ${vm.name} exited while booting:\n${consoleTail(vm)}`));
      }
    }, 250);
    ctl
      .waitReady(timeoutMs)
      .finally(() => clearInterval(t))
      .catch(() => undefined);
  });
  try {
    await Promise.race([ctl.waitReady(timeoutMs), dead]);
  } catch (err) {
    ctl.close();
    throw new Error(`${(err as Error).message}\n--- console ---\n${consoleTail(vm)}`);
  }
  return ctl;
}

/** Waits (bounded) until the console shows init handing over; false when it does not. */
export async function waitConsoleMark(vm: VmProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive(vm.pid)) {
    if (existsSync(vm.consoleLog) && readFileSync(vm.consoleLog, "utf8").includes(INIT_MARK))
      return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** Stops a VM by its PID: TERM, then KILL after a bounded wait. */
export async function stopPid(pid: number, timeoutMs = 3000): Promise<void> {
  if (!alive(pid)) return;
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive(pid)) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
}
