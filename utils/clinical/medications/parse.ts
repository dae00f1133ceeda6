/**
 * Free-text medication lines ("Lithium carbonate 300 mg cap, 2 caps PO BID") into a
 * `MedicationEntry`. The parser computes a daily dose only when strength, units per dose and
 * frequency are all unambiguous; anything it cannot interpret is reported in `unparsed` in plain
 * words, and a value it is unsure of stays null rather than being guessed.
 */
import type { MedicationEntry, Provenance } from '../types';
import { type MedicationFacts, statusStatedIn } from './status';
import { type DrugEntry, findDrugMatchInText } from './vocabulary';

export type { MedicationFacts } from './status';

const NUMBER = String.raw`\d+(?:\.\d+)?|\.\d+`;
const MASS_UNIT = 'mg|mcg|µg|μg|ug|micrograms?|milligrams?|grams?|gm|g';
const UNIT_FACTOR: Record<string, number> = {
  mg: 1,
  milligram: 1,
  milligrams: 1,
  mcg: 0.001,
  µg: 0.001,
  μg: 0.001,
  ug: 0.001,
  microgram: 0.001,
  micrograms: 0.001,
  g: 1000,
  gm: 1000,
  gram: 1000,
  grams: 1000,
};

const WORD_NUMBERS: Record<string, number> = {
  half: 0.5,
  'one-half': 0.5,
  'one half': 0.5,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
};

const DOSE_UNIT =
  'tabs?|tablets?|caps?|capsules?|films?|strips?|pills?|patch(?:es)?|lozenges?|troches?|sprays?|puffs?|wafers?|packets?|injections?|pens?|units?';
const COUNT = String.raw`\d+\s*(?:and\s+)?\d+\s*\/\s*\d+|\d+\s*\/\s*\d+|½|\d+(?:\.\d+)?|one[-\s]half|half|one|two|three|four|five|six`;

const ROUTES: Array<[RegExp, string]> = [
  [/\b(?:po|p\.o\.|by mouth|oral(?:ly)?)\b/i, 'oral'],
  [/\b(?:sl|sublingual(?:ly)?|under the tongue)\b/i, 'sublingual'],
  [/\bbuccal(?:ly)?\b/i, 'buccal'],
  [/\b(?:im|intramuscular(?:ly)?)\b/i, 'intramuscular'],
  [/\b(?:iv|intravenous(?:ly)?)\b/i, 'intravenous'],
  [/\b(?:sc|sq|subq|subcut|subcutaneous(?:ly)?)\b/i, 'subcutaneous'],
  [/\b(?:td|transdermal(?:ly)?|patch)\b/i, 'transdermal'],
  [/\b(?:intranasal(?:ly)?|nasal(?:ly)?|nasal spray)\b/i, 'nasal'],
  [/\b(?:pr|rectal(?:ly)?|suppository)\b/i, 'rectal'],
];

interface Frequency {
  /** Administrations per day; null for a range that is not PRN. */
  perDay: number | null;
  /** The maximum per day, for PRN ranges ("q4-6h prn"). */
  maxPerDay: number | null;
}

function fixed(perDay: number): Frequency {
  return { perDay, maxPerDay: perDay };
}

const DAYS_PER_UNIT: Record<string, number> = {
  day: 1,
  days: 1,
  d: 1,
  week: 7,
  weeks: 7,
  wk: 7,
  wks: 7,
  w: 7,
  month: 30,
  months: 30,
  mo: 30,
};

