// A VM lab topology: VMs with NICs, and wires that join two NICs directly (tap devices whose
// frames a tc ingress redirect hands to each other: a Linux bridge would swallow LACPDUs).
// Pure data, names and validation.
import { assertNodeName } from "../names.js";

interface VmSpec {
  name: string;
  /** NIC names inside the VM, in order (eth0, eth1, ...). */
  nics: string[];
  memMb?: number;
}

export interface VmTopologySpec {
  name: string;
  description: string;
  vms: VmSpec[];
  /** Each wire joins two NICs: ["server:eth0", "sw:eth0"]. */
  wires: [string, string][];
}

export interface VmNicRef {
  vm: string;
  ifname: string;
  /** Index of the VM in the topology and of the NIC in the VM. */
  vmIndex: number;
  nicIndex: number;
  /** The host-side tap, e.g. "lg-8fcbf8-t3". */
  tap: string;
  /** QEMU's netdev id, for set_link. */
  netdev: string;
  mac: string;
}

export interface Wire {
  /** "server:eth0" (the wire's first end; faults name it). */
  id: string;
  a: VmNicRef;
  b: VmNicRef;
}

const IFNAME_RE = /^[a-z][a-z0-9]{0,14}$/;
const TAP_RE = /^lg-([a-z0-9]{4,8})-(t\d{1,2}|bh)$/;

/** The host tap of NIC number `n` of the lab, e.g. "lg-8fcbf8-t3" (at most 15 characters). */
export function tapName(runId: string, n: number): string {
  return `lg-${runId}-t${n}`;
}

/** The host end of the lab's blackhole (a veth whose peer sits in the lab's namespace). */
export function blackholeName(runId: string): string {
  return `lg-${runId}-bh`;
}

/** The run id of a lab tap or blackhole name, or undefined when it is not the lab's. */
export function runIdOfTap(name: string): string | undefined {
  return TAP_RE.exec(name)?.[1];
}

/** Every NIC of the topology with its tap, netdev and MAC (52:54:00:4c:<vm>:<nic>). */
export function nicsOf(runId: string, t: VmTopologySpec): VmNicRef[] {
  let n = 0;
  return t.vms.flatMap((vm, vmIndex) =>
    vm.nics.map((ifname, nicIndex) => ({
      vm: vm.name,
      ifname,
      vmIndex,
      nicIndex,
      tap: tapName(runId, n++),
      netdev: `n${nicIndex}`,
      mac: `52:54:00:4c:${hex2(vmIndex)}:${hex2(nicIndex)}`,
    })),
  );
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

export function wiresOf(runId: string, t: VmTopologySpec): Wire[] {
  const nics = nicsOf(runId, t);
  const find = (ref: string) => {
    const nic = nics.find((x) => `${x.vm}:${x.ifname}` === ref);
    if (!nic) throw new Error(`topology ${t.name}: no NIC "${ref}"`);
    return nic;
  };
  return t.wires.map(([a, b]) => ({ id: a, a: find(a), b: find(b) }));
}

/** Throws with the first problem: names, NIC references, a NIC on two wires. */
export function validateVmTopology(t: VmTopologySpec): void {
  const names = new Set<string>();
  for (const vm of t.vms) {
    assertNodeName(vm.name);
    if (names.has(vm.name)) throw new Error(`topology ${t.name}: "${vm.name}" is declared twice`);
    names.add(vm.name);
    if (vm.nics.length > 8) throw new Error(`topology ${t.name}: ${vm.name} has more than 8 NICs`);
    for (const nic of vm.nics)
      if (!IFNAME_RE.test(nic)) throw new Error(`topology ${t.name}: bad NIC name "${nic}"`);
    if (new Set(vm.nics).size !== vm.nics.length)
      throw new Error(`topology ${t.name}: ${vm.name} names a NIC twice`);
  }
  // Taps are numbered across the lab: "lg-<8>-t99" is the kernel's 15 characters.
  if (t.vms.flatMap((vm) => vm.nics).length > 100)
    throw new Error(`topology ${t.name}: more than 100 NICs`);
  const used = new Set<string>();
  for (const w of wiresOf("check", t)) {
    for (const end of [w.a, w.b]) {
      const ref = `${end.vm}:${end.ifname}`;
      if (used.has(ref)) throw new Error(`topology ${t.name}: ${ref} is on two wires`);
      used.add(ref);
    }
    if (w.a.vm === w.b.vm) throw new Error(`topology ${t.name}: wire ${w.id} joins a VM to itself`);
  }
}

/** Finds a wire by either end ("server:eth0" or "sw:eth0"); `near` is the end named. */
export function findWire(
  wires: Wire[],
  ref: string,
): { wire: Wire; near: VmNicRef; far: VmNicRef } {
  for (const wire of wires) {
    if (`${wire.a.vm}:${wire.a.ifname}` === ref) return { wire, near: wire.a, far: wire.b };
    if (`${wire.b.vm}:${wire.b.ifname}` === ref) return { wire, near: wire.b, far: wire.a };
  }
  throw new Error(
    `no wire at "${ref}" (wires: ${wires.map((w) => `${w.a.vm}:${w.a.ifname}-${w.b.vm}:${w.b.ifname}`).join(", ")})`,
  );
}
