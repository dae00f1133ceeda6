import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../utils/ehr/page-text';

/** What cleanText did on every text before it learned to leave clean text alone. */
const fullClean = (text: string) =>
  text
    .replace(/[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('cleanText', () => {
  it.each([
    'Sertraline 50 mg tablet',
    '01/05/2024',
    'a  b',
    ' a',
    'a ',
    'a\tb',
    'a\nb',
    'a\u00A0b',
    'Jane\u200BDoe',
    '\u202EeoD enaJ',
    'a\u007Fb',
    'Café',
    '135–145',
    '~!@#$%^&*()_+{}|:"<>?',
    ' ',
    '\u00AD',
  ])('reads %j as before', (text) => {
    expect(cleanText(text)).toBe(fullClean(text));
  });

  it('reads any mix of spaces, controls, invisible and ASCII characters as before', () => {
    const alphabet = [
      'a',
      'Z',
      '1',
      ' ',
      '  ',
      '\t',
      '\n',
      '\u0000',
      '\u007F',
      '\u200B',
      '\u00A0',
      'é',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed;
    };
    for (let run = 0; run < 2_000; run += 1) {
      const text = Array.from(
        { length: next() % 12 },
        () => alphabet[next() % alphabet.length],
      ).join('');
      expect(cleanText(text)).toBe(fullClean(text));
    }
  });

  it('is empty for nothing', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
    expect(cleanText('')).toBe('');
  });
});
