/** Stimulants and ADHD non-stimulants: vitals and growth, misuse risk, mania risk, viloxazine. */
import { type ConditionGroup, hasCondition } from '../conditions';
import {
  conditionEvidence,
  type MonitoringRow,
  medicationEvidence,
  monitoringDue,
  withClass,
  withIngredient,
  withTag,
} from './facts';
import { LABELS } from './sources';
import { defineRule, type Rule } from './types';

const SUBSTANCE_USE_GROUPS: ConditionGroup[] = [
  'stimulant-use-disorder',
  'opioid-use-disorder',
  'alcohol-use-disorder',
];

/** The vitals of anyone on a stimulant: blood pressure, heart rate and weight. */
const STIMULANT_VITALS: readonly MonitoringRow[] = [
  ['bp-systolic', ['bp-systolic']],
  ['heart-rate', ['heart-rate']],
  ['weight', ['weight']],
];
/** And a child's height. */
const CHILD_HEIGHT: MonitoringRow = ['height', ['height']];

export const STIMULANT_RULES: Rule[] = [
  defineRule({
    id: 'stimulant-vitals-due',
    family: 'stimulant',
    category: 'monitoring',
    indicator: 'info',
    source: {
      label:
        'NICE NG87 (2018): heart rate, blood pressure and weight every 6 months on ADHD medication; height in children',
      url: 'https://www.nice.org.uk/guidance/ng87',
    },
    status: 'secondary',
    thresholds: { intervalDays: 182, childAge: 18 },
    evaluate(facts) {
      const stimulant = withClass(facts, 'stimulant')[0];
      if (!stimulant) return null;
      const child = facts.age !== null && facts.age < facts.thresholds.childAge;
      const table = child ? [...STIMULANT_VITALS, CHILD_HEIGHT] : STIMULANT_VITALS;
      return monitoringDue(facts, stimulant, table, facts.thresholds.intervalDays);
    },
  }),
  defineRule({
    id: 'stimulant-substance-use',
    family: 'stimulant',
    category: 'substance-use',
    indicator: 'warning',
    source: {
      label:
        'FDA Drug Safety Communication May 2023: stimulant boxed warning on abuse, misuse and addiction',
      url: LABELS.methylphenidate,
    },
    status: 'verified',
    evaluate(facts) {
      const stimulant = withClass(facts, 'stimulant')[0];
      const group = SUBSTANCE_USE_GROUPS.find((candidate) =>
        hasCondition(facts.context, candidate),
      );
      if (!stimulant || !group) return null;
      return {
        params: { drug: stimulant.name },
        evidence: [medicationEvidence(stimulant), conditionEvidence(group)],
      };
    },
  }),
  defineRule({
    id: 'stimulant-bipolar',
    family: 'stimulant',
    category: 'interaction',
    indicator: 'info',
    source: {
      label:
        'Stimulant prescribing information: can induce mania or psychosis; screen for bipolar risk',
      url: LABELS.methylphenidate,
    },
    status: 'verified',
    evaluate(facts) {
      const stimulant = withClass(facts, 'stimulant')[0];
      if (!stimulant || !hasCondition(facts.context, 'bipolar')) return null;
      return {
        params: { drug: stimulant.name },
        evidence: [medicationEvidence(stimulant), conditionEvidence('bipolar')],
      };
    },
  }),
  defineRule({
    id: 'viloxazine-contraindicated',
    family: 'stimulant',
    category: 'interaction',
    indicator: 'critical',
    source: {
      label:
        'Qelbree (viloxazine) prescribing information: contraindicated with MAOIs and sensitive CYP1A2 substrates',
      url: LABELS.viloxazine,
    },
    status: 'verified',
    evaluate(facts) {
      const viloxazine = withIngredient(facts, 'viloxazine')[0];
      if (!viloxazine) return null;
      const partners = [
        ...withTag(facts, 'maoi'),
        ...withIngredient(facts, 'duloxetine', 'ramelteon'),
      ];
      if (partners.length === 0) return null;
      return {
        params: { drugs: { list: [...new Set(partners.map((med) => med.name))] } },
        evidence: [medicationEvidence(viloxazine), ...partners.map(medicationEvidence)],
      };
    },
  }),
];
