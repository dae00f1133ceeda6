// @vitest-environment happy-dom
import { h } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { TeamRecord } from '../../../components/TeamRecord';
import { emptySafetyPlan } from '../../../utils/clinical/safety-plan';
import type { TeamRecordView } from '../../../utils/patient-view';
import { LOCALE, mount, t, unmount } from './helpers';

afterEach(unmount);

const base: TeamRecordView = {
  waiting: 0,
  lastSentAt: null,
  problem: null,
  reading: false,
  scores: [],
  safetyPlanAuthor: null,
  safetyPlanRecordedAt: null,
  conflict: null,
};

function show(record: TeamRecordView) {
  return mount(h(TeamRecord, { record, t, locale: LOCALE, onKeepRecordVersion: () => undefined }));
}

describe('the care team’s record in the sidebar', () => {
  it('says how many writes wait to be sent', () => {
    const root = show({ ...base, waiting: 2, lastSentAt: '2026-12-05T10:00:00Z' });
    expect(root.querySelector('[data-record-status]')?.textContent).toBe('Waiting to send (2)');
  });

  it('says the record was saved once nothing waits', () => {
    const root = show({ ...base, lastSentAt: '2026-12-05T10:00:00Z' });
    expect(root.querySelector('[data-record-status]')?.textContent).toBe(
      'Saved to the clinic record',
    );
  });

  it('shows who wrote the team’s scores and the plan, and when', () => {
    const root = show({
      ...base,
      scores: [{ instrument: 'PHQ-9', date: '2026-12-05', total: 14, author: 'Dana Reyes, LCSW' }],
      safetyPlanAuthor: 'Dana Reyes, LCSW',
      safetyPlanRecordedAt: '2026-12-05T10:00:00Z',
    });
    expect(root.querySelector('[data-record-score]')?.textContent).toBe(
      'PHQ-9 14, Dec 5, 2026: Dana Reyes, LCSW',
    );
    expect(root.querySelector('[data-record-plan-author]')?.textContent).toContain(
      'Dana Reyes, LCSW',
    );
  });

  it('shows both versions of a conflicting safety plan', () => {
    const mine = emptySafetyPlan();
    mine.steps['warning-signs'].entries = ['Not sleeping'];
    const theirs = emptySafetyPlan();
    theirs.steps['warning-signs'].entries = ['Skipping meals'];
    const root = show({
      ...base,
      conflict: { mine, mineAuthor: 'Sam Ortiz, MD', theirs, theirsAuthor: 'Dana Reyes, LCSW' },
    });
    const text = root.querySelector('[data-record-conflict]')?.textContent ?? '';
    expect(text).toContain('Not sleeping');
    expect(text).toContain('Skipping meals');
    expect(text).toContain('Sam Ortiz, MD');
    expect(text).toContain('Dana Reyes, LCSW');
  });
});
