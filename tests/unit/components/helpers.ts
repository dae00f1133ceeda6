import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { INSTRUMENTS } from '../../../utils/clinical/instruments';
import { scoreEntryDefinitions } from '../../../utils/clinical/score-entry-definitions';
import { measureScale } from '../../../utils/clinical/trends';
import type { MeasureTrend, PromptCard, SidebarContent } from '../../../utils/clinical/types';
import { createTranslator, type Messages } from '../../../utils/i18n';
import type { PatientView } from '../../../utils/patient-view';

const messages = JSON.parse(
  readFileSync(resolve(process.cwd(), 'public/_locales/en/messages.json'), 'utf8'),
) as Messages;

/** The real English catalogue, so a key the components use but the catalogue lacks shows up. */
export const t = createTranslator(messages);
export const hasMessage = (key: string) => key in messages;

export const LOCALE = 'en-US';
/** What the background sends in `PatientView.scoreEntry`. */
export const SCORE_ENTRY = scoreEntryDefinitions();
export const TODAY = '2024-06-20';

let scratch: HTMLElement | null = null;

export function mount(vnode: ComponentChild): HTMLElement {
  if (!scratch) {
    scratch = document.createElement('div');
    document.body.append(scratch);
  }
  const el = scratch;
  act(() => {
    render(vnode, el);
  });
  return el;
}

export function unmount() {
  if (!scratch) return;
  const el = scratch;
  act(() => {
    render(null, el);
  });
  el.remove();
  scratch = null;
}

export function fire(target: Element | null, event: Event) {
  if (!target) throw new Error(`no element to receive ${event.type}`);
  act(() => {
    target.dispatchEvent(event);
  });
}

export function click(target: Element | null) {
  if (!target) throw new Error('no element to click');
  act(() => {
    (target as HTMLElement).click();
  });
}

export function typeInto(input: Element | null, value: string) {
  if (!(input instanceof HTMLInputElement)) throw new Error('not an input');
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function pressKey(key: string, target: Element | null = document.activeElement) {
  fire(target, new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

export function buttonByText(root: ParentNode, text: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find(
    (candidate) => candidate.textContent?.trim() === text,
  );
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}

export function phq9Trend(overrides: Partial<MeasureTrend> = {}): MeasureTrend {
  return {
    instrument: 'PHQ-9',
    loinc: '44261-6',
    series: [
      { date: '2024-01-10', score: 18 },
      { date: '2024-02-14', score: 12 },
      { date: '2024-04-02', score: 6 },
    ],
    rejected: [{ date: '2024-03-01', value: 300, reason: 'PHQ-9 total 300 is outside 0–27' }],
    latest: { date: '2024-04-02', score: 6, band: 'mild' },
    baseline: { date: '2024-01-10', score: 18, band: 'moderately severe' },
    change: -12,
    response: true,
    remission: false,
    reliableChange: 'improved',
    due: true,
    dueDate: '2024-05-02',
    critical: [],
    notes: [],
    scale: measureScale(INSTRUMENTS['PHQ-9']),
    ...overrides,
  };
}

export function prompt(overrides: Partial<PromptCard> & Pick<PromptCard, 'id'>): PromptCard {
  return {
    category: 'monitoring',
    indicator: 'info',
    summary: `Summary of ${overrides.id}`,
    detail: `Detail of ${overrides.id}`,
    source: { label: 'Guideline', url: 'https://example.org/guideline' },
    evidence: [`fact for ${overrides.id}`],
    factsKey: `facts-${overrides.id}`,
    ...overrides,
  };
}

export function content(overrides: Partial<SidebarContent> = {}): SidebarContent {
  return {
    patient: {
      name: 'Avery Quinn',
      birthDate: '1985-07-04',
      identifiers: [{ system: 'MRN', type: 'MR', value: 'MRN-448812' }],
    },
    measures: [phq9Trend()],
    medications: [
      { text: 'Sertraline 100 mg daily', ingredient: 'sertraline', rxnorm: '36437', class: 'SSRI' },
    ],
    prompts: [prompt({ id: 'phq9-due', category: 'measurement', indicator: 'warning' })],
    safetyPlan: { status: 'incomplete', missing: ['means-safety'] },
    ...overrides,
  };
}

/** A patient's whole view as the background sends it, for tests of the content script's App. */
export function patientView(overrides: Partial<PatientView> = {}): PatientView {
  return {
    fingerprint: 'fp-avery',
    adapter: 'demo',
    identityConfirmed: true,
    problems: [],
    content: content(),
    safetyPlan: null,
    safetyPlanStatus: 'missing',
    safetyPlanReviewDue: null,
    naloxoneApplicable: false,
    medicationMarkers: [],
    crisisContacts: [],
    layout: { mode: 'push', width: 360, collapsed: false },
    today: TODAY,
    waitingFor: [],
    notOnScreen: [],
    identityChangedAt: null,
    scoreEntry: SCORE_ENTRY,
    ...overrides,
  };
}
