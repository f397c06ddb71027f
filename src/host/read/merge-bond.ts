// Merging what several sources say about one bond (/proc/net/bonding, sysfs, netlink), fact by
// fact, each fact keeping the evidence line of the source it came from. Pure.
import {
  AGGREGATOR_EV,
  type Bond,
  type Bond8023ad,
  type BondEvidenceKey,
  LACP_LINE,
  type LacpPortInfo,
} from "../model.js";

/**
 * Merge `from` into `into` fact by fact: a field `into` lacks is taken from `from` with the
 * evidence line of `from`. Nested facts (the 802.3ad section, the active aggregator, each
 * member's actor and partner) are merged field by field too, so a non-root /proc view that
 * printed "802.3ad info" without the aggregator keeps the aggregator netlink or sysfs showed.
 */
export function mergeBond(into: Bond, from: Bond): void {
  fillMissing(into, from);
  mergeAd(into, from);
  for (const s of from.slaves) {
    const have = into.slaves.find((x) => x.name === s.name);
    if (!have) {
      into.slaves.push(s);
      continue;
    }
    fillMissing(have, s);
    for (const side of ["actor", "partner"] as const) {
      const src = s[side];
      if (src === undefined) continue;
      have[side] ??= {};
      const dst = have[side];
      for (const [field, line] of Object.entries(LACP_LINE)) {
        const k = field as keyof LacpPortInfo;
        if (dst[k] !== undefined || src[k] === undefined) continue;
        (dst as Record<string, unknown>)[k] = src[k];
        const e = s.ev[`${side}${line}`];
        if (e !== undefined) have.ev[`${side}${line}`] = e;
      }
    }
  }
}

/** Bond8023ad field -> its evidence key in Bond.ev (the same name). */
const AD_EV: { readonly [F in Exclude<keyof Bond8023ad, "activeAggregator">]-?: BondEvidenceKey } =
  {
    lacpActive: "lacpActive",
    lacpRate: "lacpRate",
    minLinks: "minLinks",
    adSelect: "adSelect",
    systemPriority: "systemPriority",
    systemMac: "systemMac",
  };

function mergeAd(into: Bond, from: Bond): void {
  if (from.ad === undefined) return;
  if (into.mode !== "802.3ad" && into.mode !== "unknown") return;
  into.ad ??= {};
  const ad = into.ad;
  copyFields(ad as Record<string, unknown>, from.ad as Record<string, unknown>, AD_EV, into, from);
  const src = from.ad.activeAggregator;
  // "bond X has no active aggregator" from /proc is a fact too: keep it over a stale one.
  if (src === undefined || into.extra.noActiveAggregator !== undefined) return;
  ad.activeAggregator ??= {};
  const agg = ad.activeAggregator;
  copyFields(
    agg as Record<string, unknown>,
    src as Record<string, unknown>,
    AGGREGATOR_EV,
    into,
    from,
  );
}

function copyFields(
  dst: Record<string, unknown>,
  src: Record<string, unknown>,
  evKeys: Readonly<Record<string, BondEvidenceKey>>,
  into: Bond,
  from: Bond,
): void {
  for (const [field, evKey] of Object.entries(evKeys)) {
    if (dst[field] !== undefined || src[field] === undefined) continue;
    dst[field] = src[field];
    const e = from.ev[evKey];
    if (e !== undefined) into.ev[evKey] = e;
  }
}

function fillMissing<T extends { ev: Record<string, unknown> }>(into: T, from: T): void {
  const target = into as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) {
    if (
      value === undefined ||
      ["ev", "source", "slaves", "extra", "name", "ad", "actor", "partner"].includes(key)
    )
      continue;
    if (target[key] === undefined || (key === "mode" && target[key] === "unknown")) {
      target[key] = value;
      if (from.ev[key] !== undefined) into.ev[key] = from.ev[key];
    }
  }
}
