/**
 * The reader for an EHR that has neither an adapter nor a selector pack. It looks for what charts
 * commonly print — labelled identity fields, a medication list under a "Medications" heading
 * (every line of it: the background keeps those that name a drug), rows that name an instrument
 * with a score — and reports a confidence per identity field. It never guesses: two different
 * names (or birth dates) on one page leave the patient unconfirmed, with a problem that says what
 * conflicted.
 *
 * This file reads who the page shows; generic/sections.ts reads the rest. Both are in the generic
 * reader's bundle, loaded by a page of an unknown EHR before its first read (adapter.ts); it runs
 * on every change of the banner, so it walks the page once.
 */
import { findPageDate } from '../dates';
import { identityDraft } from '../identity/draft';
import { problem } from '../identity/reading';
import type { IdentifierCandidate, IdentityCandidate } from '../identity/resolve';
import { findLabelledValues, type LabelledValue, textOf } from '../page-text';
import type { IdentityEvidence, ReadingDraft, ReadingProblem } from '../types';
import { GENERIC_ADAPTER_ID } from './adapter';

/**
 * A value found by general rules (a label, or the name a banner marks as such): it could belong
 * to someone else on the page (an emergency contact's name), so it stays just above the
 * confirmation threshold and any contradiction drops it below.
 */
const LABELLED_CONFIDENCE = 0.85;

export type GenericIdentityField = keyof IdentityEvidence;
type Field = GenericIdentityField;

