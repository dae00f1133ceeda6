// @vitest-environment happy-dom
/**
 * Careside's own elements (sidebar, pack builder panel and outline) are never read as the chart,
 * even where their shadow roots are open (the test build): the builder panel lists the fields it
 * was taught ("name … finds 1 …"), and the reader once took that for the patient's name.
 */
import { describe, expect, it } from 'vitest';
import { BUILDER_PANEL_TAG, SIDEBAR_TAG } from '../../../utils/ehr/own-elements';
import { queryAll } from '../../../utils/ehr/packs/query';
import { readGeneric } from '../../../utils/ehr/sections/all-readers';
import { parsePage } from './load';

const URL_OF_PAGE = new URL('https://ehr.example.org/chart');

/** A page with no identity of its own, and `tag` holding a believable one in an open root. */
function pageWith(tag: string) {
  const document = parsePage('<body><main><h2>Visit notes</h2><p>Nothing yet.</p></main></body>');
  const host = document.createElement(tag);
  host.attachShadow({ mode: 'open' }).innerHTML = `
    <section class="id"><div>Name</div><div>Other, Patient A</div>
      <div>DOB</div><div>01/02/1970</div><div>MRN</div><div>99887766</div></section>
    <h3>Medications</h3><ul><li>Lithium carbonate 300 mg</li></ul>`;
  document.body.append(host);
  return document;
}

describe("Careside's own elements are not the chart", () => {
  it('reads an identity in an ordinary web component (the positive case)', () => {
    const reading = readGeneric(pageWith('ehr-patient-card'), URL_OF_PAGE);
    expect(reading.context.identity.name).toMatch(/Other/);
    expect(queryAll(pageWith('ehr-patient-card'), '.id')).toHaveLength(1);
  });

  for (const tag of [BUILDER_PANEL_TAG, SIDEBAR_TAG]) {
    it(`reads nothing from <${tag}>`, () => {
      const reading = readGeneric(pageWith(tag), URL_OF_PAGE);
      expect(reading.context.identity.name).toBeNull();
      expect(reading.context.identity.identifiers).toEqual([]);
      expect(reading.context.medications).toEqual([]);
      expect(queryAll(pageWith(tag), '.id')).toEqual([]);
    });
  }
});
