// Faults on a VM lab's wires, named by the NIC at one end ("server:eth0"): the far end is the
// partner (the switch VM). `cut` is real carrier loss in both VMs (QEMU's set_link); the others
// are tc filters on the taps, so carrier stays up while frames are lost; `storm` floods the
// partner from the host side of its tap.
import { run } from "../../host/exec.js";
import { setLink } from "./qmp.js";
import { storm } from "./storm.js";
import { findWire, type VmNicRef } from "./topology.js";
import type { VmLab } from "./vm-lab.js";
import {
  lacpDropArgv,
  macFilterArgv,
  restoreArgv,
  silentDropArgv,
  upstreamDeadArgv,
} from "./wire-tc.js";

export const WIRE_FAULTS = [
  "cut",
  "silent-drop",
  "lacp-drop",
  "mac-filter",
  "upstream-dead",
  "storm",
  "restore",
] as const;
export type WireFaultKind = (typeof WIRE_FAULTS)[number];

export const WIRE_FAULT_HELP: Record<WireFaultKind, string> = {
  cut: "real carrier loss in both VMs (QEMU set_link off)",
  "silent-drop": "carrier stays up, every frame is lost both ways",
  "lacp-drop": "only LACPDUs (ethertype 0x8809) are lost: --direction from-partner|to-partner|both",
  "mac-filter":
    "the partner's port passes only the MAC it assigned to the NIC (VirtualBox, VMware)",
  "upstream-dead":
    "beyond the partner the path dies silently; only --neighbour MAC still reaches the NIC",
  storm: "one frame repeated at a high rate toward the partner for --seconds (incident 004)",
  restore: "undo every fault on the wire (carrier back, filters removed)",
};

export type LacpDirection = "from-partner" | "to-partner" | "both";

export interface WireFaultOptions {
  direction?: LacpDirection;
  /** storm: how long (default 5 s). */
  seconds?: number;
  /** upstream-dead: the MAC of the neighbour whose frames still arrive. */
  neighbour?: string;
}

function qmpOf(lab: Pick<VmLab, "id" | "vms">, nic: VmNicRef): string {
  const vm = lab.vms.find((v) => v.name === `lg-${lab.id}-${nic.vm}`);
  if (!vm) throw new Error(`lab ${lab.id}: no VM ${nic.vm}`);
  return vm.qmpSocket;
}

export async function applyWireFault(
  lab: Pick<VmLab, "id" | "vms" | "wires" | "blackhole">,
  link: string,
  kind: WireFaultKind,
  opts: WireFaultOptions = {},
): Promise<void> {
  const { near, far } = findWire(lab.wires, link);
  const bh = lab.blackhole;
  const tc = async (argvs: string[][]) => {
    for (const argv of argvs) await run(argv);
  };
  switch (kind) {
    case "cut":
      await Promise.all([
        setLink(qmpOf(lab, near), near.netdev, false),
        setLink(qmpOf(lab, far), far.netdev, false),
      ]);
      return;
    case "silent-drop":
      await tc([...silentDropArgv(near.tap, bh), ...silentDropArgv(far.tap, bh)]);
      return;
    case "lacp-drop": {
      const dir = opts.direction ?? "both";
      if (dir !== "to-partner") await tc(lacpDropArgv(far.tap, bh));
      if (dir !== "from-partner") await tc(lacpDropArgv(near.tap, bh));
      return;
    }
    case "mac-filter":
      await tc(macFilterArgv(near.tap, far.tap, near.mac, bh));
      return;
    case "upstream-dead":
      if (!opts.neighbour) throw new Error("upstream-dead needs the neighbour's MAC");
      await tc(upstreamDeadArgv(near.tap, far.tap, opts.neighbour, bh));
      return;
    case "storm":
      // into the partner's tap: the partner receives it, from the NIC's own MAC
      await storm(far.tap, near.mac, opts.seconds ?? 5);
      return;
    case "restore":
      for (const argv of [...restoreArgv(near.tap), ...restoreArgv(far.tap)])
        await run(argv).catch(() => undefined);
      await Promise.all([
        setLink(qmpOf(lab, near), near.netdev, true),
        setLink(qmpOf(lab, far), far.netdev, true),
      ]);
      return;
  }
}
