// An mpath group engine for tests: "web" over eth0 and eth1 with one data address homed on
// eth0, both links already up.
import { type GroupConfig, GroupEngine } from "../../src/mpath/engine.js";

export function webGroup(fields: Partial<GroupConfig> = {}): GroupEngine {
  const g = new GroupEngine({
    name: "web",
    members: ["eth0", "eth1"],
    standby: [],
    dataAddresses: [{ address: "10.0.0.50/24", home: "eth0" }],
    failback: true,
    lossThreshold: 5,
    repairThreshold: 10,
    linkUpGraceMs: 0,
    maxLinkUpsPerMinute: 2,
    probing: true,
    ...fields,
  });
  for (const m of g.cfg.members) g.step({ type: "link", member: m, up: true, t: 0 });
  return g;
}
