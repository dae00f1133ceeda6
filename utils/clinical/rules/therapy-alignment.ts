/**
 * Therapy–medication alignment: a therapy that should come first (CBT-I), a drug that can blunt a
 * therapy (PRN benzodiazepines in exposure work), and diagnoses whose first-line care is a therapy.
 */
import { type ConditionGroup, conditionsInGroup, hasCondition } from '../conditions';
import { parseIsoDate } from '../dates';
import type { TherapyModality } from '../types';
import {
  conditionEvidence,
  daysAgo,
  firstCondition,
  medicationEvidence,
  noTherapyEvidence,
  therapiesOf,
  withClass,
  withTag,
} from './facts';
import { DOCUMENTS } from './sources';
import type { CurrentMedication, EvidenceLine, Rule, RuleFacts } from './types';
import { defineRule } from './types';

// Read only to decide; the line itself is never copied into a card.
const FOR_SLEEP = /\b(?:sleep|insomnia)\b/i;

/** Hypnotics, and any other drug the medication line says is taken for sleep. */
function sleepMedications(facts: RuleFacts): CurrentMedication[] {
  return facts.medications.filter(
    (med) => med.drug?.tags.includes('hypnotic') || FOR_SLEEP.test(med.entry.text),
  );
}

function hasTherapy(facts: RuleFacts, modalities: TherapyModality[], sinceDays?: number): boolean {
  const since = sinceDays === undefined ? null : daysAgo(facts.now, sinceDays);
  return therapiesOf(facts.context, modalities).some((therapy) => {
    if (since === null || therapy.status === 'scheduled') return true;
    const date = therapy.date ? parseIsoDate(therapy.date) : null;
    return date !== null && date >= since;
  });
}

function therapyRule(options: {
  id: string;
  indicator: Rule['indicator'];
  status: Rule['status'];
  source: Rule['source'];
  groups: ConditionGroup[];
  modalities: TherapyModality[];
}): Rule {
  return defineRule({
    id: options.id,
    family: 'therapy-alignment',
    category: 'therapy-alignment',
    indicator: options.indicator,
    source: options.source,
    status: options.status,
    evaluate(facts) {
      const group = firstCondition(facts.context, options.groups);
      if (!group || hasTherapy(facts, options.modalities)) return null;
      return {
        params: { modalities: { list: options.modalities } },
        evidence: [conditionEvidence(group), noTherapyEvidence(options.modalities)],
      };
    },
  });
}

const EXPOSURE_GROUPS: ConditionGroup[] = ['panic', 'agoraphobia', 'ptsd'];

