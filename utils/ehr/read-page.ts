/**
 * Reading a chart page: clinic-supplied selector packs first (their URL match and `detect`), then
 * the built-in adapters, then the generic reader, which reads any page and says how sure it is.
 */
import { ADAPTERS } from './adapters/index';
import { genericAdapter, readGeneric } from './generic';
import type { SelectorPack } from './packs/format';
import { packAdapter } from './packs/pack-adapter';
import { problem, withProblem } from './reading';
import type { EhrAdapter, PageReading, ReadOptions } from './types';

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

export function readPage(
  document: Document,
  url: URL,
  packs: SelectorPack[] = [],
  options: ReadOptions = {},
): PageReading {
  const reader = chooseReader(document, url, packs);
  try {
    return reader.read(document, url, options);
  } catch (error) {
    // A reader that fails must not leave the clinician with nothing, nor with half a reading:
    // the generic reader reads the page again from scratch and the failure is reported.
    const reason = error instanceof Error ? error.message : String(error);
    return withProblem(
      readGeneric(document, url, options),
      problem('ehrProblemReaderFailed', { reader: reader.name, reason }),
    );
  }
}

/**
 * Who the page shows, without its chart sections: what the sidebar needs to blank the previous
 * patient and put the new banner up, at a fraction of a full read's cost on a large chart.
 */
export function readPageIdentity(
  document: Document,
  url: URL,
  packs: SelectorPack[] = [],
): PageReading {
  return readPage(document, url, packs, { identityOnly: true });
}
