// Plain-data builders for rule tests: a snapshot with just the facts a test needs.
import type { Bond, BondSlave, HostSnapshot, NetInterface } from "../../src/host/model.js";
import { emptySnapshot } from "../../src/host/model.js";
import type { Evidence } from "../../src/lib/evidence.js";

export function ev(text: string, line = 1, file = "proc/net/bonding/bond0"): Evidence {
  return { file, line, text };
}

export function slave(name: string, fields: Partial<BondSlave> = {}): BondSlave {
  return { name, extra: {}, source: ev(`Slave Interface: ${name}`), ev: {}, ...fields };
}

export function bond(name: string, fields: Partial<Bond> = {}): Bond {
  return {
    name,
    mode: "active-backup",
    miimon: 100,
    slaves: [],
    extra: {},
    source: ev(
      "Ethernet Channel Bonding Driver: v3.7.1 (April 27, 2011)",
      1,
      `proc/net/bonding/${name}`,
    ),
    ev: {},
    ...fields,
  };
}

export function iface(name: string, fields: Partial<NetInterface> = {}): NetInterface {
  return {
    name,
    flags: [],
    addresses: [],
    source: ev(name, 1, "sos_commands/networking/ip_-d_address"),
    ev: {},
    ...fields,
  };
}

export function snapshot(fields: Partial<HostSnapshot> = {}): HostSnapshot {
  return { ...emptySnapshot("/fixture", "directory"), ...fields };
}

// --- addresses, configuration and IPMP (appended for the DSR, IPMP and drift rules) ---
import type {
  Address,
  ConfiguredAddress,
  ConfiguredBond,
  IpmpInterface,
  Sysctl,
} from "../../src/host/model.js";

export function inet(address: string, prefix: number, fields: Partial<Address> = {}): Address {
  return {
    family: "inet",
    address,
    prefix,
    flags: [],
    source: ev(`inet ${address}/${prefix}`, 1, "sos_commands/networking/ip_-d_address"),
    ...fields,
  };
}

export function configuredAddress(
  iface: string,
  address: string,
  fields: Partial<ConfiguredAddress> = {},
): ConfiguredAddress {
  return {
    iface,
    family: "inet",
    address,
    format: "ifcfg",
    source: ev(`IPADDR=${address}`, 1, `etc/sysconfig/network-scripts/ifcfg-${iface}`),
    ...fields,
  };
}

export function configuredBond(name: string, fields: Partial<ConfiguredBond> = {}): ConfiguredBond {
  return {
    name,
    format: "ifcfg",
    kind: "bond",
    members: [],
    options: {},
    file: `etc/sysconfig/network-scripts/ifcfg-${name}`,
    ev: {},
    ...fields,
  };
}

export function ipmpIface(name: string, fields: Partial<IpmpInterface> = {}): IpmpInterface {
  return {
    name,
    physical: name.split(":")[0] ?? name,
    flags: [],
    standby: false,
    deprecated: false,
    noFailover: false,
    inactive: false,
    failed: false,
    addresses: [],
    origin: "ifconfig",
    source: ev(`${name}: flags=1000843 mtu 1500`, 1, "sos_commands/networking/ifconfig_-a"),
    ev: {},
    ...fields,
  };
}

export function sysctls(values: Record<string, string>): Record<string, Sysctl> {
  const out: Record<string, Sysctl> = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = { key, value, source: ev(`${key} = ${value}`, 1, "sos_commands/kernel/sysctl_-a") };
  }
  return out;
}
