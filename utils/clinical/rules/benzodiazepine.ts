/** Benzodiazepines: opioid co-prescription, OUD medications, long-term review, PTSD. */
import { hasCondition } from '../conditions';
import type { IsoDate } from '../types';
import {
  conditionEvidence,
  daysAgo,
  daysOn,
  isPainBuprenorphine,
  medicationEvidence,
  medicationPairs,
  trendFor,
  uniqueNames,
  withClass,
} from './facts';
import { DOCUMENTS } from './sources';
import type { CurrentMedication, FactsWith, Rule, RuleFacts } from './types';
import { defineRule } from './types';

type MedicationTest = (med: CurrentMedication) => boolean;

const isBenzodiazepine: MedicationTest = (med) => med.drug?.class === 'benzodiazepine';
/** Opioids for pain, pain buprenorphine (patch, Belbuca) included. */
const isPainOpioid: MedicationTest = (med) =>
  med.drug?.class === 'opioid-analgesic' || isPainBuprenorphine(med);
const isOudMedication: MedicationTest = (med) =>
  med.drug?.class === 'OUD-agonist' && !isPainBuprenorphine(med);
const isOpioid: MedicationTest = (med) => med.drug?.tags.includes('opioid') ?? false;
const isGabapentinoidOrZDrug: MedicationTest = (med) =>
  (med.drug?.tags.includes('gabapentinoid') ?? false) || med.drug?.class === 'Z-drug';

/**
 * A depressant paired with an opioid, each pair once. Buprenorphine and methadone for opioid use
 * disorder: FDA 2017 says not to withhold them, so a benzodiazepine with them gets its own card.
 */
function depressantPairs(
  facts: RuleFacts,
  isDepressant: MedicationTest,
  isPartner: MedicationTest,
): Array<[CurrentMedication, CurrentMedication]> {
  // Only these can form a pair; a long list would otherwise pair every drug it holds.
  const candidates = facts.medications.filter((med) => isDepressant(med) || isPartner(med));
  const seen = new Set<string>();
  const pairs: Array<[CurrentMedication, CurrentMedication]> = [];
  for (const [a, b] of medicationPairs(candidates)) {
    const depressant = isDepressant(a) ? a : isDepressant(b) ? b : null;
    const partner = depressant === a ? b : a;
    if (!depressant || !isPartner(partner)) continue;
    const key = `${depressant.name}+${partner.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([depressant, partner]);
  }
  return pairs;
}

/** A positive AUDIT-C in the past year: at least 4 (men) or 3 (women) (reference A6). */
function positiveAuditC(
  facts: FactsWith<Record<'auditRecentDays' | 'auditPositiveFemale' | 'auditPositiveMale', number>>,
): { score: number; date: IsoDate } | null {
  const audit = trendFor(facts, 'AUDIT-C');
  const latest = audit?.latest;
  if (!latest || latest.date < daysAgo(facts.now, facts.thresholds.auditRecentDays)) return null;
  const cutoff =
    facts.context.identity.sex === 'female'
      ? facts.thresholds.auditPositiveFemale
      : facts.thresholds.auditPositiveMale;
  return latest.score >= cutoff ? { score: latest.score, date: latest.date } : null;
}

function pairFinding(pairs: Array<[CurrentMedication, CurrentMedication]>) {
  return {
    params: { pairs: { list: pairs.map(([a, b]) => `${a.name} + ${b.name}`) } },
    evidence: pairs.flatMap(([a, b]) => [medicationEvidence(a), medicationEvidence(b)]),
  };
}

/** A verified FDA pair rule: one card naming every depressant–partner pair. */
function depressantPairRule(
  id: string,
  indicator: Rule['indicator'],
  source: Rule['source'],
  isDepressant: MedicationTest,
  isPartner: MedicationTest,
): Rule {
  return defineRule({
    id,
    family: 'benzodiazepine',
    category: 'interaction',
    indicator,
    source,
    status: 'verified',
    evaluate(facts) {
      const pairs = depressantPairs(facts, isDepressant, isPartner);
      return pairs.length > 0 ? pairFinding(pairs) : null;
    },
  });
}

export const BENZODIAZEPINE_RULES: Rule[] = [
  depressantPairRule(
    'gabapentinoid-or-z-drug-with-opioid',
    'warning',
    {
      label:
        'FDA Drug Safety Communication Dec 19 2019: gabapentinoids with opioids or other CNS depressants — serious breathing problems; Z-drug labels (reference D4)',
      url: DOCUMENTS.fdaGabapentinoids2019,
    },
    isGabapentinoidOrZDrug,
    isOpioid,
  ),

  defineRule({
    id: 'alcohol-with-sedatives',
    family: 'benzodiazepine',
    category: 'interaction',
    indicator: 'warning',
    source: {
      label:
        'Opioid and benzodiazepine boxed warnings (FDA 2016): CNS depressants including alcohol; positive AUDIT-C (reference A6, D4)',
      url: DOCUMENTS.fdaOpioidBenzodiazepine2016,
    },
    status: 'verified',
    thresholds: { auditPositiveMale: 4, auditPositiveFemale: 3, auditRecentDays: 365 },
    evaluate(facts) {
      const audit = positiveAuditC(facts);
      if (!audit) return null;
      const sedatives = facts.medications.filter(
        (med) => isOpioid(med) || isBenzodiazepine(med) || isGabapentinoidOrZDrug(med),
      );
      if (sedatives.length === 0) return null;
      return {
        params: { score: audit.score, drugs: { list: uniqueNames(sedatives) } },
        evidence: [
          {
            key: 'ruleEvidenceScore',
            params: { instrument: 'AUDIT-C', score: audit.score, date: { date: audit.date } },
          },
          ...sedatives.map(medicationEvidence),
        ],
      };
    },
  }),
  depressantPairRule(
    'benzodiazepine-opioid',
    'critical',
    {
      label:
        'FDA Drug Safety Communication Aug 31 2016: boxed warning, opioids with benzodiazepines',
      url: DOCUMENTS.fdaOpioidBenzodiazepine2016,
    },
    isBenzodiazepine,
    isPainOpioid,
  ),

  depressantPairRule(
    'benzodiazepine-oud-medication',
    'warning',
    {
      label:
        'FDA Drug Safety Communication Sep 20 2017: do not withhold buprenorphine or methadone from patients on benzodiazepines',
      url: 'https://www.fda.gov/Drugs/DrugSafety/ucm575307.htm',
    },
    isBenzodiazepine,
    isOudMedication,
  ),

  defineRule({
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
        return days !== null && days >= facts.thresholds.reviewDays;
      });
      if (!longTerm) return null;
      return {
        params: {
          drug: longTerm.name,
          min: facts.thresholds.taperMinPercent,
          max: facts.thresholds.taperMaxPercent,
        },
        evidence: [medicationEvidence(longTerm)],
      };
    },
  }),
  defineRule({
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
  }),
];
