// A store shaped like a day of a busy watcher, for the dashboard's speed figure: minute
// roll-ups for `hours` (from samples every 10 s, rolled and then dropped as retention does),
// raw samples every second for the last 10 minutes, probes per interface, a few link
// failures with their recoveries, and an incident for each.

import type { InterfaceRates } from "../../src/events/types.js";
import { openStore } from "../../src/store/store.js";
import { event, incident, probe, sample } from "./store-data.js";

export interface DashboardStoreOptions {
  interfaces: number;
  hours: number;
  now: number;
}

const RECENT_MS = 10 * 60_000;
const OUTAGE_OFFSET_MS = 3 * 3_600_000;

function ratesAt(i: number, t: number, intervalMs: number): InterfaceRates {
  // A daily wave plus per-interface offsets, so charts have shape and differ.
  const wave = 1 + 0.6 * Math.sin((t / 86_400_000) * 2 * Math.PI + i);
  return {
    interval_ms: intervalMs,
    rx_bps: 4e6 * wave + i * 1e5,
    tx_bps: 2.5e6 * wave + i * 7e4,
    rx_pps: 3500 * wave + i * 20,
    tx_pps: 2800 * wave + i * 15,
    rx_errors_ps: 0,
    tx_errors_ps: 0,
    rx_dropped_ps: 0,
    tx_dropped_ps: 0,
  };
}

export function writeDashboardStore(path: string, o: DashboardStoreOptions): { ifnames: string[] } {
  const ifnames = Array.from({ length: o.interfaces }, (_, i) => `ens${i}f${i % 2}`);
  const start = o.now - o.hours * 3_600_000;
  const store = openStore(path, {
    flushEveryMs: 0,
    maintainEveryMs: 0,
    retention: { rawMs: RECENT_MS },
  });
  // Every 6 h, 3 h into the day, every fifth interface loses carrier for 90 s.
  const down = (i: number, t: number) =>
    i % 5 === 0 && (t - start - OUTAGE_OFFSET_MS + 86_400_000) % 21_600_000 < 90_000;
  const write = (t: number, step: number) => {
    ifnames.forEach((ifname, i) => {
      const carrier = !down(i, t);
      store.addSample(
        sample(ifname, t, { carrier, operstate: carrier ? "up" : "down", speed_mbps: 10_000 }),
        ratesAt(i, t, step),
      );
      store.addProbe(
        probe(ifname, `10.${i}.0.1`, t, {
          ok: carrier,
          rtt_ms: carrier ? 0.3 + (i % 4) / 10 : null,
        }),
      );
    });
  };
  for (let t = start; t < o.now - RECENT_MS; t += 10_000) {
    write(t, 10_000);
    if ((t - start) % 600_000 === 0) store.flush();
  }
  store.flush();
  store.maintain(o.now);
  for (let t = o.now - RECENT_MS; t <= o.now; t += 1000) write(t, 1000);
  store.flush();
  let id = 0;
  ifnames.forEach((ifname, i) => {
    if (i % 5 !== 0) return;
    for (let t = start + OUTAGE_OFFSET_MS; t < o.now - RECENT_MS; t += 21_600_000) {
      const n = ++id;
      const failed = store.addEvent(
        event(t, {
          kind: "link-down",
          subject: ifname,
          ifname,
          detail: `${ifname} lost carrier`,
          incident_id: n,
        }),
      );
      const back = store.addEvent(
        event(t + 90_000, {
          kind: "link-up",
          subject: ifname,
          ifname,
          severity: "info",
          detail: `${ifname} carrier back`,
          incident_id: n,
        }),
      );
      store.upsertIncident(
        incident(n, {
          opened_ms: t,
          closed_ms: t + 90_000,
          subjects: [ifname],
          event_ids: [failed, back],
          title: `${ifname} lost carrier`,
          explanation: `${ifname} lost carrier for 90 s`,
        }),
      );
    }
  });
  store.close();
  return { ifnames };
}
