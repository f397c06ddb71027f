import assert from "node:assert/strict";
import { test } from "node:test";
import { isControl } from "../../lib/text.js";
import type { CaptureInfo } from "./capture.js";
import { renderNeighborsText } from "./neighbors-text.js";

test("an LLDP system name with escape sequences and a newline is shown escaped, on its own line", () => {
  const capture: CaptureInfo = {
    file: "x.pcap",
    format: "pcap",
    frames: 1,
    bytesRead: 100,
    interfaces: [{ id: 0, name: "eth0\u001b[2J", linkType: "ethernet", snapLength: 262144 }],
    error: null,
  };
  const text = renderNeighborsText(
    {
      lldpPdus: 1,
      cdpPdus: 0,
      interfaces: [
        {
          interface: "eth0",
          neighbors: [
            {
              protocol: "lldp",
              sourceMac: "00:11:22:33:44:55",
              chassisId: null,
              portId: "Gi1/0/1",
              portDescription: null,
              systemName: "sw1\u001b]0;pwned\u0007\nLLDP from 66:66:66:66:66:66: forged",
              system: null,
              managementAddresses: [],
              capabilities: [],
              vlan: null,
              linkAggregation: null,
              mtu: null,
              ttl: 120,
              pdus: 1,
              firstFrame: 1,
              lastFrame: 1,
              lastTs: 0,
            },
          ],
        },
      ],
    },
    capture,
  );
  assert.ok(![...text].some((c) => c !== "\n" && isControl(c.charCodeAt(0))), text);
  assert.ok(!text.split("\n").some((l) => l.startsWith("LLDP from 66")), text);
  assert.match(text, /sw1\\e\]0;pwned\\x07\\nLLDP from 66/);
  assert.match(text, /eth0\\e\[2J \(ethernet\)/);
});
