/**
 * What fires each rule and what keeps it silent, in plain words for clinical governance. The table
 * in docs/clinical-rules.md is generated from this and the rule registry, and a test fails when
 * either drifts (tests/unit/rules/documentation.test.ts).
 */
export interface RuleDocumentation {
  trigger: string;
  silentWhen: string;
}

export const RULE_DOCUMENTATION: Readonly<Record<string, RuleDocumentation>> = {
  'phq9-item9-positive': {
    trigger: 'PHQ-9 or PHQ-A item 9 above 0 on the newest administration in the last 30 days',
    silentWhen: 'Item 9 answered 0, or the positive answer is older than 30 days',
  },
  'epds-item10-positive': {
    trigger: 'EPDS item 10 (self-harm) above 0 in the last 30 days',
    silentWhen: 'Item 10 answered 0, or older than 30 days',
  },
  'cssrs-high-risk': {
    trigger:
      'Newest C-SSRS screener in 30 days: intent (item 4), plan with intent (item 5), or suicidal behaviour (item 6) within the past 3 months',
    silentWhen:
      'Only wish to be dead or non-specific thoughts; behaviour more than 3 months ago (item 6 with its follow-up answered no)',
  },
  'cssrs-moderate-risk': {
    trigger:
      'Newest C-SSRS screener in 30 days: thoughts with a method (item 3), or suicidal behaviour more than 3 months ago',
    silentWhen: 'High risk is shown instead; only items 1–2 endorsed',
  },
  'safety-plan-missing-with-risk': {
    trigger:
      'Suicide risk in the past year (critical item, self-harm history, C-SSRS) and no complete safety plan',
    silentWhen:
      'A complete safety plan; no risk on record in the past year; C-SSRS high-risk card shown',
  },
  'safety-plan-review-due': {
    trigger: 'Suicide risk on record and the safety plan is due for review',
    silentWhen: 'Plan reviewed; no risk on record; C-SSRS high-risk card shown',
  },
  'antidepressant-early-window': {
    trigger:
      'A depression trial of an antidepressant with a known start in its first 28 days and no PHQ-9 from week 2',
    silentWhen:
      'Start unknown (refill-only history, a level before the first order); a PHQ-9 from week 2; trazodone/mirtazapine below the labels’ starting doses; another indication without depression (e.g. panic disorder)',
  },
  'antidepressant-early-non-improvement': {
    trigger:
      'Depression trial in weeks 2–8 with less than 20% PHQ-9 improvement from an index score of 10 or more',
    silentWhen:
      'Index PHQ-9 below 10; start unknown; sleep-dose trazodone or mirtazapine; not a depression trial',
  },
  'antidepressant-no-response-adequate-trial': {
    trigger:
      'Depression trial of 8 weeks or more with less than 50% PHQ-9 improvement from an index score of 10 or more',
    silentWhen:
      'Index below 10; latest PHQ-9 under 5 (remission); start unknown; sleep-dose trazodone or mirtazapine; SSRI for an anxiety disorder without depression',
  },
  'depression-response-not-remission': {
    trigger:
      'PHQ-9 response (50% reduction from an index of 10 or more) without remission (still 5 or more)',
    silentWhen: 'Index below 10; in remission; the no-response card is shown',
  },
  'depression-remission': {
    trigger: 'PHQ-9 below 5 after an index score of 10 or more in the same episode',
    silentWhen: 'Index below 10; latest 5 or more',
  },
  'anxiety-no-reliable-improvement': {
    trigger:
      'SSRI/SNRI trial for an anxiety or panic disorder (no depression) of 8 weeks or more whose GAD-7 fell fewer than 4 points from an index of 8 or more',
    silentWhen:
      'A fall of 4 points or more; index below 8; depression diagnosed (judged on the PHQ-9 instead); start unknown',
  },
  'symptom-deterioration': {
    trigger:
      'Newest PHQ-9/PHQ-A 6 or more points, or GAD-7 4 or more points, above the previous or baseline score, or a move into the moderately severe/severe (GAD-7 severe) band',
    silentWhen:
      'Smaller rises (a 5-point PHQ-9 rise is only the minimal important difference); a single score',
  },
  'measurement-due': {
    trigger:
      'A monitored instrument past its interval (PHQ-9 2 weeks, GAD-7 4 weeks, PCL-5 monthly)',
    silentWhen: 'Measured within the interval; a single screening PCL-5 without a PTSD diagnosis',
  },
  'depression-never-measured': {
    trigger: 'Depressive disorder diagnosed and no PHQ-9 or PHQ-A ever',
    silentWhen: 'Any PHQ-9/PHQ-A on record',
  },
  'anxiety-never-measured': {
    trigger: 'Anxiety disorder diagnosed and no GAD-7 ever',
    silentWhen: 'Any GAD-7 on record',
  },
  'ptsd-never-measured': {
    trigger: 'PTSD diagnosed and no PCL-5 ever',
    silentWhen: 'Any PCL-5 on record',
  },
  'bipolar-screen-before-antidepressant': {
    trigger:
      'Antidepressant with a known start in the last 90 days, no bipolar diagnosis and no MDQ',
    silentWhen: 'MDQ on record; bipolar diagnosed; start unknown or older than 90 days',
  },
  'lithium-level-due': {
    trigger:
      'No lithium level within the interval: 1 week after start, 3-monthly in year 1 or when higher risk (65+, interacting drug, pregnancy, last level 0.8 or more), else 6-monthly',
    silentWhen: 'A level within the interval; the first week of treatment',
  },
  'lithium-labs-due': {
    trigger: 'eGFR/creatinine, TSH or calcium older than 6 months on lithium',
    silentWhen: 'All three within 6 months',
  },
  'lithium-level-toxic': {
    trigger: 'Lithium level above 1.5 mmol/L in the last 30 days',
    silentWhen: '1.5 or below; level older than 30 days',
  },
  'lithium-interaction': {
    trigger: 'Lithium with a thiazide, NSAID, ACE inhibitor, ARB or metronidazole',
    silentWhen: 'None of these listed as current',
  },
  'lithium-level-above-range': {
    trigger: 'Lithium level 1.0–1.5 mmol/L in the last 30 days',
    silentWhen: 'Below 1.0; above 1.5 (the toxicity card instead); older than 30 days',
  },
  'lithium-level-after-dose-change': {
    trigger:
      'Lithium daily dose changed (two dated entries with different doses) 7 days or more ago, no level since',
    silentWhen: 'A level drawn on or after the change; change less than a week ago',
  },
  'bipolar-antidepressant-without-antimanic': {
    trigger:
      'Bipolar disorder (not only bipolar II) on an antidepressant with no lithium, valproate, carbamazepine or antipsychotic',
    silentWhen: 'An antimanic agent listed; bipolar II only; sleep-dose trazodone or mirtazapine',
  },
  'valproate-childbearing-potential': {
    trigger: 'Valproate in a female patient aged 12–50 not known to be pregnant',
    silentWhen: 'Male or outside the age range; pregnant (the critical card instead)',
  },
  'valproate-labs-due': {
    trigger: 'Liver tests or blood count not within 6 months on valproate (or none at the start)',
    silentWhen: 'LFTs and CBC/platelets within the interval',
  },
  'lamotrigine-with-valproate': {
    trigger: 'Lamotrigine with valproate',
    silentWhen: 'Not both current',
  },
  'lamotrigine-titration-too-fast': {
    trigger: 'Lamotrigine daily dose above the label’s schedule for its week of treatment',
    silentWhen: 'Dose within the schedule; start or dose unknown',
  },
  'lamotrigine-estrogen': {
    trigger: 'Lamotrigine with an estrogen-containing contraceptive',
    silentWhen: 'No estrogen listed',
  },
  'carbamazepine-hla-b1502': {
    trigger: 'Carbamazepine with a known start in the last 90 days',
    silentWhen: 'Longer treatment; start unknown',
  },
  'carbamazepine-cbc-due': {
    trigger: 'No blood count within 6 months on carbamazepine (or none at the start)',
    silentWhen: 'CBC, WBC, ANC or platelets within the interval',
  },
  'carbamazepine-interaction': {
    trigger:
      'Carbamazepine with an estrogen contraceptive, lamotrigine, clozapine, buprenorphine or methadone',
    silentWhen: 'None of these listed',
  },
  'carbamazepine-sodium-due': {
    trigger:
      'Carbamazepine or oxcarbazepine and no sodium on record since the course began (no interval in the reference)',
    silentWhen: 'A sodium since the start (or within 30 days before it)',
  },
  'sga-weight-bp-due': {
    trigger: 'Second-generation antipsychotic with weight or BP due on the ADA/APA 2004 schedule',
    silentWhen: 'Measured on schedule',
  },
  'sga-glucose-lipids-due': {
    trigger:
      'Second-generation antipsychotic with glucose/A1c or lipids due on the ADA/APA 2004 schedule',
    silentWhen: 'Measured on schedule',
  },
  'antipsychotic-dementia': {
    trigger: 'Antipsychotic with dementia on the problem list',
    silentWhen: 'No dementia diagnosis',
  },
  'clozapine-anc-due': {
    trigger:
      'No ANC within the label’s interval: weekly to 6 months, every 2 weeks to 12 months, then monthly',
    silentWhen: 'ANC within the interval; an unknown start is judged monthly',
  },
  'clozapine-anc-mild-neutropenia': {
    trigger: 'Clozapine with newest ANC 1000–1499/µL (general population)',
    silentWhen: 'ANC 1500 or more; benign ethnic neutropenia (its own thresholds)',
  },
  'clozapine-anc-ben-neutropenia': {
    trigger: 'Clozapine, benign ethnic neutropenia, newest ANC 500–999/µL',
    silentWhen: 'ANC 1000 or more in BEN; no BEN diagnosis',
  },
  'clozapine-anc-interrupt': {
    trigger: 'Clozapine with newest ANC below 1000/µL (below 500/µL in benign ethnic neutropenia)',
    silentWhen: 'ANC above those thresholds',
  },
  'stimulant-vitals-due': {
    trigger: 'Stimulant with BP, heart rate or weight (and height under 18) older than 6 months',
    silentWhen: 'Measured within 6 months',
  },
  'stimulant-substance-use': {
    trigger: 'Stimulant with a substance use disorder on record',
    silentWhen: 'No substance use disorder diagnosis',
  },
  'stimulant-bipolar': {
    trigger: 'Stimulant with bipolar disorder on record',
    silentWhen: 'No bipolar diagnosis',
  },
  'viloxazine-contraindicated': {
    trigger: 'Viloxazine with an MAOI or a sensitive CYP1A2 substrate',
    silentWhen: 'No such drug listed',
  },
  'methadone-ecg-due': {
    trigger: 'Methadone without an ECG before start, within 30 days, or within a year',
    silentWhen: 'ECG/QTc on schedule',
  },
  'methadone-qtc-over-500': {
    trigger: 'Methadone with newest QTc above 500 ms',
    silentWhen: 'QTc 500 or below',
  },
  'methadone-qtc-450-500': {
    trigger: 'Methadone with newest QTc 450–500 ms',
    silentWhen: 'QTc below 450 or above 500 (critical card)',
  },
  'citalopram-max-dose': {
    trigger: 'Citalopram above 40 mg/day',
    silentWhen: '40 mg/day or less; dose unknown',
  },
  'citalopram-max-dose-over-60': {
    trigger: 'Citalopram above 20 mg/day over age 60',
    silentWhen: '20 mg/day or less; age 60 or under',
  },
  'citalopram-long-qt': {
    trigger: 'Citalopram with long QT on the problem list',
    silentWhen: 'No long-QT diagnosis',
  },
  'qt-prolonging-combination': {
    trigger: 'Two or more known-risk QT-prolonging drugs',
    silentWhen: 'Fewer than two (possible-risk drugs such as quetiapine do not count here)',
  },
  'antipsychotic-ecg-before-start': {
    trigger:
      'Chlorpromazine, droperidol, iloperidone, pimozide, thioridazine or ziprasidone with no ECG on record',
    silentWhen: 'Any ECG or QTc on record',
  },
  'qtc-over-500-with-qt-drug': {
    trigger:
      'Newest QTc above 500 ms with any QT drug (CredibleMeds known or possible risk, checked 2026-12)',
    silentWhen: 'QTc 500 or below; no QT drug; methadone listed (its own card)',
  },
  'serotonergic-linezolid-methylene-blue': {
    trigger: 'Linezolid or methylene blue with a serotonergic antidepressant',
    silentWhen: 'Not both current',
  },
  'serotonergic-maoi-combination': {
    trigger:
      'An MAOI with a serotonergic drug, bupropion, another MAOI, a stimulant or sympathomimetic, atomoxetine or methadone',
    silentWhen: 'No such partner current (stopped drugs: see maoi-washout)',
  },
  'serotonergic-antidepressant-combination': {
    trigger: 'Two serotonergic antidepressants at antidepressant doses',
    silentWhen:
      'Trazodone or mirtazapine below the labels’ starting doses (sleep); an MAOI pair (critical card)',
  },
  'serotonergic-opioid': {
    trigger: 'Tramadol, fentanyl, meperidine or tapentadol with a serotonergic antidepressant',
    silentWhen: 'Not both current',
  },
  'serotonergic-triptan': {
    trigger: 'A triptan with an SSRI or SNRI',
    silentWhen: 'Not both current',
  },
  'serotonergic-other-combination': {
    trigger:
      'A serotonergic antidepressant with buspirone, a TCA, amphetamines, St John’s wort or another listed drug',
    silentWhen: 'Lithium is not counted; no listed partner',
  },
  'maoi-washout': {
    trigger:
      'An MAOI with a contraindicated drug stopped (end date) within its washout — fluoxetine 5 weeks, vortioxetine 3, other SSRIs/SNRIs/TCAs 2 — or a serotonergic drug or bupropion within 2 weeks of a stopped MAOI',
    silentWhen: 'Washout passed; a stopped line without an end date',
  },
  'gabapentinoid-or-z-drug-with-opioid': {
    trigger: 'Gabapentin, pregabalin or a Z-drug with any opioid',
    silentWhen: 'No opioid listed',
  },
  'alcohol-with-sedatives': {
    trigger:
      'AUDIT-C in the past year of 4 or more (men) or 3 or more (women) with an opioid, benzodiazepine, Z-drug or gabapentinoid',
    silentWhen: 'AUDIT-C below the cut-off or older than a year; no sedating drug',
  },
  'benzodiazepine-opioid': {
    trigger:
      'A benzodiazepine with an opioid for pain (buprenorphine patches and Belbuca included)',
    silentWhen: 'The opioid is OUD treatment (its own card)',
  },
  'benzodiazepine-oud-medication': {
    trigger: 'A benzodiazepine with methadone or buprenorphine for OUD',
    silentWhen: 'Pain buprenorphine (patch, Belbuca) — the opioid card instead',
  },
  'benzodiazepine-long-term-review': {
    trigger: 'A benzodiazepine for 3 months or more',
    silentWhen: 'Shorter or start unknown',
  },
  'benzodiazepine-ptsd': {
    trigger: 'A benzodiazepine with PTSD (information; wording unverified)',
    silentWhen: 'No PTSD diagnosis',
  },
  'bupropion-eating-disorder': {
    trigger: 'Bupropion with a current or past eating disorder',
    silentWhen: 'No eating-disorder diagnosis, current or resolved',
  },
  'bupropion-seizure-disorder': {
    trigger: 'Bupropion with a seizure disorder',
    silentWhen: 'No seizure-disorder diagnosis',
  },
  'bupropion-max-dose': {
    trigger: 'Bupropion above 450 mg/day',
    silentWhen: '450 mg/day or less; dose unknown',
  },
  'antidepressant-young-person-monitoring': {
    trigger: 'Antidepressant started in the last 60 days at age 24 or under',
    silentWhen: 'Older; longer treatment; start unknown',
  },
  'adhd-non-stimulant-youth-suicidality': {
    trigger: 'Atomoxetine or viloxazine at age 17 or under',
    silentWhen: 'Age 18 or over',
  },
  'beers-benzodiazepine-z-drug': {
    trigger: 'A benzodiazepine or Z-drug at 65 or over',
    silentWhen: 'Under 65',
  },
  'beers-anticholinergic': {
    trigger: 'A strongly anticholinergic drug at 65 or over (doxepin above 6 mg)',
    silentWhen: 'Under 65; low-dose doxepin',
  },
  'valproate-pregnancy': {
    trigger:
      'Valproate with pregnancy: the chart’s flag, O00–O9A, Z33, Z34, Z3A, Z39, or a positive newest hCG (25 IU/L or more)',
    silentWhen: 'No pregnancy evidence; the newest pregnancy test negative',
  },
  'paroxetine-pregnancy': {
    trigger: 'Paroxetine in pregnancy (information; unverified)',
    silentWhen: 'Not pregnant',
  },
  'lithium-pregnancy': {
    trigger: 'Lithium in pregnancy (information; unverified)',
    silentWhen: 'Not pregnant',
  },
  'carbamazepine-pregnancy': {
    trigger: 'Carbamazepine with pregnancy evidence (as for valproate)',
    silentWhen: 'No pregnancy evidence; the newest pregnancy test negative',
  },
  'perinatal-depression-screening': {
    trigger: 'Pregnancy evidence and no EPDS or PHQ-9 in the past 280 days',
    silentWhen: 'EPDS or PHQ-9 within 280 days',
  },
  'naloxone-with-opioids': {
    trigger: 'An opioid (pain or OUD) and no standalone naloxone listed',
    silentWhen: 'Naloxone listed (the naloxone in buprenorphine-naloxone does not count)',
  },
  'naltrexone-overdose-risk': {
    trigger: 'Naltrexone with no reversal agent listed',
    silentWhen: 'Naloxone listed',
  },
  'oud-infection-screening': {
    trigger:
      'OUD treatment (diagnosis, methadone, OUD buprenorphine) without an HCV or HIV test on record',
    silentWhen:
      'Both tests on record (FHIR 16128-1, 56888-1 or by name); buprenorphine patch or Belbuca for pain',
  },
  'oud-urine-drug-testing': {
    trigger: 'OUD treatment without a urine drug test since the start or in the last 3 months',
    silentWhen: 'A test within 3 months (FHIR 19295-5 or by name); pain buprenorphine',
  },
  'insomnia-without-cbt-i': {
    trigger: 'Insomnia diagnosis or a hypnotic without CBT-I on record',
    silentWhen: 'CBT-I on record',
  },
  'prn-benzodiazepine-during-exposure': {
    trigger: 'An as-needed benzodiazepine during exposure-based therapy in the last 90 days',
    silentWhen: 'Scheduled dosing; no recent exposure therapy',
  },
  'bipolar-without-psychosocial-therapy': {
    trigger: 'Bipolar disorder without IPSRT, FFT or CBT on record',
    silentWhen: 'One of them on record',
  },
  'stimulant-use-without-contingency-management': {
    trigger: 'Stimulant use disorder without contingency management on record',
    silentWhen: 'Contingency management on record',
  },
  'self-harm-without-dbt-or-spi': {
    trigger: 'Self-harm in the past year without DBT or a safety planning intervention',
    silentWhen: 'DBT or SPI on record',
  },
  'ptsd-medication-without-trauma-therapy': {
    trigger: 'PTSD on a PTSD medication without PE, CPT or EMDR on record',
    silentWhen: 'Trauma-focused therapy on record',
  },
};
