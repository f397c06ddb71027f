import assert from "node:assert/strict";
import { test } from "node:test";
import { readRepoFile } from "../../../test/support/paths.js";
import { parseIpRouteText } from "./ip-route-text.js";

test("parseIpRouteText reads the default route, the link route and the local table", () => {
  const file = "examples/000-lacp-no-partner/sos_commands/networking/ip_route_show_table_all";
  const { value, problems } = parseIpRouteText(readRepoFile(file), file);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    value.map((r) => [r.destination, r.gateway, r.dev, r.metric, r.table]),
    [
      ["default", "10.20.0.1", "bond0", 300, undefined],
      ["10.20.0.0/24", undefined, "bond0", 300, undefined],
      ["10.20.0.15", undefined, "bond0", undefined, "local"],
    ],
  );
});

test("parseIpRouteText reads IPv6 and multipath routes and reports junk lines", () => {
  const text =
    "fe80::/64 dev eth0 proto kernel metric 256 pref medium\ndefault proto static metric 20\n\tnexthop via 10.0.0.1 dev eth0 weight 1\nthis is junk\n";
  const { value, problems } = parseIpRouteText(text, "f");
  assert.deepEqual(
    value.map((r) => r.destination),
    ["fe80::/64", "default"],
  );
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.line, 4);
});
