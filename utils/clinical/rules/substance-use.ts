/** Substance use: naloxone, OUD baseline work-up, urine drug testing, naltrexone overdose risk. */
import { hasCondition } from '../conditions';
import {
  conditionEvidence,
  daysAgo,
  isOverdue,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  oudMedications,
  startOf,
  withClass,
  withIngredient,
} from './facts';
import { LABELS } from './sources';
import { defineRule, type EvidenceLine, messageKey, type Rule, type RuleFacts } from './types';

const ASAM_2020 = {
  label:
    'ASAM National Practice Guideline for OUD, 2020 Focused Update: baseline HCV, HIV, urine drug testing',
  url: 'https://www.asam.org/quality-care/clinical-guidelines/national-practice-guideline',
};

/** Standalone naloxone: the naloxone inside buprenorphine-naloxone is not a rescue dose. */
function hasRescueNaloxone(facts: RuleFacts): boolean {
  return facts.medications.some((med) => med.name === 'naloxone');
}

/** Evidence that the patient is in OUD treatment: the diagnosis or an OUD medication. */
function oudEvidence(facts: RuleFacts): EvidenceLine[] {
  const evidence: EvidenceLine[] = oudMedications(facts).map(medicationEvidence);
  if (hasCondition(facts.context, 'opioid-use-disorder')) {
    evidence.push(conditionEvidence('opioid-use-disorder'));
    evidence.push(...withIngredient(facts, 'naltrexone').map(medicationEvidence));
  }
  return evidence;
}

export const SUBSTANCE_USE_RULES: Rule[] = [
  defineRule({
    id: 'naloxone-with-opioids',
    family: 'substance-use',
    category: 'substance-use',
    indicator: 'warning',
    source: {
      label:
        'FDA July 23 2020: discuss naloxone and assess the need for it with opioids and OUD medications',
      url: 'https://www.fda.gov/drugs/fda-drug-safety-podcasts/fda-recommends-health-care-professionals-discuss-naloxone-all-patients-when-prescribing-opioid-pain',
    },
    status: 'verified',
    evaluate(facts) {
      const opioids = withClass(facts, 'opioid-analgesic', 'OUD-agonist');
      if (opioids.length === 0 || hasRescueNaloxone(facts)) return null;
      return {
        params: { drugs: { list: [...new Set(opioids.map((med) => med.name))] } },
        evidence: [...opioids.map(medicationEvidence), { key: 'ruleEvidenceNoNaloxone' }],
      };
    },
  }),
  defineRule({
    id: 'naltrexone-overdose-risk',
    family: 'substance-use',
    category: 'substance-use',
    indicator: 'warning',
    source: {
      label:
        'Vivitrol prescribing information (12/2025): overdose risk after stopping, late in the interval or a missed dose',
      url: LABELS.naltrexoneExtendedRelease,
    },
    status: 'verified',
    evaluate(facts) {
      const naltrexone = withIngredient(facts, 'naltrexone')[0];
      // A reversal agent on the list is what the label asks for: the card has done its work.
      if (!naltrexone || hasRescueNaloxone(facts)) return null;
      return { evidence: [medicationEvidence(naltrexone), { key: 'ruleEvidenceNoNaloxone' }] };
    },
  }),
  defineRule({
    id: 'oud-infection-screening',
    family: 'substance-use',
    category: 'substance-use',
    indicator: 'info',
    source: ASAM_2020,
    status: 'secondary',
    evaluate(facts) {
      const evidence = oudEvidence(facts);
      if (evidence.length === 0) return null;
      const missing = (['hcv', 'hiv'] as const).filter(
        (kind) => latestMonitoring(facts.context, [kind], facts.now) === null,
      );
      if (missing.length === 0) return null;
      return {
        params: { labs: { messageList: missing.map((kind) => messageKey('ruleLab', kind)) } },
        evidence: [...evidence, ...missing.map((kind) => labEvidence(kind, null))],
      };
    },
  }),
  defineRule({
    id: 'oud-urine-drug-testing',
    family: 'substance-use',
    category: 'substance-use',
    indicator: 'info',
    source: ASAM_2020,
    status: 'secondary',
    thresholds: { baselineWindowDays: 30, stableIntervalDays: 90 },
    evaluate(facts) {
      const evidence = oudEvidence(facts);
      if (evidence.length === 0) return null;
      const starts = oudMedications(facts)
        .map(startOf)
        .filter((date): date is string => date !== null)
        .sort();
      const firstStart = starts[0];
      const since = firstStart ? daysAgo(firstStart, facts.thresholds.baselineWindowDays) : null;
      const latest = latestMonitoring(facts.context, ['urine-drug-screen'], facts.now);
      // At the start, then periodically: at least quarterly in stable treatment (ASAM 2020).
      if (!isOverdue(latest, facts.now, facts.thresholds.stableIntervalDays, since)) return null;
      return {
        params: { months: Math.round(facts.thresholds.stableIntervalDays / 30) },
        evidence: [...evidence, labEvidence('urine-drug-screen', latest)],
      };
    },
  }),
];
