/**
 * A selector pack suggested from what the generic reader read on a page (`npm run inspect --
 * URL --suggest-pack FILE`; the pack builder starts from the same suggestion). For one document
 * (the top page or one frame), `suggestFromDocument` finds the elements the generic reader read
 * each shown value from and proposes the pack's selectors for them (propose.ts); the node side
 * (suggest-pack.ts) joins the documents into one pack, frames included.
 *
 * Pure DOM, run in the page's document: nothing is stored and the page is not changed. Only
 * values the reading showed are looked for, so a line the background left out (a heading, a
 * note) never becomes part of the pack.
 */

import { findPageDate } from '../dates';
import { genericIdentitySources } from '../generic/identity';
import { genericSectionSources } from '../generic/sections';
import { cleanText, textOf } from '../page-text';
import { instrumentFromName } from '../page-vocabulary';
import { medicationStatusFromText, scoreTotalFromText } from '../sections/entries';
import type { ScoreTable } from './format';
import { proposeCell, proposeList, proposeSelector, rowOf } from './propose';
import { openShadowRoots, queryAll } from './query';

/** What the reading showed from one document, as `inspect` printed it. */
export interface ShownInDocument {
  /** The identity the sidebar named (the top document's); null in a frame. */
  identity: { name: string | null; birthDate: string | null; mrn: string | null } | null;
  medications: { text: string; ingredient: string | null }[];
  problems: { text: string; code: string | null }[];
  scores: { instrument: string; total: number | string | null; date: string | null }[];
}

/** A field the pack reads by a selector, with a pattern where the element holds more. */
export interface SuggestedSource {
  selector: string;
  pattern?: string;
}

