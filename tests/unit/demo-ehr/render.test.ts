import { describe, expect, it } from 'vitest';
import { buildPatients } from '../../../demo-ehr/patients';
import {
  chartDate,
  chartView,
  escapeHtml,
  h,
  type RenderContext,
  renderDocument,
  toHtml,
} from '../../../demo-ehr/render';

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    [`"double" & 'single'`, '&quot;double&quot; &amp; &#39;single&#39;'],
    ['&amp; stays visible as typed', '&amp;amp; stays visible as typed'],
    ['Plain text — with ünïcode', 'Plain text — with ünïcode'],
    ['', ''],
  ])('escapes %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe('toHtml', () => {
  it('escapes text and attribute values, so neither can open an element or end an attribute', () => {
    const html = toHtml(
      h('p', { title: '" onmouseover="alert(1)' }, '<b>bold</b>', h('span', null, "O'Hara")),
    );
    expect(html).toBe(
      '<p title="&quot; onmouseover=&quot;alert(1)">&lt;b&gt;bold&lt;/b&gt;<span>O&#39;Hara</span></p>',
    );
  });

  it('writes void elements without a closing tag and boolean attributes without a value', () => {
    expect(toHtml(h('option', { value: '1', selected: '' }, 'A'))).toBe(
      '<option value="1" selected>A</option>',
    );
    expect(toHtml(h('meta', { name: 'generator', content: 'X' }))).toBe(
      '<meta name="generator" content="X">',
    );
  });

  it('refuses tag and attribute names that are not plain names', () => {
    expect(() => toHtml(h('img src=x', null))).toThrow(/invalid tag name/);
    expect(() => toHtml(h('p', { 'onclick="x"': '' }))).toThrow(/invalid attribute name/);
  });
});

describe('pages', () => {
  const today = '2025-06-16';
  const patients = buildPatients(today);
  const context: RenderContext = {
    today,
    patients,
    frameOrigin: 'http://127.0.0.1:4311',
    frameDelayMs: 0,
  };

  it('prints dates month first, as the clinic expects', () => {
    expect(chartDate('2025-01-09')).toBe('01/09/2025');
  });

  it('renders a chart with the banner, the two identifiers and every section', () => {
    const patient = patients.find((candidate) => candidate.scenario === 'bipolar-lithium-overdue');
    if (!patient) throw new Error('no lithium patient');
    const html = renderDocument(chartView(patient, context));
    expect(html).toContain('<meta name="generator" content="MeadowChart EHR 3.8">');
    expect(html).toContain('<h1 class="pt-name">Thomas Reyes</h1>');
    expect(html).toContain(`<dd class="pt-mrn">${patient.mrn}</dd>`);
    for (const id of [
      'problem-list',
      'medication-list',
      'questionnaires',
      'labs',
      'vitals',
      'appointments',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('Lithium carbonate 300 mg capsule — 3 caps PO at bedtime');
    expect(html).not.toMatch(/data-careside/);
  });

  it('leaves out the sections a layout hides', () => {
    const patient = patients[0];
    if (!patient) throw new Error('no patients');
    const html = renderDocument(chartView(patient, context, { hide: ['medications', 'labs'] }));
    expect(html).not.toContain('id="medication-list"');
    expect(html).not.toContain('id="labs"');
    expect(html).toContain('id="questionnaires"');
  });
});
