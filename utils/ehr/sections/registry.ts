/**
 * Where section-reader bundles put themselves when a content script imports them
 * (sections/loader.ts). No extension API here: the bundles import this file and nothing else of
 * the content scripts' code, and the build configuration reads the bundles' file names from it.
 */
import type { ReadingDraft, SectionReader, SectionReaderId, SectionReaders } from '../types';

// One registry per isolated world, shared by the content script and the bundles it imports, which
// are built separately and so cannot share a module.
const REGISTRY = Symbol.for('careside.sectionReaders');

type WithRegistry = typeof globalThis & { [REGISTRY]?: SectionReaders };

function registry(): SectionReaders {
  const world = globalThis as WithRegistry;
  world[REGISTRY] ??= {};
  return world[REGISTRY];
}

/**
 * The readers of who a page shows that live in a bundle rather than in the content scripts: the
 * generic reader's general rules are the weight of it, and a chart of a known EHR never needs them.
 */
export interface IdentityReader {
  readIdentity(document: Document): ReadingDraft;
  /** The elements the identity was read from (see `EhrAdapter.identityElements`). */
  identityElements(document: Document): Element[];
}

/**
 * Finding values by their label ("DOB: …", a label cell, a label above its value) is the general
 * rules' weight; a pack whose fields are named by label uses them too (page-text.ts).
 */
export type LabelFinder = (root: Node, labels: string[]) => { value: string }[];
export type IdentityReaderId = 'generic' | 'pack';

const IDENTITY_REGISTRY = Symbol.for('careside.identityReaders');
type WithIdentityRegistry = typeof globalThis & {
  [IDENTITY_REGISTRY]?: { generic?: IdentityReader; labels?: LabelFinder };
};

function identityRegistry(): { generic?: IdentityReader; labels?: LabelFinder } {
  const world = globalThis as WithIdentityRegistry;
  world[IDENTITY_REGISTRY] ??= {};
  return world[IDENTITY_REGISTRY];
}

/** Called by the generic reader's bundle when it is evaluated. */
export function registerIdentityReader(reader: IdentityReader): void {
  identityRegistry().generic = reader;
}

/** Called by the generic and the pack reader's bundles when they are evaluated. */
export function registerLabelFinder(finder: LabelFinder): void {
  identityRegistry().labels = finder;
}

/** Thrown when a page is read before its reader's bundle is loaded: the caller loads it first. */
export class IdentityReaderNotLoaded extends Error {
  constructor(readonly id: IdentityReaderId) {
    super(`the ${id} identity reader is not loaded`);
  }
}

export function identityReader(): IdentityReader {
  const reader = identityRegistry().generic;
  if (!reader) throw new IdentityReaderNotLoaded('generic');
  return reader;
}

/** The label finder, for a pack that names a field by its label. */
export function labelFinder(): LabelFinder {
  const finder = identityRegistry().labels;
  if (!finder) throw new IdentityReaderNotLoaded('pack');
  return finder;
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
