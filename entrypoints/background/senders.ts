/**
 * The trust boundary at the message channel (docs/security.md). Careside's content scripts run in
 * every frame of EHR pages, where hostile script is most likely (an XSS in the EHR, a compromised
 * renderer, an injected frame), so the background does not take a message's word for who sent
 * it or what it is about:
 *
 * - the sender is classified from what the browser says about it (`classifySender`), never from
 *   the message;
 * - each message type says who may send it (`MESSAGE_SENDERS` in utils/messaging.ts) and has a
 *   schema (`REQUEST_SCHEMAS`); `guardHandlers` refuses everything else before a handler runs.
 */
import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import { matchesAnyUrl } from '../../utils/ehr/packs/index';
import {
  type Handlers,
  MESSAGE_SENDERS,
  type MessageType,
  type SenderRule,
} from '../../utils/messaging';
import { REQUEST_SCHEMAS } from './schemas';

export type MessageSender = Browser.runtime.MessageSender & {
  /** Chromium 106+: the document the message came from, and its state. */
  documentId?: string;
  documentLifecycle?: 'prerender' | 'active' | 'cached' | 'pending_deletion';
};

export type SenderClass =
  | { kind: 'extension-page' }
  | {
      kind: 'top-frame' | 'subframe';
      tabId: number;
      frameId: number;
      /** The document's origin as the browser states it (`sender.origin`). */
      origin: string;
      documentId: string | null;
      /** False for a document in the back/forward cache, being prerendered or unloading. */
      live: boolean;
    }
  | { kind: 'unknown'; why: string };

export interface SenderContext {
  /** `browser.runtime.id`. */
  extensionId: string;
  /** `browser.runtime.getURL('/')` without the final slash, e.g. `chrome-extension://<id>`. */
  extensionOrigin: string;
}

/**
 * Who sent a message, from the browser's own account of the sender. The origin is
 * `sender.origin`; where a browser does not give it (Firefox), the origin of `sender.url`.
 */
export function classifySender(sender: MessageSender, context: SenderContext): SenderClass {
  if (sender.id !== context.extensionId) return { kind: 'unknown', why: 'another extension' };
  const url = sender.url ?? '';
  const underExtension = (address: string | undefined) =>
    address?.startsWith(`${context.extensionOrigin}/`) === true;
  if (underExtension(url)) {
    // An extension page shown inside a web page's tab would be framed by that page; none of
    // Careside's pages is web-accessible, but a page framed so is refused all the same.
    if (sender.origin !== undefined && sender.origin !== context.extensionOrigin) {
      return { kind: 'unknown', why: 'extension page with another origin' };
    }
    if (sender.tab?.url !== undefined && !underExtension(sender.tab.url)) {
      return { kind: 'unknown', why: 'extension page inside a web page' };
    }
    return { kind: 'extension-page' };
  }
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId === undefined) {
    return { kind: 'unknown', why: 'not a tab' };
  }
  let origin = sender.origin;
  if (origin === undefined) {
    try {
      origin = new URL(url).origin;
    } catch {
      return { kind: 'unknown', why: 'no origin' };
    }
  }
  return {
    kind: sender.frameId === 0 ? 'top-frame' : 'subframe',
    tabId,
    frameId: sender.frameId,
    origin,
    documentId: sender.documentId ?? null,
    live: sender.documentLifecycle === undefined || sender.documentLifecycle === 'active',
  };
}

/** The sender's origin as the browser states it: `sender.origin`, else that of `sender.url`. */
export function originOf(sender: MessageSender): string {
  if (sender.origin !== undefined) return sender.origin;
  return new URL(sender.url ?? '').origin;
}

