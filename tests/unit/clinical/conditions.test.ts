import { describe, expect, it } from 'vitest';
import {
  type ConditionGroup,
  conditionInGroup,
  hasCondition,
  isPregnant,
} from '../../../utils/clinical/conditions';
import { type ConditionEntry, emptyPatientContext } from '../../../utils/clinical/types';

const provenance = { source: 'page' as const, via: 'test' };

function condition(
  code: string | null,
  system: ConditionEntry['system'],
  text = '',
  status: ConditionEntry['status'] = 'active',
): ConditionEntry {
  return { text, code, system, status, onsetDate: null, provenance };
}

describe('condition groups', () => {
  it.each<[string, ConditionEntry['system'], ConditionGroup, boolean]>([
    ['F33.1', 'ICD-10-CM', 'depression', true],
    ['F3310', 'ICD-10-CM', 'depression', true],
    ['F34.0', 'ICD-10-CM', 'depression', false],
    ['F32.A', 'ICD-10-CM', 'depression', true],
    ['F31.81', 'ICD-10-CM', 'bipolar', true],
    ['F50.2', 'ICD-10-CM', 'bulimia', true],
    ['F50.2', 'ICD-10-CM', 'anorexia', false],
    ['F50.01', 'ICD-10-CM', 'anorexia', true],
    ['G47.00', 'ICD-10-CM', 'insomnia', true],
    ['F11.20', 'ICD-10-CM', 'opioid-use-disorder', true],
    ['F15.20', 'ICD-10-CM', 'stimulant-use-disorder', true],
    ['F43.10', 'ICD-10-CM', 'ptsd', true],
    ['F43.2', 'ICD-10-CM', 'ptsd', false],
    ['G30.9', 'ICD-10-CM', 'dementia', true],
    ['X78.0XXA', 'ICD-10-CM', 'self-harm', true],
    ['X84', 'ICD-10-CM', 'self-harm', false],
    ['Z91.51', 'ICD-10-CM', 'self-harm', true],
    ['I45.81', 'ICD-10-CM', 'long-qt', true],
    // The puerperium counts as pregnancy evidence (reference D2: O00–O9A, Z39).
    ['O99.345', 'ICD-10-CM', 'pregnancy', true],
    ['Z39.2', 'ICD-10-CM', 'pregnancy', true],
    ['O99.342', 'ICD-10-CM', 'pregnancy', true],
    ['370143000', 'SNOMED', 'depression', true],
    ['47505003', 'SNOMED', 'ptsd', true],
    ['47505003', 'SNOMED', 'depression', false],
  ])('%s (%s) in %s: %s', (code, system, group, expected) => {
    expect(conditionInGroup(condition(code, system), group)).toBe(expected);
  });

  it('reads uncoded problem-list text, but not negated wording', () => {
    expect(conditionInGroup(condition(null, null, 'Bipolar I disorder'), 'bipolar')).toBe(true);
    expect(conditionInGroup(condition(null, null, 'r/o bipolar disorder'), 'bipolar')).toBe(false);
    expect(conditionInGroup(condition(null, null, 'Generalized anxiety'), 'anxiety')).toBe(true);
  });

  it('reads "without …" as a qualifier of the diagnosis before it, not a negation of it', () => {
    const panic = condition(null, null, 'Panic disorder without agoraphobia');
    expect(conditionInGroup(panic, 'panic')).toBe(true);
    expect(conditionInGroup(panic, 'agoraphobia')).toBe(false);
    const mdd = condition(
      null,
      null,
      'Major depressive disorder, recurrent, severe without psychotic features',
    );
    expect(conditionInGroup(mdd, 'depression')).toBe(true);
    expect(conditionInGroup(condition(null, null, 'No history of depression'), 'depression')).toBe(
      false,
    );
    expect(conditionInGroup(condition(null, null, 'Denies depression; GAD'), 'anxiety')).toBe(true);
  });

  it('reads pregnancy from the newest pregnancy test', () => {
    const context = emptyPatientContext();
    const test = (date: string, valueText: string | null, value: number | null = null) => ({
      kind: 'pregnancy-test' as const,
      loinc: null,
      text: 'hCG',
      date,
      value,
      valueText,
      unit: null,
      provenance: { source: 'page' as const, via: 'test' },
    });
    context.monitoring = [test('2026-01-01', 'Negative'), test('2026-03-01', 'Positive')];
    expect(isPregnant(context)).toBe(true);
    context.monitoring = [test('2026-01-01', 'Positive'), test('2026-03-01', 'Not detected')];
    expect(isPregnant(context)).toBe(false);
    context.monitoring = [test('2026-03-01', null, 12)];
    expect(isPregnant(context)).toBe(false);
  });

  it('counts a resolved diagnosis only where history matters', () => {
    expect(conditionInGroup(condition('F50.2', 'ICD-10-CM', '', 'resolved'), 'bulimia')).toBe(true);
    expect(conditionInGroup(condition('F32.9', 'ICD-10-CM', '', 'resolved'), 'depression')).toBe(
      false,
    );
  });

  it('answers per patient, and reads pregnancy from the flag before the codes', () => {
    const context = emptyPatientContext();
    context.conditions = [condition('Z33.1', 'ICD-10-CM')];
    expect(hasCondition(context, 'pregnancy')).toBe(true);
    expect(isPregnant(context)).toBe(true);
    context.pregnant = false;
    expect(isPregnant(context)).toBe(false);
  });
});
