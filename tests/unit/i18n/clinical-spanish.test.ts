/**
 * The notes and reasons the clinical engine writes into a chart's trends are in the catalogue's
 * language, dates and numbers included: a Spanish sidebar never shows "Jan 6, 2025".
 */
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../../utils/clinical/rules';
import { computeTrends } from '../../../utils/clinical/trends';
import type { ScoreEntry } from '../../../utils/clinical/types';
import { t } from '../components/helpers';
import { lab, med, NOW, patient } from '../rules/builders';
import { tEs } from './spanish';

const score = (instrument: string, date: string, total: ScoreEntry['total']): ScoreEntry => ({
  instrument,
  date,
  total,
  provenance: { source: 'fhir', via: `Observation/${date}-${total}` },
});

const chart = [
  score('GAD-7', '2025-01-06', 5),
  score('GAD-7', '2025-01-06', 7),
  score('PHQ-9', '2025-01-06', 3000),
];

describe('trend notes in the catalogue’s language', () => {
  it('writes a same-day conflict and a rejected total in Spanish, with Spanish dates and numbers', () => {
    const trends = computeTrends(chart, '2025-01-07', tEs);
    const gad = trends.find((trend) => trend.instrument === 'GAD-7');
    const phq = trends.find((trend) => trend.instrument === 'PHQ-9');
    expect(gad?.notes).toEqual(['puntuaciones distintas el 6 ene 2025: 5, 7']);
    expect(phq?.rejected[0]?.reason).toBe(
      'el total 3000 está fuera del rango del PHQ-9, de 0 a 27',
    );
  });

  it('writes the same in English with an English catalogue', () => {
    const gad = computeTrends(chart, '2025-01-07', t).find((trend) => trend.instrument === 'GAD-7');
    expect(gad?.notes).toEqual(['different scores on Jan 6, 2025: 5, 7']);
  });
});

describe('prompt cards in the catalogue’s language', () => {
  it('writes a rule’s numbers and dates the Spanish way when the translator is Spanish', () => {
    const cards = evaluateRules(
      patient({
        medications: [med('Lithium carbonate 300 mg cap, 2 caps PO BID', { start: '2023-01-01' })],
        monitoring: [lab('lithium-level', '2026-05-20', 1.7)],
      }),
      { now: NOW, t: tEs, trends: [] },
    );
    const toxic = cards.find((card) => card.id === 'lithium-level-toxic');
    expect(toxic?.summary).toBe('Litemia de 1,7 mmol/L: en rango tóxico — evaluar hoy');
    expect(toxic?.evidence.join(' | ')).toContain('20 may 2026');
  });
});
