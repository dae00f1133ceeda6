/**
 * The generic reader, for an EHR with neither an adapter nor a selector pack: adapter.ts is its
 * adapter form (always tried last), identity.ts the general rules for who a page shows and
 * sections.ts those for its chart sections. identity.ts and sections.ts ship in the generic
 * reader's own bundle (entrypoints/reader-generic.ts), loaded only by a page of an unknown EHR.
 */
export * from './adapter';
export * from './identity';
export * from './sections';
