/**
 * The one page-observation helper: tells the content script when the elements that name the
 * patient change, so the sidebar can blank before anything of the next patient is shown.
 *
 * It observes the identity elements themselves (their text, their children) and, with `childList`
 * only, each of their ancestors up to `root`, which is how it notices when a single-page EHR
 * replaces the banner instead of editing it; it then finds the new elements and observes them.
 * A body-wide `subtree` observer would see every mutation of a busy chart (13–16 % of its time in
 * measurements); this one sees only the banner's. The exception is the wait before the identity
 * elements first exist, when only a `subtree` observer on `root` can see them arrive.
 *
 * Bursts of mutations become one callback per animation frame (per microtask in a hidden page,
 * where frames do not run), or with `immediate` one per batch, in the mutation callback itself. A
 * batch larger than `burstThreshold` is not examined record by record: it triggers one rescan of
 * the selectors and one callback. No polling.
 */

import { isOwnElement } from '../own-elements';

export interface ObserveOptions {
  signal: AbortSignal;
  /** Mutation records in one batch above which the helper rescans instead of examining each. */
  burstThreshold?: number;
  /**
   * While no element to watch exists, call back on any change of the page (at most every
   * `WAITING_INTERVAL_MS`), not only when watched elements appear: for a caller that finds what
   * to watch by reading the page (no patient on it yet, so no element to name).
   */
  anyChangeWhileWaiting?: boolean;
  /**
   * Call back in the mutation callback, in the task that changed the page, rather than at the
   * next animation frame: what the callback renders is painted in the same frame as the page's
   * change. On a busy machine the next frame can be 100 ms away, and a sidebar that blanks a
   * frame late has shown the previous patient beside the new banner for that long.
   */
  immediate?: boolean;
}

/** How often, at most, a page with nothing to watch yet is reported changed. */
const WAITING_INTERVAL_MS = 100;

const DEFAULT_BURST_THRESHOLD = 50;

function sameElements(before: Element[], after: Element[]): boolean {
  return (
    before.length === after.length && before.every((element, index) => element === after[index])
  );
}

/**
 * The elements to watch: CSS selectors, or a function that finds them (the generic reader knows
 * which labelled values it read the patient from only by reading the page).
 */
export type WatchedElements = string[] | (() => Element[]);

/** The node above `node`, crossing out of a shadow root to its host. */
function parentAcross(node: Node): Node | null {
  if (node.parentNode) return node.parentNode;
  // A shadow root is the only document fragment with a host.
  return node.nodeType === 11 ? ((node as ShadowRoot).host ?? null) : null;
}

/** Every open shadow root under `root`, nested ones included. */
export function openShadowRoots(root: Node): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const visit = (node: Node) => {
    const document = node.ownerDocument ?? (node as Document);
    const walker = document.createTreeWalker(node, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let element = walker.nextNode(); element; element = walker.nextNode()) {
      const shadow = (element as Element).shadowRoot;
      // Careside's own elements (open in the test build) are not the EHR's: their changes are no news.
      if (shadow && !isOwnElement(element as Element)) {
        roots.push(shadow);
        visit(shadow);
      }
    }
  };
  visit(root);
  return roots;
}

export function observeElements(
  root: Node,
  watched: WatchedElements,
  onChange: () => void,
  options: ObserveOptions,
): void {
  const {
    signal,
    burstThreshold = DEFAULT_BURST_THRESHOLD,
    anyChangeWhileWaiting = false,
    immediate = false,
  } = options;
  if (signal.aborted || (Array.isArray(watched) && watched.length === 0)) return;
  const queryRoot = root as ParentNode;
  const document = root.ownerDocument ?? (root as Document);
  const view = document.defaultView;
  const Observer = view?.MutationObserver ?? MutationObserver;

  let identityElements: Element[] = [];
  let waitingForElements = false;
  let scheduled = false;
  let frame: number | null = null;

  const notify = () => {
    if (immediate) {
      if (!signal.aborted) onChange();
      return;
    }
    if (scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      frame = null;
      if (!signal.aborted) onChange();
    };
    if (view?.requestAnimationFrame && document.visibilityState !== 'hidden') {
      frame = view.requestAnimationFrame(run);
    } else {
      queueMicrotask(run);
    }
  };

  const query = (): Element[] => {
    if (!Array.isArray(watched)) return [...new Set(watched())];
    const found = new Set<Element>();
    for (const selector of watched) {
      for (const element of queryRoot.querySelectorAll(selector)) found.add(element);
    }
    return [...found];
  };

  const observer = new Observer((records) => handle(records));

  const attach = () => {
    observer.disconnect();
    identityElements = query();
    waitingForElements = identityElements.length === 0;
    if (waitingForElements) {
      // Until the patient is on the page, anything may be where it appears, web components'
      // shadow roots included (a document-wide observer does not see inside them).
      observer.observe(root, { childList: true, subtree: true, characterData: true });
      for (const shadow of openShadowRoots(root)) {
        observer.observe(shadow, { childList: true, subtree: true, characterData: true });
      }
      return;
    }
    const identity = new Set<Node>(identityElements);
    const ancestors = new Set<Node>();
    // Up to `root`, through the shadow roots of web components: a single-page EHR that mounts a
    // new header replaces one of these nodes' children, wherever the header lives.
    for (const element of identityElements) {
      for (let parent = parentAcross(element); parent; parent = parentAcross(parent)) {
        if (!identity.has(parent)) ancestors.add(parent);
        if (parent === root) break;
      }
    }
    for (const ancestor of ancestors) observer.observe(ancestor, { childList: true });
    for (const element of identityElements) {
      observer.observe(element, { childList: true, subtree: true, characterData: true });
    }
  };

  const insideIdentity = (node: Node): boolean =>
    identityElements.some((element) => element === node || element.contains(node));

  // The first change after a quiet spell is reported at once (a new patient's header arriving
  // after a blank); changes within the interval after it, once at its end.
  let waitingTimer: ReturnType<typeof setTimeout> | null = null;
  let lastWaitingReport = Number.NEGATIVE_INFINITY;
  const notifyWhileWaiting = () => {
    if (waitingTimer !== null) return;
    const report = () => {
      waitingTimer = null;
      lastWaitingReport = performance.now();
      attach();
      if (!signal.aborted) notify();
    };
    const wait = lastWaitingReport + WAITING_INTERVAL_MS - performance.now();
    if (wait <= 0) report();
    else waitingTimer = setTimeout(report, wait);
  };

  const handle = (records: MutationRecord[]) => {
    if (signal.aborted) return;
    if (waitingForElements && anyChangeWhileWaiting) {
      notifyWhileWaiting();
      return;
    }
    if (records.length > burstThreshold) {
      attach();
      notify();
      return;
    }
    // An identity element taken out of the document (its header re-mounted above what is
    // observed) no longer shows the patient: find the identity again.
    let changed = identityElements.some((element) => !element.isConnected);
    let structural = waitingForElements || changed;
    for (const record of records) {
      if (insideIdentity(record.target)) changed = true;
      else structural = true;
    }
    if (structural) {
      const before = identityElements;
      attach();
      if (!sameElements(before, identityElements)) changed = true;
    }
    if (changed) notify();
  };

  attach();
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (frame !== null) view?.cancelAnimationFrame(frame);
      if (waitingTimer !== null) clearTimeout(waitingTimer);
    },
    { once: true },
  );
}
