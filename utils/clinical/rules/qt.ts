/** QT prolongation: citalopram dose limits (FDA 2011), long QT, combinations, and ECG before high-risk antipsychotics. */
import { hasCondition } from '../conditions';
import { QT_RISK } from '../medications/vocabulary';
import {
  ageEvidence,
  conditionEvidence,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  uniqueNames,
  withIngredient,
  withTag,
} from './facts';
import { DOCUMENTS } from './sources';
import type { Rule } from './types';
import { defineRule } from './types';

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
  defineRule({
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
      const limit = facts.thresholds.maxDailyMg;
      if (!citalopram || dose === null || dose <= limit) return null;
      return { params: { dose, limit }, evidence: [medicationEvidence(citalopram)] };
    },
  }),
  defineRule({
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
      const limit = facts.thresholds.maxDailyMg;
      if (!citalopram || dose === null || facts.age === null) return null;
      if (facts.age <= facts.thresholds.age || dose <= limit) return null;
      return {
        params: { dose, limit, age: facts.age },
        evidence: [medicationEvidence(citalopram), ageEvidence(facts.age)],
      };
    },
  }),
  defineRule({
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
  }),
  defineRule({
    id: 'qt-prolonging-combination',
    family: 'qt',
    category: 'interaction',
    indicator: 'info',
    source: {
      label: 'Krantz 2009 (methadone QT): remove other QT-prolonging drugs; FDA 2011 citalopram QT',
      url: DOCUMENTS.krantz2009,
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
  }),
  defineRule({
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
  }),
  defineRule({
    id: 'qtc-over-500-with-qt-drug',
    family: 'qt',
    category: 'interaction',
    indicator: 'critical',
    source: {
      label:
        'AHA/ACCF 2010 scientific statement (Drew, Circulation): QTc > 500 ms is high risk with any QT-prolonging drug; CredibleMeds categories (reference D7)',
      url: DOCUMENTS.ahaQt2010,
    },
    status: 'verified',
    thresholds: { qtcMs: 500 },
    // The methadone card says the same with methadone's own advice (dose reduction, Krantz 2009).
    evaluate(facts) {
      if (withIngredient(facts, 'methadone').length > 0) return null;
      const latest = latestMonitoring(facts.context, ['qtc'], facts.now);
      if (!latest || latest.value === null || latest.value <= facts.thresholds.qtcMs) return null;
      const drugs = facts.medications.filter(
        (med) => med.drug?.tags.includes('qt-prolonging') || QT_RISK[med.name] !== undefined,
      );
      const names = uniqueNames(drugs);
      if (names.length === 0) return null;
      return {
        params: { qtc: latest.value, drugs: { list: names } },
        evidence: [labEvidence('qtc', latest), ...drugs.map(medicationEvidence)],
      };
    },
  }),
];
