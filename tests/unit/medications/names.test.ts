import { describe, expect, it } from 'vitest';
import {
  DRUG_ABBREVIATIONS,
  DRUG_NAMES,
  namesADrug,
} from '../../../utils/clinical/medications/names';
import { findDrugInText, VOCABULARY } from '../../../utils/clinical/medications/vocabulary';

describe('drug names shared by the vocabulary and the page readers', () => {
  it('has exactly one vocabulary entry per named ingredient, built on the same lists', () => {
    expect(VOCABULARY.map((drug) => drug.ingredient).sort()).toEqual(
      Object.keys(DRUG_NAMES).sort(),
    );
    for (const drug of VOCABULARY) {
      expect(drug.names).toBe(DRUG_NAMES[drug.ingredient as keyof typeof DRUG_NAMES]);
    }
    for (const [ingredient, abbreviations] of Object.entries(DRUG_ABBREVIATIONS)) {
      expect(VOCABULARY.find((drug) => drug.ingredient === ingredient)?.abbreviations).toBe(
        abbreviations,
      );
    }
  });

  const named = VOCABULARY.flatMap((drug) =>
    [drug.ingredient, ...drug.names, ...drug.abbreviations].map((name) => `${name} 10 mg daily`),
  );
  const unnamed = [
    'Patient reports good adherence',
    'Penicillin (allergy)',
    'metoprolol 25 mg BID',
    'li 300 mg',
    'Total: 3 medications',
    'Effexorish 10 mg',
    'mph limit 30',
    '',
  ];
  const spelled = [
    'buprenorphine / naloxone 8-2 mg',
    'St Johns wort 300 mg',
    'ST. JOHN’S WORT',
    'dextroamphetamine-amphetamine 10 mg',
    'LITHIUM CARBONATE 300 MG',
  ];

  it.each([...named, ...unnamed, ...spelled])('agrees with the vocabulary on %j', (line) => {
    expect(namesADrug(line)).toBe(findDrugInText(line) !== null);
  });

  it('recognises every name and abbreviation, and none of the non-drug lines', () => {
    expect(named.every(namesADrug)).toBe(true);
    expect(spelled.every(namesADrug)).toBe(true);
    expect(unnamed.some(namesADrug)).toBe(false);
  });
});
