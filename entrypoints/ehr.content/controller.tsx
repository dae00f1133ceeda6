/**
 * The content script's patient-change discipline, in one place:
 *
 * 1. read the page (adapter, clinic selector pack, or the generic reader);
 * 2. the moment the identity on the page differs from the one shown, blank the sidebar —
 *    synchronously, before anything is fetched — and remember the new fingerprint;
 * 3. ask the background for the new patient's view, and show it only if the page still shows
 *    that same patient when the answer arrives.
 *
 * So the sidebar never shows one patient's data under another's banner, however the EHR changes
 * patients (full load, pushState + DOM swap, back/forward, bfcache restore).
 */

import { render } from 'preact';
import type { ContentScriptContext } from '#imports';
import { benchMark } from '../../utils/build-variant';
import { localToday } from '../../utils/calendar';
import { loadContentConfig } from '../../utils/content-config';
import { readPatientKey } from '../../utils/ehr/frames/where';
import { identityFingerprint } from '../../utils/ehr/identity';
import { observeElements } from '../../utils/ehr/observe';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import {
  chooseReader,
  isKnownNonChartPage,
  readPageIdentity,
  readPageWith,
} from '../../utils/ehr/read-page';
import { loadSectionReader } from '../../utils/ehr/section-loader';
import { loadedSectionReaders } from '../../utils/ehr/section-registry';
import type { PageReading } from '../../utils/ehr/types';
import { packReading } from '../../utils/ehr/wire';
import { t } from '../../utils/i18n/browser';
import { onMessages, type PatientView, sendMessage } from '../../utils/messaging';
import { App } from './App';
import { createSidebarModel, type SidebarModel } from './model';
import type { SidebarHost } from './shadow-host';

type MakeUi = (
  onMount: (container: HTMLElement) => void,
  onRemove: (container: HTMLElement) => void,
) => SidebarHost;

/** Alt+Shift+C, as printed in the README and the options page. */
function isToggleShortcut(event: KeyboardEvent): boolean {
  return (
    event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyC'
  );
}

/** A page the generic reader found no patient on (a patient list, a login page) is not a chart. */
function isChart(reading: PageReading): boolean {
  if (reading.adapter !== 'generic') return true;
  const { identity } = reading.context;
  return identity.name !== null || identity.identifiers.length > 0;
}

