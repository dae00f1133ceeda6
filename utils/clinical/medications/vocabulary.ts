/**
 * The medication vocabulary: psychiatric drugs and the non-psychiatric drugs that commonly
 * interact with them. The rules reason over `class`, `tags` and `ingredient`; the parser uses
 * `names` (kept in names.ts, which the page readers share) to recognise a drug in free text.
 *
 * RxNorm codes are ingredient (IN) concepts. Where a code is `null` it was not confirmed against
 * RxNav when this list was written, and an unconfirmed code is worse than none: a wrong code would
 * silently join two different drugs in a FHIR exchange, while a null only loses the code and the
 * drug is still recognised by name.
 */

import { DRUG_ABBREVIATIONS, DRUG_NAMES, type Ingredient, namePattern } from './names';

export type DrugClass =
  | 'SSRI'
  | 'SNRI'
  | 'TCA'
  | 'MAOI'
  | 'atypical-antidepressant'
  | 'mood-stabilizer'
  | 'anticonvulsant'
  | 'FGA'
  | 'SGA'
  | 'stimulant'
  | 'ADHD-non-stimulant'
  | 'benzodiazepine'
  | 'Z-drug'
  | 'hypnotic-other'
  | 'anxiolytic-other'
  | 'OUD-agonist'
  | 'opioid-antagonist'
  | 'AUD-medication'
  | 'opioid-analgesic'
  | 'triptan'
  | 'antibiotic'
  | 'methylene-blue'
  | 'NSAID'
  | 'ACE-inhibitor'
  | 'ARB'
  | 'thiazide'
  | 'anticholinergic'
  | 'antihistamine'
  | 'H2-blocker'
  | 'estrogen-contraceptive'
  | 'antiemetic'
  | 'antitussive'
  | 'muscle-relaxant'
  | 'barbiturate'
  | 'sympathomimetic'
  | 'cholinesterase-inhibitor'
  | 'herbal';

export const DRUG_CLASSES: readonly DrugClass[] = [
  'SSRI',
  'SNRI',
  'TCA',
  'MAOI',
  'atypical-antidepressant',
  'mood-stabilizer',
  'anticonvulsant',
  'FGA',
  'SGA',
  'stimulant',
  'ADHD-non-stimulant',
  'benzodiazepine',
  'Z-drug',
  'hypnotic-other',
  'anxiolytic-other',
  'OUD-agonist',
  'opioid-antagonist',
  'AUD-medication',
  'opioid-analgesic',
  'triptan',
  'antibiotic',
  'methylene-blue',
  'NSAID',
  'ACE-inhibitor',
  'ARB',
  'thiazide',
  'anticholinergic',
  'antihistamine',
  'H2-blocker',
  'estrogen-contraceptive',
  'antiemetic',
  'antitussive',
  'muscle-relaxant',
  'barbiturate',
  'sympathomimetic',
  'cholinesterase-inhibitor',
  'herbal',
];

/** Properties the rules ask about, independent of class (a TCA and tramadol are both serotonergic). */
export type DrugTag =
  | 'antidepressant'
  | 'antipsychotic'
  | 'serotonergic'
  | 'maoi'
  | 'qt-prolonging'
  | 'strongly-anticholinergic'
  | 'opioid'
  | 'cns-depressant'
  | 'hypnotic'
  | 'raises-lithium'
  | 'estrogen'
  | 'gabapentinoid';

export interface DrugEntry {
  /** Generic ingredient, lower case; for fixed combinations the combination name. */
  ingredient: string;
  /** RxNorm ingredient (IN) code; null when not confirmed (see the file comment). */
  rxnorm: string | null;
  class: DrugClass;
  /** Other generic spellings and salts, brand names; matched case-insensitively. */
  names: string[];
  /** Abbreviations matched with their exact capitalisation (see names.ts). */
  abbreviations: string[];
  tags: DrugTag[];
  /** Ingredients of a fixed combination, so rules about one ingredient see the combination. */
  components: string[];
}

// The names of each ingredient live in names.ts, which the page readers share.
type EntryInput = [
  ingredient: Ingredient,
  rxnorm: string | null,
  drugClass: DrugClass,
  tags: DrugTag[],
  extra?: { components?: string[] },
];

const AD: DrugTag[] = ['antidepressant', 'serotonergic'];

