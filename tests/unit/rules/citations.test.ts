/**
 * Every rule cites the document itself: a label by its DailyMed set id, a guideline's own page, an
 * article by DOI or PubMed id. A search page or a site's front page is no citation (issue 19).
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../utils/clinical/rules';

/** Why a URL is not a document address, or null when it is one. */
function citationProblem(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:') return 'not https';
  if (/\/search(?:\.\w+)?$|\/search\//i.test(url.pathname)) return 'a search page';
  for (const name of ['query', 'term', 'q', 'search', 'keywords']) {
    if (url.searchParams.has(name)) return 'a search page';
  }
  if (url.pathname === '' || url.pathname === '/') return 'a bare domain';
  if (url.hostname === 'dailymed.nlm.nih.gov' && !url.searchParams.get('setid')) {
    return 'a DailyMed page without a set id';
  }
  if (url.hostname === 'pubmed.ncbi.nlm.nih.gov' && !/^\/\d+\/?$/.test(url.pathname)) {
    return 'a PubMed page that is not one record';
  }
  return null;
}

describe('citations', () => {
  it.each([
    ['https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=clozapine', 'a search page'],
    ['https://pubmed.ncbi.nlm.nih.gov/?term=Westra+2002', 'a search page'],
    ['https://www.jointcommission.org/', 'a bare domain'],
    ['https://bpac.org.nz', 'a bare domain'],
    ['https://dailymed.nlm.nih.gov/dailymed/index.cfm', 'a DailyMed page without a set id'],
    ['http://example.org/guideline', 'not https'],
  ])('rejects %s as %s', (address, problem) => {
    expect(citationProblem(address)).toBe(problem);
  });

  it.each([
    'https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=90876802-0e3a-44c9-9ff7-1754dfbe736a',
    'https://pubmed.ncbi.nlm.nih.gov/40526204/',
    'https://doi.org/10.1111/bdi.12609',
  ])('accepts the document address %s', (address) => {
    expect(citationProblem(address)).toBeNull();
  });

  it('has every rule cite a document, not a search page or a front page', () => {
    const problems = RULES.flatMap((rule) => {
      const problem = citationProblem(rule.source.url);
      return problem ? [`${rule.id}: ${rule.source.url} is ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });
});
