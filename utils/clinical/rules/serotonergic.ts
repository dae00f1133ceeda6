/**
 * Serotonin syndrome combinations. Every unordered pair of current medications is classified
 * once, by the most specific rule that applies, so one pair never yields two cards (one per
 * direction, or a generic card beside a specific one).
 */

import { daysBetween } from '../dates';
import { isSleepDose, medicationEvidence, recentlyStopped } from './facts';
import { LABELS } from './sources';
import type { CurrentMedication, EvidenceLine, MessageParam, Rule, RuleFacts } from './types';
import { defineRule } from './types';

type PairRule =
  | 'serotonergic-linezolid-methylene-blue'
  | 'serotonergic-maoi-combination'
  | 'serotonergic-antidepressant-combination'
  | 'serotonergic-opioid'
  | 'serotonergic-triptan'
  | 'serotonergic-other-combination';

const SEROTONERGIC_OPIOIDS = ['tramadol', 'fentanyl', 'meperidine', 'tapentadol'];

/**
 * Partners the MAOI labels contraindicate beyond serotonergic drugs (reference D3): stimulants and
 * sympathomimetics (hypertensive crisis), atomoxetine, and methadone.
 */
const MAOI_NON_SEROTONERGIC_PARTNERS = ['atomoxetine', 'methadone'];
const MAOI_PARTNER_CLASSES = ['stimulant', 'sympathomimetic'];

const has = (med: CurrentMedication, tag: string) => med.drug?.tags.includes(tag as never) ?? false;
const drugClass = (med: CurrentMedication) => med.drug?.class ?? med.entry.class;

/** What the pair rules ask of one medication, read once rather than once per pair. */
interface SerotonergicProfile {
  med: CurrentMedication;
  maoInhibitor: boolean;
  /** Linezolid and methylene blue: MAO inhibitors that are not psychiatric MAOIs. */
  nonPsychiatricMaoInhibitor: boolean;
  serotonergic: boolean;
  serotonergicAntidepressant: boolean;
  ssriOrSnri: boolean;
  triptan: boolean;
  serotonergicOpioid: boolean;
  bupropion: boolean;
  /** Contraindicated with an MAOI though not serotonergic: stimulants, sympathomimetics, … */
  maoiOnlyPartner: boolean;
  /** A serotonergic antidepressant at an antidepressant dose (not trazodone for sleep). */
  antidepressantDose: boolean;
  /** The label's list of "other serotonergic drugs": non-antidepressants and the tricyclics. */
  otherSerotonergic: boolean;
}

function profileOf(med: CurrentMedication): SerotonergicProfile {
  const value = drugClass(med);
  const maoInhibitor = has(med, 'maoi');
  const serotonergic = has(med, 'serotonergic');
  const antidepressant = has(med, 'antidepressant');
  return {
    med,
    maoInhibitor,
    nonPsychiatricMaoInhibitor: maoInhibitor && value !== 'MAOI',
    serotonergic,
    serotonergicAntidepressant: antidepressant && serotonergic,
    ssriOrSnri: value === 'SSRI' || value === 'SNRI',
    triptan: value === 'triptan',
    serotonergicOpioid: SEROTONERGIC_OPIOIDS.includes(med.name),
    bupropion: med.name === 'bupropion',
    maoiOnlyPartner:
      MAOI_NON_SEROTONERGIC_PARTNERS.includes(med.name) ||
      (value !== null && MAOI_PARTNER_CLASSES.includes(value)),
    antidepressantDose: antidepressant && serotonergic && !maoInhibitor && !isSleepDose(med),
    otherSerotonergic: serotonergic && (!antidepressant || value === 'TCA'),
  };
}

const canCombine = (med: SerotonergicProfile) =>
  med.maoInhibitor ||
  med.maoiOnlyPartner ||
  med.serotonergic ||
  med.bupropion ||
  med.serotonergicOpioid ||
  med.triptan ||
  med.ssriOrSnri;

const maoiPartner = (med: SerotonergicProfile) =>
  med.serotonergic || med.maoInhibitor || med.bupropion || med.maoiOnlyPartner;

