import { describe, expect, it } from 'vitest';
import {
  addDays,
  ageOn,
  dayNumber,
  daysBetween,
  formatIsoDate,
  parseIsoDate,
} from '../../../utils/clinical/dates';

describe('dates', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    [' 2025-01-06 ', '2025-01-06'],
    ['2024-02-25T14:35:00+00:00', '2024-02-25'],
    ['2022-11-29T20:50:32.718Z', '2022-11-29'],
    ['2022-11-29T20:50:32.718000+00:00', '2022-11-29'],
    ['2023-02-29', null],
    ['2024-13-01', null],
    ['2024-02', null],
    ['1980', null],
    ['03/04/2024', null],
    ['2024-02-25 garbage', null],
    ['2000-02-29', '2000-02-29'],
    ['1900-02-29', null],
    ['2024-04-31', null],
    ['2024-1-01', null],
    ['2024-01-0x', null],
    ['0099-12-31', null],
    ['\t2024-02-25T14:35Z\n', '2024-02-25'],
  ])('parseIsoDate(%j) is %j', (text, expected) => {
    expect(parseIsoDate(text)).toBe(expected);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2025-01-06', 14)).toBe('2025-01-20');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('numbers days from 1970-01-01, consistent with daysBetween', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2025-02-19') - dayNumber('2024-02-25')).toBe(
      daysBetween('2024-02-25', '2025-02-19'),
    );
    expect(() => dayNumber('2024-02-30')).toThrow(RangeError);
  });

  it('counts days between two dates, negative backwards', () => {
    expect(daysBetween('2024-02-25', '2025-02-19')).toBe(360);
    expect(daysBetween('2025-02-19', '2024-02-25')).toBe(-360);
    expect(daysBetween('2025-03-30', '2025-03-31')).toBe(1);
  });

  it.each([
    ['1980-04-02', '2025-04-01', 44],
    ['1980-04-02', '2025-04-02', 45],
    ['2008-02-29', '2025-02-28', 16],
    ['2008-02-29', '2025-03-01', 17],
  ])('someone born %s is, on %s, %i years old', (birthDate, on, age) => {
    expect(ageOn(birthDate, on)).toBe(age);
  });

  it('refuses dates that are not ISO calendar dates', () => {
    expect(() => addDays('03/04/2024', 1)).toThrow(RangeError);
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => ageOn('2024-02-30', '2025-01-01')).toThrow(RangeError);
  });

  it('formats a date for messages on the stored day', () => {
    expect(formatIsoDate('2025-01-06')).toBe('Jan 6, 2025');
  });
});
