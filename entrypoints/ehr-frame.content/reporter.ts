/**
 * Reads one subframe with the same readers as the top document (adapters, the clinic's packs,
 * the generic reader) and reports a snapshot to the background: at load, whenever the reader's
 * identity or section elements change, after an in-frame navigation, and `frame:gone` when the
 * document goes away, so that its data leaves the sidebar with it.
 */
import type { ContentScriptContext } from '#imports';
import { loadContentConfig } from '../../utils/content-config';
import { sectionsOf } from '../../utils/ehr/frame-merge';
import { framePlace, readPatientKey } from '../../utils/ehr/frames/where';
import { observeElements } from '../../utils/ehr/observe';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import { chooseReader, isKnownNonChartPage, readPageWith } from '../../utils/ehr/read-page';
import { loadSectionReader } from '../../utils/ehr/section-loader';
import { loadedSectionReaders } from '../../utils/ehr/section-registry';
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

export async function startFrameReporter(ctx: ContentScriptContext): Promise<void> {
  // The navigation start of this document: anything it shows was asked for after this moment.
  const loadedAt = performance.timeOrigin;
  const place = framePlace(window);
  let packs: SelectorPack[] = [];
  try {
    ({ packs } = await loadContentConfig(location.href));
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

  const gone = () => {
    if (reported === '') return;
    reported = '';
    void sendMessage('frame:gone', { url: location.href, loadedAt }).catch(() => undefined);
  };

  function report() {
    if (ctx.isInvalid) return;
    const url = new URL(location.href);
    if (isKnownNonChartPage(document, url)) {
      gone();
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
      gone();
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
      loadedAt,
      changedAt: Date.now(),
    }).catch(() => undefined);
  }

  ctx.onInvalidated(() => watch?.abort());
  ctx.addEventListener(window, 'wxt:locationchange', report);
  ctx.addEventListener(window, 'popstate', report);
  ctx.addEventListener(window, 'pagehide', gone);
  // A frame restored from the back/forward cache was reported gone when it was hidden.
  ctx.addEventListener(window, 'pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) report();
  });
  report();
}
