/** Pregnancy: valproate (verified), perinatal screening, and the unverified ACOG items as information only. */
import { hasCondition, isPregnant, newestPregnancyTestPositive } from '../conditions';
import {
  conditionEvidence,
  daysAgo,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  withIngredient,
} from './facts';
import { DOCUMENTS, LABELS } from './sources';
import type { EvidenceLine, Rule, RuleFacts } from './types';
import { defineRule } from './types';

const ACOG_CPG_5 = {
  label:
    'ACOG Clinical Practice Guideline No. 5 (2023), mental health conditions in pregnancy (not yet checked)',
  url: DOCUMENTS.acogCpg5,
};

/** What says the patient is pregnant: the chart's flag or codes, and a positive test when there is one. */
function pregnancyEvidence(facts: RuleFacts): EvidenceLine[] {
  const evidence: EvidenceLine[] = [{ key: 'ruleEvidencePregnant' }];
  if (newestPregnancyTestPositive(facts.context)) {
    evidence.push(
      labEvidence('pregnancy-test', latestMonitoring(facts.context, ['pregnancy-test'], facts.now)),
    );
  }
  return evidence;
}

function unverifiedDrugRule(id: string, ingredient: string): Rule {
  return defineRule({
    id,
    family: 'pregnancy',
    category: 'interaction',
    indicator: 'info',
    source: ACOG_CPG_5,
    status: 'unverified',
    evaluate(facts) {
      const drug = withIngredient(facts, ingredient)[0];
      if (!drug || !isPregnant(facts.context)) return null;
      return {
        params: { drug: drug.name },
        evidence: [medicationEvidence(drug), ...pregnancyEvidence(facts)],
      };
    },
  });
}

export const PREGNANCY_RULES: Rule[] = [
  defineRule({
    id: 'valproate-pregnancy',
    family: 'pregnancy',
    category: 'interaction',
    indicator: 'critical',
    source: {
      label:
        'Valproate prescribing information, boxed warning (FDA DSC May 6 2013): fetal risk; contraindicated for migraine in pregnancy',
      url: LABELS.divalproex,
    },
    status: 'verified',
    supersedes: ['valproate-childbearing-potential'],
    evaluate(facts) {
      const valproate = withIngredient(facts, 'valproic acid')[0];
      if (!valproate || !isPregnant(facts.context)) return null;
      const evidence: EvidenceLine[] = [medicationEvidence(valproate), ...pregnancyEvidence(facts)];
      if (hasCondition(facts.context, 'migraine')) evidence.push(conditionEvidence('migraine'));
      return { params: { drug: valproate.name }, evidence };
    },
  }),
  unverifiedDrugRule('paroxetine-pregnancy', 'paroxetine'),
  unverifiedDrugRule('lithium-pregnancy', 'lithium'),
  defineRule({
    id: 'carbamazepine-pregnancy',
    family: 'pregnancy',
    category: 'interaction',
    indicator: 'critical',
    source: {
      label:
        'Carbamazepine prescribing information: teratogenic (neural tube defects) — reference D2',
      url: LABELS.carbamazepine,
    },
    status: 'verified',
    evaluate(facts) {
      const carbamazepine = withIngredient(facts, 'carbamazepine')[0];
      if (!carbamazepine || !isPregnant(facts.context)) return null;
      return {
        params: { drug: carbamazepine.name },
        evidence: [medicationEvidence(carbamazepine), ...pregnancyEvidence(facts)],
      };
    },
  }),
  defineRule({
    id: 'perinatal-depression-screening',
    family: 'pregnancy',
    category: 'measurement',
    indicator: 'info',
    source: {
      label:
        'ACOG Committee Opinion 757 (2018) / CPG No. 4 (2023): screen perinatally with EPDS or PHQ-9',
      url: 'https://www.acog.org/clinical/clinical-guidance/committee-opinion/articles/2018/11/screening-for-perinatal-depression',
    },
    status: 'verified',
    thresholds: { pregnancyDays: 280 },
    evaluate(facts) {
      if (!isPregnant(facts.context)) return null;
      const since = daysAgo(facts.now, facts.thresholds.pregnancyDays);
      const instruments = ['EPDS', 'PHQ-9'];
      const screened =
        facts.trends.some(
          (trend) =>
            instruments.includes(trend.instrument) &&
            trend.series.some((point) => point.date >= since),
        ) ||
        facts.context.scores.some(
          (score) =>
            instruments.includes(score.instrument) && score.date !== null && score.date >= since,
        );
      if (screened) return null;
      return {
        evidence: [
          ...pregnancyEvidence(facts),
          {
            key: 'ruleEvidenceNotMeasuredSince',
            params: { instruments: { list: instruments }, date: { date: since } },
          },
        ],
      };
    },
  }),
];
