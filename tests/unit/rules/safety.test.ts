import { describe, expect } from 'vitest';
import { critical, icd, itFires, itStaysSilent, patient, score, trend } from './builders';

describe('safety rules', () => {
  const phq9Positive = () =>
    trend('PHQ-9', [['2026-05-25', 14]], { critical: [critical('PHQ-9', 9, '2026-05-25')] });

  itFires(
    'flags a positive PHQ-9 item 9 as critical with 988 and the safety plan',
    'phq9-item9-positive',
    () => ({ context: patient(), trends: [phq9Positive()] }),
    (card) => {
      expect(card.indicator).toBe('critical');
      expect(card.detail).toContain('988');
      expect(card.evidence[0]).toContain('PHQ-9 item 9');
    },
  );
  itStaysSilent(
    'stays quiet when item 9 was positive only on an older PHQ-9',
    'phq9-item9-positive',
    () => ({
      context: patient(),
      trends: [
        trend(
          'PHQ-9',
          [
            ['2026-03-01', 14],
            ['2026-05-25', 9],
          ],
          { critical: [critical('PHQ-9', 9, '2026-03-01')] },
        ),
      ],
    }),
  );

  itFires('flags a positive EPDS item 10 as critical', 'epds-item10-positive', () => ({
    context: patient(),
    trends: [
      trend('EPDS', [['2026-05-28', 8]], { critical: [critical('EPDS', 10, '2026-05-28')] }),
    ],
  }));
  itStaysSilent(
    'stays quiet when the positive EPDS item 10 is more than 30 days old',
    'epds-item10-positive',
    () => ({
      context: patient(),
      trends: [
        trend('EPDS', [['2026-04-01', 8]], { critical: [critical('EPDS', 10, '2026-04-01')] }),
      ],
    }),
  );

  itFires('flags C-SSRS intent (item 4) as high risk', 'cssrs-high-risk', () => ({
    context: patient({
      scores: [score('C-SSRS', '2026-05-30', null, { 1: 'yes', 2: 'yes', 3: 'yes', 4: 'yes' })],
    }),
  }));
  itStaysSilent('does not call a wish to be dead alone high risk', 'cssrs-high-risk', () => ({
    context: patient({ scores: [score('C-SSRS', '2026-05-30', null, { 1: 'yes', 2: 'no' })] }),
  }));

  itFires(
    'flags C-SSRS thoughts with a method (item 3) as moderate risk',
    'cssrs-moderate-risk',
    () => ({
      context: patient({
        scores: [score('C-SSRS', '2026-05-30', null, { 1: 1, 2: 1, 3: 1, 4: 0, 5: 0 })],
      }),
    }),
  );
  itStaysSilent(
    'shows only the high-risk card when intent is also endorsed',
    'cssrs-moderate-risk',
    () => ({
      context: patient({
        scores: [score('C-SSRS', '2026-05-30', null, { 1: 1, 2: 1, 3: 1, 4: 1 })],
      }),
    }),
  );

  itFires(
    'warns when a patient with a suicide attempt on record has no safety plan',
    'safety-plan-missing-with-risk',
    () => ({
      context: patient({
        conditions: [icd('Z91.51', 'History of suicide attempt', { status: 'resolved' })],
      }),
      safetyPlanStatus: 'missing',
    }),
  );
  itStaysSilent(
    'stays quiet when the safety plan is complete',
    'safety-plan-missing-with-risk',
    () => ({
      context: patient({ conditions: [icd('Z91.51')] }),
      safetyPlanStatus: 'complete',
    }),
  );
  itStaysSilent(
    'lets the critical item-9 card replace the safety-plan card for the same risk',
    'safety-plan-missing-with-risk',
    () => ({
      context: patient(),
      trends: [phq9Positive()],
      safetyPlanStatus: 'missing',
    }),
  );

  itFires(
    'reminds that the safety plan review is due when risk is on record',
    'safety-plan-review-due',
    () => ({
      context: patient({ conditions: [icd('T14.91XA', 'Suicide attempt')] }),
      safetyPlanStatus: 'review-due',
    }),
  );
  itStaysSilent(
    'does not ask for a review when no risk is on record',
    'safety-plan-review-due',
    () => ({
      context: patient(),
      safetyPlanStatus: 'review-due',
    }),
  );

  itStaysSilent(
    'does not call a suicide attempt more than 3 months ago high risk',
    'cssrs-high-risk',
    () => ({
      context: patient({
        scores: [score('C-SSRS', '2026-05-30', null, { 1: 'no', 2: 'no', 6: 'yes', 7: 'no' })],
      }),
    }),
  );
  itFires(
    'calls a suicide attempt more than 3 months ago moderate risk (screener triage)',
    'cssrs-moderate-risk',
    () => ({
      context: patient({
        scores: [score('C-SSRS', '2026-05-30', null, { 1: 'no', 2: 'no', 6: 'yes', 7: 'no' })],
      }),
    }),
  );
  itFires('calls suicidal behaviour within the past 3 months high risk', 'cssrs-high-risk', () => ({
    context: patient({
      scores: [score('C-SSRS', '2026-05-30', null, { 1: 'no', 2: 'no', 6: 'yes', 7: 'yes' })],
    }),
  }));
});
