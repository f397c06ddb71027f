// A dead syslog target and a hanging webhook must not delay link events: cable-pull's
// detection time with both, against a run without sinks. Figures are printed.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { runScenario } from "../src/lab/runner.js";
import { findScenario } from "../src/lab/scenarios.js";
import { withLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";

const skip = needs({ root: true, tools: ["ip", "bridge", "nft", "ping", "sysctl"] });

// A webhook receiver that accepts connections and never answers, inside the watcher's namespace.
const HANG = "require('net').createServer(() => {}).listen(18089, '127.0.0.1')";

test("dead syslog and a hanging webhook do not delay link-down", {
  skip,
  timeout: 120_000,
}, async () => {
  await withLabLock(async () => {
    const scenario = findScenario("cable-pull");
    const plain = await runScenario(scenario);
    const withSinks = await runScenario(scenario, {
      watchArgs: ["--syslog", "127.0.0.1:9/tcp", "--webhook", "http://127.0.0.1:18089/hook"],
      prepare: async (lab) => {
        spawn("ip", ["netns", "exec", lab.ns("server"), process.execPath, "-e", HANG], {
          stdio: "ignore",
        });
        await new Promise((r) => setTimeout(r, 300));
      },
    });
    console.log(
      `cable-pull detection: ${plain.detection_ms} ms without sinks, ${withSinks.detection_ms} ms with a refusing syslog/TCP and a hanging webhook`,
    );
    assert.deepEqual(withSinks.missing, []);
    assert.ok(
      withSinks.detection_ms !== null && withSinks.detection_ms < 100,
      `detection ${withSinks.detection_ms} ms`,
    );
  });
});
