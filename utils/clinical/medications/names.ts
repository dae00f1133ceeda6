/**
 * Every name a chart may print for a drug in the medication vocabulary, by ingredient. The
 * vocabulary (vocabulary.ts) builds its entries on these lists, and the background uses them
 * alone to tell a line the generic page reader took from a medication section from a heading or a
 * note (utils/ehr/sections/enrich.ts). No content script carries this file: the page sends the lines as
 * shown (tests/unit/ehr/boundary.test.ts).
 */

/** Generic spellings, salts and brand names, matched case-insensitively; the key is a name too. */
export const DRUG_NAMES = {
  // SSRIs
  sertraline: ['Zoloft'],
  fluoxetine: ['Prozac', 'Sarafem'],
  citalopram: ['Celexa'],
  escitalopram: ['Lexapro'],
  paroxetine: ['Paxil', 'Paxil CR', 'Pexeva', 'Brisdelle'],
  fluvoxamine: ['Luvox', 'Luvox CR'],
  // SNRIs
  venlafaxine: ['Effexor', 'Effexor XR'],
  desvenlafaxine: ['Pristiq', 'Khedezla'],
  duloxetine: ['Cymbalta', 'Drizalma'],
  levomilnacipran: ['Fetzima'],
  milnacipran: ['Savella'],
  // Tricyclics (Beers lists the tertiary amines as strongly anticholinergic)
  amitriptyline: ['Elavil'],
  nortriptyline: ['Pamelor', 'Aventyl'],
  imipramine: ['Tofranil'],
  desipramine: ['Norpramin'],
  clomipramine: ['Anafranil'],
  doxepin: ['Sinequan', 'Silenor'],
  protriptyline: ['Vivactil'],
  trimipramine: ['Surmontil'],
  amoxapine: ['Asendin'],
  // MAOIs
  phenelzine: ['Nardil'],
  tranylcypromine: ['Parnate'],
  isocarboxazid: ['Marplan'],
  selegiline: ['Emsam', 'Eldepryl', 'Zelapar'],
  // Other antidepressants
  bupropion: ['Wellbutrin', 'Wellbutrin SR', 'Wellbutrin XL', 'Zyban', 'Aplenzin', 'Forfivo'],
  mirtazapine: ['Remeron', 'RemeronSolTab'],
  trazodone: ['Desyrel', 'Oleptro'],
  nefazodone: ['Serzone'],
  vortioxetine: ['Trintellix', 'Brintellix'],
  vilazodone: ['Viibryd'],
  esketamine: ['Spravato'],
  // Mood stabilizers
  lithium: ['lithium carbonate', 'lithium citrate', 'Lithobid', 'Eskalith'],
  'valproic acid': [
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
  lamotrigine: ['Lamictal', 'Lamictal XR', 'Lamictal ODT', 'Subvenite'],
  carbamazepine: ['Tegretol', 'Tegretol XR', 'Equetro', 'Carbatrol', 'Epitol'],
  oxcarbazepine: ['Trileptal', 'Oxtellar XR'],
  // Other anticonvulsants often seen on psychiatric medication lists
  topiramate: ['Topamax', 'Trokendi XR', 'Qudexy XR'],
  gabapentin: ['Neurontin', 'Gralise'],
  pregabalin: ['Lyrica', 'Lyrica CR'],
  // First-generation antipsychotics
  haloperidol: ['Haldol', 'haloperidol decanoate'],
  chlorpromazine: ['Thorazine'],
  fluphenazine: ['Prolixin', 'fluphenazine decanoate'],
  perphenazine: ['Trilafon'],
  thioridazine: ['Mellaril'],
  pimozide: ['Orap'],
  loxapine: ['Loxitane', 'Adasuve'],
  trifluoperazine: ['Stelazine'],
  thiothixene: ['Navane'],
  droperidol: ['Inapsine'],
  // Second-generation antipsychotics
  clozapine: ['Clozaril', 'FazaClo', 'Versacloz'],
  olanzapine: ['Zyprexa', 'Zyprexa Zydis', 'Zyprexa Relprevv'],
  quetiapine: ['Seroquel', 'Seroquel XR'],
  risperidone: ['Risperdal', 'Risperdal Consta', 'Perseris', 'Uzedy'],
  aripiprazole: ['Abilify', 'Abilify Maintena', 'Abilify Asimtufii'],
  ziprasidone: ['Geodon'],
  paliperidone: ['Invega', 'Invega Sustenna', 'Invega Trinza', 'Invega Hafyera'],
  lurasidone: ['Latuda'],
  asenapine: ['Saphris', 'Secuado'],
  iloperidone: ['Fanapt'],
  brexpiprazole: ['Rexulti'],
  cariprazine: ['Vraylar'],
  lumateperone: ['Caplyta'],
  // Stimulants (amphetamines are listed as serotonergic in the SSRI/mirtazapine labels)
  methylphenidate: [
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
  dexmethylphenidate: ['Focalin', 'Focalin XR'],
  amphetamine: [
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
  dextroamphetamine: ['Dexedrine', 'Zenzedi', 'ProCentra', 'Xelstrym'],
  lisdexamfetamine: ['Vyvanse'],
  methamphetamine: ['Desoxyn'],
  // ADHD non-stimulants
  atomoxetine: ['Strattera'],
  viloxazine: ['Qelbree'],
  guanfacine: ['Intuniv', 'Tenex'],
  clonidine: ['Kapvay', 'Catapres'],
  // Benzodiazepines (temazepam, triazolam and estazolam are marketed for insomnia)
  alprazolam: ['Xanax', 'Xanax XR', 'Niravam'],
  lorazepam: ['Ativan', 'Loreev'],
  clonazepam: ['Klonopin'],
  diazepam: ['Valium', 'Valtoco', 'Diastat'],
  chlordiazepoxide: ['Librium'],
  temazepam: ['Restoril'],
  triazolam: ['Halcion'],
  oxazepam: ['Serax'],
  clorazepate: ['Tranxene'],
  midazolam: ['Versed', 'Nayzilam'],
  estazolam: ['ProSom'],
  // Z-drugs and other hypnotics
  zolpidem: ['Ambien', 'Ambien CR', 'Edluar', 'Intermezzo'],
  eszopiclone: ['Lunesta'],
  zaleplon: ['Sonata'],
  ramelteon: ['Rozerem'],
  suvorexant: ['Belsomra'],
  lemborexant: ['Dayvigo'],
  daridorexant: ['Quviviq'],
  buspirone: ['BuSpar'],
  // Opioid and alcohol use disorder medications, and reversal agents
  buprenorphine: ['Subutex', 'Sublocade', 'Brixadi', 'Butrans', 'Belbuca'],
  'buprenorphine-naloxone': [
    'buprenorphine/naloxone',
    'buprenorphine and naloxone',
    'Suboxone',
    'Zubsolv',
    'Bunavail',
  ],
  methadone: ['Dolophine', 'Methadose', 'Diskets'],
  naltrexone: ['Vivitrol', 'ReVia', 'Depade'],
  naloxone: ['Narcan', 'Kloxxado', 'Zimhi', 'RiVive', 'Evzio'],
  acamprosate: ['Campral'],
  disulfiram: ['Antabuse'],
  // Opioid analgesics
  tramadol: ['Ultram', 'Ultracet', 'ConZip'],
  oxycodone: ['OxyContin', 'Roxicodone', 'Percocet', 'Oxaydo', 'Xtampza'],
  hydrocodone: ['Norco', 'Vicodin', 'Lortab', 'Hysingla', 'Zohydro'],
  morphine: ['MS Contin', 'Kadian', 'Roxanol'],
  fentanyl: ['Duragesic', 'Actiq', 'Fentora', 'Subsys'],
  hydromorphone: ['Dilaudid', 'Exalgo'],
  codeine: ['Tylenol with codeine', 'Tylenol #3'],
  tapentadol: ['Nucynta', 'Nucynta ER'],
  oxymorphone: ['Opana', 'Opana ER'],
  meperidine: ['Demerol', 'pethidine'],
  // Triptans
  sumatriptan: ['Imitrex', 'Treximet', 'Zembrace', 'Onzetra', 'Tosymra'],
  rizatriptan: ['Maxalt', 'Maxalt-MLT'],
  zolmitriptan: ['Zomig', 'Zomig-ZMT'],
  eletriptan: ['Relpax'],
  naratriptan: ['Amerge'],
  almotriptan: ['Axert'],
  frovatriptan: ['Frova'],
  // Non-psychiatric MAO inhibitors
  linezolid: ['Zyvox'],
  azithromycin: ['Zithromax', 'Z-Pak'],
  clarithromycin: ['Biaxin'],
  erythromycin: ['Ery-Tab', 'Erythrocin'],
  levofloxacin: ['Levaquin'],
  moxifloxacin: ['Avelox'],
  ciprofloxacin: ['Cipro'],
  pseudoephedrine: ['Sudafed'],
  donepezil: ['Aricept'],
  'methylene blue': ['methylthioninium chloride', 'ProvayBlue'],
  // NSAIDs, ACE inhibitors, ARBs, thiazides: raise lithium levels
  ibuprofen: ['Motrin', 'Advil'],
  naproxen: ['Naprosyn', 'Aleve', 'Anaprox'],
  meloxicam: ['Mobic'],
  diclofenac: ['Voltaren', 'Cataflam', 'Zorvolex'],
  celecoxib: ['Celebrex'],
  indomethacin: ['Indocin', 'Tivorbex'],
  ketorolac: ['Toradol', 'Sprix'],
  lisinopril: ['Prinivil', 'Zestril', 'Qbrelis'],
  enalapril: ['Vasotec', 'Epaned'],
  ramipril: ['Altace'],
  benazepril: ['Lotensin'],
  captopril: ['Capoten'],
  losartan: ['Cozaar'],
  valsartan: ['Diovan'],
  irbesartan: ['Avapro'],
  olmesartan: ['Benicar'],
  candesartan: ['Atacand'],
  telmisartan: ['Micardis'],
  hydrochlorothiazide: ['Microzide', 'Esidrix'],
  chlorthalidone: ['Thalitone', 'Hygroton'],
  indapamide: ['Lozol'],
  metolazone: ['Zaroxolyn'],
  // Anticholinergics and first-generation antihistamines (Beers "strongly anticholinergic")
  diphenhydramine: ['Benadryl', 'ZzzQuil', 'Unisom SleepGels'],
  hydroxyzine: ['Vistaril', 'Atarax'],
  promethazine: ['Phenergan'],
  doxylamine: ['Unisom SleepTabs'],
  chlorpheniramine: ['Chlor-Trimeton'],
  meclizine: ['Antivert', 'Bonine'],
  oxybutynin: ['Ditropan', 'Ditropan XL', 'Oxytrol'],
  tolterodine: ['Detrol', 'Detrol LA'],
  benztropine: ['Cogentin'],
  trihexyphenidyl: ['Artane'],
  cyclobenzaprine: ['Flexeril', 'Amrix'],
  carisoprodol: ['Soma'],
  // Other interacting drugs
  cimetidine: ['Tagamet'],
  metronidazole: ['Flagyl'],
  'ethinyl estradiol': [
    'Yaz',
    'Yasmin',
    'Loestrin',
    'Sprintec',
    'Junel',
    'Ortho Tri-Cyclen',
    'NuvaRing',
    'Xulane',
  ],
  ondansetron: ['Zofran'],
  dextromethorphan: ['Delsym', 'Robitussin DM'],
  phenobarbital: ['Luminal'],
  "st john's wort": ['St. John’s wort', "St. John's wort", 'St Johns wort', 'hypericum'],
} satisfies Record<string, string[]>;

/** A vocabulary ingredient: generic name in lower case, or the name of a fixed combination. */
export type Ingredient = keyof typeof DRUG_NAMES;

/**
 * Abbreviations matched with their exact capitalisation, because in lower case several are
 * ordinary words or lab names ("Li" vs "li", "MPH" vs "mph").
 */
export const DRUG_ABBREVIATIONS: Partial<Record<Ingredient, string[]>> = {
  lithium: ['Li', 'Li2CO3'],
  'valproic acid': ['VPA'],
  lamotrigine: ['LTG'],
  carbamazepine: ['CBZ'],
  methylphenidate: ['MPH'],
  'buprenorphine-naloxone': ['BUP/NX', 'bup/nx'],
  naltrexone: ['XR-NTX', 'NTX'],
  hydrochlorothiazide: ['HCTZ'],
  'ethinyl estradiol': ['EE'],
  dextromethorphan: ['DXM'],
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name as a pattern body: spaces, hyphens and slashes inside it are interchangeable. */
function nameBody(name: string): string {
  return name
    .replace(/[’‘]/g, "'")
    .split(/[\s\-/]+/)
    .map((part) => escapeRegExp(part).replace(/'/g, "['’]"))
    .join('\\s*[\\s\\-/]\\s*');
}

/** A pattern that finds one or more names as whole words ("buprenorphine / naloxone"). */
export function namePattern(names: string | string[], caseSensitive: boolean): RegExp {
  const body = (Array.isArray(names) ? names : [names]).map(nameBody).join('|');
  return new RegExp(`(?<![A-Za-z0-9])(?:${body})(?![A-Za-z0-9])`, caseSensitive ? 'g' : 'gi');
}

let anyDrugName: { names: RegExp; abbreviations: RegExp } | null = null;

/** Whether free text names any drug of the vocabulary, by any of its names or abbreviations. */
export function namesADrug(text: string): boolean {
  // Compiled on first use, so a page without a medication list never pays for it.
  anyDrugName ??= {
    names: namePattern(
      Object.entries(DRUG_NAMES).flatMap(([ingredient, names]) => [ingredient, ...names]),
      false,
    ),
    abbreviations: namePattern(Object.values(DRUG_ABBREVIATIONS).flat(), true),
  };
  anyDrugName.names.lastIndex = 0;
  anyDrugName.abbreviations.lastIndex = 0;
  return anyDrugName.names.test(text) || anyDrugName.abbreviations.test(text);
}
