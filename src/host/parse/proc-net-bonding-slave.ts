// The per-slave part of /proc/net/bonding: "Slave Interface:" blocks and their LACP details.

import type { Evidence } from "../../lib/evidence.js";
import { normalizeMac } from "../../lib/net.js";
import { toInt } from "../../lib/text.js";
import type { BondSlave, EvidenceKeys, LacpLineKey, LacpPortInfo } from "../model.js";
import { decodeLacpState } from "./lacp-state.js";

/** "1000 Mbps" -> 1000; "Unknown" -> undefined. */
function speed(v: string): number | undefined {
  const m = /^(\d+)\s*Mbps/i.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** "N/A" and empty mean the kernel has no value (e.g. no aggregator yet). */
const num = toInt;

export function newSlave(name: string, ev: Evidence): BondSlave {
  return { name, extra: {}, source: ev, ev: { name: ev } };
}

/**
 * One line of a "details actor/partner lacp pdu" block into `info`; the line's evidence key
 * (`LacpLineKey`) when the value was read, undefined when it was not.
 */
export function setLacp(info: LacpPortInfo, key: string, value: string): LacpLineKey | undefined {
  const n = num(value);
  switch (key) {
    case "system priority":
      info.systemPriority = n ?? 0;
      return n === undefined ? undefined : "SystemPriority";
    case "system mac address": {
      const mac = normalizeMac(value);
      if (mac === undefined) return undefined;
      info.systemMac = mac;
      return "SystemMacAddress";
    }
    case "port key":
    case "oper key":
      if (n === undefined) return undefined;
      info.key = n;
      return "PortKey";
    case "port priority":
      if (n === undefined) return undefined;
      info.portPriority = n;
      return "PortPriority";
    case "port number":
      if (n === undefined) return undefined;
      info.portNumber = n;
      return "PortNumber";
    case "port state":
      if (n === undefined) return undefined;
      if (n >= 0 && n <= 255) info.state = decodeLacpState(n);
      return "PortState";
    default:
      return undefined;
  }
}

export function setSlaveField(slave: BondSlave, key: string, value: string, ev: Evidence): void {
  const put = <K extends EvidenceKeys<BondSlave>>(field: K, v: BondSlave[K] | undefined) => {
    if (v === undefined) return;
    slave[field] = v;
    slave.ev[field] = ev;
  };
  switch (key) {
    case "MII Status":
      put("miiStatus", value);
      return;
    case "Speed":
      slave.ev.speedMbps = ev;
      put("speedMbps", speed(value));
      return;
    case "Duplex":
      put("duplex", value.toLowerCase());
      return;
    case "Link Failure Count":
      put("linkFailureCount", num(value));
      return;
    case "Permanent HW addr":
      slave.ev.permanentMac = ev;
      put("permanentMac", normalizeMac(value));
      return;
    case "Slave queue ID":
      put("queueId", num(value));
      return;
    case "Aggregator ID":
      slave.ev.aggregatorId = ev;
      put("aggregatorId", num(value));
      if (/^n\/a$/i.test(value)) slave.aggregatorAbsent = "n/a";
      else if (value === "") slave.aggregatorAbsent = "empty";
      return;
    case "Actor Churn State":
      put("actorChurnState", value);
      return;
    case "Partner Churn State":
      put("partnerChurnState", value);
      return;
    case "Actor Churned Count":
      put("actorChurnedCount", num(value));
      return;
    case "Partner Churned Count":
      put("partnerChurnedCount", num(value));
      return;
    default:
      slave.extra[key] = value;
      slave.ev[`extra:${key}`] = ev;
  }
}
