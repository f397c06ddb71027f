// Every folder of src/ has its layer in biome.json (docs/adr/0002-layers.md): an override whose
// `includes` names `src/<folder>/**` and restricts its imports. A new folder without one could
// import anything and be imported from anywhere, and the linter would not say.

interface Override {
  includes?: string[];
  linter?: { rules?: { style?: { noRestrictedImports?: unknown } } };
}

/**
 * The folders among `folders` that no restricting override of the Biome config covers, but
 * `top` (the top layer, which may import everything).
 */
export function foldersWithoutLayer(
  folders: readonly string[],
  biomeConfig: unknown,
  top: readonly string[] = ["cli"],
): string[] {
  const overrides = ((biomeConfig as { overrides?: Override[] }).overrides ?? []).filter(
    (o) => o.linter?.rules?.style?.noRestrictedImports !== undefined,
  );
  const covered = new Set(
    overrides
      .flatMap((o) => o.includes ?? [])
      .flatMap((i) => /^src\/([^/!*]+)\/\*\*$/.exec(i)?.[1] ?? []),
  );
  return folders.filter((f) => !covered.has(f) && !top.includes(f));
}
