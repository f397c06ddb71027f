import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  fixedWindow,
  lastRange,
  MAX_SPAN_MS,
  MIN_SPAN_MS,
  pan,
  slide,
  zoom,
} from "./timeline-window.js";

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

describe("timeline window", () => {
  it("a range button follows now", () => {
    assert.deepEqual(lastRange(HOUR, NOW), { from: NOW - HOUR, to: NOW, follow: true });
  });

  it("clamps a chosen window to 10 s .. 30 days and never past now", () => {
    const tiny = fixedWindow(NOW - 5 * HOUR, NOW - 5 * HOUR + 100, NOW);
    assert.equal(tiny.to - tiny.from, MIN_SPAN_MS);
    const huge = fixedWindow(NOW - 90 * 24 * HOUR, NOW - 10 * 24 * HOUR, NOW);
    assert.equal(huge.to - huge.from, MAX_SPAN_MS);
    assert.equal((huge.from + huge.to) / 2, NOW - 50 * 24 * HOUR, "clamped around its middle");
    const future = fixedWindow(NOW - HOUR, NOW + HOUR, NOW);
    assert.equal(future.to, NOW);
    assert.equal(future.to - future.from, 2 * HOUR);
  });

  it("zooming in keeps the middle and stops following; zooming out of a live window stays live", () => {
    const w = fixedWindow(NOW - 10 * HOUR, NOW - 8 * HOUR, NOW);
    const inner = zoom(w, 0.5, NOW);
    assert.equal(inner.to - inner.from, HOUR);
    assert.equal((inner.from + inner.to) / 2, NOW - 9 * HOUR);
    assert.equal(inner.follow, false);
    const out = zoom(lastRange(HOUR, NOW), 2, NOW);
    assert.deepEqual([out.from, out.to, out.follow], [NOW - 2 * HOUR, NOW, true]);
  });

  it("panning moves by a share of the span and cannot pass now", () => {
    const w = fixedWindow(NOW - 4 * HOUR, NOW - 2 * HOUR, NOW);
    const earlier = pan(w, -0.5, NOW);
    assert.deepEqual([earlier.from, earlier.to], [NOW - 5 * HOUR, NOW - 3 * HOUR]);
    const later = pan(w, 5, NOW);
    assert.equal(later.to, NOW);
    assert.equal(later.follow, true);
  });

  it("a live tick slides a following window and leaves a fixed one alone", () => {
    const live = lastRange(HOUR, NOW);
    assert.deepEqual(slide(live, NOW + 1000), {
      from: NOW - HOUR + 1000,
      to: NOW + 1000,
      follow: true,
    });
    const fixed = fixedWindow(NOW - 5 * HOUR, NOW - 4 * HOUR, NOW);
    assert.equal(slide(fixed, NOW + 1000), fixed);
  });
});
