/**
 * Reading text out of a page. Everything here reads `textContent` / `data` only: page text is
 * text, and nothing in page reading ever parses it as markup or creates an element.
 */

import { isOwnElement } from './own-elements';

// Bidi overrides and isolates, zero-width characters, soft hyphen, BOM: they change how a name
// looks (or hide a difference) without being letters of it.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// Control characters (tabs and line breaks among them) count as white space.
const CONTROL = /\p{Cc}/gu;

export function hasInvisibleCharacters(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

// Text that needs none of cleanText's work: printable ASCII words one space apart, nothing to trim.
// Most table cells are; one test costs far less than four replacements over thousands of cells.
const NEEDS_CLEANING = /[^\x21-\x7E ]|^ | $| {2}/;

/** Page text as a person sees it: invisible characters removed, white space collapsed. */
export function cleanText(text: string | null | undefined): string {
  if (!text) return '';
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

export function textOf(node: Node | null | undefined): string {
  return cleanText(node?.textContent);
}

/** Script and style text is never content of the chart, and neither are Careside's own elements. */
const NOT_CONTENT_TAGS = /^(?:SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/i;
const notContent = (element: Element) =>
  NOT_CONTENT_TAGS.test(element.tagName) || isOwnElement(element);

const BLOCK =
  /^(?:ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BODY|D[DLT]|DETAILS|DIV|FIELDSET|FIGURE|FOOTER|FORM|H[1-6]|HEADER|LI|MAIN|NAV|OL|P|PRE|SECTION|T(?:ABLE|BODY|FOOT|HEAD|R)|UL)$/i;

/** A block of the page: a block element, or a web component drawn from its own shadow root. */
export function isBlock(element: Element): boolean {
  return BLOCK.test(element.tagName) || element.shadowRoot != null;
}

/** A table row, or what an ARIA grid or table calls one. */
export function isRow(element: Element): boolean {
  return element.tagName === 'TR' || element.getAttribute('role') === 'row';
}

/**
 * The children an element shows: those of its open shadow root (a web component's own content)
 * before its own, which the component places in its slots.
 */
export function shownChildren(element: Element): Element[] {
  const own = Array.from(element.children);
  const shadow = element.shadowRoot;
  return shadow ? [...Array.from(shadow.children), ...own] : own;
}

/** A line's text; a row's cells are kept apart ("PHQ-9 | 01/05/2024 | 14", not "PHQ-901/05/202414"). */
export function lineText(line: Element): string {
  if (!isRow(line)) return textOf(line);
  return cleanText(Array.from(line.children, (cell) => cell.textContent ?? '').join(' '));
}

/**
 * The "lines" of a part of a page: table and grid rows, list items, and the innermost block
 * elements (paragraphs, divs that hold only inline content), inside open shadow roots too. A row
 * or a list item is one line whatever it holds, and so is a web component that draws a card of
 * fields.
 */
export function pageLines(root: Element): Element[] {
  const lines: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop() as Element;
    if (notContent(element)) continue;
    // A row, a list item and a web component drawn as a card of fields are one record each.
    if (
      isRow(element) ||
      /^LI$/i.test(element.tagName) ||
      element.getAttribute('role') === 'listitem' ||
      (element.shadowRoot &&
        !shownChildren(element).some((child) => shownChildren(child).some(isBlock)))
    ) {
      lines.push(element);
      continue;
    }
    const blockChildren = shownChildren(element).filter(isBlock);
    if (blockChildren.length === 0) {
      if (!/^BODY$/i.test(element.tagName)) lines.push(element);
      continue;
    }
    for (let index = blockChildren.length - 1; index >= 0; index -= 1) {
      stack.push(blockChildren[index] as Element);
    }
  }
  return lines;
}

/**
 * Every text node under `root` that is page content (not script or style), in open shadow roots
 * too: a web component's text is where its host stands. Elements are visited only to find shadow
 * roots, one property read each; `roots` gets `root` and every shadow root walked.
 */
export function contentTextNodes(root: Node, nodes: Text[] = [], roots: Node[] = []): Text[] {
  roots.push(root);
  const own = (root as Element).shadowRoot;
  if (own) contentTextNodes(own, nodes, roots);
  const document = root.ownerDocument ?? (root as Document);
  // 5 = NodeFilter.SHOW_ELEMENT | SHOW_TEXT; the constant keeps this usable where `NodeFilter` is
  // no global.
  const walker = document.createTreeWalker(root, 5);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) {
      const parent = node.parentElement;
      if (!parent || !notContent(parent)) nodes.push(node as Text);
    } else {
      const shadow = (node as Element).shadowRoot;
      if (shadow && !notContent(node as Element)) {
        contentTextNodes(shadow, nodes, roots);
      }
    }
  }
  return nodes;
}

