// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isValidSelector } from '../../../utils/ehr/packs/css-selector';
import {
  looksGenerated,
  proposeCell,
  proposeList,
  proposeSelector,
  rowOf,
} from '../../../utils/ehr/packs/propose';
import { queryAll, queryFirst } from '../../../utils/ehr/packs/query';
import { parsePage } from './load';

function page(html: string): Document {
  return parsePage(`<!doctype html><html><body>${html}</body></html>`);
}

function element(document: Document, selector: string): Element {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`no ${selector} in the test page`);
  return found;
}

/** The proposal must be valid pack syntax and find exactly the element. */
function expectFindsOnly(document: Document, selector: string | null, target: Element) {
  expect(selector).not.toBeNull();
  expect(isValidSelector(selector as string)).toBe(true);
  expect(queryAll(document, selector as string)).toEqual([target]);
}

describe('proposeSelector: one element', () => {
  it.each([
    {
      why: 'a stable id',
      html: '<header><span id="pt-name">Jane Doe</span></header><span>x</span>',
      target: '#pt-name',
      expected: '#pt-name',
    },
    {
      why: 'a test attribute over classes',
      html: '<div class="name"><span class="value" data-testid="patient-name">Jane Doe</span></div><span class="value">x</span>',
      target: '[data-testid]',
      expected: '[data-testid="patient-name"]',
    },
    {
      why: 'an aria-label that names the field, not the patient',
      html: '<span aria-label="Date of birth">1980-01-02</span><span>other</span>',
      target: 'span',
      expected: 'span[aria-label="Date of birth"]',
    },
    {
      why: 'a stable class',
      html: '<div><span class="css-1x2y3z banner-name">Jane</span><span class="css-9q8r7s">x</span></div>',
      target: '.banner-name',
      expected: 'span.banner-name',
    },
  ])('prefers $why', ({ html, target, expected }) => {
    const document = page(html);
    const found = element(document, target);
    const selector = proposeSelector(found);
    expect(selector).toBe(expected);
    expectFindsOnly(document, selector, found);
  });

  it('passes over generated ids and hashed classes and anchors on the nearest stable ancestor', () => {
    const document = page(`
      <section id="banner">
        <div class="css-a1b2c3"><span id=":r1:" class="jss12">Doe, Jane</span></div>
        <div class="css-d4e5f6"><span id="mui-12345" class="sc-kDvGdL">MRN 000123</span></div>
      </section>
      <section id="contacts"><div><span>Someone Else</span></div></section>`);
    const name = element(document, '[id=":r1:"]');
    const selector = proposeSelector(name);
    expect(selector).not.toMatch(/r1|jss|css-|mui|sc-/);
    expect(selector).toMatch(/^#banner /);
    expectFindsOnly(document, selector, name);
  });

  it('never uses the page text: an aria-label that repeats the patient name is passed over', () => {
    const document = page(
      '<div id="hdr"><span aria-label="Doe, Jane">Doe, Jane</span><span>Female</span></div>',
    );
    const name = element(document, '[aria-label]');
    const selector = proposeSelector(name) ?? '';
    expect(selector).not.toContain('Doe');
    expectFindsOnly(document, selector, name);
  });

  it('never puts a record number from an attribute into a selector', () => {
    const document = page(
      '<div data-mrn="004417" class="mrn-value">004417</div><div class="mrn-value">x</div>',
    );
    const mrn = element(document, '[data-mrn]');
    const selector = proposeSelector(mrn) ?? '';
    expect(selector).not.toContain('004417');
    expectFindsOnly(document, selector, mrn);
  });

  it('falls back to a short chain of positions when nothing names the element', () => {
    const document = page('<div><p>a</p><p><b>b</b></p></div><div><p>c</p></div>');
    const bold = element(document, 'b');
    expectFindsOnly(document, proposeSelector(bold), bold);
    const second = document.querySelectorAll('p')[1] as Element;
    expectFindsOnly(document, proposeSelector(second), second);
  });

  it('finds an element inside an open shadow root the way the pack reader searches', () => {
    const document = page('<patient-banner></patient-banner><span class="name">Not this</span>');
    const host = element(document, 'patient-banner');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<dl><dt>Born</dt><dd class="born">1970-03-04</dd></dl>';
    const born = shadow.querySelector('.born') as Element;
    const selector = proposeSelector(born);
    expect(selector).toBe('dd.born');
    expect(queryAll(document, selector as string)).toEqual([born]);
    expect(queryFirst(document, selector as string)).toBe(born);
  });

  it('works within a given scope', () => {
    const document = page(
      '<div id="a"><span class="v">1</span></div><div id="b"><span class="v">2</span></div>',
    );
    const scope = element(document, '#b');
    const value = element(document, '#b .v');
    expect(proposeSelector(value, scope)).toBe('span.v');
  });
});

describe('looksGenerated', () => {
  it.each([
    ':r1:',
    'mui-123',
    'css-1x2y3z',
    'sc-abc',
    'jss12',
    'a9f3c2e1b7',
    'row-17',
    'kDvGdL',
  ])('calls %s generated', (token) => expect(looksGenerated(token)).toBe(true));
  it.each([
    'patient-name',
    'MuiTypography-root',
    'rb-med-sig',
    'dob',
    'banner',
  ])('calls %s stable', (token) => expect(looksGenerated(token)).toBe(false));
});

describe('proposeList: one clicked row stands for its list', () => {
  it('takes every body row of a table and leaves the th-only heading row out', () => {
    const document = page(`
      <table id="meds">
        <tr><th>Medication</th><th>Status</th></tr>
        <tr><td class="sig">Sertraline 50 mg</td><td>Active</td></tr>
        <tr><td class="sig">Lithium 300 mg</td><td>Active</td></tr>
      </table>
      <table id="other"><tr><td>not a medication</td></tr></table>`);
    const rows = document.querySelectorAll('#meds tr');
    const list = proposeList(rows[2] as Element);
    expect(list).not.toBeNull();
    expect(isValidSelector(list?.items as string)).toBe(true);
    expect(list?.count).toBe(2);
    expect(queryAll(document, list?.items as string)).toEqual([rows[1], rows[2]]);
    expect(list?.cells).toEqual(['td.sig', 'td:nth-child(2)']);
  });

  it('takes the rows of the body when the header is a thead', () => {
    const document = page(`
      <table class="scores"><thead><tr><th>Date</th><th>Score</th></tr></thead>
      <tbody><tr><td>2024-01-02</td><td>14</td></tr><tr><td>2024-02-02</td><td>9</td></tr></tbody></table>`);
    const body = document.querySelectorAll('tbody tr');
    const list = proposeList(body[0] as Element);
    expect(queryAll(document, list?.items as string)).toEqual(Array.from(body));
  });

  it('leaves out a grid row of column headers', () => {
    const document = page(`
      <div role="grid" aria-label="Problems">
        <div role="row"><span role="columnheader">Problem</span></div>
        <div role="row"><span role="gridcell">Depression</span></div>
        <div role="row"><span role="gridcell">Anxiety</span></div>
      </div>`);
    const rows = document.querySelectorAll('[role="row"]');
    const list = proposeList(rows[1] as Element);
    expect(queryAll(document, list?.items as string)).toEqual([rows[1], rows[2]]);
  });

  it('generalises one card to the cards of its list, not the cards of another list', () => {
    const document = page(`
      <section data-section="medications">
        <div class="card med"><b class="drug">Sertraline</b><i>daily</i></div>
        <div class="card med"><b class="drug">Lithium</b><i>bid</i></div>
      </section>
      <section data-section="allergies"><div class="card"><b class="drug">Penicillin</b></div></section>`);
    const drug = element(document, '.med .drug');
    const card = rowOf(drug);
    expect(card).toBe(element(document, '.med'));
    const list = proposeList(card);
    expect(list?.count).toBe(2);
    expect(queryAll(document, list?.items as string)).toEqual(
      Array.from(document.querySelectorAll('.med')),
    );
    expect(proposeCell(card, drug)).toBe('b.drug');
  });

  it('takes the list items of a list', () => {
    const document = page(
      '<ul id="problems"><li>Depression</li><li>Anxiety</li></ul><ul><li>Menu</li></ul>',
    );
    const items = document.querySelectorAll('#problems li');
    const list = proposeList(items[0] as Element);
    expect(queryAll(document, list?.items as string)).toEqual(Array.from(items));
  });
});

describe('proposeCell', () => {
  it('finds the clicked cell as the first match in its row, and in every other row', () => {
    const document = page(`
      <table><tr><td>PHQ-9</td><td>2024-01-02</td><td><span>14</span></td></tr>
      <tr><td>GAD-7</td><td>2024-01-03</td><td><span>8</span></td></tr></table>`);
    const [first, second] = Array.from(document.querySelectorAll('tr'));
    const value = first?.querySelector('span') as Element;
    const selector = proposeCell(first as Element, value);
    expect(selector).not.toBeNull();
    expect(first?.querySelector(selector as string)).toBe(value);
    expect(second?.querySelector(selector as string)?.textContent).toBe('8');
  });
});
