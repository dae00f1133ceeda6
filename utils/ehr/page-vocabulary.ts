/**
 * The words EHR pages use for instruments, labs and vitals, therapies and sex, mapped to the
 * patient context's vocabulary. Page reading only: the clinical meaning of each lives in
 * utils/clinical.
 */
import type { AdministrativeSex, MonitoringKind, TherapyModality } from '../clinical/types';

/**
 * Instrument names as charts print them: the short name, spelled with or without a hyphen, or the
 * LOINC long name. Order matters: the teen PHQ-9 must win over PHQ-9.
 */
export const INSTRUMENT_NAMES: { instrument: string; pattern: RegExp }[] = [
  { instrument: 'PHQ-A', pattern: /\bPHQ[-\s]?A\b|PHQ[-\s]?9:?\s+Modified for Teens/i },
  {
    instrument: 'PHQ-9',
    pattern: /\bPHQ[-\s]?9\b|Patient Health Questionnaire[-\s]9(?:\s+item)?/i,
  },
  {
    instrument: 'PHQ-2',
    pattern: /\bPHQ[-\s]?2\b|Patient Health Questionnaire[-\s]2(?:\s+item)?/i,
  },
  {
    instrument: 'GAD-7',
    pattern: /\bGAD[-\s]?7\b|Generali[sz]ed anxiety disorder[-\s]7(?:\s+item)?/i,
  },
  {
    instrument: 'PCL-5',
    pattern: /\bPCL[-\s]?5\b|Post[-\s]?traumatic stress disorder checklist/i,
  },
  {
    instrument: 'AUDIT-C',
    pattern: /\bAUDIT[-\s]?C\b|Alcohol Use Disorders? Identification Test\s*-\s*Consumption/i,
  },
  { instrument: 'EPDS', pattern: /\bEPDS\b|Edinburgh Postnatal Depression Scale/i },
  { instrument: 'C-SSRS', pattern: /\bC-?SSRS\b|Columbia[-\s]+suicide severity rating scale/i },
  { instrument: 'MDQ', pattern: /\bMDQ\b|Mood Disorder Questionnaire/i },
];

// The same patterns for blanking every occurrence, compiled once rather than on every line read
// (`replace` starts a global pattern from the beginning each time, so sharing one is safe).
// Marked pure so that a bundle using none of the instrument helpers (the content scripts, which
// only read the banner's sex) leaves the table out.
const EVERY_INSTRUMENT_NAME = /* @__PURE__ */ INSTRUMENT_NAMES.map(({ instrument, pattern }) => ({
  instrument,
  pattern,
  every: new RegExp(pattern.source, 'gi'),
}));

/** The instruments a text names; more than one means the text cannot be attributed to one. */
export function instrumentsNamedIn(text: string): string[] {
  const named: string[] = [];
  let rest = text;
  for (const { instrument, pattern, every } of EVERY_INSTRUMENT_NAME) {
    if (pattern.test(rest)) {
      named.push(instrument);
      // Remove the match so "PHQ-9 Modified for Teens" is not also counted as PHQ-9.
      rest = rest.replace(every, ' ');
    }
  }
  return named;
}

/** The text with every instrument name blanked, so the digits in "PHQ-9" are not read as a score. */
export function withoutInstrumentNames(text: string): string {
  let rest = text;
  for (const { every } of EVERY_INSTRUMENT_NAME) rest = rest.replace(every, ' ');
  return rest;
}

/** A registry instrument name for a page's own spelling ("phq9", "PHQ 9"), or null. */
export function instrumentFromName(text: string): string | null {
  const named = instrumentsNamedIn(text.replace(/(PHQ|GAD|PCL)(\d)/gi, '$1-$2'));
  return named.length === 1 ? (named[0] ?? null) : null;
}

/**
 * A vocabulary entry: `abbreviation` is matched case-sensitively ("Na", "ACT", "MI" are ordinary
 * words or other things in lower case), `words` case-insensitively.
 */
interface PageTerm<T> {
  value: T;
  abbreviation?: RegExp;
  words?: RegExp;
}

function lookUp<T>(terms: PageTerm<T>[], text: string): T | null {
  const term = terms.find(
    ({ abbreviation, words }) => abbreviation?.test(text) || words?.test(text),
  );
  return term ? term.value : null;
}

/**
 * Lab and vital names → monitoring kind. Specific names come first ("LDL cholesterol" is LDL, not
 * a lipid panel; "eGFR (creatinine-based)" is an eGFR).
 */