/** A label as pages vary it: "D.O.B.", "Chart Number", "MRN #", "DOB (Age)" → "dob", "chart #", "mrn #", "dob". */
export function normalizeLabel(label: string): string {
  return cleanText(label)
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/\s*\(.*\)$/, '')
    .replace(/\s*(?:number|num|no|#)$/, ' #')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface LabelledValue {
  /** The label as normalized by `normalizeLabel`; an identifier system as printed, in lower case. */
  label: string;
  value: string;
  /** The element that holds the label, for provenance and tests. */
  labelElement: Element | null;
  /** The elements the value was read from (the label's own when both are in one text). */
  valueElements: Element[];
  /** The identifier system (a URL or an OID) when the page printed one in place of a label. */
  system?: string;
  /**
   * A value after the first for the same label: a row that puts two records side by side (a
   * compare screen). A reader checks it reads as its field before counting it.
   */
  extra?: true;
}

type LabelMatcher = (normalizedLabel: string) => boolean;

const LABEL_LINE = /^(.{1,40}?)\s*[:：]\s*(.*)$/;
const MAX_LABEL = 40;
// A text that starts like "Something:" is the next label, where the previous value ends.
const NEXT_LABEL = /^[^:：]{1,40}[:：]/;
// Banners run fields together: "DOE, JANE | DOB 03/03/1980 | MRN 12345".
const SEPARATOR = /(?:^|\s)[|•·](?:\s|$)/;
// An identifier system printed where a label would be: a URL or an OID, then (or under it) the
// value: "http://hospital.example/mrn 12345", "urn:oid:2.16.840.1.113883.19.5|12345".
const SYSTEM =
  /^((?:https?:\/\/|urn:(?:oid|uuid):)[^\s|]+?|[0-2](?:\.\d+){4,}):?(?:\s*\|\s*|\s+|$)(.*)$/i;
// "DOB 06/14/1980", "MRN #12345", "Patient ID CB-0731": a label with no colon, before a value
// whose first word has a digit, or a month ("DOB Mar 3, 1980").
const UNCOLONED = /^[a-z][\w.']*(?: [\w.#']+){0,2} (?:#|[^\s\d]*\d|[a-z]{3,9}\.? \d)/i;
const UNCOLONED_VALUE = /^(?:#|[^\s\d]*\d|[a-z]{3,9}\.? \d)/i;

/** The label and what follows it in one text, if that text starts with a label `matches` takes. */
function splitLabel(
  segment: string,
  matches: LabelMatcher,
): { label: string; rest: string; system?: string } | null {
  const system = SYSTEM.exec(segment);
  if (system) {
    const label = (system[1] as string).toLowerCase();
    return matches(label) ? { label, rest: system[2] ?? '', system: system[1] } : null;
  }
  const line = LABEL_LINE.exec(segment);
  if (line) {
    const label = normalizeLabel(line[1] ?? '');
    return matches(label) ? { label, rest: line[2] ?? '' } : null;
  }
  if (segment.length <= MAX_LABEL) {
    const label = normalizeLabel(segment);
    if (matches(label)) return { label, rest: '' };
  }
  if (!UNCOLONED.test(segment)) return null;
  const words = segment.split(' ');
  for (let count = 1; count < 4 && count < words.length; count += 1) {
    const label = normalizeLabel(words.slice(0, count).join(' '));
    const rest = words.slice(count).join(' ');
    // Without a colon only a value that looks like one follows its label: "Patient ID L-30071" is
    // the label "Patient ID", never "Patient" and the name "ID L-30071"; "Patient Health
    // Questionnaire 9…" holds no label at all.
    if (matches(label) && UNCOLONED_VALUE.test(rest)) return { label, rest };
  }
  return null;
}

/**
 * A value up to where the next label starts, and the rest from that label on: "Jane Doe DOB:
 * 03/03/1980" → ["Jane Doe", "DOB: 03/03/1980"]. A capitalized word before a colon ("Age:") is a
 * label too, one this reader does not read.
 */
function cutAtLabel(value: string, matches: LabelMatcher): [string, string] {
  for (const colon of value.matchAll(/[:：]/g)) {
    const words = value.slice(0, colon.index).trimEnd().split(' ');
    for (let count = 1; count < 4 && count < words.length; count += 1) {
      const label = words.slice(-count).join(' ');
      if (matches(normalizeLabel(label)) || (count === 1 && /^[A-Z]/.test(label))) {
        const kept = words.slice(0, -count).join(' ');
        return [kept, value.slice(kept.length).trim()];
      }
    }
  }
  return [value, ''];
}

/** An element's text as shown: a slot shows what the page put in it. */
function shownText(element: Element): string {
  if (!/^SLOT$/i.test(element.tagName)) return textOf(element);
  const assigned = (element as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
  return cleanText(assigned.map((node) => node.textContent).join(' ')) || textOf(element);
}

const isHeaderCell = (cell: Element) =>
  /^TH$/i.test(cell.tagName) || /header$/.test(cell.getAttribute('role') ?? '');
const isCell = (element: Element) =>
  /^T[DH]$/i.test(element.tagName) ||
  /^(?:grid)?cell$|header$/.test(element.getAttribute('role') ?? '');

type FoundValue = Omit<LabelledValue, 'label'>;

function found(labelElement: Element | null, valueElement: Element): FoundValue[] {
  const value = shownText(valueElement);
  return value ? [{ value, labelElement, valueElements: [valueElement] }] : [];
}

/**
 * The values of a label cell: in a header row ("Name | DOB | MRN" over a row of values), the cell
 * below it when there is one row of values (more rows are a list of people, no one's banner);
 * otherwise the cells after it up to the next label.
 */
function cellValues(cell: Element, matches: LabelMatcher): FoundValue[] {
  const row = cell.parentElement;
  if (!row) return [];
  const cells = Array.from(row.children);
  if (cells.every(isHeaderCell)) {
    const table = cell.closest('table,[role=table],[role=grid],[role=treegrid]');
    const rows = table ? Array.from(table.querySelectorAll('tr,[role=row]')) : [];
    const below = rows.slice(rows.indexOf(row) + 1);
    const value = below.length === 1 ? below[0]?.children[cells.indexOf(cell)] : undefined;
    return value ? found(cell, value) : [];
  }
  const values: FoundValue[] = [];
  for (let next = cell.nextElementSibling; next && !isHeaderCell(next); ) {
    const text = textOf(next);
    if (NEXT_LABEL.test(text) || matches(normalizeLabel(text))) break;
    for (const value of found(cell, next))
      values.push(values.length ? { ...value, extra: true } : value);
    next = next.nextElementSibling;
  }
  return values;
}

/**
 * The value in the same place of the next row, for labels side by side over a row of values
 * ("NAME  DOB  MRN" over "DOE, JANE  03/03/1980  12345"). A third row of values makes it a list.
 */
function valueBelow(label: Element, matches: LabelMatcher): FoundValue[] {
  const row = label.parentElement;
  const index = row ? Array.from(row.children).indexOf(label) : -1;
  const values = row?.nextElementSibling;
  const cell = values?.children[index];
  const after = values?.nextElementSibling?.children[index];
  if (!cell || (after && !matches(normalizeLabel(textOf(after))))) return [];
  return found(label, cell);
}

const HEADER_ROW = 'header row';

/** The text after a label in its line, or the next block when the label stands alone. */
function siblingValue(
  start: Node,
  matches: LabelMatcher,
): { text: string; elements: Element[] } | typeof HEADER_ROW | null {
  const parts: string[] = [];
  const elements: Element[] = [];
  for (let node = start.nextSibling; node; node = node.nextSibling) {
    let text = '';
    if (node.nodeType === 1) {
      const element = node as Element;
      // A picker ("Patient: <select>") offers patients; it does not say which one this is.
      if (/^(?:[BH]R|SELECT|BUTTON|INPUT|TEXTAREA)$/i.test(element.tagName)) break;
      if (notContent(element)) continue;
      text = shownText(element);
      if (text === '') continue;
      // A block next to the label is the whole value ("<div>Name</div><div>Jane</div>"), unless
      // it is the next label of a row of labels.
      if (isBlock(element)) {
        if (parts.length > 0) break;
        if (!/\d/.test(text) && matches(normalizeLabel(text))) return HEADER_ROW;
        return { text, elements: [element] };
      }
      elements.push(element);
    } else if (node.nodeType === 3) {
      text = cleanText((node as Text).data);
    }
    if (text === '') continue;
    if (NEXT_LABEL.test(text) && parts.length > 0) break;
    parts.push(text);
  }
  if (parts.length === 0) return null;
  const own = start.parentElement;
  return { text: parts.join(' ').trim(), elements: elements.length || !own ? elements : [own] };
}

/**
 * The values that go with a label text node: the rest of the same line, the next cell or `<dd>`,
 * the next element when the label stands alone, or the cell below a row of labels.
 */
function valuesAfterLabel(labelNode: Text, labelText: string, matches: LabelMatcher): FoundValue[] {
  let current: Node = labelNode;
  for (let depth = 0; depth < 5; depth += 1) {
    const labelElement = current.nodeType === 1 ? (current as Element) : current.parentElement;
    if (current.nodeType === 1) {
      const element = current as Element;
      if (/^DT$/i.test(element.tagName)) {
        let next = element.nextElementSibling;
        while (next && !/^DD$/i.test(next.tagName)) next = next.nextElementSibling;
        return next ? found(element, next) : [];
      }
      if (isCell(element)) return cellValues(element, matches);
    }
    const after = siblingValue(current, matches);
    const before = (current as Element).previousElementSibling;
    // The last of a row of labels has no label after it, only before it.
    if (
      after === HEADER_ROW ||
      (!after && before && isBlock(before) && matches(normalizeLabel(textOf(before))))
    ) {
      return valueBelow(current as Element, matches);
    }
    if (after) return [{ value: after.text, labelElement, valueElements: after.elements }];
    const parent: Element | null = current.parentElement;
    // Climb only while the parent holds nothing but the label: otherwise what follows belongs to
    // some other field.
    if (!parent || textOf(parent) !== labelText) break;
    current = parent;
  }
  return [];
}

/**
 * Every label/value pair under `root` whose label `matches`, in open shadow roots too: tables and
 * ARIA grids (label cells, a header row over a row of values), definition lists, labels above
 * their values, "Label: value" and "DOB 03/03/1980" text, and identifier systems (a URL or an
 * OID) printed as labels. The matcher gets the label normalized by `normalizeLabel` (a system as
 * printed, in lower case). `roots` gets `root` and the shadow roots read.
 */
export function findLabelledValues(
  root: Node,
  matches: LabelMatcher,
  roots: Node[] = [],
): LabelledValue[] {
  const values: LabelledValue[] = [];
  for (const node of contentTextNodes(root, [], roots)) {
    if (node.data.length > 2_000) continue;
    const text = cleanText(node.data);
    if (text === '') continue;
    const segments = text.split(SEPARATOR).filter((segment) => segment !== '');
    segments.forEach((first, index) => {
      const element = node.parentElement;
      // One text can hold several fields: "Name: DOE, JANE DOB: 03/03/1980 MRN: 884421".
      for (let segment = first; segment; ) {
        const pair = splitLabel(segment, matches);
        if (!pair) break;
        const { label, rest, system } = pair;
        let more: FoundValue[] = [];
        segment = '';
        if (rest) {
          const [value, next] = cutAtLabel(rest, matches);
          segment = next;
          more = [{ value, labelElement: element, valueElements: element ? [element] : [] }];
        } else if (index === segments.length - 1) more = valuesAfterLabel(node, text, matches);
        for (const value of more)
          values.push(system ? { label, ...value, system } : { label, ...value });
      }
    });
  }
  return values;
}
/** A label matcher for a fixed set of labels (given in any spelling `normalizeLabel` accepts). */
export function labelSet(labels: string[]): (normalizedLabel: string) => boolean {
  const set = new Set(labels.map(normalizeLabel));
  return (label) => set.has(label);
}

/** Values under any of `labels` (in any spelling `normalizeLabel` accepts), for a pack's fields. */
export function findValuesLabelled(root: Node, labels: string[]): { value: string }[] {
  return findLabelledValues(root, labelSet(labels));
}