/** The most specific rule first; within a rule, either drug of the pair may play either part. */
function classifyProfiles(a: SerotonergicProfile, b: SerotonergicProfile): PairRule | null {
  if (
    (a.nonPsychiatricMaoInhibitor && b.serotonergicAntidepressant) ||
    (b.nonPsychiatricMaoInhibitor && a.serotonergicAntidepressant)
  ) {
    return 'serotonergic-linezolid-methylene-blue';
  }
  if ((a.maoInhibitor && maoiPartner(b)) || (b.maoInhibitor && maoiPartner(a))) {
    return 'serotonergic-maoi-combination';
  }
  if (a.antidepressantDose && b.antidepressantDose) {
    return 'serotonergic-antidepressant-combination';
  }
  if (a.serotonergicOpioid && b.serotonergicAntidepressant) return 'serotonergic-opioid';
  if (a.triptan && b.ssriOrSnri) return 'serotonergic-triptan';
  if (b.serotonergicOpioid && a.serotonergicAntidepressant) return 'serotonergic-opioid';
  if (b.triptan && a.ssriOrSnri) return 'serotonergic-triptan';
  if (
    (a.serotonergicAntidepressant && b.otherSerotonergic) ||
    (b.serotonergicAntidepressant && a.otherSerotonergic)
  ) {
    return 'serotonergic-other-combination';
  }
  return null;
}

/** The one rule a pair belongs to, or null when the pair is not a serotonergic combination. */
export function classifySerotonergicPair(
  a: CurrentMedication,
  b: CurrentMedication,
): PairRule | null {
  return classifyProfiles(profileOf(a), profileOf(b));
}

type Pairs = Array<[CurrentMedication, CurrentMedication]>;

/**
 * Every pair classified once per medication list, for all five rules together: a long list has
 * hundreds of pairs, and each rule asking on its own would classify them all again.
 */
const pairsByMedications = new WeakMap<CurrentMedication[], Map<PairRule, Pairs>>();

