/**
 * Serotonin syndrome combinations. Every unordered pair of current medications is classified
 * once, by the most specific rule that applies, so one pair never yields two cards (one per
 * direction, or a generic card beside a specific one).
 */
import { medicationEvidence, medicationPairs } from './facts';
import type { CurrentMedication, Rule, RuleFacts } from './types';

type PairRule =
  | 'serotonergic-linezolid-methylene-blue'
  | 'serotonergic-maoi-combination'
  | 'serotonergic-opioid'
  | 'serotonergic-triptan'
  | 'serotonergic-other-combination';

const SEROTONERGIC_OPIOIDS = ['tramadol', 'fentanyl', 'meperidine', 'tapentadol'];

const has = (med: CurrentMedication, tag: string) => med.drug?.tags.includes(tag as never) ?? false;
const drugClass = (med: CurrentMedication) => med.drug?.class ?? med.entry.class;
const isNonPsychiatricMaoInhibitor = (med: CurrentMedication) =>
  has(med, 'maoi') && drugClass(med) !== 'MAOI';
const isSerotonergicAntidepressant = (med: CurrentMedication) =>
  has(med, 'antidepressant') && has(med, 'serotonergic');
const isSsriOrSnri = (med: CurrentMedication) => {
  const value = drugClass(med);
  return value === 'SSRI' || value === 'SNRI';
};

/** The one rule a pair belongs to, or null when the pair is not a serotonergic combination. */
export function classifySerotonergicPair(
  a: CurrentMedication,
  b: CurrentMedication,
): PairRule | null {
  for (const [first, second] of [
    [a, b],
    [b, a],
  ] as const) {
    if (isNonPsychiatricMaoInhibitor(first) && isSerotonergicAntidepressant(second)) {
      return 'serotonergic-linezolid-methylene-blue';
    }
  }
  for (const [first, second] of [
    [a, b],
    [b, a],
  ] as const) {
    if (
      has(first, 'maoi') &&
      (has(second, 'serotonergic') || has(second, 'maoi') || second.name === 'bupropion')
    ) {
      return 'serotonergic-maoi-combination';
    }
  }
  for (const [first, second] of [
    [a, b],
    [b, a],
  ] as const) {
    if (SEROTONERGIC_OPIOIDS.includes(first.name) && isSerotonergicAntidepressant(second)) {
      return 'serotonergic-opioid';
    }
    if (drugClass(first) === 'triptan' && isSsriOrSnri(second)) return 'serotonergic-triptan';
  }
  for (const [first, second] of [
    [a, b],
    [b, a],
  ] as const) {
    // The label's list of "other serotonergic drugs": non-antidepressants and the tricyclics.
    const otherSerotonergic =
      has(second, 'serotonergic') &&
      (!has(second, 'antidepressant') || drugClass(second) === 'TCA');
    if (isSerotonergicAntidepressant(first) && otherSerotonergic)
      return 'serotonergic-other-combination';
  }
  return null;
}

function pairsFor(facts: RuleFacts, rule: PairRule): Array<[CurrentMedication, CurrentMedication]> {
  const seen = new Set<string>();
  const pairs: Array<[CurrentMedication, CurrentMedication]> = [];
  for (const [a, b] of medicationPairs(facts.medications)) {
    if (classifySerotonergicPair(a, b) !== rule) continue;
    const key = [a.name, b.name].sort().join('+');
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(a.name < b.name ? [a, b] : [b, a]);
  }
  return pairs;
}

function pairRule(
  id: PairRule,
  indicator: Rule['indicator'],
  status: Rule['status'],
  source: Rule['source'],
): Rule {
  return {
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
      return {
        params: {
          pairs: { list: pairs.map(([a, b]) => `${a.name} + ${b.name}`) },
          drugA: first[0].name,
          drugB: first[1].name,
        },
        evidence: pairs.flatMap(([a, b]) => [medicationEvidence(a), medicationEvidence(b)]),
      };
    },
  };
}

export const SEROTONERGIC_RULES: Rule[] = [
  pairRule('serotonergic-linezolid-methylene-blue', 'critical', 'verified', {
    label:
      'FDA Drug Safety Communications 2011: linezolid and methylene blue with serotonergic psychiatric drugs',
    url: 'https://www.fda.gov/Drugs/DrugSafety/ucm276251.htm',
  }),
  pairRule('serotonergic-maoi-combination', 'critical', 'secondary', {
    label:
      'MAOI labels: contraindicated with SSRIs, SNRIs and other serotonergic drugs; 14-day washout',
    url: 'https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=phenelzine',
  }),
  pairRule('serotonergic-opioid', 'warning', 'verified', {
    label:
      'Mirtazapine/SSRI prescribing information §5.3: tramadol, fentanyl and other serotonergic drugs',
    url: 'https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=mirtazapine',
  }),
  pairRule('serotonergic-triptan', 'info', 'verified', {
    label:
      'AHS position paper 2010 (Evans, Headache): triptan + SSRI/SNRI risk low; not a hard stop',
    url: 'https://doi.org/10.1111/j.1526-4610.2010.01691.x',
  }),
  pairRule('serotonergic-other-combination', 'info', 'verified', {
    label:
      'Mirtazapine/SSRI prescribing information §5.3: TCAs, lithium, buspirone, amphetamines, St John’s wort',
    url: 'https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=mirtazapine',
  }),
];
