/**
 * Clinical vignettes: FHIR R4 bundles written from real-world patterns (refill-only histories,
 * panic disorder on an SSRI, remitted and stable patients, pain patients on buprenorphine patches,
 * perinatal, older adults on many drugs, bipolar disorder, MAOI washouts, clozapine ANC, lithium
 * levels, QTc), each read through `evaluateFile` — the path `npm run evaluate` prints — with the
 * prompts it must show (id and indicator) and those it must not. Stable, well-controlled patients
 * get no warning and nothing critical.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFile, loadTranslator } from '../../../scripts/evaluate';
import type { Indicator } from '../../../utils/clinical/types';

const NOW = '2026-12-01';
const directory = path.resolve(process.cwd(), 'tests/fixtures/vignettes');
const t = loadTranslator();

interface Vignette {
  file: string;
  /** Prompts that must be shown, with their indicator. */
  shows: Array<[string, Indicator]>;
  /** Prompts that must not be shown. */
  hides: string[];
  /** A stable, well-controlled patient: no warning and nothing critical at all. */
  stable?: boolean;
}

const VIGNETTES: Vignette[] = [
  {
    file: 'refill-only-sertraline',
    shows: [],
    hides: ['antidepressant-early-window', 'bipolar-screen-before-antidepressant'],
    stable: true,
  },
  {
    file: 'dispense-only-escitalopram',
    shows: [],
    hides: ['antidepressant-early-window', 'bipolar-screen-before-antidepressant'],
    stable: true,
  },
  {
    file: 'new-start-sertraline',
    shows: [
      ['antidepressant-early-window', 'info'],
      ['bipolar-screen-before-antidepressant', 'info'],
    ],
    hides: ['depression-never-measured'],
  },
  {
    file: 'panic-disorder-ssri',
    shows: [],
    hides: [
      'antidepressant-no-response-adequate-trial',
      'antidepressant-early-non-improvement',
      'depression-response-not-remission',
    ],
    stable: true,
  },
  {
    file: 'stable-remitted-depression',
    shows: [],
    hides: ['antidepressant-no-response-adequate-trial', 'symptom-deterioration'],
    stable: true,
  },
  { file: 'stable-gad-cbt', shows: [], hides: ['anxiety-never-measured'], stable: true },
  {
    file: 'buprenorphine-patch-pain',
    shows: [],
    hides: [
      'oud-infection-screening',
      'oud-urine-drug-testing',
      'naloxone-with-opioids',
      'benzodiazepine-oud-medication',
    ],
    stable: true,
  },
  {
    file: 'buprenorphine-patch-with-lorazepam',
    shows: [
      ['benzodiazepine-opioid', 'critical'],
      ['beers-benzodiazepine-z-drug', 'warning'],
    ],
    hides: ['benzodiazepine-oud-medication', 'oud-urine-drug-testing'],
  },
  {
    file: 'oud-suboxone-uds-overdue',
    shows: [['oud-urine-drug-testing', 'info']],
    hides: ['oud-infection-screening', 'naloxone-with-opioids'],
  },
  {
    file: 'oud-stable-monitored',
    shows: [],
    hides: ['oud-urine-drug-testing', 'oud-infection-screening', 'alcohol-with-sedatives'],
    stable: true,
  },
  {
    file: 'valproate-positive-hcg',
    shows: [
      ['valproate-pregnancy', 'critical'],
      ['perinatal-depression-screening', 'info'],
    ],
    hides: ['valproate-childbearing-potential'],
  },
  {
    file: 'carbamazepine-pregnancy-code',
    shows: [['carbamazepine-pregnancy', 'critical']],
    hides: ['bupropion-seizure-disorder'],
  },
  {
    file: 'valproate-childbearing-age',
    shows: [['valproate-childbearing-potential', 'warning']],
    hides: ['valproate-pregnancy', 'bipolar-antidepressant-without-antimanic'],
  },
  {
    file: 'postpartum-sertraline-screened',
    shows: [['depression-response-not-remission', 'info']],
    hides: ['perinatal-depression-screening', 'antidepressant-no-response-adequate-trial'],
    stable: true,
  },
  {
    file: 'older-adult-polypharmacy',
    shows: [
      ['beers-anticholinergic', 'warning'],
      ['beers-benzodiazepine-z-drug', 'warning'],
    ],
    hides: ['citalopram-max-dose-over-60', 'lithium-interaction', 'symptom-deterioration'],
  },
  {
    file: 'older-adult-lithium-ace',
    shows: [
      ['lithium-level-due', 'warning'],
      ['lithium-interaction', 'warning'],
    ],
    hides: ['lithium-labs-due', 'lithium-level-toxic', 'serotonergic-other-combination'],
  },
  {
    file: 'bipolar-antidepressant-alone',
    shows: [['bipolar-antidepressant-without-antimanic', 'warning']],
    hides: ['bipolar-without-psychosocial-therapy'],
  },
  {
    file: 'bipolar-lithium-stable',
    shows: [],
    hides: [
      'bipolar-antidepressant-without-antimanic',
      'serotonergic-other-combination',
      'lithium-level-due',
      'lithium-labs-due',
    ],
    stable: true,
  },
  {
    file: 'maoi-fluoxetine-washout',
    shows: [['maoi-washout', 'critical']],
    hides: ['serotonergic-maoi-combination'],
  },
  {
    file: 'maoi-after-washout',
    shows: [],
    hides: ['maoi-washout', 'serotonergic-maoi-combination'],
    stable: true,
  },
  {
    file: 'maoi-with-stimulant',
    shows: [['serotonergic-maoi-combination', 'critical']],
    hides: ['maoi-washout'],
  },
  {
    file: 'clozapine-anc-mild',
    shows: [['clozapine-anc-mild-neutropenia', 'warning']],
    hides: ['clozapine-anc-interrupt', 'clozapine-anc-due'],
  },
  {
    file: 'clozapine-anc-moderate',
    shows: [['clozapine-anc-interrupt', 'critical']],
    hides: ['clozapine-anc-mild-neutropenia'],
  },
  {
    file: 'clozapine-ben-normal',
    shows: [],
    hides: [
      'clozapine-anc-interrupt',
      'clozapine-anc-mild-neutropenia',
      'clozapine-anc-ben-neutropenia',
      'clozapine-anc-due',
    ],
    stable: true,
  },
  {
    file: 'lithium-above-range',
    shows: [['lithium-level-above-range', 'warning']],
    hides: ['lithium-level-toxic'],
  },
  {
    file: 'lithium-toxic',
    shows: [
      ['lithium-level-toxic', 'critical'],
      ['lithium-interaction', 'warning'],
    ],
    hides: ['lithium-level-above-range'],
  },
  {
    file: 'lithium-level-before-order',
    shows: [],
    hides: ['lithium-level-due', 'lithium-labs-due'],
    stable: true,
  },
  {
    file: 'qtc-520-quetiapine-ondansetron',
    shows: [['qtc-over-500-with-qt-drug', 'critical']],
    hides: ['methadone-qtc-over-500'],
  },
  {
    file: 'methadone-qtc-470',
    shows: [['methadone-qtc-450-500', 'info']],
    hides: ['qtc-over-500-with-qt-drug', 'methadone-qtc-over-500', 'oud-urine-drug-testing'],
  },
  {
    file: 'bupropion-epilepsy',
    shows: [['bupropion-seizure-disorder', 'critical']],
    hides: ['bupropion-eating-disorder'],
  },
  {
    file: 'bupropion-past-anorexia',
    shows: [['bupropion-eating-disorder', 'critical']],
    hides: ['bupropion-seizure-disorder'],
  },
  {
    file: 'phq9-deterioration',
    shows: [['symptom-deterioration', 'warning']],
    hides: ['depression-remission'],
  },
  {
    file: 'trazodone-sleep-with-ssri',
    shows: [['depression-response-not-remission', 'info']],
    hides: ['serotonergic-antidepressant-combination', 'insomnia-without-cbt-i'],
    stable: true,
  },
  {
    file: 'two-serotonergic-antidepressants',
    shows: [['serotonergic-antidepressant-combination', 'warning']],
    hides: ['serotonergic-other-combination'],
  },
  {
    file: 'gabapentin-oxycodone',
    shows: [
      ['gabapentinoid-or-z-drug-with-opioid', 'warning'],
      ['naloxone-with-opioids', 'warning'],
    ],
    hides: ['benzodiazepine-opioid'],
  },
  {
    file: 'audit-positive-clonazepam',
    shows: [['alcohol-with-sedatives', 'warning']],
    hides: ['benzodiazepine-opioid'],
  },
  {
    file: 'carbamazepine-oral-contraceptive',
    shows: [['carbamazepine-interaction', 'warning']],
    hides: ['carbamazepine-sodium-due', 'carbamazepine-pregnancy'],
  },
  { file: 'pcl5-single-screen', shows: [], hides: ['measurement-due'], stable: true },
];

