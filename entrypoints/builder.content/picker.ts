/**
 * The pack builder in one frame (the top document included): while a step is armed it outlines
 * the element under the pointer, takes the admin's click for itself (the page never sees it), and
 * says what the click chose; while a pack exists it reads this frame with it for the preview.
 *
 * The page is never changed except for the outline's own element. Everything goes through the
 * background (utils/messaging.ts): nothing is posted to the page's window, and clicks the page's
 * own script makes (`isTrusted` false) choose nothing.
 */

import type { ContentScriptContext } from '#imports';
import { framePlace } from '../../utils/ehr/frames/where';
import { BUILDER_MARK_TAG, BUILDER_PANEL_TAG } from '../../utils/ehr/own-elements';
import { packAdapter } from '../../utils/ehr/packs/pack-adapter';
import { selectorFactsOf } from '../../utils/ehr/packs/pack-check';
import { readPackSections } from '../../utils/ehr/packs/pack-sections';
import { proposeCell, proposeList, proposeSelector, rowOf } from '../../utils/ehr/packs/propose';
import { queryAll, queryFirst } from '../../utils/ehr/packs/query';
import { textOf } from '../../utils/ehr/page-text';
import { packReading } from '../../utils/ehr/wire';
import { type BuilderSteer, onMessages, sendMessage } from '../../utils/messaging';

/** The outline's element and the panel's: never a field, never outlined. */
export const BUILDER_TAGS = [BUILDER_PANEL_TAG, BUILDER_MARK_TAG];

/** Mouse events a pick answers: none may reach the page while a step is armed. */
const CAPTURED_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'contextmenu',
] as const;

const SAMPLE_LENGTH = 120;
/** The preview reads again this long after the page stopped changing. */
const READ_SETTLE_MS = 400;

function isOwn(node: EventTarget | null): boolean {
  return node instanceof Element && BUILDER_TAGS.includes(node.localName);
}

/** The element an event is about, inside open shadow roots too; null for the builder's own. */
function eventElement(event: Event): Element | null {
  const path = event.composedPath();
  if (path.some(isOwn)) return null;
  const first = path.find((node): node is Element => node instanceof Element);
  return first ?? null;
}

/** A label span ("DOB:") stands for the value beside it: its parent holds both. */
function fieldElement(element: Element): Element {
  const text = textOf(element);
  if (/^[^\d]{1,30}:$/.test(text) && element.parentElement) return element.parentElement;
  return element;
}

function createMark() {
  const host = document.createElement(BUILDER_MARK_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute(
    'style',
    'position:fixed;z-index:2147483646;pointer-events:none;border:2px solid #0b5cad;background:rgba(11,92,173,.12);border-radius:2px;display:none;box-sizing:border-box',
  );
  shadow.append(box);
  return {
    show(element: Element) {
      if (!host.isConnected) document.documentElement.append(host);
      const rect = element.getBoundingClientRect();
      Object.assign(box.style, {
        display: 'block',
        left: `${rect.left}px`,
        top: `${rect.top}px`,
        width: `${rect.width}px`,
        height: `${rect.height}px`,
      });
    },
    hide() {
      box.style.display = 'none';
      host.remove();
    },
  };
}

interface Choice {
  selector: string | null;
  count: number;
  element: Element;
}

function choose(element: Element, armed: NonNullable<BuilderSteer['armed']>): Choice {
  if (armed.kind === 'field') {
    const field = fieldElement(element);
    const selector = proposeSelector(field);
    return { selector, count: selector ? queryAll(document, selector).length : 0, element: field };
  }
  if (armed.kind === 'row') {
    const row = rowOf(element);
    const list = proposeList(row);
    return { selector: list?.items ?? null, count: list?.count ?? 0, element: row };
  }
  const rows = armed.rowSelector ? queryAll(document, armed.rowSelector) : [];
  const row = rows.find((candidate) => candidate !== element && candidate.contains(element));
  if (!row) return { selector: null, count: 0, element };
  const selector = proposeCell(row, element, rows);
  const count = selector ? rows.filter((other) => queryFirst(other, selector) !== null).length : 0;
  return { selector, count, element };
}

export function startPicker(ctx: ContentScriptContext, onClosed: () => void): void {
  const mark = createMark();
  let steer: BuilderSteer = { armed: null, pack: null, open: true };
  let lastRead = '';
  let readTimer: number | undefined;

  const readForPreview = () => {
    const pack = steer.pack;
    if (!pack || ctx.isInvalid) return;
    const url = new URL(location.href);
    const adapter = packAdapter(pack);
    let reading: ReturnType<typeof readPackSections>;
    try {
      reading = readPackSections(document, url, adapter.readIdentity(document, url), adapter);
    } catch {
      return;
    }
    const place = framePlace(window);
    const report = {
      url: url.href,
      namePath: place.namePath,
      isTop: place.isTop,
      reading: packReading(reading),
      facts: selectorFactsOf(document, pack),
    };
    const signature = JSON.stringify(report, (key, value) =>
      key === 'readAt' ? undefined : value,
    );
    if (signature === lastRead) return;
    lastRead = signature;
    void sendMessage('builder:read', report).catch(() => undefined);
  };

  const scheduleRead = () => {
    if (readTimer !== undefined) clearTimeout(readTimer);
    readTimer = ctx.setTimeout(readForPreview, READ_SETTLE_MS);
  };

  let closed = false;
  const apply = (next: BuilderSteer) => {
    if (closed) return;
    steer = next;
    if (!next.open) {
      // The admin closed the builder: this frame is back to the page as it was.
      closed = true;
      mark.hide();
      observer.disconnect();
      stopListening();
      onClosed();
      return;
    }
    if (!next.armed) mark.hide();
    lastRead = '';
    scheduleRead();
  };

  ctx.addEventListener(
    window,
    'mousemove',
    (event) => {
      if (!steer.armed) return;
      const element = eventElement(event);
      if (element) mark.show(steer.armed.kind === 'row' ? rowOf(element) : fieldElement(element));
    },
    { capture: true, passive: true },
  );
  for (const type of CAPTURED_EVENTS) {
    ctx.addEventListener(
      window,
      type,
      (event) => {
        const armed = steer.armed;
        if (!armed) return;
        const element = eventElement(event);
        // The builder's own panel works as usual.
        if (!element) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        if (type !== 'click' || !event.isTrusted) return;
        const chosen = choose(element, armed);
        mark.show(chosen.element);
        const place = framePlace(window);
        void sendMessage('builder:pick', {
          stepId: armed.stepId,
          selector: chosen.selector,
          count: chosen.count,
          sample: textOf(chosen.element).slice(0, SAMPLE_LENGTH),
          url: location.href,
          namePath: place.namePath,
          isTop: place.isTop,
        }).catch(() => undefined);
      },
      { capture: true },
    );
  }

  const observer = new MutationObserver((records) => {
    if (records.every((record) => isOwn(record.target) || [...record.addedNodes].every(isOwn)))
      return;
    if (steer.pack) scheduleRead();
  });
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  ctx.onInvalidated(() => {
    observer.disconnect();
    mark.hide();
  });

  const stopListening = onMessages({
    'builder:steered': (next) => {
      apply(next);
      return { ok: true };
    },
  });
  ctx.onInvalidated(stopListening);
  void sendMessage('builder:join', {}).then(apply, () => undefined);
}
