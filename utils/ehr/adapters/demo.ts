/**
 * MeadowChart, the demo EHR bundled with Careside (demo-ehr/): pages say so in
 * `<meta name="generator" content="MeadowChart EHR …">`.
 *
 * - the patient banner `#patient-banner` holds `.pt-name`, `.pt-dob` (MM/DD/YYYY), `.pt-sex`,
 *   `.pt-mrn` and, when the chart records it, `.pt-pregnancy`;
 * - each chart section is a `section.card` with an id (`#problem-list`, `#medication-list`,
 *   `#questionnaires`, `#labs`, `#vitals`, `#appointments`) holding tables whose columns are named
 *   in `thead`; questionnaires are one flowsheet table per instrument, named by its caption, with
 *   item answers in columns Q1…Qn.
 *
 * The chart page (`/patients/<id>`) has everything; the tabbed view (`/framed/`) has the banner in
 * the top document and the sections spread over its frames, each document read on its own.
 *
 * This file is what the content scripts carry (recognising the page, reading the banner); the
 * sections are read by demo-sections.ts, a bundle of its own loaded once the banner is up.
 */
import { identityDraft } from '../identity/draft';
import { textOf } from '../page-text';
import type { EhrAdapter, ReadingDraft, ReadingProblem } from '../types';

const GENERATOR = /^MeadowChart\b/;
export const BANNER = '#patient-banner';
export const DATE_FORMAT = 'MM/DD/YYYY';
/** The banner is where MeadowChart itself names the patient. */
const BANNER_CONFIDENCE = 1;

export const SECTIONS = {
  problems: '#problem-list',
  medications: '#medication-list',
  questionnaires: '#questionnaires',
  labs: '#labs',
  vitals: '#vitals',
  appointments: '#appointments',
} as const;
export type Section = keyof typeof SECTIONS;

function isMeadowChart(document: Document): boolean {
  const generator = document.querySelector('meta[name="generator"]')?.getAttribute('content') ?? '';
  return GENERATOR.test(generator.trim());
}

function hasChartContent(document: Document): boolean {
  return (
    document.querySelector(BANNER) !== null ||
    Object.values(SECTIONS).some((selector) => document.querySelector(selector) !== null)
  );
}

function readIdentity(document: Document): ReadingDraft {
  const problems: ReadingProblem[] = [];
  const banners = Array.from(document.querySelectorAll(BANNER));
  const field = (selector: string) =>
    banners.flatMap((banner) =>
      Array.from(banner.querySelectorAll(selector), (node) => textOf(node)),
    );

  const sexes = [...new Set(field('.pt-sex'))];
  return identityDraft(
    'demo',
    {
      names: field('.pt-name').map((text) => ({ text, via: 'demo .pt-name' })),
      nameConfidence: BANNER_CONFIDENCE,
      birthDates: field('.pt-dob').map((text) => ({
        text,
        via: 'demo .pt-dob',
        format: DATE_FORMAT,
      })),
      birthDateConfidence: BANNER_CONFIDENCE,
      identifiers: field('.pt-mrn').map((text) => ({
        text,
        via: 'demo .pt-mrn',
        system: 'MRN',
        type: 'MR',
      })),
      identifierConfidence: BANNER_CONFIDENCE,
      sex: sexes.length === 1 ? (sexes[0] ?? '') : null,
    },
    { problems },
  );
}

/**
 * The tabbed view names the patient by `pid` in its own address and in each frame's, as OpenEMR
 * does. The top document's address changes in the same step as its banner (the client pushes the
 * new address and swaps the banner together; back/forward changes the address first and the
 * banner when the chart arrives, and the key is read when the banner changes).
 */
function patientKey(_document: Document, url: URL): string | null {
  if (!/^\/framed(\/|$)/.test(url.pathname)) return null;
  return url.searchParams.get('pid');
}

export const demoAdapter: EhrAdapter = {
  id: 'demo',
  name: 'MeadowChart (Careside demo EHR)',
  // The demo EHR listens on loopback only (`npm run demo`, the e2e tests), on any port.
  matches: ['http://127.0.0.1/*'],
  detect: (document) => isMeadowChart(document) && hasChartContent(document),
  recognizesSite: (document) => isMeadowChart(document),
  readIdentity,
  sections: 'demo',
  identitySelectors: [`${BANNER} .pt-name`, `${BANNER} .pt-dob`, `${BANNER} .pt-mrn`],
  patientKey,
  sectionSelectors: Object.values(SECTIONS),
};