const ENTRIES: EntryInput[] = [
  // SSRIs
  ['sertraline', '36437', 'SSRI', AD],
  ['fluoxetine', '4493', 'SSRI', AD],
  ['citalopram', '2556', 'SSRI', [...AD, 'qt-prolonging']],
  ['escitalopram', '321988', 'SSRI', [...AD, 'qt-prolonging']],
  ['paroxetine', '32937', 'SSRI', [...AD, 'strongly-anticholinergic']],
  ['fluvoxamine', '42355', 'SSRI', AD],
  // SNRIs
  ['venlafaxine', '39786', 'SNRI', AD],
  ['desvenlafaxine', '734064', 'SNRI', AD],
  ['duloxetine', '72625', 'SNRI', AD],
  ['levomilnacipran', null, 'SNRI', AD],
  ['milnacipran', null, 'SNRI', AD],
  // Tricyclics (Beers lists the tertiary amines as strongly anticholinergic)
  ['amitriptyline', '704', 'TCA', [...AD, 'strongly-anticholinergic', 'qt-prolonging']],
  ['nortriptyline', '7531', 'TCA', [...AD, 'strongly-anticholinergic']],
  ['imipramine', '5691', 'TCA', [...AD, 'strongly-anticholinergic', 'qt-prolonging']],
  ['desipramine', '3247', 'TCA', [...AD, 'strongly-anticholinergic', 'qt-prolonging']],
  ['clomipramine', '2597', 'TCA', [...AD, 'strongly-anticholinergic']],
  ['doxepin', '3638', 'TCA', [...AD, 'strongly-anticholinergic']],
  ['protriptyline', null, 'TCA', [...AD, 'strongly-anticholinergic']],
  ['trimipramine', null, 'TCA', [...AD, 'strongly-anticholinergic']],
  ['amoxapine', null, 'TCA', [...AD, 'strongly-anticholinergic']],
  // MAOIs
  ['phenelzine', '8123', 'MAOI', [...AD, 'maoi']],
  ['tranylcypromine', '10734', 'MAOI', [...AD, 'maoi']],
  ['isocarboxazid', '6011', 'MAOI', [...AD, 'maoi']],
  ['selegiline', '9639', 'MAOI', [...AD, 'maoi']],
  // Other antidepressants
  ['bupropion', '42347', 'atypical-antidepressant', ['antidepressant']],
  ['mirtazapine', '15996', 'atypical-antidepressant', AD],
  ['trazodone', '10737', 'atypical-antidepressant', AD],
  ['nefazodone', '31565', 'atypical-antidepressant', AD],
  ['vortioxetine', '1455099', 'atypical-antidepressant', AD],
  ['vilazodone', '1086769', 'atypical-antidepressant', AD],
  ['esketamine', null, 'atypical-antidepressant', ['antidepressant', 'cns-depressant']],
  // Mood stabilizers
  // Lithium is on the labels' list of serotonergic drugs but no cited source makes lithium with an
  // SSRI a serotonin-syndrome alert at that strength (issue 19), so it is not tagged serotonergic.
  ['lithium', '6448', 'mood-stabilizer', []],
  ['valproic acid', '11118', 'mood-stabilizer', []],
  ['lamotrigine', '28439', 'mood-stabilizer', []],
  ['carbamazepine', '2002', 'mood-stabilizer', []],
  ['oxcarbazepine', '32624', 'mood-stabilizer', []],
  // Other anticonvulsants often seen on psychiatric medication lists
  ['topiramate', '38404', 'anticonvulsant', []],
  ['gabapentin', '25480', 'anticonvulsant', ['cns-depressant', 'gabapentinoid']],
  ['pregabalin', '187832', 'anticonvulsant', ['cns-depressant', 'gabapentinoid']],
  // First-generation antipsychotics
  ['haloperidol', '5093', 'FGA', ['antipsychotic', 'qt-prolonging']],
  ['chlorpromazine', '2403', 'FGA', ['antipsychotic', 'qt-prolonging', 'strongly-anticholinergic']],
  ['fluphenazine', '4496', 'FGA', ['antipsychotic']],
  ['perphenazine', '8076', 'FGA', ['antipsychotic', 'strongly-anticholinergic']],
  ['thioridazine', '10502', 'FGA', ['antipsychotic', 'qt-prolonging', 'strongly-anticholinergic']],
  ['pimozide', '8331', 'FGA', ['antipsychotic', 'qt-prolonging']],
  ['loxapine', null, 'FGA', ['antipsychotic', 'strongly-anticholinergic']],
  ['trifluoperazine', null, 'FGA', ['antipsychotic', 'strongly-anticholinergic']],
  ['thiothixene', null, 'FGA', ['antipsychotic']],
  ['droperidol', null, 'FGA', ['antipsychotic', 'qt-prolonging']],
  // Second-generation antipsychotics
  ['clozapine', '2626', 'SGA', ['antipsychotic', 'strongly-anticholinergic']],
  ['olanzapine', '61381', 'SGA', ['antipsychotic', 'strongly-anticholinergic']],
  ['quetiapine', '51272', 'SGA', ['antipsychotic']],
  ['risperidone', '35636', 'SGA', ['antipsychotic']],
  ['aripiprazole', '89013', 'SGA', ['antipsychotic']],
  ['ziprasidone', '115698', 'SGA', ['antipsychotic', 'qt-prolonging']],
  ['paliperidone', '679314', 'SGA', ['antipsychotic']],
  ['lurasidone', '1040028', 'SGA', ['antipsychotic']],
  ['asenapine', '784649', 'SGA', ['antipsychotic']],
  ['iloperidone', null, 'SGA', ['antipsychotic', 'qt-prolonging']],
  ['brexpiprazole', null, 'SGA', ['antipsychotic']],
  ['cariprazine', null, 'SGA', ['antipsychotic']],
  ['lumateperone', null, 'SGA', ['antipsychotic']],
  // Stimulants (amphetamines are listed as serotonergic in the SSRI/mirtazapine labels)
  ['methylphenidate', '6901', 'stimulant', []],
  ['dexmethylphenidate', null, 'stimulant', []],
  ['amphetamine', '725', 'stimulant', ['serotonergic']],
  ['dextroamphetamine', '3288', 'stimulant', ['serotonergic']],
  ['lisdexamfetamine', '700810', 'stimulant', ['serotonergic']],
  ['methamphetamine', '6816', 'stimulant', ['serotonergic']],
  // ADHD non-stimulants
  ['atomoxetine', '38400', 'ADHD-non-stimulant', []],
  ['viloxazine', null, 'ADHD-non-stimulant', []],
  ['guanfacine', '40114', 'ADHD-non-stimulant', []],
  ['clonidine', '2599', 'ADHD-non-stimulant', []],
  // Benzodiazepines (temazepam, triazolam and estazolam are marketed for insomnia)
  ['alprazolam', '596', 'benzodiazepine', ['cns-depressant']],
  ['lorazepam', '6470', 'benzodiazepine', ['cns-depressant']],
  ['clonazepam', '2598', 'benzodiazepine', ['cns-depressant']],
  ['diazepam', '3322', 'benzodiazepine', ['cns-depressant']],
  ['chlordiazepoxide', '2356', 'benzodiazepine', ['cns-depressant']],
  ['temazepam', '10355', 'benzodiazepine', ['cns-depressant', 'hypnotic']],
  ['triazolam', '10767', 'benzodiazepine', ['cns-depressant', 'hypnotic']],
  ['oxazepam', '7781', 'benzodiazepine', ['cns-depressant']],
  ['clorazepate', null, 'benzodiazepine', ['cns-depressant']],
  ['midazolam', '6960', 'benzodiazepine', ['cns-depressant']],
  ['estazolam', null, 'benzodiazepine', ['cns-depressant', 'hypnotic']],
  // Z-drugs and other hypnotics
  ['zolpidem', '39993', 'Z-drug', ['cns-depressant', 'hypnotic']],
  ['eszopiclone', '461016', 'Z-drug', ['cns-depressant', 'hypnotic']],
  ['zaleplon', '74667', 'Z-drug', ['cns-depressant', 'hypnotic']],
  ['ramelteon', null, 'hypnotic-other', ['hypnotic']],
  ['suvorexant', null, 'hypnotic-other', ['cns-depressant', 'hypnotic']],
  ['lemborexant', null, 'hypnotic-other', ['cns-depressant', 'hypnotic']],
  ['daridorexant', null, 'hypnotic-other', ['cns-depressant', 'hypnotic']],
  ['buspirone', '1827', 'anxiolytic-other', ['serotonergic']],
  // Opioid and alcohol use disorder medications, and reversal agents
  ['buprenorphine', '1819', 'OUD-agonist', ['opioid', 'cns-depressant']],
  // A fixed combination: its multiple-ingredient RxNorm concept is not an IN, so no code here.
  [
    'buprenorphine-naloxone',
    null,
    'OUD-agonist',
    ['opioid', 'cns-depressant'],
    { components: ['buprenorphine', 'naloxone'] },
  ],
  ['methadone', '6813', 'OUD-agonist', ['opioid', 'cns-depressant', 'qt-prolonging']],
  ['naltrexone', '7243', 'opioid-antagonist', []],
  ['naloxone', '7242', 'opioid-antagonist', []],
  ['acamprosate', null, 'AUD-medication', []],
  ['disulfiram', '3554', 'AUD-medication', []],
  // Opioid analgesics
  ['tramadol', '10689', 'opioid-analgesic', ['opioid', 'cns-depressant', 'serotonergic']],
  ['oxycodone', '7804', 'opioid-analgesic', ['opioid', 'cns-depressant']],
  ['hydrocodone', '5489', 'opioid-analgesic', ['opioid', 'cns-depressant']],
  ['morphine', '7052', 'opioid-analgesic', ['opioid', 'cns-depressant']],
  ['fentanyl', '4337', 'opioid-analgesic', ['opioid', 'cns-depressant', 'serotonergic']],
  ['hydromorphone', '3423', 'opioid-analgesic', ['opioid', 'cns-depressant']],
  ['codeine', '2670', 'opioid-analgesic', ['opioid', 'cns-depressant']],
  ['tapentadol', '787390', 'opioid-analgesic', ['opioid', 'cns-depressant', 'serotonergic']],
  ['oxymorphone', '7814', 'opioid-analgesic', ['opioid', 'cns-depressant']],
  ['meperidine', '6754', 'opioid-analgesic', ['opioid', 'cns-depressant', 'serotonergic']],
  // Triptans
  ['sumatriptan', '37418', 'triptan', ['serotonergic']],
  ['rizatriptan', '88014', 'triptan', ['serotonergic']],
  ['zolmitriptan', '135775', 'triptan', ['serotonergic']],
  ['eletriptan', null, 'triptan', ['serotonergic']],
  ['naratriptan', null, 'triptan', ['serotonergic']],
  ['almotriptan', null, 'triptan', ['serotonergic']],
  ['frovatriptan', null, 'triptan', ['serotonergic']],
  // Non-psychiatric MAO inhibitors
  ['linezolid', '190376', 'antibiotic', ['maoi']],
  // Macrolides and fluoroquinolones: known risk of torsades (CredibleMeds, reference D7)
  ['azithromycin', null, 'antibiotic', ['qt-prolonging']],
  ['clarithromycin', null, 'antibiotic', ['qt-prolonging']],
  ['erythromycin', null, 'antibiotic', ['qt-prolonging']],
  ['levofloxacin', null, 'antibiotic', ['qt-prolonging']],
  ['moxifloxacin', null, 'antibiotic', ['qt-prolonging']],
  ['ciprofloxacin', null, 'antibiotic', ['qt-prolonging']],
  ['donepezil', null, 'cholinesterase-inhibitor', ['qt-prolonging']],
  // A sympathomimetic: hypertensive crisis with an MAOI (MAOI labels, reference D3)
  ['pseudoephedrine', null, 'sympathomimetic', []],
  ['methylene blue', '6878', 'methylene-blue', ['maoi']],
  // NSAIDs, ACE inhibitors, ARBs, thiazides: raise lithium levels
  ['ibuprofen', '5640', 'NSAID', ['raises-lithium']],
  ['naproxen', '7258', 'NSAID', ['raises-lithium']],
  ['meloxicam', '41493', 'NSAID', ['raises-lithium']],
  ['diclofenac', '3355', 'NSAID', ['raises-lithium']],
  ['celecoxib', '140587', 'NSAID', ['raises-lithium']],
  ['indomethacin', '5781', 'NSAID', ['raises-lithium']],
  ['ketorolac', '35827', 'NSAID', ['raises-lithium']],
  ['lisinopril', '29046', 'ACE-inhibitor', ['raises-lithium']],
  ['enalapril', '3827', 'ACE-inhibitor', ['raises-lithium']],
  ['ramipril', '35296', 'ACE-inhibitor', ['raises-lithium']],
  ['benazepril', '18867', 'ACE-inhibitor', ['raises-lithium']],
  ['captopril', '1998', 'ACE-inhibitor', ['raises-lithium']],
  ['losartan', '52175', 'ARB', ['raises-lithium']],
  ['valsartan', '69749', 'ARB', ['raises-lithium']],
  ['irbesartan', '83818', 'ARB', ['raises-lithium']],
  ['olmesartan', '321064', 'ARB', ['raises-lithium']],
  ['candesartan', '214354', 'ARB', ['raises-lithium']],
  ['telmisartan', '73494', 'ARB', ['raises-lithium']],
  ['hydrochlorothiazide', '5487', 'thiazide', ['raises-lithium']],
  ['chlorthalidone', '2409', 'thiazide', ['raises-lithium']],
  ['indapamide', null, 'thiazide', ['raises-lithium']],
  ['metolazone', '6916', 'thiazide', ['raises-lithium']],
  // Anticholinergics and first-generation antihistamines (Beers "strongly anticholinergic")
  ['diphenhydramine', '3498', 'antihistamine', ['strongly-anticholinergic', 'cns-depressant']],
  ['hydroxyzine', '5553', 'antihistamine', ['strongly-anticholinergic', 'cns-depressant']],
  ['promethazine', '8745', 'antihistamine', ['strongly-anticholinergic', 'cns-depressant']],
  ['doxylamine', null, 'antihistamine', ['strongly-anticholinergic', 'cns-depressant']],
  ['chlorpheniramine', '2400', 'antihistamine', ['strongly-anticholinergic']],
  ['meclizine', null, 'antihistamine', ['strongly-anticholinergic']],
  ['oxybutynin', '32675', 'anticholinergic', ['strongly-anticholinergic']],
  ['tolterodine', null, 'anticholinergic', ['strongly-anticholinergic']],
  ['benztropine', null, 'anticholinergic', ['strongly-anticholinergic']],
  ['trihexyphenidyl', null, 'anticholinergic', ['strongly-anticholinergic']],
  ['cyclobenzaprine', '21949', 'muscle-relaxant', ['strongly-anticholinergic', 'serotonergic']],
  ['carisoprodol', '2101', 'muscle-relaxant', ['cns-depressant']],
  // Other interacting drugs
  ['cimetidine', '2541', 'H2-blocker', []],
  ['metronidazole', '6922', 'antibiotic', ['raises-lithium']],
  ['ethinyl estradiol', '4124', 'estrogen-contraceptive', ['estrogen']],
  ['ondansetron', '26225', 'antiemetic', ['qt-prolonging', 'serotonergic']],
  ['dextromethorphan', '3289', 'antitussive', ['serotonergic']],
  ['phenobarbital', '8134', 'barbiturate', ['cns-depressant']],
  ["st john's wort", null, 'herbal', ['serotonergic']],
];

