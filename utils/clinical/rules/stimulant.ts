/** Stimulants and ADHD non-stimulants: vitals and growth, misuse risk, mania risk, viloxazine. */
import { type ConditionGroup, hasCondition } from '../conditions';
import type { MonitoringKind } from '../types';
import {
  conditionEvidence,
  isOverdue,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  withClass,
  withIngredient,
  withTag,
} from './facts';
import { LABELS } from './sources';
import { type EvidenceLine, messageKey, type Rule } from './types';

const SUBSTANCE_USE_GROUPS: ConditionGroup[] = [
  'stimulant-use-disorder',
  'opioid-use-disorder',
  'alcohol-use-disorder',
];

export const STIMULANT_RULES: Rule[] = [
  {
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
      const kinds: MonitoringKind[] = ['bp-systolic', 'heart-rate', 'weight'];
      if (facts.age !== null && facts.age < (facts.thresholds.childAge ?? 18)) kinds.push('height');
      const due: MonitoringKind[] = [];
      const evidence: EvidenceLine[] = [medicationEvidence(stimulant)];
      for (const kind of kinds) {
        const latest = latestMonitoring(facts.context, [kind], facts.now);
        if (isOverdue(latest, facts.now, facts.thresholds.intervalDays ?? 182)) {
          due.push(kind);
          evidence.push(labEvidence(kind, latest));
        }
      }
      if (due.length === 0) return null;
      return {
        params: { labs: { messageList: due.map((kind) => messageKey('ruleLab', kind)) } },
        evidence,
      };
    },
  },
  {
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
  },
  {
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
  },
  {
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
  },
];
