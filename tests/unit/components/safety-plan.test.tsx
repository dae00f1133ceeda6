// @vitest-environment happy-dom
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOSAVE_DELAY_MS,
  SafetyPlanPanel,
  type SafetyPlanPanelProps,
} from '../../../components/SafetyPlanPanel';
import { SafetyPlanPrintView } from '../../../components/SafetyPlanPrintView';
import { emptySafetyPlan, type SafetyPlan } from '../../../utils/clinical/safety-plan';
import { buttonByText, click, fire, LOCALE, mount, TODAY, t, typeInto, unmount } from './helpers';

function planWith(edit: (plan: SafetyPlan) => void): SafetyPlan {
  const plan = emptySafetyPlan();
  plan.revision = 3;
  plan.updatedAt = '2024-05-01T10:00:00.000Z';
  edit(plan);
  return plan;
}

const startingPlan = planWith((plan) => {
  plan.steps['warning-signs'].entries = ['not sleeping'];
  plan.lastReviewed = '2024-05-01';
});

function props(overrides: Partial<SafetyPlanPanelProps> = {}): SafetyPlanPanelProps {
  return {
    plan: startingPlan,
    assessment: { status: 'incomplete', missing: ['internal-coping', 'means-safety'] },
    saveStatus: 'idle',
    crisisContacts: [],
    today: TODAY,
    t,
    locale: LOCALE,
    onSaveSafetyPlan: vi.fn(),
    ...overrides,
  };
}