/** Whether a web origin is one Careside was set to run on (a pattern of the manifest or policy). */
export function isEnabledOrigin(origin: string, patterns: string[]): boolean {
  if (origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(`${origin}/`);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return matchesAnyUrl(patterns, url);
}

/** Why a message was refused, or null when the sender may send it. */
export function refusal(
  rule: SenderRule,
  sender: SenderClass,
  patterns: string[],
  builderOrigin: (tabId: number) => string | null = () => null,
): string | null {
  if (rule === 'to-content-script') return 'addressed to content scripts';
  if (rule === 'to-extension-page') return 'addressed to extension pages';
  if (sender.kind === 'unknown') return sender.why;
  if (rule === 'builder-frame' || rule === 'builder-top-frame') {
    // The builder runs where an extension page started it, not where Careside reads charts.
    if (sender.kind === 'extension-page') return 'only the pack builder may send it';
    if (rule === 'builder-top-frame' && sender.kind !== 'top-frame') return 'only the top frame';
    const origin = builderOrigin(sender.tabId);
    if (origin === null) return 'no pack builder runs in this tab';
    if (sender.origin !== origin) return 'not the site the pack builder was started for';
    if (!sender.live) return 'document not active';
    return null;
  }
  if (rule === 'extension-page') {
    return sender.kind === 'extension-page' ? null : 'only extension pages may send it';
  }
  if (sender.kind === 'extension-page') return 'only EHR frames may send it';
  if (rule === 'ehr-top-frame' && sender.kind !== 'top-frame') return 'only the top frame';
  if ((rule === 'ehr-subframe' || rule === 'ehr-subframe-leaving') && sender.kind !== 'subframe') {
    return 'only a subframe';
  }
  if (!isEnabledOrigin(sender.origin, patterns)) return 'not an enabled EHR origin';
  // A frame that is going away may still take its own data with it, nothing more.
  if (!sender.live && rule !== 'ehr-subframe-leaving') return 'document not active';
  return null;
}

export interface GuardOptions extends SenderContext {
  /** The match patterns Careside's content scripts run on (manifest and registered). */
  enabledPatterns(): Promise<string[]>;
  /** The site the pack builder runs for in a tab, or null (builder.ts). */
  builderOrigin?(tabId: number): Promise<string | null>;
  /** Told of every refusal, for tests and the worker's console. */
  onRefused?(type: MessageType, why: string): void;
}

export class RefusedMessageError extends Error {}

/**
 * Wraps each handler: the sender must be one its message type allows, and the request must
 * match its schema; the handler gets the schema's output (unknown properties dropped).
 */
export function guardHandlers(handlers: Handlers, options: GuardOptions): Handlers {
  const guarded: Record<string, unknown> = {};
  for (const type of Object.keys(handlers) as MessageType[]) {
    const handler = handlers[type] as (data: unknown, sender: MessageSender) => unknown;
    const rule: SenderRule = MESSAGE_SENDERS[type];
    const schema: v.GenericSchema = REQUEST_SCHEMAS[type];
    guarded[type] = async (data: unknown, sender: MessageSender) => {
      const sent = classifySender(sender, options);
      const patterns = sent.kind === 'extension-page' ? [] : await options.enabledPatterns();
      const forBuilder =
        (rule === 'builder-frame' || rule === 'builder-top-frame') &&
        (sent.kind === 'top-frame' || sent.kind === 'subframe');
      const builderOrigin = forBuilder
        ? ((await options.builderOrigin?.(sent.tabId)) ?? null)
        : null;
      const why = refusal(rule, sent, patterns, () => builderOrigin);
      if (why !== null) {
        options.onRefused?.(type, why);
        throw new RefusedMessageError(`refused ${type}: ${why}`);
      }
      const parsed = v.safeParse(schema, data);
      if (!parsed.success) {
        const issue = parsed.issues[0];
        const where = issue ? v.getDotPath(issue) : null;
        options.onRefused?.(type, `malformed at ${where ?? 'the top'}`);
        throw new RefusedMessageError(`refused ${type}: malformed at ${where ?? 'the top'}`);
      }
      return handler(parsed.output, sender);
    };
  }
  return guarded as Handlers;
}
