// The VM lab's topologies. Addresses come from 10.77.0.0/24, used only inside lab VMs.
import type { VmTopologySpec } from "./topology.js";

/** A server's two NICs wired straight to a switch VM's two ports (LACP passes: no bridge between). */
export const BOND_PAIR: VmTopologySpec = {
  name: "bond-pair",
  description: "server (eth0, eth1) wired to switch VM sw (eth0, eth1); sw is 10.77.0.1",
  vms: [
    { name: "server", nics: ["eth0", "eth1"] },
    { name: "sw", nics: ["eth0", "eth1"] },
  ],
  wires: [
    ["server:eth0", "sw:eth0"],
    ["server:eth1", "sw:eth1"],
  ],
};

export const VM_TOPOLOGIES: Record<string, VmTopologySpec> = {
  [BOND_PAIR.name]: BOND_PAIR,
};
