import { describe, expect, it } from 'vitest';
import { noteWords } from '../../../components/note-words';
import messages from '../../../public/_locales/en/messages.json';
import { emptySafetyPlan } from '../../../utils/clinical/safety-plan';
import type { MeasureTrend, PromptCard, SidebarContent } from '../../../utils/clinical/types';
import { createTranslator, type Messages } from '../../../utils/i18n';
import { noteText, promptsAddressedOn } from '../../../utils/record/note';
import type { PromptDismissal } from '../../../utils/storage/dismissals';

const t = createTranslator(messages as Messages);
const words = noteWords(t, 'en-US');

const phq9 = {
  instrument: 'PHQ-9',
  loinc: '44261-6',
  series: [],
  rejected: [],
  latest: { date: '2026-12-05', score: 14, band: 'moderate' },
  baseline: { date: '2026-10-01', score: 19, band: 'moderately severe' },
  change: -5,
  response: false,
  remission: false,
  reliableChange: 'improved',
  due: false,
  dueDate: null,
  critical: [],
  notes: [],
} as MeasureTrend;

const content: SidebarContent = {
  patient: { name: 'Maria Lopez', birthDate: '1980-02-03', identifiers: [] },
  measures: [phq9],
  medications: [],
  prompts: [],
  safetyPlan: { status: 'incomplete', missing: [] },
};

describe('copy for the note', () => {
  it('writes the scores with band and change, and the safety plan, as plain text', () => {
    const plan = emptySafetyPlan();
    plan.steps['warning-signs'].entries = ['Not sleeping', 'Staying in bed'];
    const text = noteText(
      {
        content,
        safetyPlan: plan,
        addressed: [],
        today: '2026-12-05',
        clinician: '',
        template: '',
      },
      words,
    );
    expect(text).toContain('- PHQ-9: 14 (moderate), Dec 5, 2026');
    expect(text).toContain('change -5 since Oct 1, 2026: reliable improvement');
    expect(text).toContain('Safety plan: Incomplete');
    expect(text).toContain('- Warning signs: Not sleeping; Staying in bed');
    expect(text).not.toMatch(/<[a-z]/);
  });

  it('follows the clinic’s template', () => {
    const text = noteText(
      {
        content,
        safetyPlan: null,
        addressed: [],
        today: '2026-12-05',
        clinician: 'Dana Reyes',
        template: 'BH note by {clinician} on {date}\n{scores}',
      },
      words,
    );
    expect(text.split('\n')[0]).toBe('BH note by Dana Reyes on Dec 5, 2026');
    expect(text).toContain('PHQ-9: 14 (moderate)');
    expect(text).not.toContain('Safety plan');
  });

  const card = (id: string, factsKey: string, summary: string) =>
    ({ id, factsKey, summary }) as PromptCard;
  const dismissal = (
    ruleId: string,
    factsKey: string,
    reason: PromptDismissal['reason'],
    at: string,
  ): PromptDismissal => ({ ruleId, factsKey, reason, at, until: null });
  // The clinician's calendar day of a timestamp (the background passes the browser's own).
  const dayOf = (at: string) => at.slice(0, 10);

  it('lists the prompts dismissed today with their reason', () => {
    const prompts = [card('lithium-levels', 'a', 'Lithium level due'), card('cbt-first', 'b', 'X')];
    const addressed = promptsAddressedOn(
      '2026-12-05',
      prompts,
      [dismissal('lithium-levels', 'a', 'already-addressed', '2026-12-05T10:00:00Z')],
      dayOf,
    );
    expect(addressed).toEqual([{ summary: 'Lithium level due', reason: 'already-addressed' }]);
    const text = noteText(
      { content, safetyPlan: null, addressed, today: '2026-12-05', clinician: '', template: '' },
      words,
    );
    expect(text).toContain('Prompts addressed today:\n- Lithium level due (Already addressed)');
  });

  it('leaves out snoozes, earlier days and dismissals whose facts changed', () => {
    const prompts = [card('a', 'now', 'A'), card('b', 'now', 'B'), card('c', 'now', 'C')];
    const addressed = promptsAddressedOn(
      '2026-12-05',
      prompts,
      [
        dismissal('a', 'now', 'snooze', '2026-12-05T09:00:00Z'),
        dismissal('b', 'now', 'not-applicable', '2026-12-04T09:00:00Z'),
        dismissal('c', 'before', 'already-addressed', '2026-12-05T09:00:00Z'),
      ],
      dayOf,
    );
    expect(addressed).toEqual([]);
    const text = noteText(
      { content, safetyPlan: null, addressed, today: '2026-12-05', clinician: '', template: '' },
      words,
    );
    expect(text).not.toContain('addressed');
  });
});
