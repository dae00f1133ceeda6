import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SidebarContent } from '../../../utils/clinical/types';
import { sharedFhirFixtures } from '../shared-fixtures';

const root = process.cwd();
const tsx = path.resolve(root, 'node_modules/.bin/tsx');
const script = path.resolve(root, 'scripts/evaluate.ts');
const fixtures = sharedFhirFixtures();
const scratch = mkdtempSync(path.join(tmpdir(), 'careside-evaluate-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function evaluate(...args: string[]) {
  const result = spawnSync(tsx, [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run evaluate', { timeout: 120_000 }, () => {
  it('prints the sidebar content of a FHIR bundle as JSON, PHQ-9 of 300 rejected', () => {
    const { status, stdout, stderr } = evaluate(
      path.join(fixtures, 'ecqm/DepressionRemissiona_01083d96.json'),
      '--now',
      '2025-03-01',
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^\{\n {2}"patient"/);
    const content = JSON.parse(stdout) as SidebarContent;
    expect(content.patient).toMatchObject({
      birthDate: '2012-01-01',
      identifiers: [{ type: 'MR' }],
    });
    expect(content.measures).toHaveLength(1);
    expect(content.measures[0]).toMatchObject({
      instrument: 'PHQ-9',
      loinc: '44261-6',
      series: [{ date: '2024-02-25', score: 10 }],
      rejected: [{ date: '2025-02-19', value: 300 }],
      latest: { date: '2024-02-25', score: 10, band: 'moderate' },
      reliableChange: null,
      due: true,
    });
    expect(content.safetyPlan.status).toBe('missing');
    expect(Array.isArray(content.prompts)).toBe(true);
    for (const prompt of content.prompts) {
      expect(prompt.summary.length).toBeLessThanOrEqual(140);
      expect(prompt.source.url).toMatch(/^https?:\/\//);
    }
  });

  it('reads a Synthea transaction bundle end to end', () => {
    const { status, stdout } = evaluate(
      path.join(fixtures, 'synthea/Fritz_O_Conner_9a9d35d9.json'),
      '--now=2025-08-01',
    );
    expect(status).toBe(0);
    const content = JSON.parse(stdout) as SidebarContent;
    expect(content.patient.name).toBe("Fritz267 O'Conner199");
    expect(content.measures.map((measure) => measure.instrument)).toEqual(['PHQ-2']);
    expect(content.medications.some((medication) => medication.ingredient === 'sertraline')).toBe(
      true,
    );
  });

  it('writes reading problems to stderr and still prints the content', () => {
    const { status, stdout, stderr } = evaluate(
      path.join(fixtures, 'hl7/sdc_questionnaireresponse-sdc-profile-example-PHQ9.json'),
      '--now',
      '2019-09-01',
    );
    expect(status).toBe(0);
    expect(stderr).toContain('No Patient resource');
    const content = JSON.parse(stdout) as SidebarContent;
    expect(content.measures[0]).toMatchObject({
      series: [{ date: '2019-08-21', score: 10 }],
      notes: ['stated total 13 disagrees with item answers (10); charted 10'],
    });
  });

  it('reads a saved patient context', () => {
    const file = path.join(scratch, 'context.json');
    writeFileSync(
      file,
      JSON.stringify({
        identity: { name: 'Saved Patient', birthDate: '1990-01-01', sex: 'male', identifiers: [] },
        medications: [],
        conditions: [],
        scores: [
          {
            instrument: 'GAD-7',
            date: '2025-01-06',
            total: '11',
            provenance: { source: 'entered', via: 'sidebar' },
          },
        ],
        monitoring: [],
        therapies: [],
        pregnant: null,
      }),
    );
    const { status, stdout } = evaluate(file, '--now', '2025-01-10');
    expect(status).toBe(0);
    const content = JSON.parse(stdout) as SidebarContent;
    expect(content.patient.name).toBe('Saved Patient');
    expect(content.measures[0]).toMatchObject({
      instrument: 'GAD-7',
      latest: { score: 11, band: 'moderate' },
    });
  });

  it('defaults --now to today', () => {
    const { status, stdout } = evaluate(
      path.join(fixtures, 'hl7/us-core_Observation-PHQ9-item-example-44261-6.json'),
    );
    expect(status).toBe(0);
    const content = JSON.parse(stdout) as SidebarContent;
    expect(content.measures[0]).toMatchObject({
      due: true,
      series: [{ date: '2022-11-29', score: 12 }],
    });
  });

  it.each([
    [
      'a missing file',
      () => [path.join(scratch, 'nope.json')],
      /^Cannot read .*nope\.json: the file is missing or not readable\.\n$/,
    ],
    [
      'a file that is not JSON',
      () => [writeScratch('bad.json', '{ not json')],
      /^.*bad\.json is not JSON\.\n$/,
    ],
    [
      'JSON that is not FHIR',
      () => [writeScratch('other.json', '{"hello": "world"}')],
      /is neither a FHIR R4 resource or Bundle nor a saved patient context\.\n$/,
    ],
    ['no file argument', () => [], /^Usage: npm run evaluate -- FILE \[--now YYYY-MM-DD\]\n$/],
    [
      'a bad --now',
      () => [
        path.join(fixtures, 'hl7/us-core_Observation-PHQ9-item-example-44261-6.json'),
        '--now',
        '03/01/2025',
      ],
      /^--now needs a date as YYYY-MM-DD/,
    ],
  ])('exits 1 with one line on stderr for %s', (_label, args, message) => {
    const { status, stdout, stderr } = evaluate(...args());
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

function writeScratch(name: string, text: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  return file;
}