/**
 * CredibleMeds QTdrugs categories of the psychiatric and commonly co-prescribed drugs, as the
 * clinical reference (D7) lists them. Categories change: each carries the date it was checked, and
 * only "known risk" drugs are tagged `qt-prolonging` for the combination prompt.
 */
export type QtRiskCategory = 'known' | 'possible-or-conditional';
export const QT_RISK: Readonly<Record<string, { category: QtRiskCategory; checked: string }>> = {
  ...Object.fromEntries(
    [
      'citalopram',
      'escitalopram',
      'haloperidol',
      'chlorpromazine',
      'thioridazine',
      'pimozide',
      'methadone',
      'ondansetron',
      'azithromycin',
      'clarithromycin',
      'erythromycin',
      'levofloxacin',
      'moxifloxacin',
      'ciprofloxacin',
      'donepezil',
    ].map((ingredient) => [ingredient, { category: 'known' as const, checked: '2026-12' }]),
  ),
  ...Object.fromEntries(
    [
      'quetiapine',
      'ziprasidone',
      'trazodone',
      'hydroxyzine',
      'mirtazapine',
      'venlafaxine',
      'lithium',
      'aripiprazole',
    ].map((ingredient) => [
      ingredient,
      { category: 'possible-or-conditional' as const, checked: '2026-12' },
    ]),
  ),
};

