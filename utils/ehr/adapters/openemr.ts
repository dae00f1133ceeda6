/**
 * OpenEMR (open-emr.org), from the markup of its public templates:
 *
 * - the patient bar of the tabbed UI (interface/main/tabs/templates/patient_data_template.php):
 *   `a.ptName` holds the name and, in parentheses, the `pubpid` chart number; the line below it
 *   says "DOB: … Age: …";
 * - the dashboard (interface/patient_file/summary/demographics.php): `section.card` cards
 *   (templates/patient/card/card_base.html.twig) with an `h6.card-title` and a `div.card-text`;
 *   Medications and Medical Problems list `div.pami-list > div.list-group-item`; the Demographics
 *   card is the DEM layout as a table of `td.label` / `td.data` cells;
 * - the encounter summary (interface/patient_file/encounter/forms.php), where each form's
 *   report.php prints its items and "Total PHQ-9 score: N - …" / "Total GAD-7 score: N - …".
 *
 * The tabbed UI keeps the patient bar in the top document and the dashboard and encounter in tab
 * iframes. Each document is read on its own: what a frame does not show stays null.
 *
 * Dates show in the site's configured format (YYYY-MM-DD, MM/DD/YYYY or DD/MM/YYYY) and the page
 * does not say which, so a slash date is read only when just one order makes a real date.
 *
 * URLs: `matches` lists the three pages under any install path (`/openemr/interface/…`).
 *
 * This file is what the content scripts carry (recognising the page, reading who it shows); the
 * sections are read by openemr-sections.ts, a bundle of its own loaded once the banner is up.
 */
import type { PageDateFormat } from '../dates';
import { type IdentityFound as DraftCandidates, identityDraft } from '../identity/draft';
import { problem } from '../identity/reading';
import type { IdentifierCandidate } from '../identity/resolve';
import { cleanText, textOf } from '../page-text';
import type { EhrAdapter, ReadingDraft, ReadingProblem } from '../types';

export const DATE_FORMAT: PageDateFormat = 'slash-order-unknown';
/** The patient bar and the encounter title are where OpenEMR itself names the patient. */
const BAR_CONFIDENCE = 1;
/** DEM layout labels can be renamed per site; the defaults are what this reads. */
const LAYOUT_CONFIDENCE = 0.9;

const PATIENT_BAR = 'a.ptName';
const DASHBOARD_CARD = 'section.card h6.card-title';
export const ENCOUNTER_FORMS = '#encounter_forms';
const LAYOUT_LABEL = 'td.label, td.label_custom';

function isPatientBar(document: Document): boolean {
  return (
    document.querySelector(`#attendantData ${PATIENT_BAR}, [data-bind] ${PATIENT_BAR}`) !== null
  );
}

export function isDashboard(document: Document): boolean {
  return (
    document.querySelector(DASHBOARD_CARD) !== null && document.querySelector('.pami-list') !== null
  );
}

export function isEncounter(document: Document): boolean {
  return (
    document.querySelector(ENCOUNTER_FORMS) !== null &&
    document.querySelector('#partable, [id^="divid_"]') !== null
  );
}

/** The record number is as sure as the name beside it, so it has no confidence of its own. */
type IdentityFound = Omit<DraftCandidates, 'identifierConfidence'>;

function pubpid(text: string, via: string): IdentifierCandidate {
  // `pubpid` is OpenEMR's public chart number, the one staff call the patient's ID.
  return { text, via, system: 'OpenEMR pubpid', type: 'MR' };
}

function readPatientBar(document: Document, found: IdentityFound): void {
  for (const anchor of document.querySelectorAll(PATIENT_BAR)) {
    const text = textOf(anchor);
    const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(text);
    found.names.push({ text: match ? (match[1] ?? '') : text, via: `openemr ${PATIENT_BAR}` });
    if (match?.[2]) found.identifiers.push(pubpid(match[2], `openemr ${PATIENT_BAR}`));
    const group = anchor.closest('.form-group') ?? anchor.parentElement?.parentElement;
    const dob = /DOB:\s*(.+?)(?:\s+Age:|$)/i.exec(textOf(group));
    if (dob?.[1])
      found.birthDates.push({ text: dob[1], via: 'openemr patient bar DOB', format: DATE_FORMAT });
  }
  found.nameConfidence = BAR_CONFIDENCE;
  found.birthDateConfidence = BAR_CONFIDENCE;
}

