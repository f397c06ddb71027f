// The built-in topologies. Addresses come from 10.77.0.0/24, used only inside lab namespaces.
import type { TopologySpec } from "./topology.js";

/** Keep replies on the interface that owns the address (no ARP flux between two NICs). */
const STRICT_ARP = {
  "net.ipv4.conf.all.arp_ignore": "1",
  "net.ipv4.conf.all.arp_announce": "2",
  "net.ipv4.conf.all.rp_filter": "0",
  "net.ipv4.conf.default.rp_filter": "0",
};

/** A server with two NICs on one switch, and the upstream gateway behind the same switch. */
export const DUAL_HOMED: TopologySpec = {
  name: "dual-homed",
  description: "server with eth0 and eth1 on switch sw; gateway gw at 10.77.0.1",
  switches: ["sw"],
  hosts: [
    {
      name: "server",
      interfaces: [
        { name: "eth0", addresses: ["10.77.0.10/24"], switch: "sw" },
        { name: "eth1", addresses: ["10.77.0.11/24"], switch: "sw" },
      ],
      defaultRoute: "10.77.0.1",
      sysctls: STRICT_ARP,
    },
    { name: "gw", interfaces: [{ name: "eth0", addresses: ["10.77.0.1/24"], switch: "sw" }] },
  ],
};

/** The same server with one NIC on each of two switches (swa, swb joined by an uplink). */
export const TWO_SWITCHES: TopologySpec = {
  name: "two-switches",
  description: "server with eth0 on switch swa and eth1 on switch swb; gateway gw on swa",
  switches: ["swa", "swb"],
  uplinks: [["swa", "swb"]],
  hosts: [
    {
      name: "server",
      interfaces: [
        { name: "eth0", addresses: ["10.77.0.10/24"], switch: "swa" },
        { name: "eth1", addresses: ["10.77.0.11/24"], switch: "swb" },
      ],
      defaultRoute: "10.77.0.1",
      sysctls: STRICT_ARP,
    },
    { name: "gw", interfaces: [{ name: "eth0", addresses: ["10.77.0.1/24"], switch: "swa" }] },
  ],
};

export const DSR_VIP = "10.77.0.100";

/** Incident 002: a balancer owns the VIP; the real server holds it on lo and must not answer. */
export const DSR: TopologySpec = {
  name: "dsr",
  description: `client, balancer lb (VIP ${DSR_VIP} on eth0) and real server rs (VIP on lo)`,
  switches: ["sw"],
  hosts: [
    { name: "client", interfaces: [{ name: "eth0", addresses: ["10.77.0.2/24"], switch: "sw" }] },
    {
      name: "lb",
      interfaces: [{ name: "eth0", addresses: ["10.77.0.5/24", `${DSR_VIP}/32`], switch: "sw" }],
    },
    {
      name: "rs",
      interfaces: [{ name: "eth0", addresses: ["10.77.0.20/24"], switch: "sw" }],
      loopback: [`${DSR_VIP}/32`],
      sysctls: {
        "net.ipv4.conf.all.arp_ignore": "1",
        "net.ipv4.conf.all.arp_announce": "2",
        "net.ipv4.conf.eth0.arp_ignore": "1",
        "net.ipv4.conf.eth0.arp_announce": "2",
      },
    },
  ],
};

export const TOPOLOGIES: Record<string, TopologySpec> = {
  [DUAL_HOMED.name]: DUAL_HOMED,
  [DSR.name]: DSR,
  [TWO_SWITCHES.name]: TWO_SWITCHES,
};
