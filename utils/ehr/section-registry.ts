/**
 * Where section-reader bundles put themselves when a content script imports them
 * (section-loader.ts). No extension API here: the bundles import this file and nothing else of
 * the content scripts' code, and the build configuration reads the bundles' file names from it.
 */
import type { SectionReaders } from './read-page';
import type { SectionReader, SectionReaderId } from './types';

// One registry per isolated world, shared by the content script and the bundles it imports, which
// are built separately and so cannot share a module.
const REGISTRY = Symbol.for('careside.sectionReaders');

type WithRegistry = typeof globalThis & { [REGISTRY]?: SectionReaders };

function registry(): SectionReaders {
  const world = globalThis as WithRegistry;
  world[REGISTRY] ??= {};
  return world[REGISTRY];
}

/** Called by a section reader's bundle when it is evaluated. */
export function registerSectionReader(id: SectionReaderId, reader: SectionReader): void {
  registry()[id] = reader;
}

/** The section readers loaded into this document so far. */
export function loadedSectionReaders(): SectionReaders {
  return registry();
}

/**
 * The file of a section reader's bundle, built from `entrypoints/reader-<id>.ts` and listed as
 * web-accessible in the manifest (wxt.config.ts).
 */
export function sectionReaderFile(id: SectionReaderId): `reader-${SectionReaderId}.js` {
  return `reader-${id}.js`;
}
