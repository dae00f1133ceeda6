/**
 * Sections: what loads after the banner. Each section reader (medications, problems, scores,
 * labs and vitals, therapies) is a bundle of its own that registers itself when a content script
 * loads it (registry.ts, loader.ts); entries.ts turns the text it finds into chart entries, and
 * enrich.ts, in the background, parses each medication line. `all-readers.ts` registers every
 * reader at once for code outside a browser tab and is imported for that effect alone, so it is
 * not re-exported here.
 */
export * from './enrich';
export * from './entries';
export * from './loader';
export * from './problems';
export * from './reading';
export * from './registry';
