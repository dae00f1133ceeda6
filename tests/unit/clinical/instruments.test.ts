import { describe, expect, it } from 'vitest';
import {
  bandFor,
  findInstrument,
  INSTRUMENT_NAMES,
  INSTRUMENTS,
  reportedLoinc,
  scoredValueFromAnswerPosition,
} from '../../../utils/clinical/instruments';

describe('instrument registry', () => {
  it('registers every instrument under its registry name', () => {
    expect(Object.keys(INSTRUMENTS).sort()).toEqual([...INSTRUMENT_NAMES].sort());
    for (const name of INSTRUMENT_NAMES) expect(INSTRUMENTS[name].name).toBe(name);
  });

  it.each(
    INSTRUMENT_NAMES.map((name) => [name]),
  )('%s has consistent ranges, bands and a cited source for every threshold', (name) => {
    const instrument = INSTRUMENTS[name];
    expect(instrument.sources.codes).not.toBe('');
    expect(instrument.sources.items).not.toBe('');
    for (const band of instrument.bands) {
      expect(band.name).toBe(band.name.toLowerCase());
      expect(band.source).not.toBe('');
    }
    if (instrument.scoring === 'sum') {
      expect(instrument.totalMin).toBe(instrument.itemCount * instrument.itemMin);
      expect(instrument.totalMax).toBe(instrument.itemCount * instrument.itemMax);
    }
    if (instrument.responseFraction !== null) expect(instrument.sources.response).toBeTruthy();
    if (instrument.remissionBelow !== null) expect(instrument.sources.remission).toBeTruthy();
    if (instrument.reliableChangePoints !== null)
      expect(instrument.sources.reliableChange).toBeTruthy();
    if (instrument.intervalDays !== null) {
      expect(instrument.purpose).toBe('monitoring');
      expect(instrument.sources.interval).toBeTruthy();
    }
  });

  it('gives sum instruments without sex-specific cut-offs bands that cover the whole range once', () => {
    for (const name of ['PHQ-9', 'PHQ-2', 'PHQ-A', 'GAD-7', 'PCL-5', 'EPDS'] as const) {
      const instrument = INSTRUMENTS[name];
      for (let score = instrument.totalMin ?? 0; score <= (instrument.totalMax ?? 0); score += 1) {
        const matching = instrument.bands.filter((band) => score >= band.min && score <= band.max);
        expect(matching, `${name} ${score}`).toHaveLength(1);
      }
    }
  });

  it('keeps the thresholds the reference marks unverified out of the registry', () => {
    expect(INSTRUMENTS['GAD-7'].responseFraction).toBeNull();
    expect(INSTRUMENTS['GAD-7'].remissionBelow).toBeNull();
    expect(INSTRUMENTS['ASRS-A'].bands).toEqual([]);
    expect(INSTRUMENTS['ASRS-A'].total).toEqual({ system: 'local', code: 'careside-asrs-a' });
    expect(INSTRUMENTS['ASRS-A'].unverifiedLoinc).toBe('62750-5');
    expect(INSTRUMENTS.CRAVING.bands).toEqual([]);
    expect(INSTRUMENTS.CRAVING.total?.system).toBe('local');
    expect(INSTRUMENTS['AUDIT-C'].bands.some((band) => band.min === 8)).toBe(false);
  });

  it('has no visit interval for screening-only instruments', () => {
    for (const name of ['PHQ-2', 'MDQ', 'ASRS-A', 'AUDIT-C'] as const) {
      expect(INSTRUMENTS[name].purpose).toBe('screening');
      expect(INSTRUMENTS[name].intervalDays).toBeNull();
    }
    expect(INSTRUMENTS['PHQ-9'].intervalDays).toBe(14);
  });

  it('uses the reference thresholds for PHQ-9, GAD-7 and PCL-5', () => {
    expect(INSTRUMENTS['PHQ-9']).toMatchObject({
      responseFraction: 0.5,
      remissionBelow: 5,
      reliableChangePoints: 6,
      minimalImportantDifference: 5,
      indexAtLeast: 10,
    });
    expect(INSTRUMENTS['GAD-7'].reliableChangePoints).toBe(4);
    expect(INSTRUMENTS['PCL-5'].reliableChangePoints).toBe(15);
    expect(INSTRUMENTS['PHQ-9'].itemLoinc[9]).toBe('44260-8');
    expect(INSTRUMENTS.EPDS.reverseScoredItems).toEqual([3, 5, 6, 7, 8, 9, 10]);
  });
});

