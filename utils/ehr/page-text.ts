/**
 * Reading text out of a page. Everything here reads `textContent` / `data` only: page text is
 * text, and nothing in page reading ever parses it as markup or creates an element.
 */

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

/** A line's text; a table row's cells are kept apart ("PHQ-9 | 01/05/2024 | 14", not "PHQ-901/05/202414"). */
export function lineText(line: Element): string {
  if (line.tagName.toUpperCase() !== 'TR') return textOf(line);
  return cleanText(Array.from(line.children, (cell) => cell.textContent ?? '').join(' '));
}

/** Script and style text is never content of the chart. */
const NOT_CONTENT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'TR',
  'UL',
]);

export function isBlock(element: Element): boolean {
  return BLOCK.has(element.tagName.toUpperCase());
}

/**
 * The "lines" of a part of a page: table rows, and the innermost block elements (list items,
 * paragraphs, divs that hold only inline content). A table row is one line whatever it holds.
 */
export function pageLines(root: Element): Element[] {
  const lines: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop() as Element;
    const tag = element.tagName.toUpperCase();
    if (NOT_CONTENT.has(tag)) continue;
    if (tag === 'TR') {
      lines.push(element);
      continue;
    }
    const blockChildren = Array.from(element.children).filter(isBlock);
    if (blockChildren.length === 0) {
      if (tag !== 'BODY') lines.push(element);
      continue;
    }
    for (let index = blockChildren.length - 1; index >= 0; index -= 1) {
      stack.push(blockChildren[index] as Element);
    }
  }
  return lines;
}

/** Every text node under `root` that is page content (not script or style). */
export function contentTextNodes(root: Node): Text[] {
  const document = root.ownerDocument ?? (root as Document);
  // 4 = NodeFilter.SHOW_TEXT; the constant keeps this usable where `NodeFilter` is no global.
  const walker = document.createTreeWalker(root, 4);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && NOT_CONTENT.has(parent.tagName.toUpperCase())) continue;
    nodes.push(node as Text);
  }
  return nodes;
}

/** A label as pages vary it: "D.O.B.", "Chart Number", "MRN #" → "dob", "chart #", "mrn #". */
export function normalizeLabel(label: string): string {
  return cleanText(label)
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/\s*(?:number|num|no|#)$/, ' #')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface LabelledValue {
  /** The label as normalized by `normalizeLabel`. */
  label: string;
  value: string;
  /** The element that holds the label, for provenance and tests. */
  labelElement: Element | null;
}

const LABEL_LINE = /^(.{1,40}?)\s*[:：]\s*(.*)$/;
const MAX_LABEL = 40;
// A text that starts like "Something:" is the next label, where the previous value ends.
const NEXT_LABEL = /^[^:：]{1,40}[:：]/;

function siblingText(start: Node): string {
  const parts: string[] = [];
  for (let node = start.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      const tag = element.tagName.toUpperCase();
      if (tag === 'BR' || tag === 'HR') break;
      if (NOT_CONTENT.has(tag)) continue;
      const text = textOf(element);
      if (text === '') continue;
      if (NEXT_LABEL.test(text) && parts.length > 0) break;
      // A block next to the label is the whole value ("<div>Name</div><div>Jane</div>").
      if (isBlock(element)) {
        if (parts.length === 0) return text;
        break;
      }
      parts.push(text);
    } else if (node.nodeType === 3) {
      const text = cleanText((node as Text).data);
      if (text === '') continue;
      if (NEXT_LABEL.test(text) && parts.length > 0) break;
      parts.push(text);
    }
  }
  return parts.join(' ').trim();
}

function cellValue(cell: Element): string | null {
  const row = cell.parentElement;
  if (cell.tagName.toUpperCase() === 'TH' && row) {
    const cells = Array.from(row.children);
    // A header row ("Name | DOB | MRN" over a row of values): the value is in the row below.
    if (cells.every((other) => other.tagName.toUpperCase() === 'TH')) {
      const nextRow = row.nextElementSibling ?? firstRowAfter(row);
      const index = cells.indexOf(cell);
      const below = nextRow ? nextRow.children[index] : undefined;
      return below ? textOf(below) || null : null;
    }
  }
  const next = cell.nextElementSibling;
  return next ? textOf(next) || null : null;
}

function firstRowAfter(row: Element): Element | null {
  // A header row in <thead> is followed by the first row of the next <tbody>.
  const section = row.parentElement;
  const nextSection = section?.nextElementSibling;
  return nextSection?.querySelector('tr') ?? null;
}

/**
 * The value that goes with a label text node: after a colon in the same text, the rest of the
 * same line, the next cell or `<dd>`, or the next element when the label stands alone.
 */
function valueAfterLabel(
  labelNode: Text,
  labelText: string,
): { value: string | null; element: Element | null } {
  let current: Node = labelNode;
  for (let depth = 0; depth < 5; depth += 1) {
    if (current.nodeType === 1) {
      const element = current as Element;
      const tag = element.tagName.toUpperCase();
      if (tag === 'DT') {
        let next = element.nextElementSibling;
        while (next && next.tagName.toUpperCase() !== 'DD') next = next.nextElementSibling;
        return { value: next ? textOf(next) || null : null, element };
      }
      if (tag === 'TD' || tag === 'TH') return { value: cellValue(element), element };
    }
    const after = siblingText(current);
    if (after) return { value: after, element: current.parentElement };
    const parent: Element | null = current.parentElement;
    // Climb only while the parent holds nothing but the label: otherwise what follows belongs to
    // some other field.
    if (!parent || textOf(parent) !== labelText) break;
    current = parent;
  }
  return { value: null, element: labelNode.parentElement };
}

/**
 * Every label/value pair under `root` whose label `matches` (tables, definition lists, "Label:
 * value" text). The matcher gets the label normalized by `normalizeLabel`.
 */
export function findLabelledValues(
  root: Node,
  matches: (normalizedLabel: string) => boolean,
): LabelledValue[] {
  const found: LabelledValue[] = [];
  for (const node of contentTextNodes(root)) {
    if (node.data.length > 2_000) continue;
    const text = cleanText(node.data);
    if (text === '') continue;
    const line = LABEL_LINE.exec(text);
    const labelPart = line ? (line[1] ?? '') : text.length <= MAX_LABEL ? text : null;
    if (labelPart === null) continue;
    const label = normalizeLabel(labelPart);
    if (!matches(label)) continue;
    const rest = line ? (line[2] ?? '').trim() : '';
    if (rest !== '') {
      found.push({ label, value: rest, labelElement: node.parentElement });
      continue;
    }
    const { value, element } = valueAfterLabel(node, text);
    if (value) found.push({ label, value, labelElement: element });
  }
  return found;
}

/** A label matcher for a fixed set of labels (given in any spelling `normalizeLabel` accepts). */
export function labelSet(labels: string[]): (normalizedLabel: string) => boolean {
  const set = new Set(labels.map(normalizeLabel));
  return (label) => set.has(label);
}
