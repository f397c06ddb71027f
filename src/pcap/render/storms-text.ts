// `pcap storms` as text, and the storm lines `pcap summary` shows.
import type { StormReport, StormWindow } from "../analyze/storms.js";
import { type CaptureInfo, renderCaptureHeader } from "./capture.js";
import { count, seconds, when } from "./format.js";

function windowLines(w: StormWindow): string[] {
  const lines = [
    `  ${when(w.start)} for ${w.seconds} s: ${count(w.packets)} packets (peak ${count(w.peakPps)}/s)${w.looksLikeLoop ? " - looks like a LOOP" : ""}`,
  ];
  const d = w.dominant;
  if (d !== null) {
    const gap = d.meanGap === null ? "" : `, every ${seconds(d.meanGap)} on average`;
    lines.push(
      `    most repeated frame: ${(d.share * 100).toFixed(0)}% of the window (${count(d.packets)}+ copies${gap}), ${d.src ?? "?"} > ${d.dst ?? "?"} ethertype ${d.ethertype ?? "-"}, ${d.length ?? "?"} bytes, e.g. frame ${d.exampleFrame ?? "?"}`,
    );
    if (d.sample !== null) lines.push(`    bytes: ${d.sample}`);
  }
  return lines;
}

export function renderStormLines(windows: readonly StormWindow[]): string[] {
  if (windows.length === 0) return ["storms:     none"];
  return [`storms:     ${windows.length}`, ...windows.flatMap(windowLines)];
}

export function renderStormsText(r: StormReport, capture: CaptureInfo): string {
  const lines = renderCaptureHeader(capture);
  lines.push(
    `baseline ${r.baselinePps} packets/s (median); a storm second has at least ${count(r.thresholdPps)}`,
  );
  if (r.windows.length === 0) lines.push("no storms");
  else lines.push(`${r.windows.length} storm window(s):`, ...r.windows.flatMap(windowLines));
  return `${lines.join("\n")}\n`;
}
