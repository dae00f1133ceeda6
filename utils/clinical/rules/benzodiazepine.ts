/** Benzodiazepines: opioid co-prescription, OUD medications, long-term review, PTSD. */
import { hasCondition } from '../conditions';
import { conditionEvidence, daysOn, medicationEvidence, medicationPairs, withClass } from './facts';
import type { CurrentMedication, Rule, RuleFacts } from './types';

/**
 * A benzodiazepine paired with an opioid. Buprenorphine and methadone are treatment for opioid use
 * disorder: FDA 2017 says not to withhold them, so that pair gets its own card, never both.
 */
function benzodiazepinePairs(
  facts: RuleFacts,
  partnerClass: 'opioid-analgesic' | 'OUD-agonist',
): Array<[CurrentMedication, CurrentMedication]> {
  // Only these two classes can form a pair; a long list would otherwise pair every drug it holds.
  const candidates = facts.medications.filter(
    (med) => med.drug?.class === 'benzodiazepine' || med.drug?.class === partnerClass,
  );
  const seen = new Set<string>();
  const pairs: Array<[CurrentMedication, CurrentMedication]> = [];
  for (const [a, b] of medicationPairs(candidates)) {
    const benzodiazepine = [a, b].find((med) => med.drug?.class === 'benzodiazepine');
    const partner = [a, b].find((med) => med.drug?.class === partnerClass);
    if (!benzodiazepine || !partner) continue;
    const key = `${benzodiazepine.name}+${partner.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([benzodiazepine, partner]);
  }
  return pairs;
}

function pairFinding(pairs: Array<[CurrentMedication, CurrentMedication]>) {
  return {
    params: { pairs: { list: pairs.map(([a, b]) => `${a.name} + ${b.name}`) } },
    evidence: pairs.flatMap(([a, b]) => [medicationEvidence(a), medicationEvidence(b)]),
  };
}

export const BENZODIAZEPINE_RULES: Rule[] = [
  {
    id: 'benzodiazepine-opioid',
    family: 'benzodiazepine',
    category: 'interaction',
    indicator: 'critical',
    source: {
      label:
        'FDA Drug Safety Communication Aug 31 2016: boxed warning, opioids with benzodiazepines',
      url: 'https://www.fda.gov/Drugs/DrugSafety/ucm518473.htm',
    },
    status: 'verified',
    evaluate(facts) {
      const pairs = benzodiazepinePairs(facts, 'opioid-analgesic');
      return pairs.length > 0 ? pairFinding(pairs) : null;
    },
  },
  {
    id: 'benzodiazepine-oud-medication',
    family: 'benzodiazepine',
    category: 'interaction',
    indicator: 'warning',
    source: {
      label:
        'FDA Drug Safety Communication Sep 20 2017: do not withhold buprenorphine or methadone from patients on benzodiazepines',
      url: 'https://www.fda.gov/Drugs/DrugSafety/ucm575307.htm',
    },
    status: 'verified',
    evaluate(facts) {
      const pairs = benzodiazepinePairs(facts, 'OUD-agonist');
      return pairs.length > 0 ? pairFinding(pairs) : null;
    },
  },
  {
    id: 'benzodiazepine-long-term-review',
    family: 'benzodiazepine',
    category: 'interaction',
    indicator: 'info',
    source: {
      label:
        'Joint clinical practice guideline on benzodiazepine tapering, J Gen Intern Med 2025 (ASAM and 9 societies)',
      url: 'https://pubmed.ncbi.nlm.nih.gov/40526204/',
    },
    status: 'verified',
    thresholds: { reviewDays: 90, taperMinPercent: 5, taperMaxPercent: 10 },
    evaluate(facts) {
      const longTerm = withClass(facts, 'benzodiazepine').find((med) => {
        const days = daysOn(med, facts.now);
        return days !== null && days >= (facts.thresholds.reviewDays ?? 90);
      });
      if (!longTerm) return null;
      return {
        params: {
          drug: longTerm.name,
          min: facts.thresholds.taperMinPercent ?? 5,
          max: facts.thresholds.taperMaxPercent ?? 10,
        },
        evidence: [medicationEvidence(longTerm)],
      };
    },
  },
  {
    id: 'benzodiazepine-ptsd',
    family: 'benzodiazepine',
    category: 'interaction',
    indicator: 'info',
    source: {
      label:
        'VA/DoD PTSD guideline: recommends against benzodiazepines (2023 wording not yet checked)',
      url: 'https://www.healthquality.va.gov/guidelines/MH/ptsd/',
    },
    status: 'unverified',
    evaluate(facts) {
      const benzodiazepine = withClass(facts, 'benzodiazepine')[0];
      if (!benzodiazepine || !hasCondition(facts.context, 'ptsd')) return null;
      return {
        params: { drug: benzodiazepine.name },
        evidence: [medicationEvidence(benzodiazepine), conditionEvidence('ptsd')],
      };
    },
  },
];
