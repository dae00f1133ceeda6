/**
 * Selector packs: how Careside reads an EHR it has no code for. format.ts is the pack format,
 * validate.ts checks a pack in the background before it is used (with css-selector.ts,
 * match-pattern.ts and safe-regex.ts), pack-adapter.ts reads who a page shows by a pack and
 * pack-sections.ts the chart sections it places. query.ts is how a pack's selector searches the
 * page (its open shadow roots too); propose.ts proposes selectors from elements of a page.
 */
export * from './css-selector';
export * from './format';
export * from './match-pattern';
export * from './pack-adapter';
export * from './pack-sections';
export * from './propose';
export { openShadowRoots, queryFirst } from './query';
export * from './safe-regex';
export * from './validate';
