/** Carbamazepine: HLA-B*15:02 before starting (information only), and blood counts. */
import {
  daysAgo,
  daysOn,
  isOverdue,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  startOf,
  uniqueNames,
  withIngredient,
  withTag,
} from './facts';
import { LABELS } from './sources';
import type { Rule } from './types';
import { defineRule } from './types';

const CARBAMAZEPINE_LABEL = {
  label: 'Carbamazepine boxed warnings: SJS/TEN with HLA-B*15:02 (FDA 2007); aplastic anemia',
  url: LABELS.carbamazepine,
};

export const CARBAMAZEPINE_RULES: Rule[] = [
  defineRule({
    id: 'carbamazepine-hla-b1502',
    family: 'carbamazepine',
    category: 'interaction',
    indicator: 'info',
    source: {
      label: 'FDA alert Dec 2007; CPIC: test HLA-B*15:02 before carbamazepine in at-risk ancestry',
      url: 'https://cpicpgx.org/guidelines/guideline-for-carbamazepine-and-hla-b/',
    },
    status: 'verified',
    thresholds: { recentStartDays: 90 },
    evaluate(facts) {
      const carbamazepine = withIngredient(facts, 'carbamazepine')[0];
      if (!carbamazepine) return null;
      const days = daysOn(carbamazepine, facts.now);
      // Risk is low after a few months without a reaction, so only a recent start is flagged.
      if (days === null || days > facts.thresholds.recentStartDays) return null;
      return { evidence: [medicationEvidence(carbamazepine)] };
    },
  }),
  defineRule({
    id: 'carbamazepine-cbc-due',
    family: 'carbamazepine',
    category: 'monitoring',
    indicator: 'info',
    source: CARBAMAZEPINE_LABEL,
    status: 'secondary',
    thresholds: { labsDays: 180, baselineWindowDays: 30 },
    evaluate(facts) {
      const carbamazepine = withIngredient(facts, 'carbamazepine')[0];
      if (!carbamazepine) return null;
      const start = startOf(carbamazepine);
      const since = start ? daysAgo(start, facts.thresholds.baselineWindowDays) : null;
      const latest = latestMonitoring(facts.context, ['cbc', 'platelets', 'wbc', 'anc'], facts.now);
      if (!isOverdue(latest, facts.now, facts.thresholds.labsDays, since)) return null;
      return {
        evidence: [medicationEvidence(carbamazepine), labEvidence(latest?.kind ?? 'cbc', latest)],
      };
    },
  }),
  defineRule({
    id: 'carbamazepine-interaction',
    family: 'carbamazepine',
    category: 'interaction',
    indicator: 'warning',
    source: {
      label:
        'Carbamazepine prescribing information: strong CYP3A4 inducer; lowers hormonal contraceptives, lamotrigine, clozapine, buprenorphine and methadone',
      url: LABELS.carbamazepine,
    },
    status: 'secondary',
    evaluate(facts) {
      const carbamazepine = withIngredient(facts, 'carbamazepine')[0];
      if (!carbamazepine) return null;
      const lowered = [
        ...withTag(facts, 'estrogen'),
        ...withIngredient(facts, 'lamotrigine', 'clozapine', 'buprenorphine', 'methadone'),
      ];
      const names = uniqueNames(lowered);
      if (names.length === 0) return null;
      return {
        params: { drugs: { list: names } },
        evidence: [medicationEvidence(carbamazepine), ...lowered.map(medicationEvidence)],
      };
    },
  }),
  defineRule({
    id: 'carbamazepine-sodium-due',
    family: 'carbamazepine',
    category: 'monitoring',
    indicator: 'info',
    source: {
      label:
        'Carbamazepine and oxcarbazepine prescribing information: hyponatremia/SIADH — check sodium at baseline and periodically',
      url: LABELS.carbamazepine,
    },
    status: 'unverified',
    evaluate(facts) {
      const drug = withIngredient(facts, 'carbamazepine', 'oxcarbazepine')[0];
      if (!drug) return null;
      // The reference gives no interval ("periodically"): only a sodium never drawn on this
      // course is flagged.
      const latest = latestMonitoring(facts.context, ['sodium'], facts.now);
      const since = drug.start ?? drug.onRecordSince;
      if (latest && (since === null || latest.date >= daysAgo(since, 30))) return null;
      return {
        params: { drug: drug.name },
        evidence: [medicationEvidence(drug), labEvidence('sodium', latest)],
      };
    },
  }),
];
