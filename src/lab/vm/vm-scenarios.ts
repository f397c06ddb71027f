// The VM scenarios, listed by hand (`lab run NAME`).
import { AB_VIRTUAL_SWITCH } from "./scenario-ab-virtual-switch.js";
import { ARP_VALIDATE } from "./scenario-arp-validate.js";
import { LACP_EXPIRED } from "./scenario-lacp-expired.js";
import { MEMBER_CUT } from "./scenario-member-cut.js";
import { TEAM_LACP } from "./scenario-team-lacp.js";
import { LACP_NO_PARTNER } from "./scenarios-lacp.js";
import type { VmScenario } from "./vm-scenario.js";

export const VM_SCENARIOS: VmScenario[] = [
  LACP_NO_PARTNER,
  LACP_EXPIRED,
  MEMBER_CUT,
  AB_VIRTUAL_SWITCH,
  ARP_VALIDATE,
  TEAM_LACP,
];

export function findVmScenario(name: string): VmScenario | undefined {
  return VM_SCENARIOS.find((s) => s.name === name);
}
