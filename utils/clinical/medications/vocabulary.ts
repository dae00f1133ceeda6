/**
 * The medication vocabulary: psychiatric drugs and the non-psychiatric drugs that commonly
 * interact with them. The rules reason over `class`, `tags` and `ingredient`; the page readers and
 * the parser use `names` to recognise a drug in free text.
 *
 * RxNorm codes are ingredient (IN) concepts. Where a code is `null` it was not confirmed against
 * RxNav when this list was written, and an unconfirmed code is worse than none: a wrong code would
 * silently join two different drugs in a FHIR exchange, while a null only loses the code and the
 * drug is still recognised by name.
 */

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
  | 'estrogen';

export interface DrugEntry {
  /** Generic ingredient, lower case; for fixed combinations the combination name. */
  ingredient: string;
  /** RxNorm ingredient (IN) code; null when not confirmed (see the file comment). */
  rxnorm: string | null;
  class: DrugClass;
  /** Other generic spellings and salts, brand names; matched case-insensitively. */
  names: string[];
  /**
   * Abbreviations matched with their exact capitalisation, because in lower case several are
   * ordinary words or lab names ("Li" vs "li", "MPH" vs "mph").
   */
  abbreviations: string[];
  tags: DrugTag[];
  /** Ingredients of a fixed combination, so rules about one ingredient see the combination. */
  components: string[];
}

type EntryInput = [
  ingredient: string,
  rxnorm: string | null,
  drugClass: DrugClass,
  names: string[],
  tags: DrugTag[],
  extra?: { abbreviations?: string[]; components?: string[] },
];

const AD: DrugTag[] = ['antidepressant', 'serotonergic'];

