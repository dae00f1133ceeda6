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
import { GENERIC_ADAPTER_ID } from '../../utils/ehr/generic/adapter';
import { observeElements, openShadowRoots } from '../../utils/ehr/identity/observe';
import {
  chooseReader,
  isKnownNonChartPage,
  readPageIdentity,
  readPageWith,
} from '../../utils/ehr/identity/read-page';
import { identityFingerprint } from '../../utils/ehr/identity/resolve';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import { loadSectionReader } from '../../utils/ehr/sections/loader';
import { IdentityReaderNotLoaded, loadedSectionReaders } from '../../utils/ehr/sections/registry';
import type { EhrAdapter, PageReading } from '../../utils/ehr/types';
import { packReading } from '../../utils/ehr/wire';
import {
  catalogueLanguage,
  installChosenCatalogue,
  t,
  watchChosenCatalogue,
} from '../../utils/i18n/browser';
import { onMessages, sendMessage } from '../../utils/messaging';
import type { PatientView } from '../../utils/patient-view';
import { App } from './App';
import { type ChartLists, chartListSignatures, showsChartOf } from './chart-lists';
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

/** How long a burst of page changes may last before the chart is read again. */
const CHART_SETTLE_MS = 250;
/** How long the chart is watched after it changed (a slow EHR's data arriving section by section). */
const CHART_WATCH_AFTER_CHANGE_MS = 10_000;
/** How long the chart is watched after the clinician clicked or typed in the page (a tab opened). */
const CHART_WATCH_AFTER_INPUT_MS = 3_000;

/**
 * Whether the reader of this reading knows how its EHR renders. A built-in adapter knows its EHR's
 * pages; the generic reader and a clinic's pack do not know when a section will appear.
 */
function knowsEhr(reading: PageReading, packs: SelectorPack[]): boolean {
  return (
    reading.adapter !== GENERIC_ADAPTER_ID && !packs.some((pack) => pack.id === reading.adapter)
  );
}

/**
 * Sections the page may still show: those the reader says are not on the screen (a tab or
 * accordion not opened, data not arrived), or, from a reader that does not say, no medications or
 * no scores.
 */
function awaitsSections(reading: PageReading): boolean {
  if (reading.notOnScreen) return reading.notOnScreen.length > 0;
  const { medications, scores } = reading.context;
  return medications.length === 0 || scores.length === 0;
}

function hasChartData(reading: PageReading): boolean {
  const { medications, conditions, scores, monitoring, therapies } = reading.context;
  return [medications, conditions, scores, monitoring, therapies].some((list) => list.length > 0);
}

