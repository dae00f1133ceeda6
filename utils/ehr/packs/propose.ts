/**
 * Selectors Careside proposes for a selector pack, from elements of a page: the patient's name an
 * admin clicked (the pack builder), or a field the generic reader read (`inspect --suggest-pack`).
 * Pure DOM: no `browser`, nothing stored, the page never changed.
 *
 * - `proposeSelector(element, scope?)`: a selector that finds exactly `element` in `scope` (the
 *   element's document by default), searched the way the pack reader searches (query.ts: the page,
 *   then its open shadow roots). Stable ids first, then test and field attributes (`data-testid`,
 *   `data-field`, …), `aria-label` / `name` / `itemprop`, stable class names, then short chains
 *   of positions under the nearest element that has one of those. Generated ids (`:r1:`,
 *   `mui-123`), hashed class names (`css-1x2y3z`, `sc-…`, `jss12`) and anything that carries a
 *   number run are passed over, and the text of the page (patient data) is never used.
 * - `proposeList(row, scope?)`: from one row of a list (a table or grid row, a list item, a card),
 *   a selector for every row of that list, heading rows left out (`th`-only rows, rows of column
 *   headers), and, for table and grid rows, a selector per cell relative to the row.
 * - `proposeCell(row, cell)`: a selector that finds `cell` inside `row` (the pack's `text`,
 *   `date`, `value` … inside `item` / `row`), preferring one that finds a cell in every row of the
 *   list.
 * - `rowOf(element)`: the row of a list an element is in (what a click inside a row means).
 */
import { isValidSelector } from './css-selector';
import { queryAll, queryFirst } from './query';

export interface ProposedList {
  /** Every row of the list, heading rows left out: a pack's `item` or `row`. */
  items: string;
  /** How many rows `items` finds on this page. */
  count: number;
  /**
   * For a table or grid row: a selector for each of its cells (in the row's order), relative to
   * the row, or null where none finds that cell.
   */
  cells?: (string | null)[];
}

// Attributes pages set for tests and for their own code, which change less than their layout.
const TEST_ATTRIBUTES = [
  'data-testid',
  'data-test-id',
  'data-test',
  'data-qa',
  'data-cy',
  'data-automation-id',
  'data-field',
  'data-section',
  'data-column',
  'data-name',
  'data-role',
];
// Attributes that name what an element is, read by assistive technology and forms.
const NAMING_ATTRIBUTES = ['aria-label', 'name', 'itemprop', 'part'];
// Attributes that hold the page's state or a framework's bookkeeping, not what an element is.
const NOT_NAMING =
  /^data-(?:state|reactid|reactroot|index|id|key|value|v-[0-9a-f]+|styled|emotion)$/i;

// Classes that say what state an element is in right now, not what it is.
const STATE_CLASS =
  /^(?:active|selected|current|focus(?:ed)?|hover(?:ed)?|open(?:ed)?|closed|expanded|collapsed|disabled|checked|visible|hidden|show|shown|in|fade|odd|even|first|last|loading|loaded|dirty|pristine|touched|untouched|valid|invalid)$|^(?:is|has)-|^Mui-|^ng-/i;

/**
 * Whether a token (an id, a class, an attribute value) looks written by a machine on this page
 * load, or carries a number (a record number, a counter): it would not be there, or not be the
 * same, on the next patient's page.
 */
export function looksGenerated(token: string): boolean {
  return (
    token.length > 60 ||
    /\d{3,}/.test(token) ||
    /^:r[0-9a-z]*:?$|:/.test(token) ||
    /(?:^|[-_])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{5,}(?:$|[-_])/i.test(token) ||
    /^(?:css|sc|jss|emotion|tw|svelte|astro|styled)-|^jss\d|^makeStyles-|-jss\d|^_[A-Za-z0-9]{5,}$|__[A-Za-z0-9_-]{5}$/.test(
      token,
    ) ||
    /^(?:mui|mat|ember|ext|react|radix|headlessui|rc|el|ng|uid|yui|gwt|j_idt|input|select|field|id)[-_]?\d+/i.test(
      token,
    ) ||
    /[-_]\d+$/.test(token) ||
    // Random letter runs of CSS-in-JS ("kDvGdL"): short, one word, case flipping inside.
    (/^[A-Za-z]{5,10}$/.test(token) && (token.match(/[a-z][A-Z]/g)?.length ?? 0) >= 2)
  );
}

