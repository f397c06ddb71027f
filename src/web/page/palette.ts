// Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008). Every meaning that a
// colour carries is also carried by a shape or a word, so the palette is a help, not the key.

export const OKABE_ITO = {
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
  grey: "#999999",
} as const;

/** Series colours, in the order charts hand them out (readable on dark and light grounds). */
const SERIES_COLOURS = [
  OKABE_ITO.skyBlue,
  OKABE_ITO.orange,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.yellow,
  OKABE_ITO.vermillion,
] as const;

export function seriesColour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length] ?? OKABE_ITO.grey;
}

export const LINK_COLOURS = {
  up: OKABE_ITO.bluishGreen,
  down: OKABE_ITO.vermillion,
  flapping: OKABE_ITO.yellow,
  unknown: OKABE_ITO.grey,
} as const;

export const EVENT_COLOURS = {
  failure: OKABE_ITO.vermillion,
  recovery: OKABE_ITO.bluishGreen,
  info: OKABE_ITO.skyBlue,
} as const;

/** The text symbol beside each event class in lists, matching the shape drawn on the chart. */
export const EVENT_SYMBOLS = { failure: "▼", recovery: "▲", info: "◆" } as const;

/** Incident windows: translucent, so the lines under them stay readable. */
export const INCIDENT_SHADE = "rgba(213, 94, 0, 0.14)";
