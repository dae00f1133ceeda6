/** Lamotrigine: serious rash risk with valproate and with a titration faster than the label's. */
import { daysOn, medicationEvidence, startOf, withIngredient, withTag } from './facts';
import { LABELS } from './sources';
import type { Rule } from './types';
import { defineRule } from './types';

const LAMICTAL_LABEL = {
  label: 'Lamictal prescribing information: boxed warning (serious rash), titration schedules',
  url: LABELS.lamotrigine,
};

/** Highest daily dose (mg) by week of treatment, weeks 1–6 (bipolar schedule in the label). */
const TITRATION_MG = [25, 25, 50, 50, 100, 200];
const TITRATION_WITH_VALPROATE_MG = [12.5, 12.5, 25, 25, 50, 100];

export const LAMOTRIGINE_RULES: Rule[] = [
  defineRule({
    id: 'lamotrigine-with-valproate',
    family: 'lamotrigine',
    category: 'interaction',
    indicator: 'warning',
    source: LAMICTAL_LABEL,
    status: 'verified',
    evaluate(facts) {
      const lamotrigine = withIngredient(facts, 'lamotrigine')[0];
      const valproate = withIngredient(facts, 'valproic acid')[0];
      if (!lamotrigine || !valproate) return null;
      return { evidence: [medicationEvidence(lamotrigine), medicationEvidence(valproate)] };
    },
  }),
  defineRule({
    id: 'lamotrigine-titration-too-fast',
    family: 'lamotrigine',
    category: 'interaction',
    indicator: 'warning',
    source: LAMICTAL_LABEL,
    status: 'secondary',
    evaluate(facts) {
      const lamotrigine = withIngredient(facts, 'lamotrigine')[0];
      if (!lamotrigine || lamotrigine.entry.dailyDoseMg === null || !startOf(lamotrigine))
        return null;
      // Carbamazepine and other inducers follow a different, faster schedule not encoded here.
      if (withIngredient(facts, 'carbamazepine').length > 0) return null;
      const days = daysOn(lamotrigine, facts.now);
      if (days === null) return null;
      const week = Math.floor(days / 7) + 1;
      const withValproate = withIngredient(facts, 'valproic acid').length > 0;
      const schedule = withValproate ? TITRATION_WITH_VALPROATE_MG : TITRATION_MG;
      const maximum = schedule[week - 1];
      if (maximum === undefined || lamotrigine.entry.dailyDoseMg <= maximum) return null;
      return {
        params: { week, dose: lamotrigine.entry.dailyDoseMg, maximum },
        evidence: [
          medicationEvidence(lamotrigine),
          {
            key: withValproate ? 'ruleEvidenceTitrationWithValproate' : 'ruleEvidenceTitration',
            params: { week, maximum },
          },
        ],
      };
    },
  }),
  defineRule({
    id: 'lamotrigine-estrogen',
    family: 'lamotrigine',
    category: 'interaction',
    indicator: 'info',
    source: LAMICTAL_LABEL,
    status: 'verified',
    evaluate(facts) {
      const lamotrigine = withIngredient(facts, 'lamotrigine')[0];
      const estrogen = withTag(facts, 'estrogen')[0];
      if (!lamotrigine || !estrogen) return null;
      return { evidence: [medicationEvidence(lamotrigine), medicationEvidence(estrogen)] };
    },
  }),
];