const PLAIN_IDENT = /^-?[A-Za-z_][A-Za-z0-9_-]*$/;

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function tagOf(element: Element): string {
  return element.localName.toLowerCase();
}

/** The page's text around an element: a value found in it is the chart's data, not a name. */
function isPageText(element: Element, value: string): boolean {
  const words = value.trim().toLowerCase();
  if (words === '') return true;
  const own = (element.textContent ?? '').toLowerCase();
  const page = (element.ownerDocument?.body?.textContent ?? '').toLowerCase();
  return own.includes(words) || page.includes(words);
}

function stableClasses(element: Element): string[] {
  return Array.from(element.classList).filter(
    (name) => PLAIN_IDENT.test(name) && !STATE_CLASS.test(name) && !looksGenerated(name),
  );
}

function attributeParts(element: Element): string[] {
  const parts: string[] = [];
  const usable = (name: string, value: string) =>
    value.trim() !== '' &&
    value.length <= 60 &&
    !/[\n\r]/.test(value) &&
    !looksGenerated(value) &&
    !isPageText(element, value) &&
    !NOT_NAMING.test(name);
  for (const name of TEST_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null && usable(name, value)) parts.push(`[${name}=${quoted(value)}]`);
  }
  for (const attribute of Array.from(element.attributes)) {
    const { name, value } = attribute;
    if (!name.startsWith('data-') || TEST_ATTRIBUTES.includes(name) || !PLAIN_IDENT.test(name))
      continue;
    if (usable(name, value)) parts.push(`[${name}=${quoted(value)}]`);
  }
  for (const name of NAMING_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null && usable(name, value)) {
      parts.push(
        name === 'part'
          ? `${tagOf(element)}[part~=${quoted(value.split(/\s+/)[0] ?? '')}]`
          : `${tagOf(element)}[${name}=${quoted(value)}]`,
      );
    }
  }
  return parts;
}

/**
 * What an element can be named by on its own, best first: its id, its attributes, its classes.
 * The bare tag name is not among them (see `proposeSelector`).
 */
function ownParts(element: Element): string[] {
  const parts: string[] = [];
  const id = element.getAttribute('id');
  if (id && !looksGenerated(id)) parts.push(PLAIN_IDENT.test(id) ? `#${id}` : `[id=${quoted(id)}]`);
  parts.push(...attributeParts(element));
  const classes = stableClasses(element);
  const tag = tagOf(element);
  for (const name of classes.slice(0, 4)) parts.push(`${tag}.${name}`);
  for (let first = 0; first < Math.min(classes.length, 4); first += 1) {
    for (let second = first + 1; second < Math.min(classes.length, 4); second += 1) {
      parts.push(`${tag}.${classes[first]}.${classes[second]}`);
    }
  }
  const role = element.getAttribute('role');
  if (role && PLAIN_IDENT.test(role)) parts.push(`${tag}[role=${quoted(role)}]`);
  // A custom element's name is chosen by the page's authors, like a class.
  if (tag.includes('-')) parts.push(tag);
  return parts.filter(isValidSelector);
}

/** The element above, inside the same tree (a shadow root's top element has none). */
function parentIn(element: Element): Element | null {
  return element.parentElement;
}

/** `tag` or `tag:nth-of-type(n)`: where an element is among its siblings. */
function positionPart(element: Element): string {
  const tag = tagOf(element);
  const parent = element.parentNode;
  if (!parent) return tag;
  const same = Array.from(parent.children).filter(
    (sibling) => sibling.localName === element.localName,
  );
  if (same.length === 1) return tag;
  return `${tag}:nth-of-type(${same.indexOf(element) + 1})`;
}

/** The chain of positions from just under `top` (exclusive; null for the tree's top) down to `element`. */
function positionChain(element: Element, top: Element | null): string | null {
  const parts: string[] = [];
  for (
    let current: Element | null = element;
    current && current !== top;
    current = parentIn(current)
  ) {
    parts.unshift(positionPart(current));
    if (parts.length > 8) return null;
    if (/^(?:BODY|HTML)$/i.test(current.tagName)) break;
  }
  return parts.join(' > ');
}

function findsOnly(scope: ParentNode, selector: string, element: Element): boolean {
  try {
    const found = queryAll(scope, selector);
    return found.length === 1 && found[0] === element;
  } catch {
    return false;
  }
}

