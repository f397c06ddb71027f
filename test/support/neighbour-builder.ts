// A LinkNeighbour for rule tests: an LLDP neighbour with evidence from an lldpcli file.
import type { LinkNeighbour } from "../../src/host/neighbour.js";

const F = "sos_commands/lldpd/lldpcli_show_neighbors_details";

export function neighbour(
  ifname: string,
  fields: Partial<LinkNeighbour> = {},
  line = 1,
): LinkNeighbour {
  const source = { file: F, line, text: `Interface:    ${ifname}, via: LLDP` };
  return {
    ifname,
    protocol: "lldp",
    chassisId: null,
    systemName: null,
    portId: null,
    portDescription: null,
    managementAddresses: [],
    vlan: null,
    aggregation: null,
    ttl: 120,
    source,
    ev: {},
    ...fields,
  };
}
