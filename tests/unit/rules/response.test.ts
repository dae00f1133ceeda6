import { describe, expect } from 'vitest';
import { itFires, itStaysSilent, med, patient, trend } from './builders';

describe('response rules', () => {
  itFires(
    'reminds to recheck the PHQ-9 in the first weeks of sertraline',
    'antidepressant-early-window',
    () => ({
      context: patient({
        medications: [med('sertraline 50 mg PO daily', { start: '2026-05-20' })],
      }),
    }),
  );
  itStaysSilent(
    'is silent once the trial is past its early window',
    'antidepressant-early-window',
    () => ({
      context: patient({
        medications: [med('sertraline 50 mg PO daily', { start: '2026-03-01' })],
      }),
    }),
  );

  itFires(
    'warns about less than 20% improvement six weeks into an antidepressant',
    'antidepressant-early-non-improvement',
    () => ({
      context: patient({ medications: [med('escitalopram 10 mg daily', { start: '2026-04-20' })] }),
      trends: [
        trend('PHQ-9', [
          ['2026-04-18', 20],
          ['2026-05-25', 18],
        ]),
      ],
    }),
    (card) => expect(card.summary).toContain('10%'),
  );
  itStaysSilent(
    'is silent when the PHQ-9 has already fallen by 30%',
    'antidepressant-early-non-improvement',
    () => ({
      context: patient({ medications: [med('escitalopram 10 mg daily', { start: '2026-04-20' })] }),
      trends: [
        trend('PHQ-9', [
          ['2026-04-18', 20],
          ['2026-05-25', 14],
        ]),
      ],
    }),
  );

  itFires(
    'warns when there is no response after an adequate 8-week trial',
    'antidepressant-no-response-adequate-trial',
    () => ({
      context: patient({
        medications: [med('venlafaxine ER 150 mg daily', { start: '2026-02-01' })],
      }),
      trends: [
        trend('PHQ-9', [
          ['2026-01-30', 20],
          ['2026-05-20', 14],
        ]),
      ],
    }),
  );
  itStaysSilent(
    'is silent when the PHQ-9 has halved',
    'antidepressant-no-response-adequate-trial',
    () => ({
      context: patient({
        medications: [med('venlafaxine ER 150 mg daily', { start: '2026-02-01' })],
      }),
      trends: [
        trend('PHQ-9', [
          ['2026-01-30', 20],
          ['2026-05-20', 8],
        ]),
      ],
    }),
  );

  itFires(
    'notes response without remission (treat to target)',
    'depression-response-not-remission',
    () => ({
      context: patient(),
      trends: [
        trend('PHQ-9', [
          ['2026-01-01', 20],
          ['2026-05-20', 8],
        ]),
      ],
    }),
  );
  itStaysSilent(
    'does not call remission a partial response',
    'depression-response-not-remission',
    () => ({
      context: patient(),
      trends: [
        trend('PHQ-9', [
          ['2026-01-01', 20],
          ['2026-05-20', 3],
        ]),
      ],
    }),
  );

  itFires('notes remission when the PHQ-9 is below 5', 'depression-remission', () => ({
    context: patient(),
    trends: [
      trend('PHQ-9', [
        ['2026-01-01', 20],
        ['2026-05-20', 3],
      ]),
    ],
  }));
  itStaysSilent('does not report remission at a PHQ-9 of 8', 'depression-remission', () => ({
    context: patient(),
    trends: [
      trend('PHQ-9', [
        ['2026-01-01', 20],
        ['2026-05-20', 8],
      ]),
    ],
  }));
});
