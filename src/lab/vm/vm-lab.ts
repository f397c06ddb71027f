// Building and tearing down a VM lab: taps and their tc wires on the host, one QEMU per VM
// (PIDs recorded in the lab's state before anything waits), the agent of each VM connected.
// `vmLabDown` stops VMs by recorded PID and deletes taps by name, also after a crash.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../host/exec.js";
import { assertRunId, newRunId } from "../names.js";
import { makeLabStateDir, readLabStateDir } from "../state-dir.js";
import { type AccelChoice, chooseAccel } from "./accel.js";
import type { VmControl } from "./control.js";
import { ensureInitramfs } from "./initramfs.js";
import { ensureKernel, vmCacheDir } from "./kernel.js";
import {
  blackholeName,
  nicsOf,
  runIdOfTap,
  type VmTopologySpec,
  validateVmTopology,
  type Wire,
  wiresOf,
} from "./topology.js";
import { connectVm, startVm, stopPid, type VmProcess } from "./vm.js";
import { wireArgv } from "./wire-tc.js";

export interface VmLabRecord {
  id: string;
  kind: "vm";
  topology: VmTopologySpec;
  created_ms: number;
  accel: AccelChoice;
  kernel: { version: string; package: string };
  baseDir: string;
  vms: VmProcess[];
}

export interface VmLab extends VmLabRecord {
  wires: Wire[];
  blackhole: string;
  /** The connected agent of a VM (lab up connects them all). */
  ctl(vm: string): VmControl;
  /** Time from starting QEMU to every agent's hello. */
  boot_ms: number;
  close(): void;
}

function stateDir(): string {
  return process.env.LINKGUARD_LAB_STATE ?? "/run/linkguard/lab";
}

function recordPath(id: string): string {
  return join(stateDir(), `${id}.vmlab`);
}

function save(r: VmLabRecord): void {
  makeLabStateDir(stateDir());
  writeFileSync(recordPath(r.id), `${JSON.stringify(r, null, 2)}\n`);
}

export function listVmLabs(): VmLabRecord[] {
  return readLabStateDir(stateDir())
    .filter((f) => f.endsWith(".vmlab"))
    .flatMap((f) => {
      try {
        return [JSON.parse(readFileSync(join(stateDir(), f), "utf8")) as VmLabRecord];
      } catch {
        return [];
      }
    });
}

async function sh(argvs: string[][]): Promise<void> {
  for (const argv of argvs) await run(argv);
}

export interface VmLabOptions {
  id?: string;
  log?: (line: string) => void;
  /** Longest wait for every VM's agent (TCG on a busy 2-core machine is slow). */
  bootTimeoutMs?: number;
}

export async function vmLabUp(topology: VmTopologySpec, opts: VmLabOptions = {}): Promise<VmLab> {
  validateVmTopology(topology);
  const id = opts.id ?? newRunId();
  assertRunId(id);
  const log = opts.log ?? (() => undefined);
  const kernel = await ensureKernel(vmCacheDir(), log);
  const initrd = ensureInitramfs(kernel);
  const accel = await chooseAccel(vmCacheDir(), kernel.vmlinuz, initrd);
  log(`accelerator: ${accel.accel} (${accel.why})`);
  const record: VmLabRecord = {
    id,
    kind: "vm",
    topology,
    created_ms: Date.now(),
    accel,
    kernel: { version: kernel.version, package: kernel.package },
    baseDir: mkdtempSync(join(tmpdir(), `linkguard-vm-${id}-`)),
    vms: [],
  };
  save(record);
  const controls = new Map<string, VmControl>();
  try {
    const nics = nicsOf(id, topology);
    for (const n of nics) {
      await run(["ip", "tuntap", "add", "dev", n.tap, "mode", "tap"]);
      await run(["ip", "link", "set", n.tap, "up"]);
    }
    await makeBlackhole(id);
    for (const w of wiresOf(id, topology))
      await sh([...wireArgv(w.a.tap, w.b.tap), ...wireArgv(w.b.tap, w.a.tap)]);
    const t0 = Date.now();
    for (const vm of topology.vms) {
      const proc = startVm({
        name: `lg-${id}-${vm.name}`,
        hostname: vm.name,
        dir: join(record.baseDir, vm.name),
        accel: accel.accel,
        vmlinuz: kernel.vmlinuz,
        initrd,
        nics: nics.filter((n) => n.vm === vm.name),
        ...(vm.memMb !== undefined && { memMb: vm.memMb }),
      });
      record.vms.push(proc);
      save(record);
    }
    const bootTimeout = opts.bootTimeoutMs ?? 240_000;
    await Promise.all(
      record.vms.map(async (proc, i) => {
        const ctl = await connectVm(proc, bootTimeout);
        const spec = topology.vms[i];
        if (spec) controls.set(spec.name, ctl);
      }),
    );
    const boot_ms = Date.now() - t0;
    log(`${record.vms.length} VMs up in ${boot_ms} ms (${accel.accel})`);
    for (const vm of topology.vms) {
      const ctl = controls.get(vm.name);
      if (ctl)
        await nameNics(
          ctl,
          nics.filter((n) => n.vm === vm.name),
        );
    }
    return vmLabOf(record, controls, boot_ms);
  } catch (err) {
    for (const c of controls.values()) c.close();
    await vmLabDown(id);
    throw err;
  }
}