export const VOCABULARY: readonly DrugEntry[] = ENTRIES.map(
  ([ingredient, rxnorm, drugClass, tags, extra]) => ({
    ingredient,
    rxnorm,
    class: drugClass,
    names: DRUG_NAMES[ingredient],
    abbreviations: DRUG_ABBREVIATIONS[ingredient] ?? [],
    tags,
    components: extra?.components ?? [ingredient],
  }),
);

// Salt and form words that a chart appends to an ingredient without changing what it is.
const SALT_WORDS =
  /\b(hydrochloride|hcl|hydrobromide|hbr|sodium|potassium|carbonate|citrate|succinate|sulfate|sulphate|tartrate|bitartrate|maleate|fumarate|besylate|mesylate|oxalate|acetate|phosphate|dimesylate|decanoate|er|xr|sr|cr|xl|la|dr|odt)\b/g;

function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[\s\-/]+/g, ' ')
    .trim();
}

const byName = new Map<string, DrugEntry>();
for (const entry of VOCABULARY) {
  for (const name of [entry.ingredient, ...entry.names, ...entry.abbreviations]) {
    byName.set(normalizeName(name), entry);
  }
}
const byIngredient = new Map(VOCABULARY.map((entry) => [entry.ingredient, entry]));

/** A drug by an exact name (generic, brand or abbreviation), ignoring case, salts and ER/XR. */
export function findDrug(name: string): DrugEntry | null {
  const normalized = normalizeName(name);
  if (!normalized) return null;
  const exact = byName.get(normalized);
  if (exact) return exact;
  const withoutSalt = normalized.replace(SALT_WORDS, ' ').replace(/\s+/g, ' ').trim();
  return byName.get(withoutSalt) ?? null;
}

