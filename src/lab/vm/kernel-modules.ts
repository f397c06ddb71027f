// The Debian kernel modules a lab VM loads, and the order to load them in. Pure: the
// dependencies come from each module's own `.modinfo` section (`depends=a,b`).

/** Everything a lab VM needs beyond the built-in kernel, by module name. */
export const VM_MODULES = [
  // virtio: PCI transport, the NICs, the control port
  "virtio_ring",
  "virtio",
  "virtio_pci_modern_dev",
  "virtio_pci_legacy_dev",
  "virtio_pci",
  "failover",
  "net_failover",
  "virtio_net",
  "virtio_console",
  // the host's files over 9p
  "netfs",
  "fscache",
  "9pnet",
  "9pnet_virtio",
  "9p",
  // the switch VM's bridge, and veth for neighbours in namespaces inside a VM
  "llc",
  "stp",
  "bridge",
  "veth",
  // what the lab is for
  "tls",
  "bonding",
  "team",
  "team_mode_activebackup",
  "team_mode_loadbalance",
  "team_mode_roundrobin",
  "team_mode_broadcast",
  "team_mode_random",
] as const;

/** Load-time parameters: no bond0 made by loading bonding (the lab names its own bonds). */
export const MODULE_PARAMS: Readonly<Record<string, string>> = { bonding: "max_bonds=0" };

/**
 * The `depends=` of a module file: the `.modinfo` section holds NUL-separated `key=value`
 * strings. An empty list when the module depends on nothing.
 */
export function modinfoDepends(ko: Uint8Array): string[] {
  const text = Buffer.from(ko.buffer, ko.byteOffset, ko.byteLength).toString("latin1");
  const at = text.indexOf("\0depends=");
  if (at < 0) return [];
  const start = at + "\0depends=".length;
  const end = text.indexOf("\0", start);
  const value = text.slice(start, end < 0 ? undefined : end);
  return value === "" ? [] : value.split(",");
}

/**
 * The modules in an order where each comes after everything it depends on. Throws on a
 * dependency that is not in the set (the VM would fail to load it) and on a cycle.
 */
export function loadOrder(depends: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, from: string[]): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting")
      throw new Error(`module dependency cycle: ${[...from, name].join(" -> ")}`);
    const deps = depends.get(name);
    if (deps === undefined)
      throw new Error(`module ${name} (needed by ${from.at(-1) ?? "the lab"}) is not in the set`);
    state.set(name, "visiting");
    for (const d of deps) visit(d, [...from, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of depends.keys()) visit(name, []);
  return order;
}
