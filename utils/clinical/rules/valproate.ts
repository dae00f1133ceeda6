/** Valproate (valproic acid, divalproex): fetal risk outside pregnancy, and liver / blood tests. */
import { isPregnant } from '../conditions';
import {
  ageEvidence,
  daysAgo,
  type MonitoringRow,
  medicationEvidence,
  monitoringDue,
  startOf,
  withIngredient,
} from './facts';
import { LABELS } from './sources';
import { defineRule, type Rule } from './types';

export const FDA_VALPROATE_2013 = {
  label:
    'Valproate prescribing information, boxed warning (FDA DSC May 6 2013) and the MHRA Pregnancy Prevention Programme: fetal risk; effective contraception',
  url: LABELS.divalproex,
};

/** Valproate's labs: liver function (LFTs, ALT or AST) and blood count with platelets. */
const VALPROATE_LABS: readonly MonitoringRow[] = [
  ['lft', ['lft', 'alt', 'ast']],
  ['cbc', ['cbc', 'platelets', 'wbc']],
];

export const VALPROATE_RULES: Rule[] = [
  defineRule({
    id: 'valproate-childbearing-potential',
    family: 'valproate',
    category: 'interaction',
    indicator: 'warning',
    source: FDA_VALPROATE_2013,
    status: 'verified',
    thresholds: { minAge: 12, maxAge: 50 },
    evaluate(facts) {
      const valproate = withIngredient(facts, 'valproic acid')[0];
      const { age } = facts;
      if (!valproate || facts.context.identity.sex !== 'female' || age === null) return null;
      if (age < facts.thresholds.minAge || age > facts.thresholds.maxAge) return null;
      if (isPregnant(facts.context)) return null;
      return {
        params: { drug: valproate.name },
        evidence: [
          medicationEvidence(valproate),
          { key: 'ruleEvidenceSexFemale' },
          ageEvidence(age),
        ],
      };
    },
  }),
  defineRule({
    id: 'valproate-labs-due',
    family: 'valproate',
    category: 'monitoring',
    indicator: 'info',
    source: {
      label:
        'Valproate label; AACAP 2007: LFTs and CBC with platelets at baseline, then every 3–6 months',
      url: LABELS.divalproex,
    },
    status: 'secondary',
    thresholds: { labsDays: 180, baselineWindowDays: 30 },
    evaluate(facts) {
      const valproate = withIngredient(facts, 'valproic acid')[0];
      if (!valproate) return null;
      const start = startOf(valproate);
      const since = start ? daysAgo(start, facts.thresholds.baselineWindowDays) : null;
      return monitoringDue(facts, valproate, VALPROATE_LABS, facts.thresholds.labsDays, since);
    },
  }),
];
