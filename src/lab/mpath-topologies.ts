// The mpath scenarios' labs: the dual-homed server with a client beside it, or each member on
// its own access switch; and the data address mpath moves between the members.
import { DUAL_HOMED } from "./topologies.js";
import type { TopologySpec } from "./topology.js";

export const MPATH_DATA = "10.77.0.50/24";

/** dual-homed plus a client on the same switch. */
export const MPATH_TOPOLOGY: TopologySpec = {
  ...DUAL_HOMED,
  name: "mpath",
  description: "dual-homed server (eth0, eth1) under mpath, a client and the gateway on switch sw",
  hosts: [
    ...DUAL_HOMED.hosts,
    { name: "client", interfaces: [{ name: "eth0", addresses: ["10.77.0.2/24"], switch: "sw" }] },
  ],
};

/** Two access switches joined by a core switch: each member on its own switch. */
export const MPATH_TWO_SWITCHES: TopologySpec = {
  name: "mpath-two-switches",
  description:
    "server eth0 on sw1, eth1 on sw2; both switches uplinked to core, where gw and client are",
  switches: ["sw1", "sw2", "core"],
  uplinks: [
    ["sw1", "core"],
    ["sw2", "core"],
  ],
  hosts: [
    {
      name: "server",
      interfaces: [
        { name: "eth0", addresses: ["10.77.0.10/24"], switch: "sw1" },
        { name: "eth1", addresses: ["10.77.0.11/24"], switch: "sw2" },
      ],
      defaultRoute: "10.77.0.1",
      sysctls: DUAL_HOMED.hosts[0]?.sysctls ?? {},
    },
    { name: "gw", interfaces: [{ name: "eth0", addresses: ["10.77.0.1/24"], switch: "core" }] },
    { name: "client", interfaces: [{ name: "eth0", addresses: ["10.77.0.2/24"], switch: "core" }] },
  ],
};
