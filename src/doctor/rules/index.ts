// Every rule, listed by hand (no folder scanning). Order = order in docs/rules.md.
import type { Rule } from "../types.js";
import { rule as addrBroadcastMismatch } from "./addr-broadcast-mismatch.js";
import { rule as bondArpValidate } from "./bond-arp-validate.js";
import { rule as bondArpWith8023ad } from "./bond-arp-with-8023ad.js";
import { rule as bondDown } from "./bond-down.js";
import { rule as bondMemberVlanMismatch } from "./bond-member-vlan-mismatch.js";
import { rule as bondNoLinkMonitoring } from "./bond-no-link-monitoring.js";
import { rule as bondSingleSlave } from "./bond-single-slave.js";
import { rule as bondSlaveDown } from "./bond-slave-down.js";
import { rule as bondSlaveFlapping } from "./bond-slave-flapping.js";
import { rule as bondSlaveMismatch } from "./bond-slave-mismatch.js";
import { rule as bondSpansSwitches } from "./bond-spans-switches.js";
import { rule as configConflict } from "./config-conflict.js";
import { rule as configRuntimeDrift } from "./config-runtime-drift.js";
import { rule as dsrArpAnnounce } from "./dsr-arp-announce.js";
import { rule as dsrArpIgnore } from "./dsr-arp-ignore.js";
import { rule as dsrVipNetmask } from "./dsr-vip-netmask.js";
import { rule as failoverMacVirtual } from "./failover-mac-virtual.js";
import { rule as inputUnparseable } from "./input-unparseable.js";
import { rule as ipmpGroupMismatch } from "./ipmp-group-mismatch.js";
import { rule as ipmpNoTestAddress } from "./ipmp-no-test-address.js";
import { rule as ipmpSharedMac } from "./ipmp-shared-mac.js";
import { rule as lacpAggregatorSplit } from "./lacp-aggregator-split.js";
import { rule as lacpNoPartner } from "./lacp-no-partner.js";
import { rule as lacpNothingDistributing } from "./lacp-nothing-distributing.js";
import { rule as lacpPartnerOutOfSync } from "./lacp-partner-out-of-sync.js";
import { rule as switchPortNotAggregated } from "./switch-port-not-aggregated.js";
import { rule as teamPortDown } from "./team-port-down.js";

export const RULES: readonly Rule[] = [
  bondDown,
  lacpNoPartner,
  lacpNothingDistributing,
  lacpAggregatorSplit,
  lacpPartnerOutOfSync,
  bondSpansSwitches,
  switchPortNotAggregated,
  bondMemberVlanMismatch,
  bondNoLinkMonitoring,
  bondSlaveDown,
  bondSlaveFlapping,
  bondSingleSlave,
  bondSlaveMismatch,
  failoverMacVirtual,
  configRuntimeDrift,
  configConflict,
  dsrVipNetmask,
  dsrArpIgnore,
  dsrArpAnnounce,
  ipmpGroupMismatch,
  ipmpNoTestAddress,
  ipmpSharedMac,
  addrBroadcastMismatch,
  bondArpValidate,
  bondArpWith8023ad,
  teamPortDown,
  inputUnparseable,
];
