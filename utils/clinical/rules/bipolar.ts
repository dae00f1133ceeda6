/**
 * Bipolar disorder: an antidepressant without an antimanic agent (CANMAT/ISBD 2018, reference D6).
 */
import { conditionsInGroup, hasCondition } from '../conditions';
import { conditionEvidence, isSleepDose, medicationEvidence, withClass, withTag } from './facts';
import { DOCUMENTS } from './sources';
import type { Rule } from './types';
import { defineRule } from './types';

/** Antimanic agents: lithium, valproate, carbamazepine and any antipsychotic. */
const ANTIMANIC_INGREDIENTS = ['lithium', 'valproic acid', 'carbamazepine'];

export const BIPOLAR_RULES: Rule[] = [
  defineRule({
    id: 'bipolar-antidepressant-without-antimanic',
    family: 'bipolar',
    category: 'interaction',
    indicator: 'warning',
    source: {
      label:
        'CANMAT/ISBD 2018 (Yatham, Bipolar Disord 2018;20:97): no antidepressant monotherapy in bipolar I depression; only with an antimanic agent',
      url: DOCUMENTS.canmatIsbd2018,
    },
    status: 'verified',
    evaluate(facts) {
      const bipolar = conditionsInGroup(facts.context, 'bipolar');
      if (bipolar.length === 0) return null;
      // Bipolar II alone: antidepressants keep limited second-line roles there.
      const onlyBipolarII = bipolar.every((condition) =>
        hasCondition({ ...facts.context, conditions: [condition] }, 'bipolar-ii'),
      );
      if (onlyBipolarII) return null;
      const antidepressants = withTag(facts, 'antidepressant').filter((med) => !isSleepDose(med));
      const first = antidepressants[0];
      if (!first) return null;
      const antimanic =
        withTag(facts, 'antipsychotic').length > 0 ||
        withClass(facts, 'mood-stabilizer').some((med) => ANTIMANIC_INGREDIENTS.includes(med.name));
      if (antimanic) return null;
      return {
        params: { drug: first.name },
        evidence: [
          conditionEvidence('bipolar'),
          ...antidepressants.map(medicationEvidence),
          { key: 'ruleEvidenceNoAntimanic' },
        ],
      };
    },
  }),
];
