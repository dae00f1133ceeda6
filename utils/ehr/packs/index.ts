/**
 * Selector packs: how Careside reads an EHR it has no code for. format.ts is the pack format,
 * validate.ts checks a pack in the background before it is used (with css-selector.ts,
 * match-pattern.ts and safe-regex.ts), pack-adapter.ts reads who a page shows by a pack and
 * pack-sections.ts the chart sections it places.
 */
export * from './css-selector';
export * from './format';
export * from './match-pattern';
export * from './pack-adapter';
export * from './pack-sections';
export * from './safe-regex';
export * from './validate';