const ENTRIES: EntryInput[] = [
  // SSRIs
  ['sertraline', '36437', 'SSRI', ['Zoloft'], AD],
  ['fluoxetine', '4493', 'SSRI', ['Prozac', 'Sarafem'], AD],
  ['citalopram', '2556', 'SSRI', ['Celexa'], [...AD, 'qt-prolonging']],
  ['escitalopram', '321988', 'SSRI', ['Lexapro'], [...AD, 'qt-prolonging']],
  [
    'paroxetine',
    '32937',
    'SSRI',
    ['Paxil', 'Paxil CR', 'Pexeva', 'Brisdelle'],
    [...AD, 'strongly-anticholinergic'],
  ],
  ['fluvoxamine', '42355', 'SSRI', ['Luvox', 'Luvox CR'], AD],
  // SNRIs
  ['venlafaxine', '39786', 'SNRI', ['Effexor', 'Effexor XR'], AD],
  ['desvenlafaxine', '734064', 'SNRI', ['Pristiq', 'Khedezla'], AD],
  ['duloxetine', '72625', 'SNRI', ['Cymbalta', 'Drizalma'], AD],
  ['levomilnacipran', null, 'SNRI', ['Fetzima'], AD],
  ['milnacipran', null, 'SNRI', ['Savella'], AD],
  // Tricyclics (Beers lists the tertiary amines as strongly anticholinergic)
  ['amitriptyline', '704', 'TCA', ['Elavil'], [...AD, 'strongly-anticholinergic', 'qt-prolonging']],
  ['nortriptyline', '7531', 'TCA', ['Pamelor', 'Aventyl'], [...AD, 'strongly-anticholinergic']],
  ['imipramine', '5691', 'TCA', ['Tofranil'], [...AD, 'strongly-anticholinergic', 'qt-prolonging']],
  [
    'desipramine',
    '3247',
    'TCA',
    ['Norpramin'],
    [...AD, 'strongly-anticholinergic', 'qt-prolonging'],
  ],
  ['clomipramine', '2597', 'TCA', ['Anafranil'], [...AD, 'strongly-anticholinergic']],
  ['doxepin', '3638', 'TCA', ['Sinequan', 'Silenor'], [...AD, 'strongly-anticholinergic']],
  ['protriptyline', null, 'TCA', ['Vivactil'], [...AD, 'strongly-anticholinergic']],
  ['trimipramine', null, 'TCA', ['Surmontil'], [...AD, 'strongly-anticholinergic']],
  ['amoxapine', null, 'TCA', ['Asendin'], [...AD, 'strongly-anticholinergic']],
  // MAOIs
  ['phenelzine', '8123', 'MAOI', ['Nardil'], [...AD, 'maoi']],
  ['tranylcypromine', '10734', 'MAOI', ['Parnate'], [...AD, 'maoi']],
  ['isocarboxazid', '6011', 'MAOI', ['Marplan'], [...AD, 'maoi']],
  ['selegiline', '9639', 'MAOI', ['Emsam', 'Eldepryl', 'Zelapar'], [...AD, 'maoi']],
  // Other antidepressants
  [
    'bupropion',
    '42347',
    'atypical-antidepressant',
    ['Wellbutrin', 'Wellbutrin SR', 'Wellbutrin XL', 'Zyban', 'Aplenzin', 'Forfivo'],
    ['antidepressant'],
  ],
  ['mirtazapine', '15996', 'atypical-antidepressant', ['Remeron', 'RemeronSolTab'], AD],
  ['trazodone', '10737', 'atypical-antidepressant', ['Desyrel', 'Oleptro'], AD],
  ['nefazodone', '31565', 'atypical-antidepressant', ['Serzone'], AD],
  ['vortioxetine', '1455099', 'atypical-antidepressant', ['Trintellix', 'Brintellix'], AD],
  ['vilazodone', '1086769', 'atypical-antidepressant', ['Viibryd'], AD],
  [
    'esketamine',
    null,
    'atypical-antidepressant',
    ['Spravato'],
    ['antidepressant', 'cns-depressant'],
  ],
  // Mood stabilizers
  [
    'lithium',
    '6448',
    'mood-stabilizer',
    ['lithium carbonate', 'lithium citrate', 'Lithobid', 'Eskalith'],
    ['serotonergic'],
    { abbreviations: ['Li', 'Li2CO3'] },
  ],
  [
    'valproic acid',
    '11118',
    'mood-stabilizer',
    [
      'valproate',
      'valproate sodium',
      'sodium valproate',
      'divalproex',
      'divalproex sodium',
      'Depakote',
      'Depakote ER',
      'Depakote Sprinkle',
      'Depakene',
      'Depacon',
    ],
    [],
    { abbreviations: ['VPA'] },
  ],
  [
    'lamotrigine',
    '28439',
    'mood-stabilizer',
    ['Lamictal', 'Lamictal XR', 'Lamictal ODT', 'Subvenite'],
    [],
    { abbreviations: ['LTG'] },
  ],
  [
    'carbamazepine',
    '2002',
    'mood-stabilizer',
    ['Tegretol', 'Tegretol XR', 'Equetro', 'Carbatrol', 'Epitol'],
    [],
    { abbreviations: ['CBZ'] },
  ],
  ['oxcarbazepine', '32624', 'mood-stabilizer', ['Trileptal', 'Oxtellar XR'], []],
  // Other anticonvulsants often seen on psychiatric medication lists
  ['topiramate', '38404', 'anticonvulsant', ['Topamax', 'Trokendi XR', 'Qudexy XR'], []],
  ['gabapentin', '25480', 'anticonvulsant', ['Neurontin', 'Gralise'], ['cns-depressant']],
  ['pregabalin', '187832', 'anticonvulsant', ['Lyrica', 'Lyrica CR'], ['cns-depressant']],
  // First-generation antipsychotics
  [
    'haloperidol',
    '5093',
    'FGA',
    ['Haldol', 'haloperidol decanoate'],
    ['antipsychotic', 'qt-prolonging'],
  ],
  [
    'chlorpromazine',
    '2403',
    'FGA',
    ['Thorazine'],
    ['antipsychotic', 'qt-prolonging', 'strongly-anticholinergic'],
  ],
  ['fluphenazine', '4496', 'FGA', ['Prolixin', 'fluphenazine decanoate'], ['antipsychotic']],
  ['perphenazine', '8076', 'FGA', ['Trilafon'], ['antipsychotic', 'strongly-anticholinergic']],
  [
    'thioridazine',
    '10502',
    'FGA',
    ['Mellaril'],
    ['antipsychotic', 'qt-prolonging', 'strongly-anticholinergic'],
  ],
  ['pimozide', '8331', 'FGA', ['Orap'], ['antipsychotic', 'qt-prolonging']],
  ['loxapine', null, 'FGA', ['Loxitane', 'Adasuve'], ['antipsychotic', 'strongly-anticholinergic']],
  ['trifluoperazine', null, 'FGA', ['Stelazine'], ['antipsychotic', 'strongly-anticholinergic']],
  ['thiothixene', null, 'FGA', ['Navane'], ['antipsychotic']],
  ['droperidol', null, 'FGA', ['Inapsine'], ['antipsychotic', 'qt-prolonging']],
  // Second-generation antipsychotics
  [
    'clozapine',
    '2626',
    'SGA',
    ['Clozaril', 'FazaClo', 'Versacloz'],
    ['antipsychotic', 'strongly-anticholinergic'],
  ],
  [
    'olanzapine',
    '61381',
    'SGA',
    ['Zyprexa', 'Zyprexa Zydis', 'Zyprexa Relprevv'],
    ['antipsychotic', 'strongly-anticholinergic'],
  ],
  ['quetiapine', '51272', 'SGA', ['Seroquel', 'Seroquel XR'], ['antipsychotic']],
  [
    'risperidone',
    '35636',
    'SGA',
    ['Risperdal', 'Risperdal Consta', 'Perseris', 'Uzedy'],
    ['antipsychotic'],
  ],
  [
    'aripiprazole',
    '89013',
    'SGA',
    ['Abilify', 'Abilify Maintena', 'Abilify Asimtufii'],
    ['antipsychotic'],
  ],
  ['ziprasidone', '115698', 'SGA', ['Geodon'], ['antipsychotic', 'qt-prolonging']],
  [
    'paliperidone',
    '679314',
    'SGA',
    ['Invega', 'Invega Sustenna', 'Invega Trinza', 'Invega Hafyera'],
    ['antipsychotic'],
  ],
  ['lurasidone', '1040028', 'SGA', ['Latuda'], ['antipsychotic']],
  ['asenapine', '784649', 'SGA', ['Saphris', 'Secuado'], ['antipsychotic']],
  ['iloperidone', null, 'SGA', ['Fanapt'], ['antipsychotic', 'qt-prolonging']],
  ['brexpiprazole', null, 'SGA', ['Rexulti'], ['antipsychotic']],
  ['cariprazine', null, 'SGA', ['Vraylar'], ['antipsychotic']],
  ['lumateperone', null, 'SGA', ['Caplyta'], ['antipsychotic']],
  // Stimulants (amphetamines are listed as serotonergic in the SSRI/mirtazapine labels)
  [
    'methylphenidate',
    '6901',
    'stimulant',
    [
      'Ritalin',
      'Ritalin LA',
      'Concerta',
      'Metadate',
      'Metadate CD',
      'Methylin',
      'Daytrana',
      'QuilliChew',
      'Quillivant',
      'Jornay PM',
      'Aptensio',
      'Cotempla',
    ],
    [],
    { abbreviations: ['MPH'] },
  ],
  ['dexmethylphenidate', null, 'stimulant', ['Focalin', 'Focalin XR'], []],
  [
    'amphetamine',
    '725',
    'stimulant',
    [
      'Adderall',
      'Adderall XR',
      'mixed amphetamine salts',
      'amphetamine salts',
      'dextroamphetamine-amphetamine',
      'dextroamphetamine/amphetamine',
      'Mydayis',
      'Evekeo',
      'Adzenys',
      'Dyanavel',
    ],
    ['serotonergic'],
  ],
  [
    'dextroamphetamine',
    '3288',
    'stimulant',
    ['Dexedrine', 'Zenzedi', 'ProCentra', 'Xelstrym'],
    ['serotonergic'],
  ],
  ['lisdexamfetamine', '700810', 'stimulant', ['Vyvanse'], ['serotonergic']],
  ['methamphetamine', '6816', 'stimulant', ['Desoxyn'], ['serotonergic']],
  // ADHD non-stimulants
  ['atomoxetine', '38400', 'ADHD-non-stimulant', ['Strattera'], []],
  ['viloxazine', null, 'ADHD-non-stimulant', ['Qelbree'], []],
  ['guanfacine', '40114', 'ADHD-non-stimulant', ['Intuniv', 'Tenex'], []],
  ['clonidine', '2599', 'ADHD-non-stimulant', ['Kapvay', 'Catapres'], []],
  // Benzodiazepines (temazepam, triazolam and estazolam are marketed for insomnia)
  ['alprazolam', '596', 'benzodiazepine', ['Xanax', 'Xanax XR', 'Niravam'], ['cns-depressant']],
  ['lorazepam', '6470', 'benzodiazepine', ['Ativan', 'Loreev'], ['cns-depressant']],
  ['clonazepam', '2598', 'benzodiazepine', ['Klonopin'], ['cns-depressant']],
  ['diazepam', '3322', 'benzodiazepine', ['Valium', 'Valtoco', 'Diastat'], ['cns-depressant']],
  ['chlordiazepoxide', '2356', 'benzodiazepine', ['Librium'], ['cns-depressant']],
  ['temazepam', '10355', 'benzodiazepine', ['Restoril'], ['cns-depressant', 'hypnotic']],
  ['triazolam', '10767', 'benzodiazepine', ['Halcion'], ['cns-depressant', 'hypnotic']],
  ['oxazepam', '7781', 'benzodiazepine', ['Serax'], ['cns-depressant']],
  ['clorazepate', null, 'benzodiazepine', ['Tranxene'], ['cns-depressant']],
  ['midazolam', '6960', 'benzodiazepine', ['Versed', 'Nayzilam'], ['cns-depressant']],
  ['estazolam', null, 'benzodiazepine', ['ProSom'], ['cns-depressant', 'hypnotic']],
  // Z-drugs and other hypnotics
  [
    'zolpidem',
    '39993',
    'Z-drug',
    ['Ambien', 'Ambien CR', 'Edluar', 'Intermezzo'],
    ['cns-depressant', 'hypnotic'],
  ],
  ['eszopiclone', '461016', 'Z-drug', ['Lunesta'], ['cns-depressant', 'hypnotic']],
  ['zaleplon', '74667', 'Z-drug', ['Sonata'], ['cns-depressant', 'hypnotic']],
  ['ramelteon', null, 'hypnotic-other', ['Rozerem'], ['hypnotic']],
  ['suvorexant', null, 'hypnotic-other', ['Belsomra'], ['cns-depressant', 'hypnotic']],
  ['lemborexant', null, 'hypnotic-other', ['Dayvigo'], ['cns-depressant', 'hypnotic']],
  ['daridorexant', null, 'hypnotic-other', ['Quviviq'], ['cns-depressant', 'hypnotic']],
  ['buspirone', '1827', 'anxiolytic-other', ['BuSpar'], ['serotonergic']],
  // Opioid and alcohol use disorder medications, and reversal agents
  [
    'buprenorphine',
    '1819',
    'OUD-agonist',
    ['Subutex', 'Sublocade', 'Brixadi', 'Butrans', 'Belbuca'],
    ['opioid', 'cns-depressant'],
  ],
  [
    // A fixed combination: its multiple-ingredient RxNorm concept is not an IN, so no code here.
    'buprenorphine-naloxone',
    null,
    'OUD-agonist',
    ['buprenorphine/naloxone', 'buprenorphine and naloxone', 'Suboxone', 'Zubsolv', 'Bunavail'],
    ['opioid', 'cns-depressant'],
    { abbreviations: ['BUP/NX', 'bup/nx'], components: ['buprenorphine', 'naloxone'] },
  ],
  [
    'methadone',
    '6813',
    'OUD-agonist',
    ['Dolophine', 'Methadose', 'Diskets'],
    ['opioid', 'cns-depressant', 'qt-prolonging'],
  ],
  [
    'naltrexone',
    '7243',
    'opioid-antagonist',
    ['Vivitrol', 'ReVia', 'Depade'],
    [],
    { abbreviations: ['XR-NTX', 'NTX'] },
  ],
  ['naloxone', '7242', 'opioid-antagonist', ['Narcan', 'Kloxxado', 'Zimhi', 'RiVive', 'Evzio'], []],
  ['acamprosate', null, 'AUD-medication', ['Campral'], []],
  ['disulfiram', '3554', 'AUD-medication', ['Antabuse'], []],
  // Opioid analgesics
  [
    'tramadol',
    '10689',
    'opioid-analgesic',
    ['Ultram', 'Ultracet', 'ConZip'],
    ['opioid', 'cns-depressant', 'serotonergic'],
  ],
  [
    'oxycodone',
    '7804',
    'opioid-analgesic',
    ['OxyContin', 'Roxicodone', 'Percocet', 'Oxaydo', 'Xtampza'],
    ['opioid', 'cns-depressant'],
  ],
  [
    'hydrocodone',
    '5489',
    'opioid-analgesic',
    ['Norco', 'Vicodin', 'Lortab', 'Hysingla', 'Zohydro'],
    ['opioid', 'cns-depressant'],
  ],
  [
    'morphine',
    '7052',
    'opioid-analgesic',
    ['MS Contin', 'Kadian', 'Roxanol'],
    ['opioid', 'cns-depressant'],
  ],
  [
    'fentanyl',
    '4337',
    'opioid-analgesic',
    ['Duragesic', 'Actiq', 'Fentora', 'Subsys'],
    ['opioid', 'cns-depressant', 'serotonergic'],
  ],
  [
    'hydromorphone',
    '3423',
    'opioid-analgesic',
    ['Dilaudid', 'Exalgo'],
    ['opioid', 'cns-depressant'],
  ],
  [
    'codeine',
    '2670',
    'opioid-analgesic',
    ['Tylenol with codeine', 'Tylenol #3'],
    ['opioid', 'cns-depressant'],
  ],
  [
    'tapentadol',
    '787390',
    'opioid-analgesic',
    ['Nucynta', 'Nucynta ER'],
    ['opioid', 'cns-depressant', 'serotonergic'],
  ],
  ['oxymorphone', '7814', 'opioid-analgesic', ['Opana', 'Opana ER'], ['opioid', 'cns-depressant']],
  [
    'meperidine',
    '6754',
    'opioid-analgesic',
    ['Demerol', 'pethidine'],
    ['opioid', 'cns-depressant', 'serotonergic'],
  ],
  // Triptans
  [
    'sumatriptan',
    '37418',
    'triptan',
    ['Imitrex', 'Treximet', 'Zembrace', 'Onzetra', 'Tosymra'],
    ['serotonergic'],
  ],
  ['rizatriptan', '88014', 'triptan', ['Maxalt', 'Maxalt-MLT'], ['serotonergic']],
  ['zolmitriptan', '135775', 'triptan', ['Zomig', 'Zomig-ZMT'], ['serotonergic']],
  ['eletriptan', null, 'triptan', ['Relpax'], ['serotonergic']],
  ['naratriptan', null, 'triptan', ['Amerge'], ['serotonergic']],
  ['almotriptan', null, 'triptan', ['Axert'], ['serotonergic']],
  ['frovatriptan', null, 'triptan', ['Frova'], ['serotonergic']],
  // Non-psychiatric MAO inhibitors
  ['linezolid', '190376', 'antibiotic', ['Zyvox'], ['maoi']],
  [
    'methylene blue',
    '6878',
    'methylene-blue',
    ['methylthioninium chloride', 'ProvayBlue'],
    ['maoi'],
  ],
  // NSAIDs, ACE inhibitors, ARBs, thiazides: raise lithium levels
  ['ibuprofen', '5640', 'NSAID', ['Motrin', 'Advil'], ['raises-lithium']],
  ['naproxen', '7258', 'NSAID', ['Naprosyn', 'Aleve', 'Anaprox'], ['raises-lithium']],
  ['meloxicam', '41493', 'NSAID', ['Mobic'], ['raises-lithium']],
  ['diclofenac', '3355', 'NSAID', ['Voltaren', 'Cataflam', 'Zorvolex'], ['raises-lithium']],
  ['celecoxib', '140587', 'NSAID', ['Celebrex'], ['raises-lithium']],
  ['indomethacin', '5781', 'NSAID', ['Indocin', 'Tivorbex'], ['raises-lithium']],
  ['ketorolac', '35827', 'NSAID', ['Toradol', 'Sprix'], ['raises-lithium']],
  ['lisinopril', '29046', 'ACE-inhibitor', ['Prinivil', 'Zestril', 'Qbrelis'], ['raises-lithium']],
  ['enalapril', '3827', 'ACE-inhibitor', ['Vasotec', 'Epaned'], ['raises-lithium']],
  ['ramipril', '35296', 'ACE-inhibitor', ['Altace'], ['raises-lithium']],
  ['benazepril', '18867', 'ACE-inhibitor', ['Lotensin'], ['raises-lithium']],
  ['captopril', '1998', 'ACE-inhibitor', ['Capoten'], ['raises-lithium']],
  ['losartan', '52175', 'ARB', ['Cozaar'], ['raises-lithium']],
  ['valsartan', '69749', 'ARB', ['Diovan'], ['raises-lithium']],
  ['irbesartan', '83818', 'ARB', ['Avapro'], ['raises-lithium']],
  ['olmesartan', '321064', 'ARB', ['Benicar'], ['raises-lithium']],
  ['candesartan', '214354', 'ARB', ['Atacand'], ['raises-lithium']],
  ['telmisartan', '73494', 'ARB', ['Micardis'], ['raises-lithium']],
  [
    'hydrochlorothiazide',
    '5487',
    'thiazide',
    ['Microzide', 'Esidrix'],
    ['raises-lithium'],
    { abbreviations: ['HCTZ'] },
  ],
  ['chlorthalidone', '2409', 'thiazide', ['Thalitone', 'Hygroton'], ['raises-lithium']],
  ['indapamide', null, 'thiazide', ['Lozol'], ['raises-lithium']],
  ['metolazone', '6916', 'thiazide', ['Zaroxolyn'], ['raises-lithium']],
  // Anticholinergics and first-generation antihistamines (Beers "strongly anticholinergic")
  [
    'diphenhydramine',
    '3498',
    'antihistamine',
    ['Benadryl', 'ZzzQuil', 'Unisom SleepGels'],
    ['strongly-anticholinergic', 'cns-depressant'],
  ],
  [
    'hydroxyzine',
    '5553',
    'antihistamine',
    ['Vistaril', 'Atarax'],
    ['strongly-anticholinergic', 'cns-depressant'],
  ],
  [
    'promethazine',
    '8745',
    'antihistamine',
    ['Phenergan'],
    ['strongly-anticholinergic', 'cns-depressant'],
  ],
  [
    'doxylamine',
    null,
    'antihistamine',
    ['Unisom SleepTabs'],
    ['strongly-anticholinergic', 'cns-depressant'],
  ],
  ['chlorpheniramine', '2400', 'antihistamine', ['Chlor-Trimeton'], ['strongly-anticholinergic']],
  ['meclizine', null, 'antihistamine', ['Antivert', 'Bonine'], ['strongly-anticholinergic']],
  [
    'oxybutynin',
    '32675',
    'anticholinergic',
    ['Ditropan', 'Ditropan XL', 'Oxytrol'],
    ['strongly-anticholinergic'],
  ],
  ['tolterodine', null, 'anticholinergic', ['Detrol', 'Detrol LA'], ['strongly-anticholinergic']],
  ['benztropine', null, 'anticholinergic', ['Cogentin'], ['strongly-anticholinergic']],
  ['trihexyphenidyl', null, 'anticholinergic', ['Artane'], ['strongly-anticholinergic']],
  [
    'cyclobenzaprine',
    '21949',
    'muscle-relaxant',
    ['Flexeril', 'Amrix'],
    ['strongly-anticholinergic', 'serotonergic'],
  ],
  ['carisoprodol', '2101', 'muscle-relaxant', ['Soma'], ['cns-depressant']],
  // Other interacting drugs
  ['cimetidine', '2541', 'H2-blocker', ['Tagamet'], []],
  ['metronidazole', '6922', 'antibiotic', ['Flagyl'], ['raises-lithium']],
  [
    'ethinyl estradiol',
    '4124',
    'estrogen-contraceptive',
    ['Yaz', 'Yasmin', 'Loestrin', 'Sprintec', 'Junel', 'Ortho Tri-Cyclen', 'NuvaRing', 'Xulane'],
    ['estrogen'],
    { abbreviations: ['EE'] },
  ],
  ['ondansetron', '26225', 'antiemetic', ['Zofran'], ['qt-prolonging', 'serotonergic']],
  [
    'dextromethorphan',
    '3289',
    'antitussive',
    ['Delsym', 'Robitussin DM'],
    ['serotonergic'],
    { abbreviations: ['DXM'] },
  ],
  ['phenobarbital', '8134', 'barbiturate', ['Luminal'], ['cns-depressant']],
  [
    "st john's wort",
    null,
    'herbal',
    ['St. John’s wort', "St. John's wort", 'St Johns wort', 'hypericum'],
    ['serotonergic'],
  ],
];

export const VOCABULARY: readonly DrugEntry[] = ENTRIES.map(
  ([ingredient, rxnorm, drugClass, names, tags, extra]) => ({
    ingredient,
    rxnorm,
    class: drugClass,
    names,
    abbreviations: extra?.abbreviations ?? [],
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
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function namePattern(name: string, caseSensitive: boolean): RegExp {
  // Spaces, hyphens and slashes inside a name are interchangeable ("buprenorphine / naloxone").
  const body = name
    .replace(/[’‘]/g, "'")
    .split(/[\s\-/]+/)
    .map((part) => escapeRegExp(part).replace(/'/g, "['’]"))
    .join('\\s*[\\s\\-/]\\s*');
  return new RegExp(`(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])`, caseSensitive ? 'g' : 'gi');
}

const NAME_PATTERNS: NamePattern[] = VOCABULARY.flatMap((entry) => [
  ...[entry.ingredient, ...entry.names].map((name) => ({
    pattern: namePattern(name, false),
    length: name.length,
    entry,
  })),
  ...entry.abbreviations.map((name) => ({
    pattern: namePattern(name, true),
    length: name.length,
    entry,
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
  for (const { pattern, entry } of NAME_PATTERNS) {
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
