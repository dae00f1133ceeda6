// @vitest-environment happy-dom
/**
 * Words that start like a label are not one: "Patient Health Questionnaire…" in a score table and
 * "Patient ID L-30071" in a banner are not the patient's name. Seen on the test gallery's
 * component-library SPA and its slow plain-DOM page, where the sidebar named the patient
 * "Health Questionnaire 9 item…" and "ID L-30071" as confirmed.
 */
import { describe, expect, it } from 'vitest';
import { readGeneric } from '../../../utils/ehr/sections/all-readers';
import { parsePage } from './load';

const URL_OF_PAGE = new URL('https://unknown-ehr.example/chart/42');
const read = (html: string) => readGeneric(parsePage(`<body>${html}</body>`), URL_OF_PAGE);

describe('generic reader: a label must be a label', () => {
  it('takes the banner heading, not a score row starting with "Patient", as the name', () => {
    const reading = read(`
      <main>
        <div><h1>Mrs. Margaret A. O'Brien</h1>
          <div><div><div>Date of birth</div><div>Jul 14, 1961</div></div>
          <div><div>http://meridian.example/fhir/sid/mrn</div><div>4471203</div></div></div>
        </div>
        <table aria-label="Assessments">
          <thead><tr><th>Observation</th><th>Value</th><th>Effective</th></tr></thead>
          <tbody><tr><td>Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]</td><td>7</td><td>Oct 20, 2026, 3:10 PM</td></tr></tbody>
        </table>
      </main>`);
    expect(reading.context.identity.name ?? '').not.toMatch(/questionnaire/i);
    expect(
      reading.context.identity.name === null || /O'Brien/.test(reading.context.identity.name),
    ).toBe(true);
    expect(reading.context.identity.birthDate).toBe('1961-07-14');
  });

  it('reads "Patient ID L-30071" as a record number, never as a name', () => {
    const reading = read(`
      <div id="patient-header"><h1>Thi Lan Nguyen</h1>
        <div class="facts"><span>DOB 05/09/2001</span><span>Patient ID L-30071</span><span>Female</span></div>
      </div>`);
    expect(reading.context.identity.name ?? '').not.toMatch(/L-30071/);
    expect(reading.context.identity.identifiers.map((identifier) => identifier.value)).toContain(
      'L-30071',
    );
  });

  it('still reads a name written after "Patient:" on one line', () => {
    const reading = read('<p>Patient: Jane Doe</p><p>DOB: 1980-03-03</p>');
    expect(reading.context.identity.name).toBe('Jane Doe');
  });
});

describe('generic reader: a heading over the demographics is a name only when it reads as one', () => {
  it.each([
    '<section><h2>Patient Demographics</h2><div><span>DOB</span> <span>03/03/1980</span></div><div>MRN 884421</div></section>',
    '<section><h2>Visit Summary</h2><div><span>DOB</span> <span>03/03/1980</span></div><div>MRN 884421</div></section>',
  ])('does not take a section title for the patient: %s', (html) => {
    expect(read(html).context.identity.name).toBeNull();
  });
});
