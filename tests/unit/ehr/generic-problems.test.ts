// @vitest-environment happy-dom
/** The generic reader's problem list: lines under a "Problems" / "Diagnoses" heading, with codes. */
import { describe, expect, it } from 'vitest';
import { readGeneric } from '../../../utils/ehr/sections/all-readers';
import { parsePage } from './load';

const URL_OF_PAGE = new URL('https://unknown-ehr.example/chart/42');
const read = (html: string) =>
  readGeneric(
    parsePage(`<body><p>Name: Jane Doe</p><p>DOB: 1980-03-03</p>${html}</body>`),
    URL_OF_PAGE,
  );

describe('generic reader: problem list', () => {
  it.each([
    [
      'a list under "Problems"',
      '<h2>Problems</h2><ul><li>Major depressive disorder, recurrent, moderate (F33.1)</li><li>Generalized anxiety disorder (F41.1)</li></ul>',
    ],
    [
      'a table under "Diagnoses", its header row left out',
      '<h3>Diagnoses</h3><table><tr><th>Diagnosis</th><th>Code</th></tr><tr><td>Major depressive disorder, recurrent, moderate</td><td>F33.1</td></tr><tr><td>Generalized anxiety disorder</td><td>F41.1</td></tr></table>',
    ],
  ])('reads %s with ICD-10-CM codes', (_shape, html) => {
    const { conditions } = read(html).context;
    expect(conditions.map(({ code }) => code)).toEqual(['F33.1', 'F41.1']);
    expect(
      conditions.every(({ system, status }) => system === 'ICD-10-CM' && status === 'active'),
    ).toBe(true);
  });

  it('marks the problems under a "Resolved problems" heading resolved', () => {
    const { conditions } = read(
      '<h2>Resolved problems</h2><ul><li>Insomnia (G47.00)</li></ul>',
    ).context;
    expect(conditions).toEqual([expect.objectContaining({ code: 'G47.00', status: 'resolved' })]);
  });

  it('takes no problem from a questionnaire table called "Assessments"', () => {
    const { conditions } = read(
      '<h2>Assessments</h2><table><tr><th>Observation</th><th>Value</th></tr><tr><td>PHQ-9 total score</td><td>12</td></tr></table>',
    ).context;
    expect(conditions).toEqual([]);
  });
});