const MONITORING_NAMES: PageTerm<MonitoringKind>[] = [
  { value: 'lithium-level', abbreviation: /\bLi\b/, words: /\blithium\b/i },
  { value: 'valproate-level', words: /\bvalpro(?:ate|ic acid)\b|\bdepakote\b/i },
  { value: 'egfr', abbreviation: /\beGFR\b|\bEGFR\b/, words: /glomerular filtration/i },
  { value: 'creatinine', words: /\bcreatinine\b/i },
  { value: 'tsh', abbreviation: /\bTSH\b/, words: /thyroid stimulating hormone|thyrotropin/i },
  { value: 'calcium', abbreviation: /\bCa\b/, words: /\bcalcium\b/i },
  { value: 'sodium', abbreviation: /\bNa\b/, words: /\bsodium\b/i },
  { value: 'a1c', words: /\bA1c\b|\bHbA1c\b|glycated h(?:a)?emoglobin/i },
  { value: 'glucose', words: /\bglucose\b/i },
  { value: 'ldl', words: /\bLDL\b/i },
  { value: 'triglycerides', words: /\btriglycerides?\b/i },
  { value: 'lipids', words: /\blipids?\b|\bcholesterol\b/i },
  { value: 'bmi', words: /\bBMI\b|body mass index/i },
  { value: 'weight', abbreviation: /\bWt\b|\bWT\b/, words: /\bweight\b/i },
  { value: 'height', abbreviation: /\bHt\b|\bHT\b/, words: /\bheight\b/i },
  { value: 'waist', words: /\bwaist\b/i },
  { value: 'bp-systolic', abbreviation: /\bSBP\b/, words: /\bsystolic\b/i },
  { value: 'bp-diastolic', abbreviation: /\bDBP\b/, words: /\bdiastolic\b/i },
  { value: 'qtc', words: /\bQTc\b/i },
  { value: 'ecg', abbreviation: /\bECG\b|\bEKG\b/, words: /electrocardiogram/i },
  { value: 'heart-rate', abbreviation: /\bHR\b/, words: /\bheart rate\b|\bpulse\b/i },
  {
    value: 'anc',
    abbreviation: /\bANC\b/,
    words: /absolute neutrophil|neutrophils?\s*(?:#|\(abs|abs\b|absolute)/i,
  },
  { value: 'wbc', abbreviation: /\bWBC\b/, words: /white blood cell/i },
  { value: 'platelets', abbreviation: /\bPLT\b/, words: /\bplatelets?\b/i },
  { value: 'cbc', abbreviation: /\bCBC\b/, words: /complete blood count/i },
  { value: 'alt', abbreviation: /\bALT\b/, words: /alanine aminotransferase/i },
  { value: 'ast', abbreviation: /\bAST\b/, words: /aspartate aminotransferase/i },
  { value: 'lft', abbreviation: /\bLFTs?\b/, words: /liver function/i },
  {
    value: 'pregnancy-test',
    abbreviation: /\bhCG\b|\bHCG\b/,
    words: /pregnancy|choriogonadotropin/i,
  },
  {
    value: 'urine-drug-screen',
    abbreviation: /\bUDS\b/,
    words: /urine drug|drug screen|drugs of abuse/i,
  },
  { value: 'hcv', abbreviation: /\bHCV\b/, words: /hepatitis C\b/i },
  { value: 'hiv', abbreviation: /\bHIV\b/, words: /\bHIV-?1\/2\b|human immunodeficiency virus/i },
];

// A chart repeats a few names over hundreds of rows (a vitals table names its columns on every
// row), and each look-up tries dozens of patterns. Bounded, so a page of distinct names cannot make
// it grow without end.
const MONITORING_KINDS_SEEN = new Map<string, MonitoringKind | null>();
const MAX_MONITORING_KINDS_SEEN = 500;

export function monitoringKindFromName(name: string): MonitoringKind | null {
  const seen = MONITORING_KINDS_SEEN.get(name);
  if (seen !== undefined) return seen;
  const kind = lookUp(MONITORING_NAMES, name);
  if (MONITORING_KINDS_SEEN.size < MAX_MONITORING_KINDS_SEEN && name.length <= 200) {
    MONITORING_KINDS_SEEN.set(name, kind);
  }
  return kind;
}

/** True for a blood-pressure name, whose value ("128/84") holds two measurements. */
export function isBloodPressureName(name: string): boolean {
  return (
    (/\bBP\b/.test(name) || /\bblood pressure\b/i.test(name)) && !/systolic|diastolic/i.test(name)
  );
}

const THERAPY_NAMES: PageTerm<TherapyModality>[] = [
  {
    value: 'CBT-I',
    abbreviation: /\bCBT-?I\b/,
    words: /cognitive behaviou?ral therapy for insomnia/i,
  },
  { value: 'DBT', abbreviation: /\bDBT\b/, words: /dialectical behaviou?r/i },
  { value: 'IPSRT', abbreviation: /\bIPSRT\b/, words: /interpersonal and social rhythm/i },
  { value: 'IPT', abbreviation: /\bIPT\b/, words: /interpersonal psychotherapy/i },
  { value: 'CPT', abbreviation: /\bCPT\b(?!\s*code)/, words: /cognitive processing therapy/i },
  { value: 'PE', abbreviation: /\bPE\b/, words: /prolonged exposure/i },
  { value: 'exposure', abbreviation: /\bERP\b/, words: /\bexposure\b/i },
  { value: 'CBT', abbreviation: /\bCBT\b/, words: /cognitive behaviou?ral/i },
  { value: 'ACT', abbreviation: /\bACT\b/, words: /acceptance and commitment/i },
  { value: 'MI', abbreviation: /\bMI\b/, words: /motivational interview/i },
  { value: 'FFT', abbreviation: /\bFFT\b/, words: /family[- ]focused therapy/i },
  { value: 'family', words: /\bfamily therapy\b/i },
  { value: 'EMDR', abbreviation: /\bEMDR\b/, words: /eye movement desensiti/i },
  { value: 'CM', abbreviation: /\bCM\b/, words: /contingency management/i },
  { value: 'SPI', abbreviation: /\bSPI\b/, words: /safety planning intervention/i },
  { value: 'supportive', words: /\bsupportive\b/i },
];

export function therapyModalityFromText(text: string): TherapyModality {
  return lookUp(THERAPY_NAMES, text) ?? 'other';
}

export function sexFromText(text: string): AdministrativeSex | null {
  const value = text.trim().toLowerCase();
  if (/^(f|female|woman)$/.test(value)) return 'female';
  if (/^(m|male|man)$/.test(value)) return 'male';
  if (/^(o|other|non-?binary|x)$/.test(value)) return 'other';
  if (/^(u|unknown|not recorded|declined(?: to (?:state|specify))?)$/.test(value)) return 'unknown';
  return null;
}