// Labels as `normalizeLabel` leaves them ("Medical record number" → "medical record #").
const LABELS: [Field, RegExp][] = [
  ['name', /^(?:(?:patient(?:'s)?|full|legal) )?name$|^patient$/],
  ['birthDate', /^(?:dob|date of birth|birth ?date|born|birthday)$/],
  [
    'mrn',
    /^(?:[a-z]+ )?mrn(?: #)?$|^(?:medical record|chart|record|patient|mr) #$|^(?:patient|chart) id$|^medical record$/,
  ],
  ['sex', /^(?:sex|gender|(?:birth|administrative) sex|sex at birth)$/],
];
// An identifier system printed as the label (page-text.ts): a record number, unless the system is
// a national or a provider's number.
const SYSTEM = /^(?:https?:|urn:|[0-2]\.)/;
const NOT_RECORD_SYSTEM = /ssn|npi|driver|licen|passport|insur|\.4\.[1-6]$/;

function fieldOf(label: string): Field | null {
  if (SYSTEM.test(label)) return NOT_RECORD_SYSTEM.test(label) ? null : 'mrn';
  return LABELS.find(([, pattern]) => pattern.test(label))?.[0] ?? null;
}

// Whose a heading or a named region is when it is not the patient's.
const SOMEONE_ELSE =
  /\b(?:contacts?|emergency|kin|guardians?|guarantors?|relatives?|family|spouse|partner|parents?|caregivers?|recent|patients|messages?|inbox|from|sender|author|providers?|physicians?|clinicians?|care ?team|referr\w*|insurance|subscriber|users?|staff)\b/i;
const HEADING =
  'h1,h2,h3,h4,h5,h6,[role=heading],legend,caption,summary,[class*="title" i],[class*="heading" i]';

/**
 * Whether a label stands where a page names someone other than the patient: in navigation or a
 * side panel (a recent-patients list), or in a section whose heading or name says so ("Emergency
 * contact", "Message from", "Care team"). The nearest heading decides; a container that has
 * headings of its own is not governed by the ones before it.
 */
function aboutSomeoneElse(start: Element | null): boolean {
  let element = start;
  for (let depth = 0; element && depth < 8 && !/^BODY$/i.test(element.tagName); depth += 1) {
    if (
      /^(?:NAV|ASIDE)$/i.test(element.tagName) ||
      /^(?:navigation|complementary|menu|listbox)$/.test(element.getAttribute('role') ?? '')
    ) {
      return true;
    }
    const name = element.getAttribute('aria-label');
    if (name) return SOMEONE_ELSE.test(name);
    for (let before = element.previousElementSibling; before; ) {
      // A heading alone (or alone in its wrappers) titles what follows it; a block with more in
      // it is a section of its own, passed over.
      let heading: Element | null = before;
      while (heading && !heading.matches(HEADING) && heading.childElementCount === 1) {
        heading = heading.firstElementChild;
      }
      if (heading?.matches(HEADING) && textOf(before) === textOf(heading)) {
        return SOMEONE_ELSE.test(textOf(heading));
      }
      before = before.previousElementSibling;
    }
    const parent: Element | null =
      element.parentElement ?? (element.parentNode as ShadowRoot | null)?.host ?? null;
    // A container with headings of its own is a section, not titled by the headings before it.
    const from = element;
    if (
      parent &&
      Array.from(parent.children).some((child) => child !== from && child.matches(HEADING))
    ) {
      return false;
    }
    element = parent;
  }
  return false;
}

// A second column's value counts only when it reads as the field: another record's value, not a
// button's text.
const readsAs = (field: Field, text: string) =>
  field === 'birthDate'
    ? !!findPageDate(text)
    : field !== 'sex' && /\d/.test(text) === (field === 'mrn');

interface Found extends LabelledValue {
  field: Field;
}

const ITEM = 'li,tr,[role=row],[role=listitem],[role=option]';

// Where a page prints its patient banner, and what in it a page marks as the patient's name
// ("pt-name", "fullname", `part="name"`, the banner's h1), for banners that print the name with
// no label.
const BANNER = /banner|header|demographic|patient/i;
const NAME_MARK = 'h1,[class*="name" i],[id*="name" i],[part~="name"]';
// Two or more words of letters (a comma, an initial's dot, a bracketed title), no digits, no colon.
const LOOKS_LIKE_A_NAME = /^\p{L}[\p{L}\p{M}'’.-]*(?:,? [\p{L}(][\p{L}\p{M}'’.()-]*){1,5}$/u;

const BANNER_NAME = 'banner name';
// Words of a section's title, not of a person's name ("Patient Demographics", "Visit Summary").
const SECTION_TITLE =
  /\b(?:patients?|demographics?|information|info|summary|details?|profile|overview|chart|record|visit|encounter|header|banner)\b/i;

function inBanner(start: Element): boolean {
  for (let element: Element | null = start; element; ) {
    if (BANNER.test(`${element.tagName} ${element.id} ${element.getAttribute('class')}`))
      return true;
    element = element.parentElement ?? (element.parentNode as ShadowRoot | null)?.host ?? null;
  }
  return false;
}

/**
 * Whether a heading introduces the labelled birth date or record number read beside it: the
 * heading and those values share a parent (`<h1>Jane Doe</h1><div>Date of birth …</div>`), as a
 * component library's patient header prints them with no banner class to go by.
 */
function headsDemographics(heading: Element, found: Found[]): boolean {
  const parent = heading.parentElement;
  if (!parent || !/^H[1-3]$/.test(heading.tagName) || SECTION_TITLE.test(textOf(heading))) {
    return false;
  }
  return found.some(
    ({ field, valueElements }) =>
      (field === 'birthDate' || field === 'mrn') &&
      valueElements.some((element) => element !== heading && parent.contains(element)),
  );
}

/** The names a banner prints without a label, read only where no label names the patient. */
function bannerNames(roots: Node[], found: Found[]): Found[] {
  const names: Found[] = [];
  for (const root of roots) {
    for (const element of (root as ParentNode).querySelectorAll(`${NAME_MARK},h2,h3`)) {
      const value = textOf(element);
      if (
        !LOOKS_LIKE_A_NAME.test(value) ||
        !((element.matches(NAME_MARK) && inBanner(element)) || headsDemographics(element, found)) ||
        aboutSomeoneElse(element)
      ) {
        continue;
      }
      names.push({
        field: 'name',
        label: BANNER_NAME,
        value,
        labelElement: element,
        valueElements: [element],
      });
    }
  }
  return names;
}

/**
 * The labelled identity values a page shows for its patient. Someone else's (see
 * `aboutSomeoneElse`) are left out, and so are lists of people: one field with different values
 * in several items of one list or table (a recent-patients list, a family list).
 */
function findIdentity(document: Document): Found[] {
  const found: Found[] = [];
  const roots: Node[] = [];
  const labelled = findLabelledValues(
    document.body ?? document,
    (label) => !!fieldOf(label),
    roots,
  );
  for (const value of labelled) {
    const field = fieldOf(value.label) as Field;
    if (value.extra && !readsAs(field, value.value)) continue;
    if (aboutSomeoneElse(value.labelElement)) continue;
    found.push({ ...value, field });
  }
  const kept = withoutLists(found);
  return kept.some(({ field }) => field === 'name')
    ? kept
    : withoutLists([...kept, ...bannerNames(roots, kept)]);
}

function withoutLists(found: Found[]): Found[] {
  const itemOf = (value: Found) => value.labelElement?.closest(ITEM) ?? null;
  return found.filter((value) => {
    const item = itemOf(value);
    return !found.some((other) => {
      const otherItem = itemOf(other);
      return (
        other.field === value.field &&
        other.value !== value.value &&
        item !== null &&
        otherItem !== null &&
        otherItem !== item &&
        otherItem.parentElement === item.parentElement
      );
    });
  });
}

/**
 * The elements the generic reader reads the patient's identity from: the labels and values of
 * its name, date of birth, record numbers and sex, in open shadow roots too. A change in any of
 * them is a change of the identity read; an element no longer in the page means the page drew
 * its banner anew.
 */
export function genericIdentityElements(document: Document): Element[] {
  const elements = new Set<Element>();
  for (const value of findIdentity(document)) {
    if (value.labelElement) elements.add(value.labelElement);
    for (const element of value.valueElements) elements.add(element);
  }
  return [...elements];
}

/** One identity value the generic reader read, and the elements it read it from. */
export interface GenericIdentitySource {
  field: Field;
  value: string;
  /** The label as `normalizeLabel` leaves it, or "banner name" for a banner's unlabelled name. */
  label: string;
  labelElement: Element | null;
  valueElements: Element[];
}

/**
 * Where the generic reader read each identity value, for a selector pack suggested from the page
 * (`inspect --suggest-pack`, packs/suggest.ts): the same values `readGenericIdentity` reads.
 */
export function genericIdentitySources(document: Document): GenericIdentitySource[] {
  return findIdentity(document).map(({ field, value, label, labelElement, valueElements }) => ({
    field,
    value: field === 'mrn' ? (value.split(/\s+/)[0] ?? '') : value,
    label,
    labelElement,
    valueElements,
  }));
}

function viaOf({ system, label, labelElement, extra }: Found): string {
  const kind = system ? 'identifier system ' : label === BANNER_NAME ? '' : 'label ';
  const where = `${labelElement?.tagName.toLowerCase()}.${labelElement?.getAttribute('class')?.split(' ')[0] ?? ''}`;
  return `generic ${kind}"${label}" (${where.replace(/\.$/, '')}${extra ? ', another column' : ''})`;
}

export function readGenericIdentity(document: Document): ReadingDraft {
  const problems: ReadingProblem[] = [problem('ehrProblemGenericReader')];
  const byField: Record<Field, (IdentityCandidate & { value: Found })[]> = {
    name: [],
    birthDate: [],
    mrn: [],
    sex: [],
  };
  for (const value of findIdentity(document)) {
    // "MRN: 12345 DOB: …" on one line: the number is the first word.
    const text = value.field === 'mrn' ? (value.value.split(/\s+/)[0] ?? '') : value.value;
    byField[value.field].push({ text, via: viaOf(value), value });
  }
  // Where each field was read: every place that gave a value for it.
  const evidence: IdentityEvidence = {};
  for (const [field, candidates] of Object.entries(byField) as [Field, { via: string }[]][]) {
    if (candidates.length > 0)
      evidence[field] = [...new Set(candidates.map(({ via }) => via))].join('; ');
  }
  const found = {
    names: byField.name,
    nameConfidence: LABELLED_CONFIDENCE,
    birthDates: byField.birthDate,
    birthDateConfidence: LABELLED_CONFIDENCE,
    identifiers: byField.mrn.map(
      (candidate): IdentifierCandidate => ({
        ...candidate,
        system: candidate.value.system ?? 'MRN',
        type: 'MR',
      }),
    ),
    identifierConfidence: LABELLED_CONFIDENCE,
    sex: byField.sex[0]?.text ?? null,
  };
  return identityDraft(GENERIC_ADAPTER_ID, found, { problems, evidence });
}
