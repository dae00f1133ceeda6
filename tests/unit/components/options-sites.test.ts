import { describe, expect, it } from 'vitest';
import { sitePattern } from '../../../entrypoints/options/settings-sections';

describe('an EHR site as the clinic types it', () => {
  it.each([
    ['ehr.example.org', 'https://ehr.example.org/*'],
    ['https://ehr.example.org/chart/42?x=1', 'https://ehr.example.org/*'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/*'],
    ['https://*.example.org/*', 'https://*.example.org/*'],
  ])('%s becomes %s', (typed, pattern) => {
    expect(sitePattern(typed)).toBe(pattern);
  });

  it.each([
    [''],
    ['   '],
    ['ftp://ehr.example.org'],
    ['https://*/*'],
    ['<all_urls>'],
  ])('refuses %s', (typed) => {
    expect(sitePattern(typed)).toBeNull();
  });
});