export async function startSidebarController(ctx: ContentScriptContext, makeUi: MakeUi) {
  const model: SidebarModel = createSidebarModel();
  let packs: SelectorPack[] = [];
  try {
    // The background hands over only packs that passed validation, and the saved layout.
    const config = await loadContentConfig(location.href);
    packs = config.packs;
    if (config.layout) model.startWithLayout(config.layout);
  } catch (error) {
    // Without the background we cannot compute anything; reading still runs so that the
    // sidebar can say what went wrong instead of silently not appearing.
    model.showError(error instanceof Error ? error.message : String(error));
  }

  let ui: SidebarHost | null = null;
  let shownFingerprint: string | null = null;
  let identityWatch: AbortController | null = null;
  let watchedSelectors = '';
  // When the page's identity last changed, on the frames' clock (`performance.timeOrigin`). What
  // the page showed at its first read has been there since the document started loading; after
  // that, every change (to another patient, or to no patient) starts a new episode, and frames
  // that started loading before it must prove they show the new patient.
  let lastSeen: string | null | undefined;
  let identityChangedAt = performance.timeOrigin;
  const isCurrent = (view: PatientView) =>
    view.fingerprint === shownFingerprint && view.identityChangedAt === identityChangedAt;
  const noteIdentity = (seen: string | null) => {
    if (lastSeen !== undefined && seen !== lastSeen) {
      identityChangedAt = performance.timeOrigin + performance.now();
    }
    lastSeen = seen;
  };

  const ensureUi = () => {
    if (ui) return;
    ui = makeUi(
      (container) => render(<App model={model} />, container),
      (container) => render(null, container),
    );
    ui.mount();
  };

  const removeUi = () => {
    ui?.remove();
    ui = null;
  };

  const watchIdentity = (selectors: string[]) => {
    const key = selectors.join('\n');
    if (key === watchedSelectors && identityWatch) return;
    identityWatch?.abort();
    identityWatch = new AbortController();
    watchedSelectors = key;
    ctx.onInvalidated(() => identityWatch?.abort());
    // The helper calls back from a frame callback (see observe.ts): what scan renders there is
    // painted at the end of that same frame.
    observeElements(document, selectors, () => scan({ inFrameCallback: true }), {
      signal: identityWatch.signal,
    });
  };

  /**
   * Runs `work` once the browser has painted what was just rendered (or soon, when hidden). From
   * inside a frame callback a task is enough: tasks queued there run after that frame's paint.
   */
  const afterPaint = (work: () => void, inFrameCallback: boolean) => {
    if (inFrameCallback) {
      setTimeout(work, 0);
      return;
    }
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      work();
    };
    // A frame callback then a task: after the paint. A hidden tab runs no frames, hence the timer.
    requestAnimationFrame(() => setTimeout(once, 0));
    setTimeout(once, 100);
  };

  /**
   * The whole chart, read once the banner is on screen, and sent to the background. Dropped if
   * the page has moved on to another patient in the meantime.
   */
  function readChart(fingerprint: string) {
    if (ctx.isInvalid || fingerprint !== shownFingerprint) return;
    const url = new URL(location.href);
    // The first mark counts any wait for the section reader as reading time.
    benchMark('reading');
    const reading = readPageWith(loadedSectionReaders(), document, url, packs);
    if ('needs' in reading) {
      // Usually already loading since the banner went up (see `scan`). The page is read after the
      // load, in one go, so that what is sent is what the page shows at one moment.
      loadSectionReader(reading.needs).then(
        () => readChart(fingerprint),
        () => {
          if (fingerprint === shownFingerprint) model.showError(t('sidebarErrorChartReader'));
        },
      );
      return;
    }
    const sentFingerprint = identityFingerprint(reading);
    if (sentFingerprint !== fingerprint) {
      // The page changed patient between the two reads: what the full read saw is the patient,
      // and the next observed change compares against it.
      shownFingerprint = sentFingerprint;
      noteIdentity(sentFingerprint);
      model.showChanging();
    }
    const reader = chooseReader(document, url, packs);
    // Marks (names only, nothing about the patient) let `npm run bench` split the time to the
    // sidebar into reading, the background's answer and rendering.
    benchMark('sending');
    sendMessage('patient:open', {
      reading: packReading(reading),
      url: url.href,
      fingerprint: sentFingerprint,
      patientKey: readPatientKey(reader, document, url),
      documentLoadedAt: performance.timeOrigin,
      identityChangedAt,
    })
      .then((view) => {
        benchMark('received');
        if (isCurrent(view)) model.showView(view);
      })
      .catch((error: unknown) => {
        if (sentFingerprint === shownFingerprint) {
          model.showError(error instanceof Error ? error.message : String(error));
        }
      });
  }

  /**
   * Called at start and on every change of the identity elements or the address: reads who the
   * page shows (identity only, cheap), blanks or re-banners the sidebar at once when that differs
   * from what it shows, then reads the chart after the paint.
   */
  function scan({ inFrameCallback = false } = {}) {
    if (ctx.isInvalid) return;
    const url = new URL(location.href);
    const identity = isKnownNonChartPage(document, url)
      ? null
      : readPageIdentity(document, url, packs);
    if (!identity || !isChart(identity)) {
      // Not a chart (a patient list, a login page): no sidebar, and nothing of a patient kept.
      noteIdentity(null);
      shownFingerprint = null;
      model.clear();
      removeUi();
      return;
    }
    const reader = chooseReader(document, url, packs);
    // Fetched while the banner is put up, so it is there when the chart is read after the paint.
    loadSectionReader(reader.sections).catch(() => undefined);
    watchIdentity(reader.identitySelectors);
    const fingerprint = identityFingerprint(identity);
    noteIdentity(fingerprint);
    if (fingerprint === shownFingerprint) return;

    shownFingerprint = fingerprint;
    // The banner goes up at once with what the page itself shows, when its reader is sure of it;
    // the clinical content follows when the background answers (scoring, rules, stored data).
    if (identity.identityConfirmed) {
      const { name, birthDate, identifiers } = identity.context.identity;
      model.showLoading({ name, birthDate, identifiers }, localToday());
    } else {
      model.showChanging();
    }
    ensureUi();
    const expected = identity.identityConfirmed ? identity.context.identity : null;
    afterPaint(() => {
      // The background reads what it keeps for this patient (starting first, if the browser had
      // stopped it) while the page reads the chart. Not before the banner's paint: sent then, a
      // starting worker took the CPU from the banner (7–16 ms later on a two-core machine).
      if (expected && !ctx.isInvalid && fingerprint === shownFingerprint) {
        sendMessage('patient:expect', { url: url.href, identity: expected }).catch(() => undefined);
      }
      readChart(fingerprint);
    }, inFrameCallback);
  }

  model.setActions({
    currentFingerprint: () => shownFingerprint,
    send: sendMessage,
  });

  onMessages({
    'sidebar:toggle': () => ({ visible: model.toggleVisible() }),
    // A frame of the chart reported: shown only for the patient, and the visit of that patient,
    // the page still shows — a view merged for anything earlier is dropped.
    'patient:update': (view) => {
      const current = isCurrent(view);
      if (current) model.showView(view);
      return { shown: current };
    },
  });
  ctx.addEventListener(window, 'keydown', (event) => {
    if (isToggleShortcut(event)) {
      event.preventDefault();
      model.toggleVisible();
    }
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => scan());
  ctx.addEventListener(window, 'popstate', () => scan());
  // A page restored from the back/forward cache keeps our old state; read it again.
  ctx.addEventListener(window, 'pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) scan();
  });
  ctx.onInvalidated(removeUi);
  scan();
}
