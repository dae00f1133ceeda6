import { describe, expect } from 'vitest';
import { icd, itFires, itStaysSilent, med, patient, trend } from './builders';

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

  itStaysSilent(
    'does not put a refill date forward as the start of sertraline',
    'antidepressant-early-window',
    () => ({
      context: patient({
        medications: [
          { ...med('sertraline 50 mg PO daily', { start: '2026-05-20' }), startBasis: 'refill' },
        ],
      }),
    }),
  );
  itStaysSilent(
    'does not judge an SSRI for panic disorder by the PHQ-9',
    'antidepressant-no-response-adequate-trial',
    () => ({
      context: patient({
        conditions: [icd('F41.0', 'Panic disorder without agoraphobia')],
        medications: [med('sertraline 100 mg daily', { start: '2026-01-10' })],
      }),
      trends: [
        trend('PHQ-9', [
          ['2026-01-08', 12],
          ['2026-05-20', 11],
        ]),
      ],
    }),
  );
  itFires(
    'judges an SSRI for depression with panic by the PHQ-9',
    'antidepressant-no-response-adequate-trial',
    () => ({
      context: patient({
        conditions: [icd('F41.0', 'Panic disorder'), icd('F33.1', 'MDD, recurrent, moderate')],
        medications: [med('sertraline 100 mg daily', { start: '2026-01-10' })],
      }),
      trends: [
        trend('PHQ-9', [
          ['2026-01-08', 16],
          ['2026-05-20', 14],
        ]),
      ],
    }),
  );
  itStaysSilent(
    'does not judge trazodone 50 mg at bedtime as an antidepressant trial',
    'antidepressant-no-response-adequate-trial',
    () => ({
      context: patient({
        medications: [med('trazodone 50 mg qhs', { start: '2026-01-10' })],
      }),
      trends: [
        trend('PHQ-9', [
          ['2026-01-08', 16],
          ['2026-05-20', 14],
        ]),
      ],
    }),
  );
  itStaysSilent(
    'does not judge response from a PHQ-9 baseline below 10',
    'antidepressant-no-response-adequate-trial',
    () => ({
      context: patient({
        medications: [med('sertraline 100 mg daily', { start: '2026-01-10' })],
      }),
      trends: [
        trend('PHQ-9', [
          ['2026-01-08', 8],
          ['2026-05-20', 7],
        ]),
      ],
    }),
  );
  itFires(
    'warns when the PHQ-9 reliably worsens by 6 points',
    'symptom-deterioration',
    () => ({
      context: patient(),
      trends: [
        trend('PHQ-9', [
          ['2026-03-01', 8],
          ['2026-04-01', 7],
          ['2026-05-20', 13],
        ]),
      ],
    }),
    (card) => expect(card.summary).toContain('7 → 13'),
  );
  itFires('warns when the GAD-7 moves into the severe band', 'symptom-deterioration', () => ({
    context: patient(),
    trends: [
      trend('GAD-7', [
        ['2026-04-01', 12],
        ['2026-05-20', 15],
      ]),
    ],
  }));
  itStaysSilent(
    'treats a 5-point PHQ-9 rise within the moderate band as no reliable change',
    'symptom-deterioration',
    () => ({
      context: patient(),
      trends: [
        trend('PHQ-9', [
          ['2026-04-01', 9],
          ['2026-05-20', 14],
        ]),
      ],
    }),
  );

  itFires(
    'judges an SSRI for panic disorder on the GAD-7 and says so',
    'anxiety-no-reliable-improvement',
    () => ({
      context: patient({
        conditions: [icd('F41.0', 'Panic disorder without agoraphobia')],
        medications: [med('sertraline 100 mg daily', { start: '2026-01-10' })],
      }),
      trends: [
        trend('GAD-7', [
          ['2026-01-08', 15],
          ['2026-05-20', 13],
        ]),
      ],
    }),
    (card) => expect(card.summary).toContain('GAD-7 15 → 13'),
  );
  itStaysSilent(
    'is silent when the GAD-7 falls by 4 points or more',
    'anxiety-no-reliable-improvement',
    () => ({
      context: patient({
        conditions: [icd('F41.1', 'Generalized anxiety disorder')],
        medications: [med('escitalopram 10 mg daily', { start: '2026-01-10' })],
      }),
      trends: [
        trend('GAD-7', [
          ['2026-01-08', 15],
          ['2026-05-20', 9],
        ]),
      ],
    }),
  );
  itFires(
    'takes the start from the first order of the course, not the latest refill',
    'antidepressant-early-window',
    () => ({
      context: patient({
        medications: [
          {
            ...med('sertraline 50 mg PO daily', { start: '2026-05-10', status: 'completed' }),
            startBasis: 'order',
          },
          { ...med('sertraline 50 mg PO daily', { start: '2026-05-28' }), startBasis: 'refill' },
        ],
      }),
    }),
    (card) => expect(card.evidence.join(' ')).toContain('started'),
  );
});