/**
 * A selector that finds exactly `element` within `scope` (its document by default), or null when
 * none short enough does. Never built from the page's text.
 */
export function proposeSelector(element: Element, scope?: ParentNode): string | null {
  const root: ParentNode = scope ?? element.ownerDocument ?? (element.getRootNode() as ParentNode);
  const unique = (selector: string) => findsOnly(root, selector, element);
  const own = ownParts(element);
  for (const part of own) if (unique(part)) return part;

  const tag = tagOf(element);
  const anchors: { ancestor: Element; anchor: string }[] = [];
  let depth = 0;
  for (
    let ancestor = parentIn(element);
    ancestor && ancestor !== root && depth < 8 && !/^(?:BODY|HTML)$/i.test(ancestor.tagName);
    ancestor = parentIn(ancestor), depth += 1
  ) {
    const anchor = ownParts(ancestor).find((part) => findsOnly(root, part, ancestor));
    if (!anchor) continue;
    anchors.push({ ancestor, anchor });
    for (const part of [...own, tag]) {
      if (unique(`${anchor} ${part}`)) return `${anchor} ${part}`;
    }
  }
  if (unique(tag)) return tag;
  for (const { ancestor, anchor } of anchors) {
    const chain = positionChain(element, ancestor);
    if (chain && unique(`${anchor} > ${chain}`)) return `${anchor} > ${chain}`;
  }
  const topChain = positionChain(element, root instanceof Element ? root : null);
  if (topChain && unique(topChain)) return topChain;
  return null;
}

const ROW = 'tr,[role="row"],li,[role="listitem"]';

/** A row of column headers: a table row of `th` cells only, or a grid row of column headers. */
export function isHeadingRow(row: Element): boolean {
  if (row.closest('thead')) return true;
  const cells = Array.from(row.children);
  if (row.tagName === 'TR') return cells.length > 0 && cells.every((cell) => cell.tagName === 'TH');
  return row.querySelector('[role="columnheader"]') !== null;
}

function sameKind(row: Element, other: Element): boolean {
  if (other.localName !== row.localName) return false;
  if (row.getAttribute('role') !== other.getAttribute('role')) return false;
  const classes = stableClasses(row);
  // Cards and list entries are told apart from their neighbours by their classes.
  if (classes.length === 0 || /^(?:TR|LI)$/.test(row.tagName)) return true;
  const theirs = new Set(stableClasses(other));
  return classes.some((name) => theirs.has(name));
}

/** The rows of `row`'s list on this page: its siblings of the same kind, heading rows left out. */
function rowsBeside(row: Element): Element[] {
  const parent = row.parentNode;
  if (!parent) return [row];
  return Array.from(parent.children).filter(
    (other) => other === row || (sameKind(row, other) && !isHeadingRow(other)),
  );
}

/**
 * The row of a list an element is in: the nearest table or grid row or list item around it, else
 * the nearest element (up to four levels) that has siblings like itself (a card among cards).
 */
export function rowOf(element: Element): Element {
  const row = element.closest(ROW);
  if (row) return row;
  let current: Element | null = element;
  for (let depth = 0; current && depth < 4; depth += 1, current = current.parentElement) {
    if (rowsBeside(current).length > 1) return current;
  }
  return element;
}

/** `tr`, `li.med-row`, `[role="row"]`: what every row of the list is, classes they all share. */
function rowPart(row: Element, rows: Element[]): string {
  const tag = tagOf(row);
  const role = row.getAttribute('role');
  const shared = stableClasses(row).filter((name) =>
    rows.every((other) => other.classList.contains(name)),
  );
  const base = role && !/^(?:tr|li)$/.test(tag) ? `${tag}[role=${quoted(role)}]` : tag;
  return `${base}${shared
    .slice(0, 2)
    .map((name) => `.${name}`)
    .join('')}`;
}

/** Ways to leave heading rows out of a row selector. */
function withoutHeadings(selector: string, row: Element): string[] {
  return row.tagName === 'TR'
    ? [`${selector}:has(> td)`, `${selector}:not(:has(> th))`]
    : [`${selector}:not(:has([role="columnheader"]))`];
}

/**
 * From one row of a list, a selector for all of its rows (heading rows left out), with a selector
 * for each cell of a table or grid row. Null when no selector finds that row with its neighbours
 * and nothing else.
 */
