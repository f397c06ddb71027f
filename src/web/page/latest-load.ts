// A view's data loads overlap: a live event asks for a refetch while the last one is still in
// flight, or the user leaves the view before its answer is in. Only the newest load of a view
// that is still shown may draw; an older or orphaned answer is dropped. Without this, a slow
// incident fetch landed after the user had moved on and painted the incident over the health
// view. Pure (no DOM), so it is unit-tested.

export interface LatestLoad {
  /**
   * Fetches, then draws with the answer if this is still the newest load and not disposed.
   * True when it drew; a fetch error rejects only while the load is still current.
   */
  run<T>(fetch: () => Promise<T>, draw: (value: T) => void): Promise<boolean>;
  /** The view is gone: nothing in flight may draw any more. */
  dispose(): void;
}

export function latestLoad(): LatestLoad {
  let generation = 0;
  let disposed = false;
  return {
    async run(fetch, draw) {
      const mine = ++generation;
      const stale = () => disposed || mine !== generation;
      let value: Awaited<ReturnType<typeof fetch>>;
      try {
        value = await fetch();
      } catch (err) {
        // A stale load's error is as stale as its answer: it must not replace what is shown.
        if (stale()) return false;
        throw err;
      }
      if (stale()) return false;
      draw(value);
      return true;
    },
    dispose() {
      disposed = true;
    },
  };
}