/** Frequency expressions, tried in order; the first that matches wins. */
const FREQUENCIES: Array<[RegExp, (match: RegExpExecArray) => Frequency]> = [
  // Ranges of hours: "q4-6h", "every 4 to 6 hours"
  [
    /\b(?:q|every)\s*(\d+)\s*(?:-|–|to)\s*(\d+)\s*(?:h|hr|hrs|hours?)\b/i,
    (m) => ({ perDay: null, maxPerDay: 24 / Number(m[1]) }),
  ],
  [/\b(?:q|every)\s*(\d+)\s*(?:h|hr|hrs|hours?)\b/i, (m) => fixed(24 / Number(m[1]))],
  [
    /\bq\.?\s*h\.?\s*s\.?(?![a-z])|\bat bedtime\b|\bnightly\b|\bhs\b|\bevery night\b|\bat night\b|\bqpm\b|\bq\s*pm\b|\bevery evening\b|\bin the evening\b/i,
    () => fixed(1),
  ],
  [/\bq\.?\s*a\.?\s*m\.?(?![a-z])|\bevery morning\b|\bin the morning\b/i, () => fixed(1)],
  [
    /\bq\.?i\.?d\.?(?![a-z])|\bfour times (?:a |per )?day\b|\bfour times daily\b|\b4\s*(?:x|times)\s*(?:\/|a |per )?\s*day\b|\b4\s*(?:x|times)\s*daily\b/i,
    () => fixed(4),
  ],
  [
    /\bt\.?i\.?d\.?(?![a-z])|\bthree times (?:a |per )?day\b|\bthree times daily\b|\b3\s*(?:x|times)\s*(?:\/|a |per )?\s*day\b|\b3\s*(?:x|times)\s*daily\b/i,
    () => fixed(3),
  ],
  [
    /\bb\.?i\.?d\.?(?![a-z])|\btwice (?:a |per )?day\b|\btwice daily\b|\btwo times (?:a |per )?day\b|\btwo times daily\b|\b2\s*(?:x|times)\s*(?:\/|a |per )?\s*day\b|\b2\s*(?:x|times)\s*daily\b/i,
    () => fixed(2),
  ],
  [/\b(?:every other day|qod|q\.o\.d\.|alternate days)\b/i, () => fixed(0.5)],
  // "every 4 weeks", "q4 weeks", "q2wk", "every 3 days", "q3d"
  [
    /\b(?:q|every)\s*(\d+)\s*(days?|d|weeks?|wks?|wk|w|months?|mo)\b/i,
    (m) => fixed(1 / (Number(m[1]) * (DAYS_PER_UNIT[(m[2] ?? '').toLowerCase()] ?? Number.NaN))),
  ],
  [
    /\b(?:weekly|once (?:a|per) week|every week|q\s*week|qwk|q\s*wk|1\s*x\s*\/?\s*week)\b/i,
    () => fixed(1 / 7),
  ],
  [/\b(?:monthly|once (?:a|per) month|every month)\b/i, () => fixed(1 / 30)],
  [
    /\b(?:q\.?d\.?|daily|once daily|once a day|once per day|every day|q\s*day|qday|1\s*x\s*\/?\s*day|per day|a day)\b|\/\s*day\b/i,
    () => fixed(1),
  ],
];

const UNRECOGNISED_DIRECTIONS =
  /\b(?:as directed|ud|u\.d\.|see instructions|per protocol|per taper|use as instructed)\b/i;

