// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { suggestFromDocument } from '../../../utils/ehr/packs/suggest';
import { assembleSuggestedPack, suggestedPackId } from '../../../utils/ehr/packs/suggest-pack';
import { validateSelectorPack } from '../../../utils/ehr/packs/validate';
import { parsePage } from './load';

const CHART = `<!doctype html><html><body>
  <div id="banner"><span class="ptname">DOE, JANE</span>
    <span>DOB: 02/14/1979</span><span>MRN: 884421</span></div>
  <h2>Medications</h2>
  <table id="meds"><tr><th>Medication</th><th>Status</th></tr>
    <tr><td>Sertraline 50 mg tablet</td><td>Active</td></tr>
    <tr><td>Lithium 300 mg capsule</td><td>Active</td></tr></table>
  <h2>Recent patients</h2><ul><li>SMITH, JOHN</li></ul>
</body></html>`;

describe('a pack suggested from what the generic reader read', () => {
  it('points at the elements the values were read from, with a pattern where the element holds a label', () => {
    const document = parsePage(CHART);
    const suggestion = suggestFromDocument(document, {
      identity: { name: 'DOE, JANE', birthDate: '1979-02-14', mrn: '884421' },
      medications: [
        { text: 'Sertraline 50 mg tablet', ingredient: 'sertraline' },
        { text: 'Lithium 300 mg capsule', ingredient: 'lithium' },
      ],
      problems: [],
      scores: [],
    });
    expect(suggestion.missed).toEqual([]);
    expect(suggestion.identity.name).toEqual({ selector: 'span.ptname' });
    expect(suggestion.identity.mrn?.pattern).toBe('MRN:\\s*(\\S+)');
    // No selector is built from the patient's data.
    expect(JSON.stringify(suggestion)).not.toMatch(/DOE|884421|Sertraline/);
    const items = Array.from(document.querySelectorAll(suggestion.medications?.item ?? 'none'));
    expect(items.map((row) => row.querySelector('td')?.textContent)).toEqual([
      'Sertraline 50 mg tablet',
      'Lithium 300 mg capsule',
    ]);
  });

  it('joins the frames into one valid pack, with frame parts and the shared patient parameter', () => {
    const top = parsePage(CHART);
    const topSuggestion = suggestFromDocument(top, {
      identity: { name: 'DOE, JANE', birthDate: '1979-02-14', mrn: '884421' },
      medications: [],
      problems: [],
      scores: [],
    });
    const frameSuggestion = suggestFromDocument(parsePage(CHART), {
      identity: null,
      medications: [{ text: 'Sertraline 50 mg tablet', ingredient: 'sertraline' }],
      problems: [],
      scores: [],
    });
    const result = assembleSuggestedPack({
      documents: [
        {
          url: 'https://ehr.example/chart.asp?MRN=884421',
          isTop: true,
          namePath: [],
          suggestion: topSuggestion,
        },
        {
          url: 'https://ehr.example/meds.asp?MRN=884421&tab=1',
          isTop: false,
          namePath: ['main', 'meds'],
          suggestion: frameSuggestion,
        },
      ],
      mrn: '884421',
      name: 'Suggested pack for ehr.example',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.patientKeyParam).toBe('MRN');
    expect(result.pack.medications?.frame).toEqual({
      urlMatch: '/meds.asp',
      name: ['main', 'meds'],
    });
    expect(result.pack.matches).toEqual(['https://ehr.example/*']);
    expect(validateSelectorPack(result.pack).ok).toBe(true);
  });

  it('suggests no pack when no patient name was read', () => {
    const result = assembleSuggestedPack({
      documents: [
        {
          url: 'https://ehr.example/',
          isTop: true,
          namePath: [],
          suggestion: { identity: {}, scores: [], missed: [] },
        },
      ],
      mrn: null,
      name: 'x',
    });
    expect(result).toEqual({ ok: false, reason: 'no-name' });
  });

  it('gives each origin its own pack id', () => {
    expect(suggestedPackId(new URL('http://127.0.0.1:8080/chart'))).toBe(
      'suggested-127-0-0-1-8080',
    );
  });
});
