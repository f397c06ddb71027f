// What `linkguard watch` says about the host on each member when `lldp.transmit` is on: an
// LLDPDU naming the host (system name), the member (port id = interface name) and its bond.
// The source MAC is the member's own permanent address, never the bond's: a bond's MAC seen
// on a backup port would teach the switch the wrong port (lldpd's bond-slave-src-mac-type).
import {
  CAP_STATION,
  CHASSIS_MAC,
  lldpFrameBytes,
  macBytes,
  PORT_IFNAME,
  textBytes,
} from "../../pcap/encode/lldp.js";

/** IEEE 802.1AB-2016 9.2.5.7 / 9.2.5.22: msgTxInterval 30 s, txTTL = 30 x msgTxHold 4 + 1. */
export const TX_INTERVAL_MS = 30_000;
const TX_TTL_S = 121;

export interface HostPort {
  ifname: string;
  /** The member's permanent MAC (the frame's source). */
  mac: string;
  /** The bond or team it belongs to. */
  memberOf?: string;
}

export interface HostIdentity {
  hostname: string;
  /** One MAC for the whole host (the first member's permanent MAC). */
  chassisMac: string;
  description: string;
}

/** `ttl` 0 is the shutdown LLDPDU: the switch forgets the host's port at once. */
export function hostLldpdu(host: HostIdentity, port: HostPort, ttl = TX_TTL_S): Uint8Array {
  return lldpFrameBytes(port.mac, {
    chassis: { subtype: CHASSIS_MAC, value: macBytes(host.chassisMac) },
    port: { subtype: PORT_IFNAME, value: textBytes(port.ifname) },
    ttl,
    portDescription:
      port.memberOf === undefined ? port.ifname : `${port.ifname} (member of ${port.memberOf})`,
    systemName: host.hostname,
    systemDescription: host.description,
    capabilities: { supported: CAP_STATION, enabled: CAP_STATION },
  });
}
