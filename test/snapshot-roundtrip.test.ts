// `linkguard snapshot` of this machine, then `linkguard doctor` on the tarball it wrote.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { readHost } from "../src/host/read/read-host.js";
import { writeSnapshot } from "../src/host/snapshot/write-snapshot.js";
import { runCli } from "./support/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-snapshot-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

test("snapshot of this machine is read back by doctor with the same interfaces", () => {
  const out = join(tmp, "out");
  const r = runCli(["snapshot", "-o", out]);
  assert.equal(r.code, 0, r.stderr);
  const tarball = r.stdout.trim();
  assert.match(tarball, /linkguard-snapshot-.*\.tar\.gz$/);
  assert.ok(existsSync(tarball));
  assert.ok(!readdirSync(out).some((f) => f.endsWith(".partial")), "no partial file left");

  const live = readHost("/");
  const doc = runCli(["doctor", "--root", tarball, "--json"]);
  assert.ok([0, 1, 2].includes(doc.code ?? -1), doc.stderr);
  const report = JSON.parse(doc.stdout) as { origin: string };
  assert.equal(report.origin, "snapshot");

  const unpacked = join(tmp, "unpacked");
  mkdirSync(unpacked);
  execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
  const top = join(unpacked, readdirSync(unpacked)[0] as string);
  const back = readHost(top, { live: false });
  assert.deepEqual(Object.keys(back.interfaces).sort(), Object.keys(live.interfaces).sort());
  for (const [name, iface] of Object.entries(live.interfaces)) {
    assert.equal(back.interfaces[name]?.mtu, iface.mtu, `${name} mtu`);
    assert.deepEqual(
      back.interfaces[name]?.addresses.map((a) => `${a.address}/${a.prefix}`),
      iface.addresses.map((a) => `${a.address}/${a.prefix}`),
      `${name} addresses`,
    );
  }
  // What a support engineer asks for first, in sos's file names.
  for (const rel of [
    "sos_commands/kernel/uname_-a",
    "sos_commands/networking/ip_-s_link",
    "proc/sys/kernel/osrelease",
  ])
    assert.ok(existsSync(join(top, rel)), `${rel} missing`);
  assert.match(
    readFileSync(join(top, "sos_commands/networking/ip_-s_link"), "utf8"),
    /RX:.*errors/,
  );
  const marker = JSON.parse(readFileSync(join(top, "linkguard-snapshot.json"), "utf8")) as {
    tool: string;
  };
  assert.equal(marker.tool, "linkguard");
});

test("snapshot redacts secrets from the config files it copies", () => {
  // A fake root with a NetworkManager keyfile holding a PSK; commands still run live.
  const root = join(tmp, "fakeroot");
  mkdirSync(join(root, "etc/NetworkManager/system-connections"), { recursive: true });
  writeFileSync(
    join(root, "etc/NetworkManager/system-connections/wifi.nmconnection"),
    "[connection]\nid=wifi\ntype=wifi\ninterface-name=wlan0\n[wifi-security]\nkey-mgmt=wpa-psk\npsk=hunter2hunter2\n",
  );
  const result = writeSnapshot({
    outDir: join(tmp, "out2"),
    root,
    asDirectory: true,
    version: "test",
  });
  const copied = readFileSync(
    join(result.path, "etc/NetworkManager/system-connections/wifi.nmconnection"),
    "utf8",
  );
  assert.ok(!copied.includes("hunter2"), "PSK left in the snapshot");
  assert.match(copied, /key-mgmt=wpa-psk/);
  assert.equal(result.redactions, 1);
});