describe('clinical vignettes through npm run evaluate', () => {
  it('has an expectation for every vignette file, and at least 30 of them', () => {
    const files = readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual(VIGNETTES.map((vignette) => vignette.file).sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(VIGNETTES)('$file', ({ file, shows, hides, stable }) => {
    const { content, problems } = evaluateFile(path.join(directory, `${file}.json`), NOW, t);
    expect(problems).toEqual([]);
    const shown = content.prompts.map((card) => [card.id, card.indicator]);
    for (const expected of shows) expect(shown).toContainEqual(expected);
    const ids = content.prompts.map((card) => card.id);
    for (const id of hides) expect(ids).not.toContain(id);
    if (stable) {
      expect(content.prompts.filter((card) => card.indicator !== 'info')).toEqual([]);
    }
  });

  it('prints the same prompts from the command line', { timeout: 60_000 }, () => {
    const file = path.join(directory, 'maoi-fluoxetine-washout.json');
    const result = spawnSync(
      path.resolve(process.cwd(), 'node_modules/.bin/tsx'),
      [path.resolve(process.cwd(), 'scripts/evaluate.ts'), file, '--now', NOW],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout) as { prompts: Array<{ id: string }> };
    expect(printed.prompts.map((card) => card.id)).toEqual(
      evaluateFile(file, NOW, t).content.prompts.map((card) => card.id),
    );
  });
});
