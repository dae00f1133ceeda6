/**
 * The trust boundary at the message channel (issue 18): who may send each message to the
 * background, and what shape it must have. Each test names the check it fails without.
 */
import { describe, expect, it, vi } from 'vitest';
import { REQUEST_SCHEMAS } from '../../../entrypoints/background/schemas';
import {
  classifySender,
  guardHandlers,
  type MessageSender,
  originOf,
} from '../../../entrypoints/background/senders';
import { emptySafetyPlan } from '../../../utils/clinical/safety-plan';
import { type Handlers, MESSAGE_SENDERS, type MessageType } from '../../../utils/messaging';

const EXTENSION_ID = 'foiekfkefeihhfkdajhfiaiakjpgdnna';
const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
const EHR = 'https://ehr.clinic.example';
const PATTERNS = [`${EHR}/*`];

const optionsPage: MessageSender = {
  id: EXTENSION_ID,
  url: `${EXTENSION_ORIGIN}/options.html`,
  origin: EXTENSION_ORIGIN,
  tab: { id: 7, url: `${EXTENSION_ORIGIN}/options.html` } as MessageSender['tab'],
  frameId: 0,
};
const popup: MessageSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup.html` };

function frame(overrides: Partial<MessageSender> = {}): MessageSender {
  return {
    id: EXTENSION_ID,
    url: `${EHR}/chart?pid=1`,
    origin: EHR,
    tab: { id: 3, url: `${EHR}/chart?pid=1` } as MessageSender['tab'],
    frameId: 0,
    documentId: 'doc-top',
    documentLifecycle: 'active',
    ...overrides,
  };
}
const topFrame = frame();
const subframe = frame({ frameId: 5, url: `${EHR}/meds?pid=1`, documentId: 'doc-sub' });

/** Every message type answered with `{ answered: type }`, behind the guard. */
function guarded() {
  const handlers = Object.fromEntries(
    (Object.keys(MESSAGE_SENDERS) as MessageType[]).map((type) => [
      type,
      vi.fn(async () => ({ answered: type })),
    ]),
  ) as unknown as Handlers;
  const refused = vi.fn();
  const guard = guardHandlers(handlers, {
    extensionId: EXTENSION_ID,
    extensionOrigin: EXTENSION_ORIGIN,
    enabledPatterns: async () => PATTERNS,
    onRefused: refused,
  });
  const send = (type: MessageType, data: unknown, sender: MessageSender) =>
    (guard[type] as (data: unknown, sender: MessageSender) => Promise<unknown>)(data, sender);
  return { send, handlers, refused };
}

const VALID: Partial<Record<MessageType, unknown>> = {
  'data:export': { passphrase: 'correct horse battery staple' },
  'data:export-preview': {},
  'data:wipe': { scope: 'all' },
  'settings:set': { key: 'retentionDays', value: 30 },
  'settings:get': {},
  'audit:read': { limit: 200 },
  'inspect:tab': { tabId: 3 },
  'tab:status': { tabId: 3 },
  'builder:check-stop': { tabId: 3 },
  'site:enable': { origin: EHR },
  'site:disable': { origin: EHR },
  'data:import': { text: '{}', passphrase: 'correct horse battery staple' },
  'data:import-preview': { text: '{}', passphrase: 'correct horse battery staple' },
  'safety-plan:print-data': { token: '6f1c1d1e-2b7a-4c1e-9d1a-1a2b3c4d5e6f' },
  'patient:confirm': { fingerprint: 'fp' },
  'patient:expect': {
    identity: { name: 'A', birthDate: '1980-01-02', sex: null, identifiers: [] },
  },
  'prompt:dismiss': {
    fingerprint: 'fp',
    promptId: 'lithium-level-due',
    factsKey: 'k',
    reason: 'not-applicable',
  },
  'frame:gone': { loadedAt: 1 },
};

const ADMINISTRATIVE = (Object.keys(MESSAGE_SENDERS) as MessageType[]).filter(
  (type) => MESSAGE_SENDERS[type] === 'extension-page',
);

describe('the protocol map says who may send each message', () => {
  it('has a sender rule and a schema for every message type, and nothing else', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual(Object.keys(MESSAGE_SENDERS).sort());
  });

  it('keeps every message that reads across patients or tabs for extension pages', () => {
    expect(ADMINISTRATIVE).toEqual(
      expect.arrayContaining([
        'data:export',
        'data:export-preview',
        'data:import',
        'data:wipe',
        'settings:set',
        'settings:get',
        'audit:read',
        'inspect:tab',
        'tab:status',
        'site:enable',
        'site:disable',
        'safety-plan:print-data',
        'builder:check',
        'builder:check-stop',
      ]),
    );
  });
});

describe('administrative messages come only from extension pages', () => {
  it.each(
    Object.entries(VALID).filter(([type]) => ADMINISTRATIVE.includes(type as MessageType)),
  )('%s is answered for the options page and refused to an EHR frame', async (type, data) => {
    const { send, handlers } = guarded();
    await expect(send(type as MessageType, data, optionsPage)).resolves.toEqual({
      answered: type,
    });
    await expect(send(type as MessageType, data, topFrame)).rejects.toThrow(/refused/);
    await expect(send(type as MessageType, data, subframe)).rejects.toThrow(/refused/);
    expect(handlers[type as MessageType]).toHaveBeenCalledTimes(1);
  });

  it('answers the popup (an extension page without a tab)', async () => {
    const { send } = guarded();
    await expect(send('tab:status', { tabId: 3 }, popup)).resolves.toBeTruthy();
  });

  it('refuses an extension page shown inside a web page', async () => {
    const { send } = guarded();
    const framed = { ...optionsPage, tab: { id: 3, url: `${EHR}/chart` } as MessageSender['tab'] };
    await expect(send('data:export-preview', {}, framed)).rejects.toThrow(/inside a web page/);
  });

  it('refuses a sender with the extension URL but another origin', async () => {
    const { send } = guarded();
    await expect(send('data:export-preview', {}, { ...optionsPage, origin: EHR })).rejects.toThrow(
      /another origin/,
    );
  });

  it('refuses another extension', async () => {
    const { send } = guarded();
    await expect(
      send('data:export-preview', {}, { ...optionsPage, id: 'another' }),
    ).rejects.toThrow(/another extension/);
  });
});

describe('patient messages come only from the live top frame of an enabled origin', () => {
  const expect_ = VALID['patient:expect'];

  it('answers the top frame of an enabled origin', async () => {
    const { send } = guarded();
    await expect(send('patient:expect', expect_, topFrame)).resolves.toBeTruthy();
  });

  it('refuses a subframe', async () => {
    const { send } = guarded();
    await expect(send('patient:expect', expect_, subframe)).rejects.toThrow(/only the top frame/);
  });

  it('refuses an extension page', async () => {
    const { send } = guarded();
    await expect(send('patient:confirm', { fingerprint: 'fp' }, optionsPage)).rejects.toThrow(
      /only EHR frames/,
    );
  });

  it('refuses an origin Careside is not enabled on, whatever the message names', async () => {
    const { send } = guarded();
    const elsewhere = frame({ origin: 'https://evil.example', url: 'https://evil.example/' });
    await expect(send('patient:expect', expect_, elsewhere)).rejects.toThrow(/not an enabled/);
  });

  it('refuses an opaque origin (a sandboxed document)', async () => {
    const { send } = guarded();
    await expect(send('patient:expect', expect_, frame({ origin: 'null' }))).rejects.toThrow(
      /not an enabled/,
    );
  });

  it.each([
    'cached',
    'prerender',
    'pending_deletion',
  ] as const)('refuses a document that is %s', async (documentLifecycle) => {
    const { send } = guarded();
    await expect(
      send('patient:confirm', { fingerprint: 'fp' }, frame({ documentLifecycle })),
    ).rejects.toThrow(/not active/);
  });

  it('refuses a sender without a tab', async () => {
    const { send } = guarded();
    await expect(
      send('patient:confirm', { fingerprint: 'fp' }, { ...topFrame, tab: undefined }),
    ).rejects.toThrow(/not a tab/);
  });

  it('takes the origin from the sender, not the message', () => {
    expect(originOf(frame())).toBe(EHR);
    expect(originOf({ ...frame(), origin: undefined })).toBe(EHR);
  });
});

describe('frame reports come only from live subframes of an enabled origin', () => {
  const report = {
    url: `${EHR}/meds?pid=1`,
    namePath: null,
    reading: {
      adapter: 'generic',
      confidence: { name: 0, birthDate: 0, mrn: 0 },
      identityConfirmed: false,
      problems: [],
      context: {
        identity: { name: null, birthDate: null, sex: null, identifiers: [] },
        medications: [{ text: 'lithium', provenance: 0 }],
        conditions: [],
        scores: [],
        monitoring: [],
        therapies: [],
        pregnant: null,
      },
      provenances: [{ source: 'page', via: 'generic' }],
    },
    patientKey: null,
    loadedAt: 1,
    changedAt: 2,
  };

  it('answers a subframe and refuses the top frame', async () => {
    const { send } = guarded();
    await expect(send('frame:snapshot', report, subframe)).resolves.toBeTruthy();
    await expect(send('frame:snapshot', report, topFrame)).rejects.toThrow(/only a subframe/);
  });

  it('refuses a report from a document on its way out, but lets it take its data away', async () => {
    const { send } = guarded();
    const leaving = { ...subframe, documentLifecycle: 'pending_deletion' as const };
    await expect(send('frame:snapshot', report, leaving)).rejects.toThrow(/not active/);
    await expect(send('frame:gone', VALID['frame:gone'], leaving)).resolves.toBeTruthy();
  });

  it('refuses a subframe of a foreign origin', async () => {
    const { send } = guarded();
    const foreign = { ...subframe, origin: 'https://ads.example', url: 'https://ads.example/' };
    await expect(send('frame:snapshot', report, foreign)).rejects.toThrow(/not an enabled/);
  });

  it('refuses messages addressed to content scripts, from anyone', async () => {
    const { send } = guarded();
    await expect(send('patient:update', {}, optionsPage)).rejects.toThrow(/content scripts/);
    await expect(send('sidebar:toggle', {}, topFrame)).rejects.toThrow(/content scripts/);
  });

  it('refuses the frame readings of a pack check sent to the background, from anyone', async () => {
    const { send } = guarded();
    await expect(send('builder:checked', {}, optionsPage)).rejects.toThrow(/extension pages/);
    await expect(send('builder:checked', {}, topFrame)).rejects.toThrow(/extension pages/);
  });
});

describe('every request is checked against its schema before a handler sees it', () => {
  const dismiss = VALID['prompt:dismiss'] as Record<string, unknown>;

  it.each([0, 91, 1.5, -7, Number.NaN, '7'])('refuses snoozeDays %s', async (snoozeDays) => {
    const { send, handlers } = guarded();
    await expect(send('prompt:dismiss', { ...dismiss, snoozeDays }, topFrame)).rejects.toThrow(
      /malformed/,
    );
    expect(handlers['prompt:dismiss']).not.toHaveBeenCalled();
  });

  it.each([1, 7, 30])('takes snoozeDays %s', async (snoozeDays) => {
    const { send } = guarded();
    await expect(
      send('prompt:dismiss', { ...dismiss, snoozeDays }, topFrame),
    ).resolves.toBeTruthy();
  });

  it('refuses an override reason outside the vocabulary', async () => {
    const { send } = guarded();
    await expect(
      send('prompt:dismiss', { ...dismiss, reason: '<img src=x>' }, topFrame),
    ).rejects.toThrow(/malformed at reason/);
  });

  const save = (plan: unknown) => ({ fingerprint: 'fp', plan, expectedRevision: 0 });

  it('takes a safety plan of the right shape', async () => {
    const { send } = guarded();
    await expect(send('safety-plan:save', save(emptySafetyPlan()), topFrame)).resolves.toBeTruthy();
  });

  it('refuses a safety plan without one of its steps', async () => {
    const { send } = guarded();
    const plan = emptySafetyPlan();
    const { 'means-safety': _removed, ...steps } = plan.steps;
    await expect(send('safety-plan:save', save({ ...plan, steps }), topFrame)).rejects.toThrow(
      /malformed/,
    );
  });

  it('refuses a safety plan with fields it does not have', async () => {
    const { send } = guarded();
    const plan = { ...emptySafetyPlan(), patientKey: 'someone-else' };
    await expect(send('safety-plan:save', save(plan), topFrame)).rejects.toThrow(/malformed/);
  });

  it('refuses a safety-plan entry longer than any real one', async () => {
    const { send } = guarded();
    const plan = emptySafetyPlan();
    plan.steps['warning-signs'].entries = ['x'.repeat(10_000)];
    await expect(send('safety-plan:save', save(plan), topFrame)).rejects.toThrow(/malformed/);
  });

  it('refuses a negative tab id, a huge audit read and a partial wipe', async () => {
    const { send } = guarded();
    await expect(send('tab:status', { tabId: -1 }, optionsPage)).rejects.toThrow(/malformed/);
    await expect(send('audit:read', { limit: 1e9 }, optionsPage)).rejects.toThrow(/malformed/);
    await expect(send('data:wipe', { scope: 'some' }, optionsPage)).rejects.toThrow(/malformed/);
  });

  it('refuses a layout wider than the policy allows', async () => {
    const { send } = guarded();
    await expect(
      send('layout:save', { mode: 'push', width: 5000, collapsed: false }, topFrame),
    ).rejects.toThrow(/malformed/);
  });

  it('refuses a reading whose entries do not point at a provenance', async () => {
    const { send } = guarded();
    const reading = {
      adapter: 'demo',
      confidence: { name: 1, birthDate: 1, mrn: 1 },
      identityConfirmed: true,
      problems: [],
      context: {
        identity: { name: 'A', birthDate: null, sex: null, identifiers: [] },
        medications: [{ text: 'x', provenance: 'elsewhere' }],
        conditions: [],
        scores: [],
        monitoring: [],
        therapies: [],
        pregnant: null,
      },
      provenances: [],
    };
    await expect(
      send(
        'patient:open',
        {
          reading,
          url: `${EHR}/chart`,
          fingerprint: 'fp',
          patientKey: null,
          documentLoadedAt: 1,
          identityChangedAt: 1,
        },
        topFrame,
      ),
    ).rejects.toThrow(/malformed at reading.context.medications/);
  });

  it('refuses a request with properties it does not have (a page naming an origin)', async () => {
    const { send, handlers } = guarded();
    await expect(
      send('patient:confirm', { fingerprint: 'fp', origin: 'https://other.example' }, topFrame),
    ).rejects.toThrow(/malformed/);
    expect(handlers['patient:confirm']).not.toHaveBeenCalled();
  });
});

describe('classifying a sender', () => {
  it('tells extension pages, top frames and subframes apart', () => {
    const context = { extensionId: EXTENSION_ID, extensionOrigin: EXTENSION_ORIGIN };
    expect(classifySender(optionsPage, context).kind).toBe('extension-page');
    expect(classifySender(topFrame, context).kind).toBe('top-frame');
    expect(classifySender(subframe, context).kind).toBe('subframe');
  });
});