function advance(ms: number) {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

describe('safety plan checklist', () => {
  it('lists the six Stanley–Brown steps with completeness, review and crisis contacts', () => {
    const el = mount(h(SafetyPlanPanel, props()));
    const steps = [...el.querySelectorAll('[data-step]')].map((s) => s.getAttribute('data-step'));
    expect(steps).toEqual([
      'warning-signs',
      'internal-coping',
      'social-distraction',
      'family-friends-help',
      'professional-contacts',
      'means-safety',
    ]);
    expect(el.querySelector('.cs-safety-summary')?.textContent).toBe(
      'Incomplete 1 of 6 steps addressed',
    );
    expect(el.textContent).toContain('Last reviewed May 1, 2024');
    expect(el.querySelector('[data-step="means-safety"]')?.textContent).toContain('To do');
    expect(el.querySelector('a[href="tel:988"]')).not.toBeNull();
  });

  it('adds the naloxone item when it applies', () => {
    const el = mount(h(SafetyPlanPanel, props({ naloxoneApplicable: true })));
    expect(el.querySelector('[data-step="naloxone"]')).not.toBeNull();
    expect(el.querySelector('.cs-safety-summary')?.textContent).toContain('1 of 7');
  });

  it('saves an edit once, after the debounce pause, with the whole plan', () => {
    const onSaveSafetyPlan = vi.fn();
    const el = mount(h(SafetyPlanPanel, props({ onSaveSafetyPlan })));
    const entry = el.querySelector('[data-step="warning-signs"] .cs-entries input');
    typeInto(entry, 'not sleeping, pacing');
    typeInto(entry, 'not sleeping, pacing at night');
    expect(el.querySelector('[data-testid="save-status"]')?.textContent).toBe('Saving…');
    advance(AUTOSAVE_DELAY_MS - 50);
    expect(onSaveSafetyPlan).not.toHaveBeenCalled();
    advance(50);
    expect(onSaveSafetyPlan).toHaveBeenCalledTimes(1);
    const saved = onSaveSafetyPlan.mock.calls[0]?.[0] as SafetyPlan;
    expect(saved.steps['warning-signs'].entries).toEqual(['not sleeping, pacing at night']);
    expect(saved.revision).toBe(3);
  });

  it('saves at once when focus leaves the field', () => {
    const onSaveSafetyPlan = vi.fn();
    const el = mount(h(SafetyPlanPanel, props({ onSaveSafetyPlan })));
    const entry = el.querySelector('[data-step="warning-signs"] .cs-entries input');
    typeInto(entry, 'pacing');
    fire(entry, new FocusEvent('focusout', { bubbles: true }));
    expect(onSaveSafetyPlan).toHaveBeenCalledTimes(1);
    advance(AUTOSAVE_DELAY_MS * 2);
    expect(onSaveSafetyPlan).toHaveBeenCalledTimes(1);
  });

  it('saves at once when the tab is hidden', () => {
    const onSaveSafetyPlan = vi.fn();
    const el = mount(h(SafetyPlanPanel, props({ onSaveSafetyPlan })));
    click(el.querySelector('[data-step="means-safety"] input[type="checkbox"]'));
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    fire(document.body, new Event('visibilitychange', { bubbles: true }));
    visibility.mockRestore();
    expect(onSaveSafetyPlan).toHaveBeenCalledTimes(1);
    expect((onSaveSafetyPlan.mock.calls[0]?.[0] as SafetyPlan).steps['means-safety'].done).toBe(
      true,
    );
  });

  it('adds and removes entries', () => {
    const onSaveSafetyPlan = vi.fn();
    const el = mount(h(SafetyPlanPanel, props({ onSaveSafetyPlan })));
    const step = el.querySelector('[data-step="internal-coping"]') as HTMLElement;
    typeInto(step.querySelector('.cs-entry-new input'), 'walk the dog');
    click(buttonByText(step, 'Add'));
    typeInto(step.querySelector('.cs-entry-new input'), 'music');
    click(buttonByText(step, 'Add'));
    click(step.querySelector('button[aria-label="Remove Internal coping strategies, entry 1"]'));
    advance(AUTOSAVE_DELAY_MS);
    expect(onSaveSafetyPlan).toHaveBeenCalledTimes(1);
    const saved = onSaveSafetyPlan.mock.calls[0]?.[0] as SafetyPlan;
    expect(saved.steps['internal-coping'].entries).toEqual(['music']);
  });

  it('marks the plan reviewed today', () => {
    const onSaveSafetyPlan = vi.fn();
    const el = mount(h(SafetyPlanPanel, props({ onSaveSafetyPlan })));
    click(buttonByText(el, 'Mark reviewed today'));
    advance(AUTOSAVE_DELAY_MS);
    expect((onSaveSafetyPlan.mock.calls[0]?.[0] as SafetyPlan).lastReviewed).toBe(TODAY);
    expect(buttonByText(el, 'Mark reviewed today').disabled).toBe(true);
  });

  it('shows the save state it is given, and retries a failed save', () => {
    const onSaveSafetyPlan = vi.fn();
    const el = mount(h(SafetyPlanPanel, props({ saveStatus: 'saved', onSaveSafetyPlan })));
    expect(el.querySelector('[data-testid="save-status"]')?.textContent).toBe('Saved');
    mount(h(SafetyPlanPanel, props({ saveStatus: 'error', onSaveSafetyPlan })));
    expect(el.querySelector('[data-testid="save-status"]')?.textContent).toContain('Not saved');
    click(buttonByText(el, 'Retry'));
    expect(onSaveSafetyPlan).toHaveBeenCalledWith(startingPlan);
  });

  it('moves later edits onto the revision its own save came back with', () => {
    const onSaveSafetyPlan = vi.fn();
    const el = mount(h(SafetyPlanPanel, props({ onSaveSafetyPlan })));
    const entry = el.querySelector('[data-step="warning-signs"] .cs-entries input');
    typeInto(entry, 'pacing');
    advance(AUTOSAVE_DELAY_MS);
    const sent = onSaveSafetyPlan.mock.calls[0]?.[0] as SafetyPlan;
    typeInto(entry, 'pacing at night');
    mount(h(SafetyPlanPanel, props({ plan: { ...sent, revision: 4 }, onSaveSafetyPlan })));
    advance(AUTOSAVE_DELAY_MS);
    const second = onSaveSafetyPlan.mock.calls[1]?.[0] as SafetyPlan;
    expect(second.revision).toBe(4);
    expect(second.steps['warning-signs'].entries).toEqual(['pacing at night']);
  });

  it('offers to start a plan when there is none, and saves nothing until something is written', () => {
    const onSaveSafetyPlan = vi.fn();
    const el = mount(h(SafetyPlanPanel, props({ plan: null, onSaveSafetyPlan })));
    click(buttonByText(el, 'Start a safety plan'));
    expect(el.querySelectorAll('[data-step]')).toHaveLength(6);
    advance(AUTOSAVE_DELAY_MS * 2);
    expect(onSaveSafetyPlan).not.toHaveBeenCalled();
  });
});

describe('safety plan print view', () => {
  it('prints the plan only, with blank lines under empty steps and the crisis contacts', () => {
    const el = mount(
      h(SafetyPlanPrintView, {
        plan: startingPlan,
        patientName: 'Avery Quinn',
        crisisContacts: [],
        printedOn: TODAY,
        language: 'en',
        t,
        locale: LOCALE,
      }),
    );
    expect(el.querySelector('h1')?.textContent).toBe('My safety plan');
    expect(el.textContent).toContain('Printed Jun 20, 2024');
    expect(el.querySelectorAll('.cs-print-step')).toHaveLength(6);
    expect(el.querySelector('.cs-print-step')?.textContent).toContain('not sleeping');
    expect(
      el.querySelectorAll('.cs-print-step')[1]?.querySelectorAll('.cs-print-blank'),
    ).toHaveLength(2);
    expect(el.querySelector('.cs-print-crisis')?.textContent).toContain(
      '988 Suicide & Crisis Lifeline',
    );
    expect(el.querySelector('button, input')).toBeNull();
  });
});