/** A reading's chart without provenance (which carries the time of the read), to compare reads. */
function chartSignature(reading: PageReading): string {
  return JSON.stringify(reading.context, (key, value) =>
    key === 'provenance' ? undefined : value,
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
    // The background hands over only packs that passed validation, and the saved layout; the
    // organization's language, when it chose one, is in place before anything is drawn.
    const [config] = await Promise.all([loadContentConfig(), installChosenCatalogue()]);
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
  let watchedReader = '';
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
      (container) => {
        // The sidebar's own language, not the EHR page's: a screen reader picks its voice by
        // it, and a Spanish sidebar read with an English voice is hard to follow.
        container.lang = catalogueLanguage();
        render(<App model={model} />, container);
      },
      (container) => render(null, container),
    );
    ui.mount();
  };

  const removeUi = () => {
    ui?.remove();
    ui = null;
  };

  // A policy that changes the language redraws an open sidebar in it (the background sends the
  // patient's view again, its prompts in the new language, as it does for any settings change).
  ctx.onInvalidated(
    watchChosenCatalogue(() => {
      if (!ui) return;
      removeUi();
      ensureUi();
    }),
  );

  const watchIdentity = (reader: EhrAdapter | null) => {
    // No patient on the page yet: the whole page (shadow roots too) is watched for one to appear,
    // whatever elements the reader's selectors find (an app title in an <h1> is no patient).
    const key = reader ? `${reader.id}\n${reader.identitySelectors.join('\n')}` : '';
    if (key === watchedReader && identityWatch) return;
    identityWatch?.abort();
    identityWatch = new AbortController();
    watchedReader = key;
    ctx.onInvalidated(() => identityWatch?.abort());
    // The elements the reader names, and those it read the patient from (the generic reader
    // knows them only by reading): their text, and every node above them up to the document,
    // through shadow roots, so a header that is re-mounted is noticed wherever it lives.
    const identityElements = () => {
      const found: Element[] = [];
      if (!reader) return found;
      for (const selector of reader.identitySelectors) {
        for (const element of document.querySelectorAll(selector)) found.push(element);
      }
      try {
        found.push(...(reader.identityElements?.(document) ?? []));
      } catch {
        // A reader that cannot say where it read still has its selectors watched.
      }
      return found;
    };
    // Read in the task that changed the page: the banner and the blanking are painted in the
    // same frame as the page's new header, however late the next frame is on a busy machine.
    observeElements(document, identityElements, () => scan(), {
      signal: identityWatch.signal,
      anyChangeWhileWaiting: reader === null,
      immediate: true,
    });
  };

  /**
   * Who the page shows at this moment, as a fingerprint, or null when it shows no chart: the
   * identity half of the reader, well under a millisecond on the benchmark's largest chart, so it
   * is read again before any patient data is shown.
   */
  const fingerprintOnPage = (): string | null => {
    const url = new URL(location.href);
    if (isKnownNonChartPage(document, url)) return null;
    try {
      const identity = readPageIdentity(document, url, packs);
      return isChart(identity) ? identityFingerprint(identity) : null;
    } catch {
      // Not readable now (the reader's bundle is not loaded): no patient is confirmed on it.
      return null;
    }
  };

  /**
   * The guard in front of every render of patient data: the page must show, now, the patient the
   * data is about. When it does not, nothing of that patient is shown and the page is read again.
   */
  const pageShows = (fingerprint: string): boolean => {
    if (ctx.isInvalid) return false;
    if (fingerprint === shownFingerprint && fingerprintOnPage() === fingerprint) return true;
    queueMicrotask(() => scan());
    return false;
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
   * A page whose EHR Careside does not know is watched, and its chart read again a burst of
   * changes later: while a section is not on the screen yet, for a while after the chart changed
   * (a slow EHR's data arrives section by section), and for a moment after the clinician clicks or
   * types in the page (a tab or an accordion opened). Otherwise the page is left alone: a busy
   * chart's own changes cost it nothing.
   */
  let chartWatch: {
    fingerprint: string;
    /** Watched until then, on the `performance.now()` clock… */
    until: number;
    /** …or for as long as a section is not on the screen. */
    open: boolean;
    stop(): void;
    expire(): void;
  } | null = null;
  // Whether the patient shown was read by a reader that does not know the EHR.
  let chartWatchable = false;
  // What was last sent for the patient shown, without provenance (which carries the read's time).
  let lastSentChart = '';
  // The chart (without the identity) last sent, and for whom.
  let lastSentBody: { fingerprint: string; lists: ChartLists } | null = null;
  // Every send is numbered; only the answer to the latest is shown, so an earlier, slower answer
  // cannot replace a later reading's view.
  let lastSend = 0;

  const stopChartWatch = () => {
    chartWatch?.stop();
    chartWatch = null;
  };

  /** Watches the chart for `forMs` more, and with `open` for as long as a section is missing. */
  const watchChart = (fingerprint: string, forMs: number, open?: boolean) => {
    const until = performance.now() + forMs;
    if (chartWatch?.fingerprint === fingerprint) {
      chartWatch.until = Math.max(chartWatch.until, until);
      if (open !== undefined) chartWatch.open = open;
      chartWatch.expire();
      return;
    }
    stopChartWatch();
    let scheduled = false;
    let expiry: number | null = null;
    const page = document.body ?? document.documentElement;
    const expire = () => {
      if (expiry !== null) clearTimeout(expiry);
      expiry = null;
      if (chartWatch !== watch || watch.open) return;
      const left = watch.until - performance.now();
      if (left > 0) expiry = ctx.setTimeout(expire, left);
      else stopChartWatch();
    };
    const watch = { fingerprint, until, open: open === true, stop: () => {}, expire };
    const observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      // One read for a burst of changes: the page's render is usually done by then.
      ctx.setTimeout(() => {
        scheduled = false;
        if (chartWatch !== watch) return;
        // Components that appeared since (a tab's panel) may bring shadow roots of their own.
        for (const shadow of openShadowRoots(page)) {
          observer.observe(shadow, { childList: true, subtree: true });
        }
        readChart(fingerprint);
      }, CHART_SETTLE_MS);
    });
    observer.observe(page, { childList: true, subtree: true });
    // Web components render inside shadow roots, which a page-wide observer does not see into.
    for (const shadow of openShadowRoots(page)) {
      observer.observe(shadow, { childList: true, subtree: true });
    }
    watch.stop = () => {
      observer.disconnect();
      if (expiry !== null) clearTimeout(expiry);
    };
    chartWatch = watch;
    expire();
  };

  // The clinician opening a tab or an accordion of a chart Careside does not know.
  const onPageInput = () => {
    if (chartWatchable && shownFingerprint !== null) {
      watchChart(shownFingerprint, CHART_WATCH_AFTER_INPUT_MS);
    }
  };
  for (const type of ['click', 'keydown', 'change'] as const) {
    ctx.addEventListener(document, type, onPageInput, { capture: true, passive: true });
  }
  ctx.onInvalidated(stopChartWatch);

  /**
   * The whole chart, read once the banner is on screen, and sent to the background. Dropped if
   * the page has moved on to another patient in the meantime; not sent again when a later read
   * finds the same chart.
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
      lastSentChart = '';
    }
    const chart = chartSignature(reading);
    // A new banner over the chart last sent for another patient is not that new patient's chart
    // yet: an EHR that renders the header before the data, or a script that rewrote the banner.
    // Nothing of the chart, and none of the new patient's stored records, is shown until the chart
    // itself changes; the page is watched for that.
    const lists = chartListSignatures(reading);
    if (
      lastSentBody &&
      lastSentBody.fingerprint !== sentFingerprint &&
      showsChartOf(lastSentBody.lists, lists)
    ) {
      watchChart(sentFingerprint, CHART_WATCH_AFTER_CHANGE_MS, true);
      return;
    }
    const changed = chart !== lastSentChart;
    chartWatchable = !knowsEhr(reading, packs);
    if (!chartWatchable) stopChartWatch();
    else if (changed || awaitsSections(reading)) {
      watchChart(
        sentFingerprint,
        changed ? CHART_WATCH_AFTER_CHANGE_MS : 0,
        awaitsSections(reading),
      );
    } else if (chartWatch) {
      // The sections that were missing are there now: the watch ends when its time is up.
      chartWatch.open = false;
      chartWatch.expire();
    }
    if (!changed) return;
    lastSentChart = chart;
    if (hasChartData(reading)) lastSentBody = { fingerprint: sentFingerprint, lists };
    const reader = chooseReader(document, url, packs);
    const send = ++lastSend;
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
        if (send === lastSend && isCurrent(view) && pageShows(view.fingerprint)) {
          model.showView(view);
        }
      })
      .catch((error: unknown) => {
        if (send === lastSend && sentFingerprint === shownFingerprint) {
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
    let identity: PageReading | null = null;
    try {
      identity = isKnownNonChartPage(document, url) ? null : readPageIdentity(document, url, packs);
    } catch (error) {
      if (!(error instanceof IdentityReaderNotLoaded)) throw error;
      // A page no adapter or pack knows: the generic reader comes in its own bundle. Nothing of
      // the patient shown so far stays up while it loads; the page is read once it is there.
      if (shownFingerprint !== null) {
        shownFingerprint = null;
        noteIdentity(null);
        stopChartWatch();
        model.showChanging();
      }
      loadSectionReader(error.id).then(
        () => scan(),
        () => model.showError(t('sidebarErrorChartReader')),
      );
      return;
    }
    if (!identity || !isChart(identity)) {
      // Not a chart (a patient list, a login page): no sidebar, and nothing of a patient kept.
      noteIdentity(null);
      shownFingerprint = null;
      watchIdentity(null);
      stopChartWatch();
      lastSentChart = '';
      model.clear();
      removeUi();
      return;
    }
    const reader = chooseReader(document, url, packs);
    // Fetched while the banner is put up, so it is there when the chart is read after the paint.
    loadSectionReader(reader.sections).catch(() => undefined);
    watchIdentity(reader);
    const fingerprint = identityFingerprint(identity);
    noteIdentity(fingerprint);
    if (fingerprint === shownFingerprint) return;

    shownFingerprint = fingerprint;
    stopChartWatch();
    lastSentChart = '';
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
        sendMessage('patient:expect', { identity: expected }).catch(() => undefined);
      }
      readChart(fingerprint);
    }, inFrameCallback);
  }

  model.setActions({
    currentFingerprint: () => shownFingerprint,
    pageShows,
    send: sendMessage,
  });

  onMessages({
    'sidebar:toggle': () => ({ visible: model.toggleVisible() }),
    // A frame of the chart reported: shown only for the patient, and the visit of that patient,
    // the page still shows — a view merged for anything earlier is dropped.
    'patient:update': (view) => {
      const current = isCurrent(view) && pageShows(view.fingerprint);
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
  // Every navigation of the document, the moment it happens: a single-page EHR changes patient by
  // pushState / replaceState (the Navigation API's current entry changes, after the address has),
  // back and forward, or the fragment. The page often renders the new patient a little later;
  // the identity watch sees that render, and one more read on the next frame catches a render
  // done in the same task as the navigation.
  const onNavigation = () => {
    scan();
    requestAnimationFrame(() => scan({ inFrameCallback: true }));
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation) {
    navigation.addEventListener('currententrychange', onNavigation, { signal: ctx.signal });
  } else {
    // Without the Navigation API (older Firefox), WXT watches the address for us.
    ctx.addEventListener(window, 'wxt:locationchange', onNavigation);
  }
  ctx.addEventListener(window, 'popstate', onNavigation);
  ctx.addEventListener(window, 'hashchange', onNavigation);
  // A page restored from the back/forward cache keeps our old state; read it again.
  ctx.addEventListener(window, 'pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) onNavigation();
  });
  ctx.onInvalidated(removeUi);
  scan();
}
