// @vitest-environment happy-dom
/**
 * "Check a pack" on the options page (issue 21, item 3): what each frame's reading of a pasted
 * pack becomes in the report — the fields read and where, the selectors that found nothing, and
 * why a part would not be applied — on the Riverbend example chart (docs/examples).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import catalogue from '../../../public/_locales/en/messages.json';
import type { SelectorPack } from '../../../utils/ehr/packs/format';
import { packAdapter } from '../../../utils/ehr/packs/pack-adapter';
import {
  type CheckedFrame,
  checkReport,
  packSelectors,
  pastedPack,
  selectorFactsOf,
} from '../../../utils/ehr/packs/pack-check';
import { readPackSections } from '../../../utils/ehr/packs/pack-sections';
import { validateSelectorPack } from '../../../utils/ehr/packs/validate';
import { findValuesLabelled } from '../../../utils/ehr/page-text';
import { registerLabelFinder } from '../../../utils/ehr/sections/registry';
import { createTranslator, type Messages } from '../../../utils/i18n';
import { parsePage, projectFile } from './load';

const t = createTranslator(catalogue as Messages);
const PAGE_URL = 'https://ehr.riverbend.example/chart/view?patient=204518';
const exampleText = projectFile('docs/examples/riverbend-pack.json');

function pack(change: (raw: Record<string, unknown>) => void = () => undefined): SelectorPack {
  const raw = JSON.parse(exampleText) as Record<string, unknown>;
  change(raw);
  const checked = validateSelectorPack(raw);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return checked.pack;
}

/** The top document read with `checked` as the builder's reader in each frame reads it. */
function topFrame(checked: SelectorPack): CheckedFrame {
  const document = parsePage(projectFile('docs/examples/riverbend-chart.html'));
  const url = new URL(PAGE_URL);
  const adapter = packAdapter(checked);
  const reading = readPackSections(document, url, adapter.readIdentity(document, url), adapter);
  return {
    url: PAGE_URL,
    isTop: true,
    namePath: [],
    reading,
    facts: selectorFactsOf(document, checked),
  };
}

beforeAll(() => registerLabelFinder(findValuesLabelled));

describe('Check a pack: the report', () => {
  it('reads the example chart field by field, from the page itself, with nothing missing', () => {
    const checked = pack();
    const report = checkReport(checked, [topFrame(checked)], t);
    expect(report.identity).toEqual([
      { field: 'name', value: 'Lopez, Ana M', from: expect.objectContaining({ isTop: true }) },
      { field: 'birthDate', value: '1991-04-17', from: expect.objectContaining({ isTop: true }) },
      { field: 'mrn', value: '204518', from: expect.objectContaining({ isTop: true }) },
    ]);
    expect(report.identityConfirmed).toBe(true);
    const medications = report.lists.find((list) => list.path === 'medications');
    expect(medications?.count).toBe(3);
    expect(medications?.first[0]).toMatchObject({
      text: 'Escitalopram 10 mg tablet, 1 tab PO daily',
      date: '2024-01-09',
    });
    const scores = report.lists.find((list) => list.path === 'scores[0]');
    expect(scores?.count).toBe(3);
    expect(scores?.first[0]).toMatchObject({ text: 'PHQ-9', value: 16, date: '2024-01-09' });
    expect(report.foundNothing).toEqual([]);
    expect(report.notApplied).toEqual([]);
  });

  it('names a cell selector that finds nothing, and a list that reads nothing', () => {
    const checked = pack((raw) => {
      (raw.medications as Record<string, unknown>).status = '.rb-med-state';
      (raw.problems as Record<string, unknown>).item = '#rb-problems .rb-problem-typo';
    });
    const report = checkReport(checked, [topFrame(checked)], t);
    expect(report.foundNothing.map((selector) => selector.path)).toEqual([
      'medications.status',
      'problems.item',
      // The cells of a list whose rows are not found find nothing either.
      'problems.text',
      'problems.code',
    ]);
    expect(report.lists.find((list) => list.path === 'problems')?.count).toBe(0);
    expect(report.notApplied).toEqual([
      expect.stringContaining('problems: not applied because the selector'),
    ]);
    // The rest still reads.
    expect(report.lists.find((list) => list.path === 'medications')?.count).toBe(3);
  });

  it('says the pack is not applied when its matches miss the page', () => {
    const checked = pack((raw) => {
      raw.matches = ['https://other.example/*'];
    });
    const report = checkReport(checked, [topFrame(checked)], t);
    expect(report.notApplied).toEqual([expect.stringContaining('do not cover this page')]);
  });

  it('reports nothing read and nothing applied before any frame has answered', () => {
    const report = checkReport(pack(), [], t);
    expect(report.identity.every((field) => field.value === null)).toBe(true);
    expect(report.notApplied).toEqual([]);
    expect(report.foundNothing.length).toBe(packSelectors(pack()).length);
  });
});

describe('Check a pack: what may be pasted', () => {
  it('takes a pack as a JSON object or as the JSON text the policy carries', () => {
    expect(validateSelectorPack(pastedPack(exampleText)).ok).toBe(true);
    const policyText = JSON.stringify(JSON.stringify(JSON.parse(exampleText)));
    expect(validateSelectorPack(pastedPack(policyText)).ok).toBe(true);
  });

  it('refuses text that is not JSON, or a pack with a broken selector, in the policy’s words', () => {
    const notJson = validateSelectorPack(pastedPack('{ "format": 1, '), 'selectorPack');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.errors[0]).toMatch(/^selectorPack/);
    const broken = JSON.parse(exampleText) as Record<string, unknown>;
    broken.detect = 'div..x';
    const refused = validateSelectorPack(pastedPack(JSON.stringify(broken)), 'selectorPack');
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.errors).toEqual([expect.stringContaining('selectorPack.detect')]);
  });
});