function parseCount(raw: string): number | null {
  const text = raw.trim().toLowerCase();
  if (text === '½') return 0.5;
  if (text in WORD_NUMBERS) return WORD_NUMBERS[text] ?? null;
  const mixed = /^(\d+)\s*(?:and\s+)?(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (mixed) return Number(mixed[1]) + Number(mixed[2]) / Number(mixed[3]);
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function unitFactor(unit: string): number | null {
  return UNIT_FACTOR[unit.toLowerCase()] ?? null;
}

/** Rounds away binary-fraction noise (0.1 + 0.2) without hiding real precision. */
function tidy(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

interface Strength {
  mg: number | null;
  /** Text span consumed, so later searches do not read the strength again. */
  end: number;
}

function parseStrength(text: string, drug: DrugEntry | null, unparsed: string[]): Strength | null {
  const pair = new RegExp(
    String.raw`(${NUMBER})\s*(${MASS_UNIT})?\s*(?:-|–|\/|to)\s*(${NUMBER})\s*(${MASS_UNIT})(?![a-z])`,
    'i',
  );
  const single = new RegExp(String.raw`(${NUMBER})\s*(${MASS_UNIT}|meq|units?|iu|%)(?![a-z])`, 'i');
  const perVolume = new RegExp(
    String.raw`^\s*\/\s*(${NUMBER})?\s*(ml|hr|h|hour|24\s*h(?:ours?)?|actuation|spray|dose)\b`,
    'i',
  );

  const pairMatch = pair.exec(text);
  const singleMatch = single.exec(text);
  if (pairMatch && (!singleMatch || pairMatch.index <= singleMatch.index)) {
    const [whole, first, firstUnit, , secondUnit = 'mg'] = pairMatch;
    const factor = unitFactor(firstUnit ?? secondUnit);
    const isCombination = (drug?.components.length ?? 1) > 1;
    if (isCombination && factor !== null) {
      // A fixed combination writes each ingredient's strength ("8-2 mg"); the first is the
      // ingredient the product is named and dosed by.
      return { mg: tidy(Number(first) * factor), end: pairMatch.index + whole.length };
    }
    unparsed.push(
      `dose range '${whole.trim()}': the dose taken is not known, so no daily dose is calculated`,
    );
    return { mg: null, end: pairMatch.index + whole.length };
  }
  if (!singleMatch) return null;
  const [whole, amount, unit = ''] = singleMatch;
  const end = singleMatch.index + whole.length;
  const factor = unitFactor(unit);
  if (factor === null) {
    unparsed.push(`strength unit '${unit}' is not converted to mg`);
    return { mg: null, end };
  }
  const rest = text.slice(end);
  const volume = perVolume.exec(rest);
  if (volume) {
    const per = (volume[2] ?? '').toLowerCase();
    if (per === 'ml') {
      // A liquid: the strength is per volume; the dose is read as a volume later.
      return { mg: tidy(Number(amount) * factor), end: end + volume[0].length };
    }
    unparsed.push(
      `strength '${(whole + volume[0]).trim()}' is a rate, not an amount per unit: no daily dose in mg`,
    );
    return { mg: null, end: end + volume[0].length };
  }
  return { mg: tidy(Number(amount) * factor), end };
}

interface FrequencyMatch {
  frequency: Frequency;
  start: number;
  end: number;
  text: string;
}

/**
 * Every frequency expression in the directions. Matches inside a longer one ("daily" inside
 * "twice daily") are dropped; what remains must agree, or the frequency is not known.
 */
function findFrequencies(sig: string): FrequencyMatch[] {
  const found: FrequencyMatch[] = [];
  for (const [pattern, read] of FREQUENCIES) {
    const match = pattern.exec(sig);
    if (!match) continue;
    found.push({
      frequency: read(match),
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
    });
  }
  return found.filter(
    (candidate, index) =>
      !found.some(
        (other, otherIndex) =>
          otherIndex !== index &&
          other.start <= candidate.start &&
          other.end >= candidate.end &&
          (other.end - other.start > candidate.end - candidate.start || otherIndex < index),
      ),
  );
}

function sameFrequency(a: Frequency, b: Frequency): boolean {
  return a.perDay === b.perDay && a.maxPerDay === b.maxPerDay;
}

function parseRoute(text: string): string | null {
  for (const [pattern, route] of ROUTES) {
    if (pattern.test(text)) return route;
  }
  return null;
}

interface UnitsPerDose {
  units: number | null;
  /** A liquid dose in mL, to be divided by the strength's volume. */
  ml: number | null;
  /** An explicit dose in mg ("take 100 mg"), which beats units × strength. */
  mg: number | null;
}

function parseUnitsPerDose(sig: string, unparsed: string[]): UnitsPerDose {
  const range = new RegExp(String.raw`\b(\d+)\s*(?:-|–|to|or)\s*(\d+)\s*(?:${DOSE_UNIT})\b`, 'i');
  const rangeMatch = range.exec(sig);
  if (rangeMatch) {
    unparsed.push(
      `number of units per dose is a range '${rangeMatch[0]}': no daily dose is calculated`,
    );
    return { units: null, ml: null, mg: null };
  }
  const count = new RegExp(String.raw`(?<![\w.])(${COUNT})\s*(?:${DOSE_UNIT})(?![a-z])`, 'i');
  const countMatch = count.exec(sig);
  if (countMatch?.[1]) return { units: parseCount(countMatch[1]), ml: null, mg: null };
  const volume = new RegExp(String.raw`(${NUMBER})\s*ml\b`, 'i').exec(sig);
  if (volume?.[1]) return { units: null, ml: Number(volume[1]), mg: null };
  const explicit = new RegExp(String.raw`(${NUMBER})\s*(${MASS_UNIT})(?![a-z])`, 'i').exec(sig);
  if (explicit?.[1] && explicit[2]) {
    const factor = unitFactor(explicit[2]);
    if (factor !== null) return { units: null, ml: null, mg: tidy(Number(explicit[1]) * factor) };
  }
  return { units: null, ml: null, mg: null };
}

const MAXIMUM_PER_DAY =
  /\b(?:max(?:imum)?|not to exceed|no more than|nte)\.?\s*(\d+)\s*(?:doses?|times)?\s*(?:\/|per|a|in)\s*(?:day|24\s*h(?:ours?|rs?)?)\b/i;

// Words that may stand in the directions without saying anything about the frequency.
const NON_FREQUENCY_WORDS = new RegExp(
  String.raw`\b(?:${DOSE_UNIT}|oral(?:ly)?|po|by mouth|sl|sublingual|im|iv|sc|sq|subcut|transdermal|nasal|buccal|rectal|er|xr|sr|cr|xl|la|dr|odt|ec|extended|delayed|immediate|release|solution|suspension|liquid|concentrate|injection|injectable|disintegrating|chewable|take|give|use|apply|inject|of|and|with|food|water)\b|[\d.,;:()\-–—/½]+`,
  'gi',
);

function describeDirections(sig: string): string {
  return sig.replace(/^[\s,;:.\-–—]+|[\s,;:.\-–—]+$/g, '');
}

export function parseMedicationLine(
  text: string,
  provenance: Provenance,
  facts: MedicationFacts = {},
): MedicationEntry {
  const unparsed: string[] = [];
  const line = text.replace(/\s+/g, ' ').trim();
  const match = findDrugMatchInText(line);
  const drug = match?.entry ?? null;
  if (!drug) unparsed.push(line ? `medicine not recognised: '${line}'` : 'empty medication line');

  const textStatus = statusStatedIn(line);
  const status = facts.status ?? textStatus ?? 'unknown';
  if (facts.status && textStatus && facts.status !== textStatus) {
    unparsed.push(`the line says '${textStatus}' but the chart status is '${facts.status}'`);
  }

  // A schedule that changes over time ("x 7 days then 2 tabs") has no single daily dose.
  const steps = line.split(/\bthen\b/i);
  const firstStep = steps[0] ?? '';
  const isSchedule = steps.length > 1;
  if (isSchedule) {
    unparsed.push(
      'the dose changes over time (titration or taper): the current daily dose is not known',
    );
  }

  const afterName = match ? firstStep.slice(match.end) : firstStep;
  const beforeName = match ? firstStep.slice(0, match.start) : '';
  let strength = parseStrength(afterName, drug, unparsed);
  let sig = strength ? afterName.slice(strength.end) : afterName;
  if (!strength && beforeName.trim()) {
    strength = parseStrength(beforeName, drug, unparsed);
  }
  if (!strength && drug) unparsed.push('no strength given');

  const prn = /\b(?:prn|p\.r\.n\.?|as needed|as-needed|when needed|if needed)(?![a-z])/i.test(line);
  const maximum = MAXIMUM_PER_DAY.exec(sig);
  if (maximum) sig = sig.slice(0, maximum.index) + sig.slice(maximum.index + maximum[0].length);
  const statedMaximum = maximum ? Number(maximum[1]) : null;

  const frequencies = findFrequencies(sig);
  const first = frequencies[0];
  let perDay: number | null = null;
  if (first && frequencies.every((other) => sameFrequency(other.frequency, first.frequency))) {
    const { frequency } = first;
    if (frequency.perDay !== null && Number.isFinite(frequency.perDay)) {
      perDay =
        prn && statedMaximum !== null
          ? Math.min(frequency.perDay, statedMaximum)
          : frequency.perDay;
    } else if (prn && frequency.maxPerDay !== null) {
      perDay =
        statedMaximum !== null ? Math.min(frequency.maxPerDay, statedMaximum) : frequency.maxPerDay;
    } else {
      unparsed.push(
        `frequency is a range ('${first.text}'): the number of doses per day is not known`,
      );
    }
  } else if (first) {
    const listed = frequencies.map((found) => `'${found.text}'`).join(', ');
    unparsed.push(`more than one frequency (${listed}): the number of doses per day is not known`);
  } else if (prn && statedMaximum !== null) {
    perDay = statedMaximum;
  } else {
    const unrecognised = UNRECOGNISED_DIRECTIONS.exec(sig);
    const leftover = describeDirections(sig.replace(NON_FREQUENCY_WORDS, ' ').replace(/\s+/g, ' '));
    if (unrecognised) unparsed.push(`frequency not recognised: '${unrecognised[0]}'`);
    else if (prn) unparsed.push('as needed, with no frequency or daily maximum given');
    else if (leftover) unparsed.push(`frequency not recognised: '${describeDirections(sig)}'`);
    else unparsed.push('no frequency given');
  }

  const perDose = parseUnitsPerDose(sig, unparsed);
  const strengthMg = strength?.mg ?? null;
  let mgPerDose: number | null = null;
  if (perDose.mg !== null) {
    mgPerDose = perDose.mg;
  } else if (strengthMg !== null) {
    if (perDose.units !== null) {
      mgPerDose = strengthMg * perDose.units;
    } else if (perDose.ml !== null) {
      const perMl = /\/\s*(\d+(?:\.\d+)?)?\s*ml/i.exec(firstStep);
      mgPerDose = (strengthMg * perDose.ml) / (perMl?.[1] ? Number(perMl[1]) : 1);
    } else if (!unparsed.some((note) => note.startsWith('number of units'))) {
      // "sertraline 50 mg daily": with no count, the written strength is the dose.
      mgPerDose = strengthMg;
    }
  }

  const dosesPerDay = isSchedule || perDay === null ? null : tidy(perDay);
  const dailyDoseMg =
    !isSchedule && mgPerDose !== null && perDay !== null ? tidy(mgPerDose * perDay) : null;

  return {
    text,
    ingredient: drug?.ingredient ?? null,
    rxnorm: drug?.rxnorm ?? null,
    class: drug?.class ?? null,
    strengthMg,
    dosesPerDay,
    dailyDoseMg,
    route: parseRoute(line),
    prn,
    status,
    startDate: facts.startDate ?? null,
    endDate: facts.endDate ?? null,
    unparsed,
    provenance,
  };
}
