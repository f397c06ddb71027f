// The VM scenarios, listed by hand (`lab run NAME`).
import { LACP_EXPIRED } from "./scenario-lacp-expired.js";
import { LACP_NO_PARTNER } from "./scenarios-lacp.js";
import type { VmScenario } from "./vm-runner.js";

export const VM_SCENARIOS: VmScenario[] = [LACP_NO_PARTNER, LACP_EXPIRED];

export function findVmScenario(name: string): VmScenario | undefined {
  return VM_SCENARIOS.find((s) => s.name === name);
}
