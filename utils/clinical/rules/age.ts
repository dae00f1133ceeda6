/** Age-related warnings: antidepressant and ADHD non-stimulant boxed warnings in the young; Beers in older adults. */
import {
  ageEvidence,
  daysOn,
  medicationEvidence,
  withClass,
  withIngredient,
  withTag,
} from './facts';
import { LABELS } from './sources';
import type { CurrentMedication, Rule } from './types';
import { defineRule } from './types';

const BEERS_2023 = {
  label: 'AGS Beers Criteria 2023 (J Am Geriatr Soc, doi:10.1111/jgs.18372)',
  url: 'https://doi.org/10.1111/jgs.18372',
};

/** Beers lists doxepin only above 6 mg/day; with an unknown dose it is not flagged. */
function isBeersAnticholinergic(med: CurrentMedication, doxepinMaxMg: number): boolean {
  if (!med.drug?.tags.includes('strongly-anticholinergic')) return false;
  if (med.name !== 'doxepin') return true;
  return med.entry.dailyDoseMg !== null && med.entry.dailyDoseMg > doxepinMaxMg;
}

export const AGE_RULES: Rule[] = [
  defineRule({
    id: 'antidepressant-young-person-monitoring',
    family: 'age',
    category: 'interaction',
    indicator: 'warning',
    source: {
      label:
        'FDA antidepressant boxed warning (2004; ages 18–24 added 2007): monitor closely in the first 1–2 months',
      url: LABELS.mirtazapine,
    },
    status: 'verified',
    thresholds: { maxAge: 24, monitoringDays: 60 },
    evaluate(facts) {
      if (facts.age === null || facts.age > facts.thresholds.maxAge) return null;
      const recent = withTag(facts, 'antidepressant').find((med) => {
        const days = daysOn(med, facts.now);
        return days !== null && days <= facts.thresholds.monitoringDays;
      });
      if (!recent) return null;
      return {
        params: { drug: recent.name, age: facts.age },
        evidence: [medicationEvidence(recent), ageEvidence(facts.age)],
      };
    },
  }),
  defineRule({
    id: 'adhd-non-stimulant-youth-suicidality',
    family: 'age',
    category: 'interaction',
    indicator: 'warning',
    source: {
      label:
        'Atomoxetine and viloxazine (Qelbree) boxed warnings: suicidal thoughts in children and adolescents',
      url: LABELS.atomoxetine,
    },
    status: 'secondary',
    thresholds: { maxAge: 17 },
    evaluate(facts) {
      if (facts.age === null || facts.age > facts.thresholds.maxAge) return null;
      const drug = withIngredient(facts, 'atomoxetine', 'viloxazine')[0];
      if (!drug) return null;
      return {
        params: { drug: drug.name, age: facts.age },
        evidence: [medicationEvidence(drug), ageEvidence(facts.age)],
      };
    },
  }),
  defineRule({
    id: 'beers-benzodiazepine-z-drug',
    family: 'age',
    category: 'interaction',
    indicator: 'warning',
    source: BEERS_2023,
    status: 'verified',
    thresholds: { minAge: 65 },
    evaluate(facts) {
      if (facts.age === null || facts.age < facts.thresholds.minAge) return null;
      const drugs = withClass(facts, 'benzodiazepine', 'Z-drug');
      if (drugs.length === 0) return null;
      return {
        params: { drugs: { list: [...new Set(drugs.map((med) => med.name))] }, age: facts.age },
        evidence: [...drugs.map(medicationEvidence), ageEvidence(facts.age)],
      };
    },
  }),
  defineRule({
    id: 'beers-anticholinergic',
    family: 'age',
    category: 'interaction',
    indicator: 'warning',
    source: BEERS_2023,
    status: 'verified',
    thresholds: { minAge: 65, doxepinMaxMg: 6 },
    evaluate(facts) {
      if (facts.age === null || facts.age < facts.thresholds.minAge) return null;
      const drugs = facts.medications.filter((med) =>
        isBeersAnticholinergic(med, facts.thresholds.doxepinMaxMg),
      );
      if (drugs.length === 0) return null;
      return {
        params: { drugs: { list: [...new Set(drugs.map((med) => med.name))] }, age: facts.age },
        evidence: [...drugs.map(medicationEvidence), ageEvidence(facts.age)],
      };
    },
  }),
];
