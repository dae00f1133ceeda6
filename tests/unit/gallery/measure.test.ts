/** The gallery's scoring rules, on hand-made readings (the gallery tests trust these). */
import { describe, expect, it } from 'vitest';
import { type Inspection, nameMatches, patientNamed, scoreReading } from '../../gallery/measure';
import { readTruth } from '../../gallery/server';

const framed = readTruth('frameset-mrn');
const obrien = framed.patients.find((patient) => patient.id === '00471203');
if (!obrien) throw new Error('fixture patient missing');

function inspectionOf(chart: Partial<NonNullable<Inspection['chart']>>): Inspection {
  const identity = chart.identity ?? { name: null, birthDate: null, sex: null, identifiers: [] };
  return {
    reading: null,
    chart: {
      identity,
      medications: [],
      conditions: [],
      scores: [],
      monitoring: [],
      therapies: [],
      pregnant: null,
      ...chart,
    },
    view: null,
    policyProblems: [],
  } as Inspection;
}

describe('gallery scoring', () => {
  it('accepts the patient’s name however it is printed, with titles, initials or the other order', () => {
    expect(nameMatches("O'BRIEN, MARGARET A", obrien)).toBe(true);
    expect(nameMatches("Mrs. Margaret A. O'Brien", obrien)).toBe(true);
    expect(nameMatches('Margaret A O’Brien', obrien)).toBe(true);
  });

  it('refuses a name that also carries another patient’s name, or lacks the family name', () => {
    expect(nameMatches("O'BRIEN, MARGARET A - 00471203WASHINGTON JR, JAMAL D", obrien)).toBe(false);
    expect(nameMatches('Margaret', obrien)).toBe(false);
    expect(patientNamed('WASHINGTON JR, JAMAL D', framed.patients)?.id).toBe('00480561');
  });

  it('counts a score only with its date, and a record number only as the MRN', () => {
    const score = scoreReading(
      framed.id,
      obrien,
      'read',
      false,
      inspectionOf({
        identity: {
          name: "Margaret O'Brien",
          birthDate: '1961-07-14',
          sex: null,
          identifiers: [{ system: 'MRN', type: 'MR', value: '00471203' }],
        },
        scores: [
          {
            instrument: 'PHQ-9',
            date: '2026-06-02',
            total: 18,
            provenance: { source: 'page', via: 'x' },
          },
          { instrument: 'PHQ-9', date: null, total: 12, provenance: { source: 'page', via: 'x' } },
        ],
      }),
      'ready',
      "Margaret O'Brien",
    );
    const byField = Object.fromEntries(score.fields.map((field) => [field.field, field.correct]));
    expect(byField).toMatchObject({
      name: true,
      birthDate: true,
      mrn: true,
      'PHQ-9 2026-06-02': true,
      'PHQ-9 2026-08-11': false,
    });
  });

  it('on a two-patient screen, counts any patient shown as a pick', () => {
    const merge = readTruth('merge-compare');
    const screen = merge.patients[0];
    if (!screen) throw new Error('fixture screen missing');
    const picked = scoreReading(
      merge.id,
      screen,
      'refuse',
      false,
      inspectionOf({}),
      'ready',
      'SMITH, JOHN',
    );
    const refused = scoreReading(merge.id, screen, 'refuse', false, null, null, null);
    expect(picked.fields.every((field) => !field.correct)).toBe(true);
    expect(refused.fields.every((field) => field.correct)).toBe(true);
  });

  it('counts a held chart as correct where the frames carry no evidence of their patient', () => {
    const session = readTruth('frameset-session');
    const patient = session.patients[0];
    if (!patient) throw new Error('fixture patient missing');
    const held = scoreReading(session.id, patient, 'read', true, inspectionOf({}), 'ready', null);
    expect(
      held.fields.filter((field) => field.kind === 'chart').every((field) => field.correct),
    ).toBe(true);
  });
});
