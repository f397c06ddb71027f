// uPlot plugins that draw what the lines alone do not say: incident windows (shaded), the link
// state (a band along the bottom) and event markers (failure ▼ and recovery ▲ differ in shape
// and colour). Drawn with the chart's own canvas and scales, so zoom and resize just work.
import type uPlot from "uplot";
import type { ApiEvent, ApiIncident } from "../api.js";
import { EVENT_COLOURS, INCIDENT_SHADE, LINK_COLOURS } from "./palette.js";

export interface OverlaySource {
  events(): ApiEvent[];
  incidents(): ApiIncident[];
  now(): number;
}

const px = (n: number) => Math.round(n * devicePixelRatio);

export function incidentShading(src: OverlaySource): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.fillStyle = INCIDENT_SHADE;
        for (const i of src.incidents()) {
          const x0 = Math.max(bbox.left, u.valToPos(i.opened_ms, "x", true));
          const x1 = Math.min(
            bbox.left + bbox.width,
            u.valToPos(i.closed_ms ?? src.now(), "x", true),
          );
          if (x1 > x0) ctx.fillRect(x0, bbox.top, Math.max(x1 - x0, px(2)), bbox.height);
        }
        ctx.restore();
      },
    },
  };
}

export function linkState(value: number | null | undefined): keyof typeof LINK_COLOURS {
  if (value === null || value === undefined) return "unknown";
  if (value >= 1) return "up";
  if (value <= 0) return "down";
  return "flapping";
}

/** A band under the plot, one colour per link state, from series `seriesIdx`. */
export function linkBand(seriesIdx: number): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: (u) => {
        const t = u.data[0];
        const link = u.data[seriesIdx];
        if (link === undefined || t.length === 0) return;
        const { ctx, bbox } = u;
        const height = px(6);
        const top = bbox.top + bbox.height - height;
        ctx.save();
        for (let i = 0; i < t.length; i++) {
          const start = t[i] ?? 0;
          const end = t[i + 1] ?? start + ((t[i] ?? 0) - (t[i - 1] ?? start));
          const x0 = Math.max(bbox.left, u.valToPos(start, "x", true));
          const x1 = Math.min(bbox.left + bbox.width, u.valToPos(end, "x", true));
          if (x1 <= x0) continue;
          ctx.fillStyle = LINK_COLOURS[linkState(link[i])];
          ctx.fillRect(x0, top, Math.max(x1 - x0, 1), height);
        }
        ctx.restore();
      },
    },
  };
}

function drawShape(ctx: CanvasRenderingContext2D, e: ApiEvent, x: number, y: number, r: number) {
  ctx.beginPath();
  if (e.class === "failure") {
    ctx.moveTo(x - r, y - r);
    ctx.lineTo(x + r, y - r);
    ctx.lineTo(x, y + r);
  } else if (e.class === "recovery") {
    ctx.moveTo(x - r, y + r);
    ctx.lineTo(x + r, y + r);
    ctx.lineTo(x, y - r);
  } else {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r);
    ctx.lineTo(x - r, y);
  }
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
}

/** Whether an event belongs on the charts of `ifname` (events with no interface go on all). */
function eventOnChart(e: ApiEvent, ifname: string): boolean {
  return e.ifname === null || e.ifname === ifname;
}

export function eventMarkers(
  src: OverlaySource,
  ifname: string,
  onPick: (e: ApiEvent) => void,
): uPlot.Plugin {
  const shown = () => src.events().filter((e) => eventOnChart(e, ifname));
  const nearest = (u: uPlot): ApiEvent | undefined => {
    const left = u.cursor.left ?? -1;
    let best: ApiEvent | undefined;
    let bestDist = 8;
    for (const e of shown()) {
      const d = Math.abs(u.valToPos(e.t_ms, "x") - left);
      if (d <= bestDist) {
        best = e;
        bestDist = d;
      }
    }
    return best;
  };
  return {
    hooks: {
      ready: (u) => {
        u.over.addEventListener("click", () => {
          const e = nearest(u);
          if (e !== undefined) onPick(e);
        });
      },
      setCursor: (u) => {
        u.over.style.cursor = nearest(u) === undefined ? "crosshair" : "pointer";
      },
      draw: (u) => {
        const { ctx, bbox } = u;
        const r = px(5);
        ctx.save();
        ctx.lineWidth = px(1);
        for (const e of shown()) {
          const x = u.valToPos(e.t_ms, "x", true);
          if (x < bbox.left - r || x > bbox.left + bbox.width + r) continue;
          const colour = EVENT_COLOURS[e.class];
          ctx.strokeStyle = colour;
          ctx.setLineDash(e.class === "failure" ? [px(4), px(3)] : []);
          ctx.beginPath();
          ctx.moveTo(x, bbox.top + r * 2);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = colour;
          ctx.strokeStyle = "#000";
          drawShape(ctx, e, x, bbox.top + r, r);
        }
        ctx.restore();
      },
    },
  };
}