function vmLabOf(record: VmLabRecord, controls: Map<string, VmControl>, boot_ms: number): VmLab {
  return {
    ...record,
    boot_ms,
    wires: wiresOf(record.id, record.topology),
    blackhole: blackholeName(record.id),
    ctl(vm: string) {
      const c = controls.get(vm);
      if (!c)
        throw new Error(`lab ${record.id} has no VM "${vm}" (${[...controls.keys()].join(", ")})`);
      return c;
    },
    close() {
      for (const c of controls.values()) c.close();
    },
  };
}

/** Gives each NIC the name the topology says, found by its MAC (no udev in the VM). */
async function nameNics(ctl: VmControl, nics: { ifname: string; mac: string }[]): Promise<void> {
  const links = JSON.parse(await ctl.run(["ip", "-j", "link"])) as {
    ifname: string;
    address?: string;
  }[];
  for (const nic of nics) {
    const cur = links.find((l) => l.address === nic.mac);
    if (!cur) throw new Error(`VM ${ctl.vm}: no NIC with MAC ${nic.mac}`);
    if (cur.ifname !== nic.ifname) {
      await ctl.run([
        "ip",
        "link",
        "set",
        "dev",
        cur.ifname,
        "name",
        `lgtmp${nic.ifname}`.slice(0, 15),
      ]);
      cur.ifname = `lgtmp${nic.ifname}`.slice(0, 15);
    }
  }
  for (const nic of nics) {
    const cur = links.find((l) => l.address === nic.mac);
    if (cur && cur.ifname !== nic.ifname)
      await ctl.run(["ip", "link", "set", "dev", cur.ifname, "name", nic.ifname]);
  }
}

/** A veth whose peer sits in the lab's own namespace: what a fault must lose goes there. */
async function makeBlackhole(id: string): Promise<void> {
  const ns = `lg-${id}-bh`;
  await run(["ip", "netns", "add", ns]);
  await run([
    "ip",
    "link",
    "add",
    blackholeName(id),
    "type",
    "veth",
    "peer",
    "name",
    "sink",
    "netns",
    ns,
  ]);
  await run(["ip", "-n", ns, "link", "set", "sink", "up"]);
  await run(["ip", "link", "set", blackholeName(id), "up"]);
}

/** Is `pid` the QEMU of lab `id`? (A recorded PID may have been reused since a crash.) */
function isLabQemu(pid: number, id: string): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const name = argv[argv.indexOf("-name") + 1] ?? "";
    return /qemu-system/.test(argv[0] ?? "") && name.startsWith(`lg-${id}-`);
  } catch {
    return false;
  }
}

/**
 * Stops the VMs of lab `id` (or of every VM lab) by their recorded PIDs and deletes the lab's
 * taps and blackhole, including taps left by a crashed run whose state is gone. The blackhole's
 * namespace goes with the namespace labs (`lg-<id>-bh`).
 */
export async function vmLabDown(id?: string): Promise<string[]> {
  const removed: string[] = [];
  for (const r of listVmLabs()) {
    if (id !== undefined && r.id !== id) continue;
    for (const vm of r.vms) {
      if (isLabQemu(vm.pid, r.id)) {
        await stopPid(vm.pid);
        removed.push(`${vm.name} (pid ${vm.pid})`);
      }
    }
    if (r.baseDir.startsWith(join(tmpdir(), "linkguard-vm-")) && existsSync(r.baseDir))
      rmSync(r.baseDir, { recursive: true, force: true });
    rmSync(recordPath(r.id), { force: true });
    const bh = `lg-${r.id}-bh`;
    if (
      await run(["ip", "netns", "delete", bh]).then(
        () => true,
        () => false,
      )
    )
      removed.push(bh);
  }
  const links = JSON.parse(await run(["ip", "-j", "link"])) as { ifname: string }[];
  for (const l of links) {
    const owner = runIdOfTap(l.ifname);
    if (owner === undefined || (id !== undefined && owner !== id)) continue;
    await run(["ip", "link", "delete", l.ifname]).catch(() => undefined);
    removed.push(l.ifname);
  }
  return removed;
}

/** The record of VM lab `id`, or the newest. */
export function findVmLabRecord(id?: string): VmLabRecord | undefined {
  const all = listVmLabs().sort((a, b) => b.created_ms - a.created_ms);
  return id === undefined ? all[0] : all.find((r) => r.id === id);
}
