/**
 * Reading a chart page: clinic-supplied selector packs first (their URL match and `detect`), then
 * the built-in adapters, then the generic reader, which reads any page and says how sure it is.
 *
 * The content scripts carry this file and the identity half of every reader; the chart sections
 * are read by section readers that a page loads when it needs them (sections/loader.ts), or that
 * sections/all-readers.ts holds all together for tests and tools.
 */
import { ADAPTERS } from '../adapters/index';
import { genericAdapter } from '../generic/adapter';
import type { SelectorPack } from '../packs/format';
import { packAdapter } from '../packs/pack-adapter';
import { IdentityReaderNotLoaded } from '../sections/registry';
import type { EhrAdapter, PageReading, SectionReaderId, SectionReaders } from '../types';
import { finishReading, problem, withProblem } from './reading';

/** What a read could not do yet: the page needs a section reader that is not loaded. */
export interface SectionReaderNeeded {
  needs: SectionReaderId;
}

function detects(adapter: EhrAdapter, document: Document, url: URL): boolean {
  try {
    return adapter.detect(document, url);
  } catch {
    // A pack selector this browser refuses cannot match; the next reader gets the page.
    return false;
  }
}

/**
 * Whether a page belongs to an EHR some adapter knows but is none of its charts (a patient list):
 * such a page gets no sidebar rather than the generic reader's guesswork.
 */
export function isKnownNonChartPage(document: Document, url: URL): boolean {
  return ADAPTERS.some((adapter) => {
    try {
      return adapter.recognizesSite?.(document, url) === true && !adapter.detect(document, url);
    } catch {
      return false;
    }
  });
}

/** The reader for a page: the first pack or adapter that recognises it, else the generic reader. */
export function chooseReader(document: Document, url: URL, packs: SelectorPack[] = []): EhrAdapter {
  for (const adapter of [...packs.map(packAdapter), ...ADAPTERS]) {
    if (detects(adapter, document, url)) return adapter;
  }
  return genericAdapter;
}

function failure(reader: EhrAdapter, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);
  return problem('ehrProblemReaderFailed', { reader: reader.name, reason });
}

/**
 * The whole chart: the chosen reader's identity, then its sections. A reader that fails must not
 * leave the clinician with nothing, nor with half a reading: the generic reader reads the page
 * again from scratch and the failure is reported.
 */
export function readPageWith(
  readers: SectionReaders,
  document: Document,
  url: URL,
  packs: SelectorPack[] = [],
): PageReading | SectionReaderNeeded {
  const reader = chooseReader(document, url, packs);
  const readSections = readers[reader.sections];
  if (!readSections) return { needs: reader.sections };
  try {
    return readSections(document, url, reader.readIdentity(document, url), reader);
  } catch (error) {
    const readGenericSections = readers.generic;
    if (!readGenericSections) return { needs: 'generic' };
    const identity = genericAdapter.readIdentity(document, url);
    return withProblem(
      readGenericSections(document, url, identity, genericAdapter),
      failure(reader, error),
    );
  }
}

/**
 * Who the page shows, without its chart sections: what the sidebar needs to blank the previous
 * patient and put the new banner up, at a fraction of a full read's cost on a large chart. The
 * same identity a full read gives (tests/unit/ehr/identity-read.test.ts). Throws
 * `IdentityReaderNotLoaded` when the page needs the generic reader and its bundle is not loaded.
 */
export function readPageIdentity(
  document: Document,
  url: URL,
  packs: SelectorPack[] = [],
): PageReading {
  const reader = chooseReader(document, url, packs);
  try {
    return finishReading(reader.readIdentity(document, url));
  } catch (error) {
    // The generic reader's bundle is not loaded yet: the caller loads it and reads again.
    if (error instanceof IdentityReaderNotLoaded) throw error;
    return withProblem(
      finishReading(genericAdapter.readIdentity(document, url)),
      failure(reader, error),
    );
  }
}