export const THERAPY_ALIGNMENT_RULES: Rule[] = [
  defineRule({
    id: 'insomnia-without-cbt-i',
    family: 'therapy-alignment',
    category: 'therapy-alignment',
    indicator: 'warning',
    source: {
      label:
        'ACP guideline (Qaseem 2016, Ann Intern Med 165:125): CBT-I is the initial treatment for chronic insomnia',
      url: 'https://doi.org/10.7326/M15-2175',
    },
    status: 'verified',
    evaluate(facts) {
      const sleepDrugs = sleepMedications(facts);
      const insomnia = hasCondition(facts.context, 'insomnia');
      if ((!insomnia && sleepDrugs.length === 0) || hasTherapy(facts, ['CBT-I'])) return null;
      const evidence: EvidenceLine[] = sleepDrugs.map(medicationEvidence);
      if (insomnia) evidence.unshift(conditionEvidence('insomnia'));
      evidence.push(noTherapyEvidence(['CBT-I']));
      return { evidence };
    },
  }),
  defineRule({
    id: 'prn-benzodiazepine-during-exposure',
    family: 'therapy-alignment',
    category: 'therapy-alignment',
    indicator: 'warning',
    source: {
      label:
        'PRN benzodiazepines predict poorer CBT gains in panic (Westra 2002); context-dependent extinction (Otto 2005)',
      url: DOCUMENTS.westra2002,
    },
    status: 'verified',
    thresholds: { recentTherapyDays: 90 },
    evaluate(facts) {
      const prn = withClass(facts, 'benzodiazepine').filter((med) => med.entry.prn);
      const group = firstCondition(facts.context, EXPOSURE_GROUPS);
      const recent = facts.thresholds.recentTherapyDays;
      // CBT counts as exposure work only for the disorders where exposure is its core.
      const exposure =
        hasTherapy(facts, ['exposure', 'PE'], recent) ||
        (group !== null && hasTherapy(facts, ['CBT'], recent));
      if (prn.length === 0 || !exposure) return null;
      const evidence: EvidenceLine[] = [
        ...prn.map(medicationEvidence),
        { key: 'ruleEvidenceExposureTherapy' },
      ];
      if (group) evidence.push(conditionEvidence(group));
      return { params: { drug: prn[0]?.name ?? '' }, evidence };
    },
  }),
  therapyRule({
    id: 'bipolar-without-psychosocial-therapy',
    indicator: 'info',
    status: 'verified',
    source: {
      label:
        'IPSRT (Frank 2005, Arch Gen Psychiatry); STEP-BD intensive psychotherapy (Miklowitz 2007)',
      url: 'https://doi.org/10.1001/archpsyc.64.4.419',
    },
    groups: ['bipolar'],
    modalities: ['IPSRT', 'FFT', 'CBT', 'family'],
  }),
  therapyRule({
    id: 'stimulant-use-without-contingency-management',
    indicator: 'info',
    status: 'secondary',
    source: {
      label:
        'ASAM/AAAP stimulant use disorder guideline 2023: contingency management has the strongest evidence',
      url: 'https://www.asam.org/quality-care/clinical-guidelines/stimulant-use-disorders',
    },
    groups: ['stimulant-use-disorder'],
    modalities: ['CM'],
  }),
  defineRule({
    id: 'self-harm-without-dbt-or-spi',
    family: 'therapy-alignment',
    category: 'therapy-alignment',
    indicator: 'warning',
    source: {
      label:
        'VA/DoD suicide risk guideline 2024: DBT after recent self-directed violence; Stanley–Brown SPI',
      url: 'https://www.healthquality.va.gov/guidelines/MH/srb/',
    },
    status: 'secondary',
    thresholds: { recentDays: 365 },
    evaluate(facts) {
      const since = daysAgo(facts.now, facts.thresholds.recentDays);
      const recent = conditionsInGroup(facts.context, 'self-harm').some((condition) => {
        const onset = condition.onsetDate ? parseIsoDate(condition.onsetDate) : null;
        return onset !== null ? onset >= since : condition.status === 'active';
      });
      if (!recent || hasTherapy(facts, ['DBT', 'SPI']) || facts.safetyPlanStatus === 'complete')
        return null;
      return { evidence: [conditionEvidence('self-harm'), noTherapyEvidence(['DBT', 'SPI'])] };
    },
  }),
  defineRule({
    id: 'ptsd-medication-without-trauma-therapy',
    family: 'therapy-alignment',
    category: 'therapy-alignment',
    indicator: 'info',
    source: {
      label:
        'VA/DoD PTSD guideline 2023: trauma-focused psychotherapy (PE, CPT, EMDR) over medication',
      url: 'https://www.healthquality.va.gov/guidelines/MH/ptsd/',
    },
    status: 'verified',
    evaluate(facts) {
      if (!hasCondition(facts.context, 'ptsd')) return null;
      const drug = withTag(facts, 'antidepressant')[0];
      const modalities: TherapyModality[] = ['PE', 'CPT', 'EMDR'];
      if (!drug || hasTherapy(facts, modalities)) return null;
      return {
        params: { drug: drug.name },
        evidence: [
          conditionEvidence('ptsd'),
          medicationEvidence(drug),
          noTherapyEvidence(modalities),
        ],
      };
    },
  }),
];