export interface DocumentSuggestion {
  identity: { name?: SuggestedSource; birthDate?: SuggestedSource; mrn?: SuggestedSource };
  medications?: { item: string; text?: string; status?: string };
  problems?: { item: string; text?: string; code?: string };
  scores: Omit<ScoreTable, 'frame'>[];
  /** Shown values no selector was found for, by field ("medications: 1"). */
  missed: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * A pattern that keeps `value` out of its element's `text` ("MRN: 00471203" → `MRN:\s*(\S+)`),
 * built from the label before it and never from other values (a patient's age, another number).
 * Undefined when the element holds just the value; null when no safe pattern keeps it.
 */
function patternFor(text: string, value: string, field: 'name' | 'birthDate' | 'mrn') {
  if (text === value) return undefined;
  const at = text.indexOf(value);
  if (at < 0) return null;
  // The label right before the value: the words after the last separator, no digits.
  const before = text.slice(0, at);
  const label = /([^|•·\d]{0,30})$/.exec(before)?.[1]?.trim() ?? '';
  const after = text.slice(at + value.length);
  if (field === 'birthDate') {
    // Dates are found inside a field's text; only a second date needs a pattern to tell them apart.
    return /\d/.test(after) || /\d/.test(before)
      ? label
        ? `${escapeRegExp(label)}\\s*(\\S+)`
        : null
      : undefined;
  }
  const start = label ? `${escapeRegExp(label)}\\s*` : before === '' ? '^' : null;
  if (start === null) return null;
  if (field === 'mrn') return /\s/.test(value) ? null : `${start}(\\S+)`;
  // A name runs to the next label ("DOB:"), a separator or the end of the text.
  const next = /^\s*([^:：\d|•·]{1,30}[:：])/.exec(after)?.[1];
  const end = next
    ? `\\s*${escapeRegExp(next)}`
    : /^\s*[|•·]/.test(after)
      ? '\\s*[|•·]'
      : after.trim() === ''
        ? '\\s*$'
        : null;
  return end === null ? null : `${start}(.+?)${end}`;
}

function identitySource(
  elements: Element[],
  value: string,
  field: 'name' | 'birthDate' | 'mrn',
): SuggestedSource | null {
  for (const element of elements) {
    const selector = proposeSelector(element);
    if (!selector) continue;
    const pattern = patternFor(textOf(element), value, field);
    if (pattern === null) continue;
    return pattern === undefined ? { selector } : { selector, pattern };
  }
  return null;
}

/** Every element under `root`, in its open shadow roots too. */
function descendants(root: Element): Element[] {
  const all = [root, ...Array.from(root.querySelectorAll('*'))];
  for (const shadow of openShadowRoots(root)) all.push(...Array.from(shadow.querySelectorAll('*')));
  return all;
}

/** The innermost element of `record` whose text passes `test`: the cell that holds one value. */
function innermost(record: Element, test: (text: string) => boolean): Element | null {
  const passing = descendants(record).filter((element) => test(textOf(element)));
  return (
    passing.find(
      (element) =>
        !passing.some(
          (other) =>
            other !== element && (element.contains(other) || element.shadowRoot?.contains(other)),
        ),
    ) ?? null
  );
}

const CELL = 'td,th,[role="cell"],[role="gridcell"]';

/** The row a read line stands for: a cell's row, or the line's own row of its list. */
function rowForLine(line: Element): Element {
  return line.matches(CELL) ? (line.closest('tr,[role="row"]') ?? line) : rowOf(line);
}

interface ListChoice {
  items: string;
  rows: Element[];
}

/**
 * One selector for the rows of the lines read, each line in a row of its own and no row without
 * a line: one clicked row generalised (propose.ts), checked against every line read.
 */
function listOf(lines: Element[]): ListChoice | null {
  if (lines.length === 0) return null;
  const document = lines[0]?.ownerDocument;
  if (!document) return null;
  let best: ListChoice | null = null;
  for (let level = 0; level < 4; level += 1) {
    const rows = lines.map((line) => {
      let row: Element | null = rowForLine(line);
      for (let up = 0; up < level && row; up += 1) row = row.parentElement;
      return row;
    });
    if (rows.some((row) => row === null)) break;
    const distinct = [...new Set(rows as Element[])];
    if (distinct.length !== lines.length) continue;
    const list = proposeList(distinct[0] as Element);
    if (!list) continue;
    const found = new Set(queryAll(document, list.items));
    const covered = distinct.filter((row) => found.has(row));
    // A row the pack would read that holds no value shown would add a line nobody saw.
    if (covered.length === distinct.length && found.size === distinct.length)
      return { items: list.items, rows: distinct };
    if (!best && covered.length === distinct.length && found.size <= distinct.length + 1)
      best = { items: list.items, rows: distinct };
  }
  return best;
}

/** A selector for a value's cell that finds that value's cell in every row of the list. */
function cellOf(rows: Element[], cells: (Element | null)[]): string | null {
  const first = rows[0];
  const cell = cells[0];
  if (!first || !cell) return null;
  const selector = proposeCell(first, cell, rows);
  if (!selector) return null;
  // Every row's own cell must be the one the selector finds first.
  return rows.every((row, index) => {
    const wanted = cells[index];
    return !wanted || queryAll(row, selector)[0] === wanted;
  })
    ? selector
    : null;
}

function sameText(a: string, b: string): boolean {
  return cleanText(a).toLowerCase() === cleanText(b).toLowerCase();
}

export function suggestFromDocument(
  document: Document,
  shown: ShownInDocument,
): DocumentSuggestion {
  const url = new URL(document.location?.href ?? 'about:blank');
  const suggestion: DocumentSuggestion = { identity: {}, scores: [], missed: [] };

  if (shown.identity) {
    const sources = genericIdentitySources(document);
    const { name, birthDate, mrn } = shown.identity;
    const pick = (field: 'name' | 'birthDate' | 'mrn', wanted: string | null) => {
      if (wanted === null) return;
      const matching = sources.filter(
        (source) =>
          source.field === field &&
          (field === 'birthDate' ? findPageDate(source.value) === wanted : source.value === wanted),
      );
      const value = matching[0]?.value ?? wanted;
      const found = identitySource(
        matching.flatMap((source) => source.valueElements),
        value,
        field,
      );
      if (found) suggestion.identity[field] = found;
      else suggestion.missed.push(field);
    };
    pick('name', name);
    pick('birthDate', birthDate);
    pick('mrn', mrn);
  }

  const sections = genericSectionSources(document, url);

  if (shown.medications.length > 0) {
    const matched = shown.medications.flatMap((medication) => {
      const source = sections.medications.find(({ text }) => sameText(text, medication.text));
      return source ? [{ line: source.element, ingredient: medication.ingredient }] : [];
    });
    const list = listOf(matched.map(({ line }) => line));
    if (list) {
      const textCells = matched.map(({ line, ingredient }, index) => {
        const row = list.rows[index] as Element;
        if (line !== row) return line;
        const wanted = (ingredient ?? '').toLowerCase();
        const naming = (text: string) => wanted !== '' && text.toLowerCase().includes(wanted);
        // A row's text runs its cells together: the drug is read from its own cell.
        if (line.matches('tr,[role="row"]'))
          return Array.from(row.children).find((cell) => naming(textOf(cell))) ?? null;
        // A web component keeps its text in its shadow root, which the item's own text leaves out.
        return naming(textOf(row)) ? null : innermost(row, naming);
      });
      const text = textCells.every((cell) => cell === null)
        ? undefined
        : cellOf(list.rows, textCells);
      const statusCells = list.rows.map(
        (row) =>
          Array.from(row.children).find(
            (cell) =>
              !textCells.includes(cell) && medicationStatusFromText(textOf(cell)) !== undefined,
          ) ?? null,
      );
      const status = statusCells.some((cell) => cell === null)
        ? null
        : cellOf(list.rows, statusCells);
      if (text === null) suggestion.missed.push('medications');
      else {
        suggestion.medications = {
          item: list.items,
          ...(text && { text }),
          ...(status && { status }),
        };
      }
      if (matched.length < shown.medications.length) suggestion.missed.push('medications');
    } else suggestion.missed.push('medications');
  }

  if (shown.problems.length > 0) {
    const matched = shown.problems.flatMap((condition) => {
      const source = sections.problems.find(({ text }) => sameText(text, condition.text));
      return source ? [{ line: source.element, code: condition.code }] : [];
    });
    const list = listOf(matched.map(({ line }) => line));
    if (list) {
      const codeCells = matched.map(({ code }, index) =>
        code
          ? innermost(list.rows[index] as Element, (text) => text.toUpperCase().includes(code))
          : null,
      );
      const code = codeCells.some((cell) => cell === null) ? null : cellOf(list.rows, codeCells);
      // In a row of cells the problem's words have a cell of their own; elsewhere the whole line.
      const textCells = list.rows.map((row) =>
        row.matches('tr,[role="row"]')
          ? (Array.from(row.children)
              .filter((cell) => !codeCells.includes(cell))
              .sort((a, b) => textOf(b).length - textOf(a).length)[0] ?? null)
          : null,
      );
      const text = textCells.some((cell) => cell === null)
        ? undefined
        : cellOf(list.rows, textCells);
      suggestion.problems = {
        item: list.items,
        ...(text && { text }),
        ...(code && { code }),
      };
      if (matched.length < shown.problems.length) suggestion.missed.push('problems');
    } else suggestion.missed.push('problems');
  }

  if (shown.scores.length > 0) {
    const matched = sections.scores.filter(({ score }) =>
      shown.scores.some(
        (wanted) =>
          wanted.instrument === score.instrument &&
          wanted.total === score.total &&
          wanted.date === score.date,
      ),
    );
    // Scores may sit in several tables (one per instrument): a table each.
    let rest = matched.map(({ element, score }) => ({ element, score }));
    while (rest.length > 0) {
      const first = rest[0] as (typeof rest)[number];
      const together = rest.filter(
        (other) => other.element.parentNode === first.element.parentNode,
      );
      const list = listOf(together.map(({ element }) => element));
      rest = rest.filter((other) => !together.includes(other));
      if (!list) {
        suggestion.missed.push('scores');
        continue;
      }
      const rows = list.rows;
      const instrumentCells = rows.map((row, index) =>
        innermost(row, (text) => instrumentFromName(text) === together[index]?.score.instrument),
      );
      const valueCells = rows.map((row, index) =>
        innermost(row, (text) => {
          const total = together[index]?.score.total;
          return (
            text !== '' && scoreTotalFromText(text) === total && instrumentFromName(text) === null
          );
        }),
      );
      const dateCells = rows.map((row, index) => {
        const date = together[index]?.score.date;
        return date ? innermost(row, (text) => findPageDate(text) === date) : null;
      });
      const value = valueCells.some((cell) => cell === null) ? null : cellOf(rows, valueCells);
      const instruments = new Set(together.map(({ score }) => score.instrument));
      const instrumentFrom = instrumentCells.some((cell) => cell === null)
        ? null
        : cellOf(rows, instrumentCells);
      const date = dateCells.some((cell) => cell === null) ? null : cellOf(rows, dateCells);
      if (value === null || (instrumentFrom === null && instruments.size !== 1)) {
        suggestion.missed.push('scores');
        continue;
      }
      suggestion.scores.push({
        row: list.items,
        ...(instrumentFrom !== null
          ? { instrumentFrom }
          : { instrument: [...instruments][0] as string }),
        ...(date !== null && { date }),
        value,
      });
    }
    if (matched.length < shown.scores.length) suggestion.missed.push('scores');
  }
  suggestion.missed = [...new Set(suggestion.missed)];
  return suggestion;
}