describe('findInstrument', () => {
  it.each([
    ['phq9', 'PHQ-9'],
    ['PHQ-9', 'PHQ-9'],
    ['PHQ 9', 'PHQ-9'],
    ['44261-6', 'PHQ-9'],
    ['44249-1', 'PHQ-9'],
    ['Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]', 'PHQ-9'],
    ['http://hl7.org/fhir/uv/sdc/Questionnaire/questionnaire-sdc-profile-example-PHQ9', 'PHQ-9'],
    ['PHQ-2 total score', 'PHQ-2'],
    ['55758-7', 'PHQ-2'],
    ['PHQ-9 Modified for Teens', 'PHQ-A'],
    ['89204-2', 'PHQ-A'],
    ['gad7', 'GAD-7'],
    ['Generalized Anxiety Disorder - 7', 'GAD-7'],
    ['70274-6', 'GAD-7'],
    ['Total score [AUDIT-C]', 'AUDIT-C'],
    ['PCL-5', 'PCL-5'],
    ['Edinburgh Postnatal Depression Scale', 'EPDS'],
    ['C-SSRS', 'C-SSRS'],
    ['93373-9', 'C-SSRS'],
    ['mdq', 'MDQ'],
    ['ASRS v1.1 Part A', 'ASRS-A'],
    ['craving', 'CRAVING'],
  ])('reads %s as %s', (query, name) => {
    expect(findInstrument(query)?.name).toBe(name);
  });

  it.each([
    ['44260-8'],
    ['75624-7'],
    ['62750-5'],
    ['96762-0'],
    ['ASRS'],
    ['Blood pressure'],
    [''],
  ])('does not guess for %s', (query) => {
    expect(findInstrument(query)).toBeNull();
  });
});

describe('bands', () => {
  it.each([
    ['PHQ-9', 0, 'minimal'],
    ['PHQ-9', 4, 'minimal'],
    ['PHQ-9', 5, 'mild'],
    ['PHQ-9', 9, 'mild'],
    ['PHQ-9', 10, 'moderate'],
    ['PHQ-9', 14, 'moderate'],
    ['PHQ-9', 15, 'moderately severe'],
    ['PHQ-9', 19, 'moderately severe'],
    ['PHQ-9', 20, 'severe'],
    ['PHQ-9', 27, 'severe'],
    ['PHQ-A', 15, 'moderately severe'],
    ['GAD-7', 4, 'minimal'],
    ['GAD-7', 5, 'mild'],
    ['GAD-7', 9, 'mild'],
    ['GAD-7', 10, 'moderate'],
    ['GAD-7', 14, 'moderate'],
    ['GAD-7', 15, 'severe'],
    ['GAD-7', 21, 'severe'],
    ['PHQ-2', 2, 'negative'],
    ['PHQ-2', 3, 'positive'],
    ['PCL-5', 30, 'below cut-off'],
    ['PCL-5', 31, 'probable ptsd'],
    ['EPDS', 9, 'below cut-off'],
    ['EPDS', 10, 'possible depression'],
    ['EPDS', 12, 'possible depression'],
    ['EPDS', 13, 'probable depression'],
    ['CRAVING', 9, null],
    ['ASRS-A', 20, null],
  ] as const)('%s %i is %s', (name, score, band) => {
    expect(bandFor(INSTRUMENTS[name], score)).toBe(band);
  });

  it.each([
    ['male', 3, 'negative'],
    ['male', 4, 'positive'],
    ['female', 2, 'negative'],
    ['female', 3, 'positive'],
    [null, 2, 'negative'],
    [null, 3, null],
    [null, 4, 'positive'],
  ] as const)('AUDIT-C for sex %s at %i is %s', (sex, score, band) => {
    expect(bandFor(INSTRUMENTS['AUDIT-C'], score, sex)).toBe(band);
  });

  it('reverses only the EPDS items printed high to low', () => {
    expect(scoredValueFromAnswerPosition(INSTRUMENTS.EPDS, 3, 0)).toBe(3);
    expect(scoredValueFromAnswerPosition(INSTRUMENTS.EPDS, 1, 0)).toBe(0);
    expect(scoredValueFromAnswerPosition(INSTRUMENTS.EPDS, 10, 3)).toBe(0);
  });

  it('reports LOINC codes only, never a local code', () => {
    expect(reportedLoinc(INSTRUMENTS['PHQ-9'])).toBe('44261-6');
    expect(reportedLoinc(INSTRUMENTS['C-SSRS'])).toBe('93373-9');
    expect(reportedLoinc(INSTRUMENTS.CRAVING)).toBeNull();
  });
});
