// Plain-data builders for rule tests: a snapshot with just the facts a test needs.
import type {
  Bond,
  BondSlave,
  Evidence,
  HostSnapshot,
  NetInterface,
} from "../../src/host/model.js";
import { emptySnapshot } from "../../src/host/model.js";

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