function classifyPairs(medications: CurrentMedication[]): Map<PairRule, Pairs> {
  const cached = pairsByMedications.get(medications);
  if (cached) return cached;
  // A drug that can take no part in any of the combinations need not be paired with every other.
  const profiles = medications.map(profileOf).filter(canCombine);
  const byRule = new Map<PairRule, Pairs>();
  // A drug listed twice (a refill, a second strength) would make the same pair twice.
  const seen = new Set<string>();
  for (let i = 0; i < profiles.length; i += 1) {
    const a = profiles[i] as SerotonergicProfile;
    for (let j = i + 1; j < profiles.length; j += 1) {
      const b = profiles[j] as SerotonergicProfile;
      if (a.med.name === b.med.name) continue;
      const rule = classifyProfiles(a, b);
      if (!rule) continue;
      const ordered: [CurrentMedication, CurrentMedication] =
        a.med.name < b.med.name ? [a.med, b.med] : [b.med, a.med];
      const key = `${ordered[0].name}+${ordered[1].name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pairs = byRule.get(rule);
      if (pairs) pairs.push(ordered);
      else byRule.set(rule, [ordered]);
    }
  }
  pairsByMedications.set(medications, byRule);
  return byRule;
}

function pairsFor(facts: RuleFacts, rule: PairRule): Pairs {
  return classifyPairs(facts.medications).get(rule) ?? [];
}

/**
 * Beyond this many pairs the detail names each drug once with the number of combinations: a
 * regimen with several MAOIs or serotonergic drugs makes dozens of pairs, and a list of them all
 * is too long to read. Every drug is still named, in the detail and in the evidence.
 */
const PAIRS_NAMED_ONE_BY_ONE = 6;

function pairsParam(pairs: Pairs, drugs: CurrentMedication[]): MessageParam {
  if (pairs.length <= PAIRS_NAMED_ONE_BY_ONE) {
    return { list: pairs.map(([a, b]) => `${a.name} + ${b.name}`) };
  }
  return {
    message: 'ruleSerotonergicCombinationsAmong',
    params: { count: pairs.length, drugs: { list: [...new Set(drugs.map((med) => med.name))] } },
  };
}

function pairRule(
  id: PairRule,
  indicator: Rule['indicator'],
  status: Rule['status'],
  source: Rule['source'],
): Rule {
  return defineRule({
    id,
    family: 'serotonergic',
    category: 'interaction',
    indicator,
    source,
    status,
    evaluate(facts) {
      const pairs = pairsFor(facts, id);
      const first = pairs[0];
      if (!first) return null;
      const named = new Set<CurrentMedication>();
      for (const [a, b] of pairs) named.add(a).add(b);
      const drugs = [...named];
      return {
        params: { pairs: pairsParam(pairs, drugs), drugA: first[0].name, drugB: first[1].name },
        // Each drug once, however many pairs it is in: the pairs are named in the detail.
        evidence: drugs.map(medicationEvidence),
      };
    },
  });
}

export const SEROTONERGIC_RULES: Rule[] = [
  pairRule('serotonergic-linezolid-methylene-blue', 'critical', 'verified', {
    label:
      'FDA Drug Safety Communications 2011: linezolid and methylene blue with serotonergic psychiatric drugs',
    url: 'https://www.fda.gov/Drugs/DrugSafety/ucm276251.htm',
  }),
  pairRule('serotonergic-maoi-combination', 'critical', 'verified', {
    label:
      'MAOI labels (phenelzine): contraindicated with serotonergic drugs, bupropion, stimulants and sympathomimetics, atomoxetine, dextromethorphan, meperidine, tramadol, tapentadol, methadone (reference D3)',
    url: LABELS.phenelzine,
  }),
  pairRule('serotonergic-antidepressant-combination', 'warning', 'secondary', {
    label:
      'Mirtazapine/SSRI prescribing information §5.3: serotonin syndrome with other serotonergic drugs, two serotonergic antidepressants included',
    url: LABELS.mirtazapine,
  }),
  pairRule('serotonergic-opioid', 'warning', 'verified', {
    label:
      'Mirtazapine/SSRI prescribing information §5.3: tramadol, fentanyl and other serotonergic drugs',
    url: LABELS.mirtazapine,
  }),
  pairRule('serotonergic-triptan', 'info', 'verified', {
    label:
      'AHS position paper 2010 (Evans, Headache): triptan + SSRI/SNRI risk low; not a hard stop',
    url: 'https://doi.org/10.1111/j.1526-4610.2010.01691.x',
  }),
  pairRule('serotonergic-other-combination', 'info', 'verified', {
    label:
      'Mirtazapine/SSRI prescribing information §5.3: TCAs, lithium, buspirone, amphetamines, St John’s wort',
    url: LABELS.mirtazapine,
  }),
  defineRule({
    id: 'maoi-washout',
    family: 'serotonergic',
    category: 'interaction',
    indicator: 'critical',
    source: {
      label:
        'MAOI labels: 5 weeks after fluoxetine, 2 weeks after other SSRIs, SNRIs and TCAs (3 after vortioxetine), 2 weeks after an MAOI before any serotonergic drug or bupropion (reference D3)',
      url: LABELS.phenelzine,
    },
    status: 'verified',
    thresholds: {
      afterFluoxetineDays: 35,
      afterVortioxetineDays: 21,
      afterAntidepressantDays: 14,
      afterMaoiDays: 14,
    },
    evaluate(facts) {
      const th = facts.thresholds;
      const longest = Math.max(
        th.afterFluoxetineDays,
        th.afterVortioxetineDays,
        th.afterAntidepressantDays,
        th.afterMaoiDays,
      );
      const stopped = recentlyStopped(facts.context, facts.now, longest);
      if (stopped.length === 0) return null;
      const current = facts.medications.map(profileOf);
      const currentMaoi = current.find(
        (med) => med.maoInhibitor && !med.nonPsychiatricMaoInhibitor,
      );
      const currentNames = new Set(current.map((med) => med.med.name));
      const evidence: EvidenceLine[] = [];
      const named = new Set<CurrentMedication>();
      for (const { drug, end } of stopped) {
        if (currentNames.has(drug.ingredient)) continue;
        const days = daysBetween(end, facts.now);
        const washout =
          drug.ingredient === 'fluoxetine'
            ? th.afterFluoxetineDays
            : drug.ingredient === 'vortioxetine'
              ? th.afterVortioxetineDays
              : ['SSRI', 'SNRI', 'TCA'].includes(drug.class)
                ? th.afterAntidepressantDays
                : drug.class === 'MAOI'
                  ? th.afterMaoiDays
                  : 0;
        if (days >= washout) continue;
        const partner =
          drug.class === 'MAOI'
            ? current.find((med) => maoiPartner(med) && !med.maoInhibitor)
            : currentMaoi;
        if (!partner) continue;
        named.add(partner.med);
        evidence.push({
          key: 'ruleEvidenceStoppedWithinWashout',
          params: { drug: drug.ingredient, date: { date: end }, washout },
        });
      }
      if (evidence.length === 0) return null;
      const drugs = [...named];
      return {
        params: { drugs: { list: drugs.map((med) => med.name) } },
        evidence: [...drugs.map(medicationEvidence), ...evidence],
      };
    },
  }),
];
