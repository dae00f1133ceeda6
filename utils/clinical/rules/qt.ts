/** QT prolongation: citalopram dose limits (FDA 2011), long QT, combinations, and ECG before high-risk antipsychotics. */
import { hasCondition } from '../conditions';
import {
  ageEvidence,
  conditionEvidence,
  latestMonitoring,
  medicationEvidence,
  withIngredient,
  withTag,
} from './facts';
import type { Rule } from './types';

const FDA_CITALOPRAM_2011 = {
  label:
    'FDA Drug Safety Communication Aug 24 2011: citalopram max 40 mg/day; 20 mg/day above age 60',
  url: 'https://www.fda.gov/Drugs/DrugSafety/ucm269086.htm',
};

/** Antipsychotics the APA 2020 guideline wants an ECG before. */
const ECG_FIRST_ANTIPSYCHOTICS = [
  'chlorpromazine',
  'droperidol',
  'iloperidone',
  'pimozide',
  'thioridazine',
  'ziprasidone',
];

export const QT_RULES: Rule[] = [
  {
    id: 'citalopram-max-dose',
    family: 'qt',
    category: 'interaction',
    indicator: 'critical',
    source: FDA_CITALOPRAM_2011,
    status: 'verified',
    thresholds: { maxDailyMg: 40 },
    evaluate(facts) {
      const citalopram = withIngredient(facts, 'citalopram')[0];
      const dose = citalopram?.entry.dailyDoseMg ?? null;
      const limit = facts.thresholds.maxDailyMg ?? 40;
      if (!citalopram || dose === null || dose <= limit) return null;
      return { params: { dose, limit }, evidence: [medicationEvidence(citalopram)] };
    },
  },
  {
    id: 'citalopram-max-dose-over-60',
    family: 'qt',
    category: 'interaction',
    indicator: 'critical',
    source: FDA_CITALOPRAM_2011,
    status: 'verified',
    thresholds: { maxDailyMg: 20, age: 60 },
    supersedes: ['citalopram-max-dose'],
    evaluate(facts) {
      const citalopram = withIngredient(facts, 'citalopram')[0];
      const dose = citalopram?.entry.dailyDoseMg ?? null;
      const limit = facts.thresholds.maxDailyMg ?? 20;
      if (!citalopram || dose === null || facts.age === null) return null;
      if (facts.age <= (facts.thresholds.age ?? 60) || dose <= limit) return null;
      return {
        params: { dose, limit, age: facts.age },
        evidence: [medicationEvidence(citalopram), ageEvidence(facts.age)],
      };
    },
  },
  {
    id: 'citalopram-long-qt',
    family: 'qt',
    category: 'interaction',
    indicator: 'warning',
    source: FDA_CITALOPRAM_2011,
    status: 'verified',
    evaluate(facts) {
      const citalopram = withIngredient(facts, 'citalopram')[0];
      if (!citalopram || !hasCondition(facts.context, 'long-qt')) return null;
      return { evidence: [medicationEvidence(citalopram), conditionEvidence('long-qt')] };
    },
  },
  {
    id: 'qt-prolonging-combination',
    family: 'qt',
    category: 'interaction',
    indicator: 'info',
    source: {
      label: 'Krantz 2009 (methadone QT): remove other QT-prolonging drugs; FDA 2011 citalopram QT',
      url: 'https://doi.org/10.7326/0003-4819-150-6-200903170-00008',
    },
    status: 'secondary',
    evaluate(facts) {
      const names = [...new Set(withTag(facts, 'qt-prolonging').map((med) => med.name))];
      if (names.length < 2) return null;
      const meds = withTag(facts, 'qt-prolonging').filter(
        (med, index, all) => all.findIndex((other) => other.name === med.name) === index,
      );
      return { params: { drugs: { list: names } }, evidence: meds.map(medicationEvidence) };
    },
  },
  {
    id: 'antipsychotic-ecg-before-start',
    family: 'qt',
    category: 'monitoring',
    indicator: 'info',
    source: {
      label:
        'APA schizophrenia guideline 2020: ECG before chlorpromazine, droperidol, iloperidone, pimozide, thioridazine, ziprasidone',
      url: 'https://doi.org/10.1176/appi.ajp.2020.177901',
    },
    status: 'verified',
    evaluate(facts) {
      const drug = withIngredient(facts, ...ECG_FIRST_ANTIPSYCHOTICS)[0];
      if (!drug) return null;
      if (latestMonitoring(facts.context, ['ecg', 'qtc'], facts.now)) return null;
      return {
        params: { drug: drug.name },
        evidence: [
          medicationEvidence(drug),
          { key: 'ruleEvidenceNoLab', params: { lab: { message: 'ruleLabEcg' } } },
        ],
      };
    },
  },
];
