/**
 * Reads one subframe with the same readers as the top document (adapters, the clinic's packs,
 * the generic reader) and reports a snapshot to the background: at load, whenever the reader's
 * identity or section elements change, after an in-frame navigation, and `frame:gone` when the
 * document goes away, so that its data leaves the sidebar with it.
 */
import type { ContentScriptContext } from '#imports';
import { emptyPatientContext } from '../../utils/clinical/types';
import { loadContentConfig } from '../../utils/content-config';
import { type FrameParent, sectionsOf } from '../../utils/ehr/frames/merge';
import { framePlace, readPatientKey } from '../../utils/ehr/frames/where';
import { observeElements } from '../../utils/ehr/identity/observe';
import {
  chooseReader,
  isKnownNonChartPage,
  readPageWith,
} from '../../utils/ehr/identity/read-page';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import { loadSectionReader } from '../../utils/ehr/sections/loader';
import { loadedSectionReaders } from '../../utils/ehr/sections/registry';
import type { PageReading } from '../../utils/ehr/types';
import { packReading } from '../../utils/ehr/wire';
import { sendMessage } from '../../utils/messaging';

/** What changed in a reading, without the read timestamps that differ on every read. */
function signatureOf(url: string, patientKey: string | null, reading: PageReading): string {
  return JSON.stringify([url, patientKey, reading.adapter, reading.context], (key, value) =>
    key === 'readAt' ? undefined : value,
  );
}

function showsAnything(reading: PageReading): boolean {
  const { identity } = reading.context;
  return (
    identity.name !== null ||
    identity.birthDate !== null ||
    identity.identifiers.length > 0 ||
    sectionsOf(reading.context).length > 0
  );
}

/**
 * The frame this document was loaded in, when that is a frame (not the top document) this one can
 * read: a nested chart section inherits its parent's evidence of the patient (frames/merge.ts).
 */
function parentFrame(): FrameParent | null {
  try {
    const parent = window.parent;
    if (parent === window || parent === window.top) return null;
    return { url: parent.location.href, loadedAt: parent.performance.timeOrigin };
  } catch {
    // A parent of another origin cannot be read; the frame stands on its own evidence.
    return null;
  }
}

export async function startFrameReporter(ctx: ContentScriptContext): Promise<void> {
  // The navigation start of this document: anything it shows was asked for after this moment.
  const loadedAt = performance.timeOrigin;
  const place = framePlace(window);
  let packs: SelectorPack[] = [];
  try {
    ({ packs } = await loadContentConfig());
  } catch {
    // Without the clinic's packs the built-in readers still read the frame.
  }

  let reported = '';
  let watch: AbortController | null = null;
  let watched = '';

  const watchElements = (selectors: string[]) => {
    const key = selectors.join('\n');
    if (key === watched && watch) return;
    watch?.abort();
    watch = new AbortController();
    watched = key;
    observeElements(document, selectors, report, { signal: watch.signal });
  };

  /** The document is leaving: its data leaves with it, and nothing it sends later counts. */
  const gone = () => {
    if (reported === '') return;
    reported = '';
    void sendMessage('frame:gone', { loadedAt }).catch(() => undefined);
  };

  /**
   * The document shows nothing now but stays, and may show a chart again: its data is replaced
   * by an empty reading, not reported gone (which would drop the document's later reports).
   */
  const cleared = (adapter: string) => {
    if (reported === '') return;
    reported = '';
    const nothing: PageReading = {
      adapter,
      confidence: { name: 0, birthDate: 0, mrn: 0 },
      context: emptyPatientContext(),
      identityConfirmed: false,
      problems: [],
    };
    void sendMessage('frame:snapshot', {
      url: location.href,
      namePath: place.namePath,
      reading: packReading(nothing),
      patientKey: null,
      parent: null,
      loadedAt,
      changedAt: Date.now(),
    }).catch(() => undefined);
  };

  function report() {
    if (ctx.isInvalid) return;
    const url = new URL(location.href);
    if (isKnownNonChartPage(document, url)) {
      cleared('none');
      return;
    }
    const reader = chooseReader(document, url, packs);
    watchElements([...reader.identitySelectors, ...(reader.sectionSelectors ?? [])]);
    const reading = readPageWith(loadedSectionReaders(), document, url, packs);
    if ('needs' in reading) {
      // The frame's reader is loaded once; the frame is then read in one go, as it is by then.
      // Without it (the extension went away under the page) the frame reports nothing.
      loadSectionReader(reading.needs).then(report, () => undefined);
      return;
    }
    if (!showsAnything(reading)) {
      cleared(reading.adapter);
      return;
    }
    const patientKey = readPatientKey(reader, document, url);
    const signature = signatureOf(url.href, patientKey, reading);
    if (signature === reported) return;
    reported = signature;
    void sendMessage('frame:snapshot', {
      url: url.href,
      namePath: place.namePath,
      reading: packReading(reading),
      patientKey,
      parent: parentFrame(),
      loadedAt,
      changedAt: Date.now(),
    }).catch(() => undefined);
  }

  ctx.onInvalidated(() => watch?.abort());
  ctx.addEventListener(window, 'wxt:locationchange', report);
  ctx.addEventListener(window, 'popstate', report);
  // A document kept in the back/forward cache is not gone: the background drops every later
  // report of a document that said it was (frames.ts), and this one may come back as it is.
  ctx.addEventListener(window, 'pagehide', (event) => {
    if (!(event as PageTransitionEvent).persisted) gone();
  });
  ctx.addEventListener(window, 'pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) report();
  });
  report();
}