export function proposeList(row: Element, scope?: ParentNode): ProposedList | null {
  const root: ParentNode = scope ?? row.ownerDocument ?? (row.getRootNode() as ParentNode);
  const rows = rowsBeside(row);
  const part = rowPart(row, rows);
  const parent = row.parentElement;
  // A table's rows sit in a tbody that has no name of its own: the table names them.
  const grouped = parent && /^(?:TBODY|THEAD|TFOOT)$/.test(parent.tagName) ? parent : null;
  const container = grouped ? grouped.parentElement : parent;
  const containerSelector = container ? proposeSelector(container, root) : null;
  // A name the rows carry themselves first, then the list's name above them; a bare `tr` last,
  // as it would take the rows of any table the EHR adds later.
  const named = part !== tagOf(row);
  // An id names one row, and a role any grid's rows: neither names this list's rows.
  const candidates = ownParts(row).filter(
    (selector) => !selector.startsWith('#') && !/^[\w-]+\[role=/.test(selector),
  );
  if (named) candidates.push(part);
  if (containerSelector) {
    candidates.push(
      grouped
        ? `${containerSelector} > ${tagOf(grouped)} > ${part}`
        : `${containerSelector} > ${part}`,
      `${containerSelector} ${part}`,
    );
  }
  if (!named) candidates.push(part);
  const fits = (selector: string): Element[] | null => {
    if (!isValidSelector(selector)) return null;
    let found: Element[];
    try {
      found = queryAll(root, selector);
    } catch {
      return null;
    }
    const set = new Set(found);
    if (!rows.every((other) => set.has(other))) return null;
    // Rows of the same list in another row group of the same table still belong to it.
    const list = container ?? parent;
    if (list && found.some((element) => !list.contains(element))) return null;
    return found;
  };
  for (const candidate of candidates) {
    const found = fits(candidate);
    if (!found) continue;
    let items = candidate;
    let rowsFound = found;
    if (found.some(isHeadingRow)) {
      const better = withoutHeadings(candidate, row)
        .map((selector) => ({ selector, found: fits(selector) }))
        .find(({ found }) => found !== null && !found.some(isHeadingRow));
      if (!better?.found) continue;
      items = better.selector;
      rowsFound = better.found;
    }
    const tableRow = row.tagName === 'TR' || row.getAttribute('role') === 'row';
    return {
      items,
      count: rowsFound.length,
      ...(tableRow && {
        cells: Array.from(row.children).map((cell) => proposeCell(row, cell, rowsFound)),
      }),
    };
  }
  return null;
}

function firstIn(row: Element, selector: string): Element | null {
  try {
    return queryFirst(row, selector);
  } catch {
    return null;
  }
}

/**
 * A selector that finds `cell` as the first match inside `row`, the way a pack reads a row's
 * `text`, `date` or `value`. Of those, the first that also finds a cell in every other row of the
 * list (`rows`, the row's neighbours by default).
 */
export function proposeCell(
  row: Element,
  cell: Element,
  rows: Element[] = rowsBeside(row),
): string | null {
  if (cell === row) return null;
  const candidates = ownParts(cell).filter((selector) => !selector.startsWith('#'));
  const parent = cell.parentNode;
  if (parent === row || parent === row.shadowRoot) {
    const index = Array.from((parent as ParentNode).children).indexOf(cell) + 1;
    candidates.push(`${tagOf(cell)}:nth-child(${index})`);
    if (parent === row) candidates.push(`:scope > ${tagOf(cell)}:nth-child(${index})`);
  }
  // Positions from the row (or its shadow root) down to the cell.
  const steps: string[] = [];
  let current: Element | null = cell;
  while (current && current !== row && steps.length <= 6) {
    steps.unshift(positionPart(current));
    const above: Node | null = current.parentNode;
    if (above === row) {
      candidates.push(`:scope > ${steps.join(' > ')}`);
      break;
    }
    if (above === row.shadowRoot) {
      candidates.push(steps.join(' > '));
      break;
    }
    current = above instanceof Element ? above : null;
  }
  const valid = candidates.filter(
    (selector) => isValidSelector(selector) && firstIn(row, selector) === cell,
  );
  const everywhere = valid.find((selector) =>
    rows.every((other) => other === row || firstIn(other, selector) !== null),
  );
  return everywhere ?? valid[0] ?? null;
}