/** The vocabulary entry for a normalized ingredient (as stored in `MedicationEntry.ingredient`). */
export function drugByIngredient(ingredient: string | null): DrugEntry | null {
  return ingredient === null ? null : (byIngredient.get(ingredient) ?? null);
}

interface NamePattern {
  pattern: RegExp;
  length: number;
  entry: DrugEntry;
  /**
   * The name's first word in capitals: any text the pattern matches contains it (the pattern's
   * case folding maps ASCII letters only, as `toUpperCase` does), so a text without it is skipped
   * without running the pattern. Null when the word is not plain ASCII.
   */
  firstWord: string | null;
}

function firstWordOf(name: string): string | null {
  const word = name.split(/[\s\-/'’‘]+/)[0] ?? '';
  return /^[\x20-\x7e]+$/.test(word) ? word.toUpperCase() : null;
}

const NAME_PATTERNS: NamePattern[] = VOCABULARY.flatMap((entry) => [
  ...[entry.ingredient, ...entry.names].map((name) => ({
    pattern: namePattern(name, false),
    length: name.length,
    entry,
    firstWord: firstWordOf(name),
  })),
  ...entry.abbreviations.map((name) => ({
    pattern: namePattern(name, true),
    length: name.length,
    entry,
    firstWord: firstWordOf(name),
  })),
]).sort((a, b) => b.length - a.length);

export interface DrugMatch {
  entry: DrugEntry;
  /** Where the name starts and ends in the text. */
  start: number;
  end: number;
}

/**
 * The first drug named in free text: the earliest match wins, and at the same position the longest
 * name, so "buprenorphine-naloxone" beats "buprenorphine" and a later "naloxone".
 */
export function findDrugMatchInText(text: string): DrugMatch | null {
  let best: DrugMatch | null = null;
  // Hundreds of names are tried on every line: a substring test first spares most regexes.
  const capitals = text.toUpperCase();
  for (const { pattern, entry, firstWord } of NAME_PATTERNS) {
    if (firstWord !== null && !capitals.includes(firstWord)) continue;
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (!match) continue;
    const candidate = { entry, start: match.index, end: match.index + match[0].length };
    if (
      best === null ||
      candidate.start < best.start ||
      (candidate.start === best.start && candidate.end > best.end)
    ) {
      best = candidate;
    }
  }
  return best;
}

export function findDrugInText(text: string): DrugEntry | null {
  return findDrugMatchInText(text)?.entry ?? null;
}

export function hasTag(entry: DrugEntry | null, tag: DrugTag): boolean {
  return entry?.tags.includes(tag) ?? false;
}
