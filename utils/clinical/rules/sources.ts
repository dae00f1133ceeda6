/**
 * Documents the rules cite, each by its own address: a label on DailyMed by its set id, a guideline
 * or safety communication by its page, an article by DOI or PubMed id. Never a search page or a
 * site's front page (tests/unit/rules/citations.test.ts).
 */
const DAILYMED = 'https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=';

export const LABELS = {
  clozapine: `${DAILYMED}90876802-0e3a-44c9-9ff7-1754dfbe736a`,
  divalproex: `${DAILYMED}08a65cf4-7749-4ceb-6895-8f4805e2b01f`,
  carbamazepine: `${DAILYMED}f38feadf-3fa4-430c-99ed-374023f8132c`,
  lamotrigine: `${DAILYMED}d7e3572d-56fe-4727-2bb4-013ccca22678`,
  phenelzine: `${DAILYMED}513a41d0-37d4-4355-8a6d-a2c643bce6fa`,
  mirtazapine: `${DAILYMED}010f9162-9f7f-4b6d-a6e4-4f832f26f38e`,
  bupropion: `${DAILYMED}f8ad76a2-9f75-4660-973d-34402f314e9c`,
  methylphenidate: `${DAILYMED}c0bf0835-6a2f-4067-a158-8b86c4b0668a`,
  viloxazine: `${DAILYMED}aedf408d-0f84-418d-9416-7c39ddb0d29a`,
  atomoxetine: `${DAILYMED}0121363e-dcd9-4c24-940b-ea890ab762e7`,
  naltrexoneExtendedRelease: `${DAILYMED}cd11c435-b0f0-4bb9-ae78-60f101f3703f`,
} as const;

export const DOCUMENTS = {
  /** Joint Commission R3 Report 13: the revised measurement-based care standard CTS.03.01.09. */
  jointCommissionMbc:
    'https://www.jointcommission.org/-/media/tjc/documents/standards/r3-reports/r3_report_issue_13_measurement_based_care_2_7_18_final.pdf',
  /** Henssler et al., J Clin Psychiatry 2018: trajectories of antidepressant response. */
  henssler2018: 'https://doi.org/10.4088/JCP.17r11470',
  /** Westra, Stewart & Conrad, J Anxiety Disord 2002;16:233 (PMID 12214810). */
  westra2002: 'https://pubmed.ncbi.nlm.nih.gov/12214810/',
  /** Posner et al., Am J Psychiatry 2011: the Columbia–Suicide Severity Rating Scale. */
  posner2011: 'https://doi.org/10.1176/appi.ajp.2011.10111704',
  /** NHS Talking Therapies for anxiety and depression manual: reliable change and caseness. */
  nhsTalkingTherapiesManual:
    'https://www.england.nhs.uk/publication/the-improving-access-to-psychological-therapies-manual/',
  /** Yatham et al., CANMAT/ISBD 2018 guidelines for bipolar disorder, Bipolar Disord 2018;20:97. */
  canmatIsbd2018: 'https://doi.org/10.1111/bdi.12609',
  /** ACOG Clinical Practice Guideline No. 5 (2023). */
  acogCpg5:
    'https://www.acog.org/clinical/clinical-guidance/clinical-practice-guideline/articles/2023/06/treatment-and-management-of-mental-health-conditions-during-pregnancy-and-postpartum',
  /** NHS SPS lithium monitoring (NICE CG185-based). */
  spsLithium: 'https://www.sps.nhs.uk/monitorings/lithium-monitoring/',
  /** FDA Drug Safety Communication, Dec 19 2019: gabapentinoids and breathing problems. */
  fdaGabapentinoids2019:
    'https://www.fda.gov/drugs/drug-safety-and-availability/fda-warns-about-serious-breathing-problems-seizure-and-nerve-pain-medicines-gabapentin-neurontin',
  /** FDA Drug Safety Communication, Aug 31 2016: opioids with benzodiazepines (boxed warning). */
  fdaOpioidBenzodiazepine2016: 'https://www.fda.gov/Drugs/DrugSafety/ucm518473.htm',
  /** Drew et al., AHA/ACCF scientific statement on QT prolongation, Circulation 2010;121:1047. */
  ahaQt2010: 'https://doi.org/10.1161/CIRCULATIONAHA.109.192704',
  /** Krantz et al., Ann Intern Med 2009: QTc interval screening in methadone treatment. */
  krantz2009: 'https://doi.org/10.7326/0003-4819-150-6-200903170-00008',
} as const;