/** The data cells after a DEM layout label, up to the next label (Name: first | middle | last). */
function layoutValue(label: Element): string {
  const parts: string[] = [];
  for (let cell = label.nextElementSibling; cell; cell = cell.nextElementSibling) {
    if (cell.matches(LAYOUT_LABEL)) break;
    const text = textOf(cell);
    if (text !== '') parts.push(text);
  }
  return parts.join(' ');
}

function readDemographicsLayout(document: Document, found: IdentityFound): void {
  for (const label of document.querySelectorAll(LAYOUT_LABEL)) {
    const name = textOf(label).replace(/:$/, '').toLowerCase();
    const value = layoutValue(label);
    if (value === '') continue;
    const via = `openemr DEM layout "${name}"`;
    if (name === 'name') found.names.push({ text: value, via });
    else if (name === 'dob' || name === 'date of birth') {
      found.birthDates.push({ text: value, via, format: DATE_FORMAT });
    } else if (name === 'sex') found.sex = value;
    else if (name === 'external id') found.identifiers.push(pubpid(value, via));
  }
  found.nameConfidence = Math.min(found.nameConfidence, LAYOUT_CONFIDENCE);
  found.birthDateConfidence = Math.min(found.birthDateConfidence, LAYOUT_CONFIDENCE);
}

function readEncounterTitle(document: Document, found: IdentityFound): void {
  const title = document.querySelector(`${ENCOUNTER_FORMS} span.title`);
  // forms.php prints "<span class=title>DATE Encounter</span> for FIRST LAST".
  const after = cleanText(title?.nextSibling?.textContent);
  const name = /^for\s+(.+)$/i.exec(after)?.[1];
  if (name) found.names.push({ text: name, via: 'openemr encounter title' });
}

function readIdentity(document: Document): ReadingDraft {
  const problems: ReadingProblem[] = [];
  const found: IdentityFound = {
    names: [],
    nameConfidence: BAR_CONFIDENCE,
    birthDates: [],
    birthDateConfidence: BAR_CONFIDENCE,
    identifiers: [],
    sex: null,
  };
  const bar = isPatientBar(document);
  const dashboard = isDashboard(document);
  const encounter = isEncounter(document);
  if (bar) readPatientBar(document, found);
  if (dashboard) readDemographicsLayout(document, found);
  if (encounter) readEncounterTitle(document, found);
  if (found.names.length === 0 && found.birthDates.length === 0) {
    problems.push(problem('ehrProblemNoIdentityInFrame'));
  }

  return identityDraft(
    'openemr',
    { ...found, identifierConfidence: found.nameConfidence },
    { problems },
  );
}

/**
 * OpenEMR's tab frames carry the patient's internal id in their address (`demographics.php?set_pid=5`,
 * `…?pid=5`); the top document binds the same id into the patient bar's picture
 * (`controller.php?document&retrieve&patient_id=5…`, patient_data_template.php), which changes
 * together with the name.
 */
function patientKey(document: Document, url: URL): string | null {
  const fromUrl = url.searchParams.get('set_pid') ?? url.searchParams.get('pid');
  if (fromUrl) return fromUrl;
  const pictures = Array.from(
    document.querySelectorAll<HTMLImageElement>('#attendantData .patientPicture img[src]'),
    (image) => {
      try {
        return new URL(image.getAttribute('src') ?? '', url).searchParams.get('patient_id');
      } catch {
        return null;
      }
    },
  );
  const ids = new Set(pictures.filter((id): id is string => id !== null && id !== ''));
  // Two pictures of two patients say nothing about which one the bar means.
  return ids.size === 1 ? ([...ids][0] ?? null) : null;
}

export const openEmrAdapter: EhrAdapter = {
  id: 'openemr',
  name: 'OpenEMR',
  matches: [
    '*://*/*interface/main/tabs/main.php*',
    '*://*/*interface/patient_file/summary/demographics.php*',
    '*://*/*interface/patient_file/encounter/forms.php*',
  ],
  detect: (document) => isPatientBar(document) || isDashboard(document) || isEncounter(document),
  readIdentity,
  sections: 'openemr',
  identitySelectors: [
    `#attendantData ${PATIENT_BAR}`,
    '#attendantData .mt-2',
    `${ENCOUNTER_FORMS} span.title`,
    // The dashboard's Demographics card (templates/patient/card/demographics.html.twig).
    '.tabContainer',
  ],
  patientKey,
  sectionSelectors: ['section.card .pami-list', ENCOUNTER_FORMS],
};
