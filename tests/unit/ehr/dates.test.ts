import { describe, expect, it } from 'vitest';
import {
  findPageDate,
  findPageDates,
  type PageDateFormat,
  parsePageDate,
} from '../../../utils/ehr/dates';

describe('parsePageDate', () => {
  it.each<[string, PageDateFormat, string | null]>([
    ['2024-01-05', 'auto', '2024-01-05'],
    ['2024-1-5', 'auto', '2024-01-05'],
    ['2024-01-05T09:30:00Z', 'auto', '2024-01-05'],
    ['01/05/2024', 'auto', '2024-01-05'],
    ['1/5/2024', 'auto', '2024-01-05'],
    ['13/01/2024', 'auto', null],
    ['1/5/24', 'auto', null],
    ['Jan 5, 2024', 'auto', '2024-01-05'],
    ['January 5 2024', 'auto', '2024-01-05'],
    ['Sept. 30, 2023', 'auto', '2023-09-30'],
    ['05-Jan-2024', 'auto', '2024-01-05'],
    ['5 January 2024', 'auto', '2024-01-05'],
    ['Feb 30, 2024', 'auto', null],
    ['2023-02-29', 'auto', null],
    ['2024-02-29', 'auto', '2024-02-29'],
    ['05/01/2024', 'DD/MM/YYYY', '2024-01-05'],
    ['2024-01-05', 'DD/MM/YYYY', null],
    ['05.01.2024', 'DD.MM.YYYY', '2024-01-05'],
    ['05.01.2024', 'auto', null],
    ['06/14/1980', 'slash-order-unknown', '1980-06-14'],
    ['14/06/1980', 'slash-order-unknown', '1980-06-14'],
    ['03/04/1980', 'slash-order-unknown', null],
    ['05/05/1980', 'slash-order-unknown', '1980-05-05'],
    ['Smarch 5, 2024', 'auto', null],
    ['', 'auto', null],
    ['not a date', 'auto', null],
    ['2024-01-05'.repeat(20), 'auto', null],
  ])('%j (%s) → %j', (text, format, expected) => {
    expect(parsePageDate(text, format)).toBe(expected);
  });
});

describe('findPageDate', () => {
  it.each<[string, string | null]>([
    ['DOB: 1984-03-09 Age: 40', '1984-03-09'],
    ['DOB: 11/23/1971 Age: 52', '1971-11-23'],
    ['Seen on Mar 5, 2024 by Dr Lee', '2024-03-05'],
    ['Account 12024-01-05', null],
    ['Age: 40', null],
  ])('%j → %j', (text, expected) => {
    expect(findPageDate(text)).toBe(expected);
  });

  it('finds every date, in order, and skips impossible ones', () => {
    expect(findPageDates('from 2024-01-05 to 02/30/2024 and 03/01/2024')).toEqual([
      '2024-01-05',
      '2024-03-01',
    ]);
  });
});

describe('dates as charts print them', () => {
  it.each<[string, string | null]>([
    ['Mar 3, 1980', '1980-03-03'],
    ['3 March 1980', '1980-03-03'],
    ['March 3rd, 1980', '1980-03-03'],
    ['3rd March, 1980', '1980-03-03'],
    ['Tuesday, March 5, 2024', '2024-03-05'],
    ['Tue, Mar 5, 2024', '2024-03-05'],
    ['03-03-1980', '1980-03-03'],
    ['1980/03/03', '1980-03-03'],
    ['03/03/1980 10:32 AM', '1980-03-03'],
    ['2024-03-05T10:32:00-05:00', '2024-03-05'],
    ['Marc 3, 1980', null],
    ['03-03/1980', null],
  ])('%j → %j', (text, expected) => {
    expect(parsePageDate(text)).toBe(expected);
  });

  it.each<[string, string | null]>([
    ['Completed Mar 5, 2024, 10:32 AM', '2024-03-05'],
    ['Effective 2024/03/05 09:00', '2024-03-05'],
    ['Issued 03-05-2024', '2024-03-05'],
    ['on the 5th March 2024', '2024-03-05'],
  ])('finds the date in %j', (text, expected) => {
    expect(findPageDate(text)).toBe(expected);
  });
});
