// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../utils/ehr/adapters/index';
import { isValidMatchPattern } from '../../../utils/ehr/packs/match-pattern';
import { fixtureNames, loadFixture, parsePage } from './load';

const PLAIN_PAGES = [
  '<!DOCTYPE html><html><head><title>News</title></head><body><h1>Today</h1><p>Weather: sunny. Name: the cat.</p></body></html>',
  '<!DOCTYPE html><html><body><table><tr><th>Name</th><th>Price</th></tr><tr><td>Tea</td><td>3</td></tr></table></body></html>',
];

const PLACEHOLDER_URL = new URL('https://example.org/page');

describe.each(ADAPTERS)('adapter $id', (adapter) => {
  const own = fixtureNames(adapter.id);

  it('is registered once, with a name and documented match patterns', () => {
    expect(ADAPTERS.filter((other) => other.id === adapter.id)).toHaveLength(1);
    expect(adapter.name.trim()).not.toBe('');
    expect(adapter.matches.length).toBeGreaterThan(0);
    for (const pattern of adapter.matches) expect(isValidMatchPattern(pattern), pattern).toBe(true);
    expect(adapter.identitySelectors.length).toBeGreaterThan(0);
  });

  it('has saved pages in utils/ehr/adapters/fixtures/<id>/', () => {
    expect(own.length).toBeGreaterThan(0);
  });

  it.each(own)('recognises its own page %s', (name) => {
    expect(adapter.detect(loadFixture(adapter.id, name), PLACEHOLDER_URL)).toBe(true);
  });

  const others = ADAPTERS.filter((other) => other.id !== adapter.id).flatMap((other) =>
    fixtureNames(other.id).map((name) => ({ owner: other.id, name })),
  );
  it.each(others)("does not claim $owner's page $name", ({ owner, name }) => {
    expect(adapter.detect(loadFixture(owner, name), PLACEHOLDER_URL)).toBe(false);
  });

  it.each(PLAIN_PAGES)('does not claim a plain non-EHR page (%#)', (html) => {
    expect(adapter.detect(parsePage(html), PLACEHOLDER_URL)).toBe(false);
  });
});
