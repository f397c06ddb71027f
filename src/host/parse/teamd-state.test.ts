import assert from "node:assert/strict";
import { test } from "node:test";
import { readCorpus, readRepoFile } from "../../../test/support/paths.js";
import { parseTeamdState } from "./teamd-state.js";

test("parseTeamdState reads the activebackup runner and its active port eno1", () => {
  const file = "teamd/state-dump-activebackup-active-eno1.json";
  const { value, problems } = parseTeamdState(readCorpus(file), file, "team0");
  assert.deepEqual(problems, []);
  assert.equal(value?.runner, "activebackup");
  assert.equal(value?.activePort, "eno1");
});

test("parseTeamdState reads a state dump with an empty runner without failing", () => {
  const file = "teamd/state-dump-empty-runner.json";
  const { value, problems } = parseTeamdState(readCorpus(file), file, "team0");
  assert.deepEqual(problems, []);
  assert.equal(value?.name, "team0");
});

test("parseTeamdState reads per-port link state and LACP selection", () => {
  const text = JSON.stringify({
    setup: { runner_name: "lacp" },
    ports: {
      eth1: {
        link: { up: true, speed: 10000, duplex: "full" },
        runner: { selected: true, state: "current" },
      },
      eth2: {
        link: { up: false, speed: 0, duplex: "half" },
        runner: { selected: false, state: "defaulted" },
      },
    },
  });
  const { value } = parseTeamdState(text, "f", "team1");
  assert.deepEqual(
    value?.ports.map((p) => [p.name, p.linkUp, p.lacpSelected, p.lacpState]),
    [
      ["eth1", true, true, "current"],
      ["eth2", false, false, "defaulted"],
    ],
  );
});

test("parseTeamdState reports truncated JSON", () => {
  const r = parseTeamdState('{"setup": {', "f", "team0");
  assert.equal(r.value, undefined);
  assert.equal(r.problems.length, 1);
});

test("parseTeamdState reads each port's link-watch verdict (link_watches.up) and its watches", () => {
  const file =
    "test/fixtures/hosts/team-arp-ping-watch-down/sos_commands/teamd/teamdctl_team0_state_dump";
  const { value } = parseTeamdState(readRepoFile(file), file, "team0");
  const eth2 = value?.ports.find((p) => p.name === "eth2");
  assert.equal(eth2?.linkUp, true);
  assert.equal(eth2?.linkWatchUp, false);
  assert.deepEqual(eth2?.linkWatches, [{ name: "arp_ping", up: false, downCount: 3 }]);
});
