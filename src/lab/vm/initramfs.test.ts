import assert from "node:assert/strict";
import { test } from "node:test";
import { INIT_MARK, initramfsEntries, renderInit } from "./initramfs.js";

test("renderInit loads the modules in the order given, then mounts the host read-only", () => {
  const init = renderInit(["tls", "bonding"]);
  assert.match(
    init,
    /insmod \/lib\/modules\/tls.ko .*\ninsmod \/lib\/modules\/bonding.ko max_bonds=0 /,
  );
  assert.match(init, /mount -t 9p -o [^ ]*,ro,[^ ]* host \/host/);
  assert.ok(init.indexOf("insmod") < init.indexOf("9p2000.L"));
  assert.match(init, /chroot \/host \/bin\/sh \/tmp\/lg\/init.sh/);
  assert.ok(init.includes(INIT_MARK));
});

test("renderInit refuses a module name that could reach the shell", () => {
  assert.throws(() => renderInit(["bonding; reboot"]), /bad module name/);
});

test("initramfsEntries holds busybox, /init and every module, and nothing unasked", () => {
  const mods = new Map([
    ["tls", new Uint8Array([1])],
    ["bonding", new Uint8Array([2])],
  ]);
  const entries = initramfsEntries(new Uint8Array([0x7f]), mods, ["tls", "bonding"]);
  const files = entries.filter((e) => e.kind === "file").map((e) => e.path);
  assert.deepEqual(files, ["bin/busybox", "init", "lib/modules/tls.ko", "lib/modules/bonding.ko"]);
  assert.throws(
    () => initramfsEntries(new Uint8Array(), mods, ["tls", "team"]),
    /no bytes for module team/,
  );
});
