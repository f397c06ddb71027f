import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePsRouting } from "./ps-routing.js";

test("parsePsRouting finds FRR and BIRD daemons in ps auxwww, by executable name only", () => {
  const text = [
    "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
    "frr          812  0.0  0.1 576852 11264 ?        Ssl  Dec01   0:42 /usr/lib/frr/zebra -d -F traditional -A 127.0.0.1 -s 90000000",
    "frr          830  0.0  0.2 364616 21428 ?        Ssl  Dec01   1:10 /usr/lib/frr/bgpd -d -F traditional -A 127.0.0.1",
    "bird         901  0.0  0.0  11540  4100 ?        Ss   Dec01   0:03 /usr/sbin/bird -f -u bird -g bird",
    "root        1022  0.0  0.0   6432   720 pts/0    S+   10:01   0:00 grep zebra",
  ].join("\n");
  assert.deepEqual(
    parsePsRouting(text, "sos_commands/process/ps_auxwww").map((p) => [p.suite, p.source.line]),
    [
      ["FRR/Quagga", 2],
      ["FRR/Quagga", 3],
      ["BIRD", 4],
    ],
  );
});

test("parsePsRouting reads ps -e -o comm= (names only)", () => {
  assert.deepEqual(
    parsePsRouting("systemd\nzebra\nbgpd\nsshd\n", "sos_commands/process/ps_-e_-o_comm=").map(
      (p) => p.suite,
    ),
    ["FRR/Quagga", "FRR/Quagga"],
  );
});
