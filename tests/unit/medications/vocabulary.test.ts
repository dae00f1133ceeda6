import { describe, expect, it } from 'vitest';
import { namePattern } from '../../../utils/clinical/medications/names';
import {
  DRUG_CLASSES,
  findDrug,
  findDrugInText,
  VOCABULARY,
} from '../../../utils/clinical/medications/vocabulary';

describe('medication vocabulary', () => {
  it('has at least 90 drugs with unique ingredients and known classes', () => {
    expect(VOCABULARY.length).toBeGreaterThanOrEqual(90);
    const ingredients = VOCABULARY.map((drug) => drug.ingredient);
    expect(new Set(ingredients).size).toBe(ingredients.length);
    for (const drug of VOCABULARY) {
      expect(DRUG_CLASSES).toContain(drug.class);
      expect(drug.ingredient).toBe(drug.ingredient.toLowerCase());
      if (drug.rxnorm !== null) expect(drug.rxnorm).toMatch(/^\d+$/);
    }
  });

  it('has no name that points at two different drugs', () => {
    const owner = new Map<string, string>();
    for (const drug of VOCABULARY) {
      for (const name of [drug.ingredient, ...drug.names, ...drug.abbreviations]) {
        const key = name.toLowerCase();
        const previous = owner.get(key);
        expect(
          previous === undefined || previous === drug.ingredient,
          `${name}: ${previous} and ${drug.ingredient}`,
        ).toBe(true);
        owner.set(key, drug.ingredient);
      }
    }
  });

  it.each([
    ['sertraline', 'sertraline', '36437'],
    ['Zoloft', 'sertraline', '36437'],
    ['FLUoxetine', 'fluoxetine', '4493'],
    ['citalopram hydrobromide', 'citalopram', '2556'],
    ['Lexapro', 'escitalopram', '321988'],
    ['Li', 'lithium', '6448'],
    ['lithium carbonate', 'lithium', '6448'],
    ['Depakote', 'valproic acid', '11118'],
    ['divalproex sodium', 'valproic acid', '11118'],
    ['Suboxone', 'buprenorphine-naloxone', null],
    ['Adderall', 'amphetamine', '725'],
    ['Xanax', 'alprazolam', '596'],
    ['Wellbutrin XL', 'bupropion', '42347'],
    ['Vivitrol', 'naltrexone', '7243'],
    ['HCTZ', 'hydrochlorothiazide', '5487'],
  ])('finds %s', (name, ingredient, rxnorm) => {
    const drug = findDrug(name);
    expect(drug?.ingredient).toBe(ingredient);
    expect(drug?.rxnorm).toBe(rxnorm);
  });

  it('returns null for names it does not know', () => {
    expect(findDrug('levothyroxine')).toBeNull();
    expect(findDrug('')).toBeNull();
    expect(findDrugInText('Patient reports feeling better')).toBeNull();
  });

  it('finds drugs in text at word boundaries, longest name first', () => {
    expect(findDrugInText('buprenorphine-naloxone 8-2 mg film')?.ingredient).toBe(
      'buprenorphine-naloxone',
    );
    expect(findDrugInText('Buprenorphine / Naloxone 8 mg/2 mg')?.ingredient).toBe(
      'buprenorphine-naloxone',
    );
    expect(findDrugInText('naloxone 4 mg nasal spray')?.ingredient).toBe('naloxone');
    expect(findDrugInText('escitalopram 10 mg')?.ingredient).toBe('escitalopram');
    expect(findDrugInText('desvenlafaxine 50 mg')?.ingredient).toBe('desvenlafaxine');
    expect(findDrugInText('St. John’s wort 300 mg TID')?.ingredient).toBe("st john's wort");
    // Abbreviations keep their capitalisation: "li" inside words or in lower case is not lithium.
    expect(findDrugInText('Li 300 mg BID')?.ingredient).toBe('lithium');
    expect(findDrugInText('li 300 mg BID')).toBeNull();
    expect(findDrugInText('multivitamin daily')).toBeNull();
  });

  it('finds what trying every name pattern would find (the substring pre-test skips nothing)', () => {
    // The old, exhaustive search: every name's pattern, earliest match, then the longest.
    const patterns = VOCABULARY.flatMap((drug) => [
      ...[drug.ingredient, ...drug.names].map((name) => ({ re: namePattern(name, false), drug })),
      ...drug.abbreviations.map((name) => ({ re: namePattern(name, true), drug })),
    ]);
    const exhaustive = (text: string) => {
      let best: { start: number; end: number; ingredient: string } | null = null;
      for (const { re, drug } of patterns) {
        re.lastIndex = 0;
        const match = re.exec(text);
        if (!match) continue;
        const end = match.index + match[0].length;
        if (!best || match.index < best.start || (match.index === best.start && end > best.end)) {
          best = { start: match.index, end, ingredient: drug.ingredient };
        }
      }
      return best?.ingredient ?? null;
    };
    const texts = VOCABULARY.flatMap((drug) =>
      [drug.ingredient, ...drug.names, ...drug.abbreviations].flatMap((name) => [
        `Started ${name} 10 mg daily`,
        `${name.toUpperCase()} 5 mg`,
        `take ${name.toLowerCase()}`,
        `${name.replace(/ /g, ' / ')} and sertraline`,
      ]),
    );
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) {
      expect(findDrugInText(text)?.ingredient ?? null, text).toBe(exhaustive(text));
    }
  });
});
