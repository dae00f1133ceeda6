/** FHIR QuestionnaireResponse and instrument Observations: scored questionnaires (totals and items). */

import {
  findInstrument,
  findInstrumentByCode,
  INSTRUMENTS,
  type Instrument,
  itemRange,
} from '../clinical/instruments';
import type { IsoDate, Provenance, ScoreEntry } from '../clinical/types';
import type { Translate } from '../i18n/index';
import { CODE_SYSTEMS, ORDINAL_EXTENSIONS } from './code-systems';
import {
  asArray,
  asObject,
  asObjects,
  asString,
  dateOf,
  extensionNumber,
  type Json,
  loincCodes,
  normalizeAnswerText,
} from './json';
import { LOINC_ANSWER_SCORES, observationValue } from './observations';
import type { ResourceIndex } from './resource-index';

/** The PHQ/GAD answer wording, for answers coded in a local system that is not in the file. */
export const FREQUENCY_ANSWER_SCORES: Readonly<Record<string, number>> = {
  'not at all': 0,
  'several days': 1,
  'more than half the days': 2,
  'nearly every day': 3,
};
export const FREQUENCY_SCALE_INSTRUMENTS = new Set(['PHQ-9', 'PHQ-2', 'PHQ-A', 'GAD-7']);
export const YES_NO_SCORES: Readonly<Record<string, number>> = { no: 0, yes: 1 };

export interface ItemCode {
  instrument: Instrument;
  item: number;
}

export const ITEM_CODES = new Map<string, ItemCode[]>();
for (const instrument of Object.values(INSTRUMENTS)) {
  for (const [item, code] of Object.entries(instrument.itemLoinc)) {
    ITEM_CODES.set(code, [...(ITEM_CODES.get(code) ?? []), { instrument, item: Number(item) }]);
  }
}

export interface LooseItem {
  code: string;
  date: IsoDate | null;
  value: number | string | null;
  provenance: Provenance;
}

export interface AnswerOption {
  system: string | null;
  code: string;
  ordinal: number;
}

export interface QuestionnaireItemInfo {
  codes: string[];
  options: AnswerOption[];
}

export function optionsFromValueSet(valueSet: Json | null): AnswerOption[] {
  if (!valueSet) return [];
  return asObjects(asObject(valueSet.compose)?.include).flatMap((include) =>
    asObjects(include.concept).flatMap((concept) => {
      const code = asString(concept.code);
      const ordinal = extensionNumber(concept, ORDINAL_EXTENSIONS);
      return code && ordinal !== null ? [{ system: asString(include.system), code, ordinal }] : [];
    }),
  );
}

export function questionnaireItems(
  questionnaire: Json | null,
  index: ResourceIndex,
): Map<string, QuestionnaireItemInfo> {
  const info = new Map<string, QuestionnaireItemInfo>();
  const visit = (items: unknown) => {
    for (const item of asObjects(items)) {
      const linkId = asString(item.linkId);
      if (linkId) {
        const options = asObjects(item.answerOption).flatMap((option) => {
          const coding = asObject(option.valueCoding);
          const code = asString(coding?.code);
          const ordinal =
            extensionNumber(option, ORDINAL_EXTENSIONS) ??
            extensionNumber(coding, ORDINAL_EXTENSIONS);
          return code && ordinal !== null
            ? [{ system: asString(coding?.system), code, ordinal }]
            : [];
        });
        const valueSet = index.canonical(asString(item.answerValueSet), questionnaire);
        const codes = asObjects(item.code).flatMap((coding) => {
          const code = asString(coding.code);
          return code ? [code] : [];
        });
        info.set(linkId, { codes, options: [...options, ...optionsFromValueSet(valueSet)] });
      }
      visit(item.item);
    }
  };
  visit(questionnaire?.item);
  return info;
}

export interface AnsweredItem {
  linkId: string;
  text: string | null;
  answer: Json;
}

export function answeredItems(items: unknown): AnsweredItem[] {
  return asObjects(items).flatMap((item) => {
    const linkId = asString(item.linkId) ?? '';
    const answers = asObjects(item.answer);
    const own = answers[0] ? [{ linkId, text: asString(item.text), answer: answers[0] }] : [];
    const nested = [...answers.map((answer) => answer.item), item.item].flatMap(answeredItems);
    return [...own, ...nested];
  });
}

export function identifyQuestionnaireInstrument(
  response: Json,
  questionnaire: Json | null,
  items: AnsweredItem[],
  itemInfo: Map<string, QuestionnaireItemInfo>,
): Instrument | null {
  for (const code of loincCodes({ coding: questionnaire?.code })) {
    const instrument = findInstrumentByCode(code);
    if (instrument) return instrument;
  }
  const itemCodes = items.flatMap((item) => [
    item.linkId.replace(/^\//, ''),
    ...(itemInfo.get(item.linkId)?.codes ?? []),
  ]);
  for (const code of itemCodes) {
    const instrument = findInstrumentByCode(code);
    if (instrument) return instrument;
  }
  for (const text of [
    asString(questionnaire?.title),
    asString(questionnaire?.name),
    asString(questionnaire?.url),
    asString(response.questionnaire),
  ]) {
    const instrument = text ? findInstrument(text) : null;
    if (instrument) return instrument;
  }
  // Last resort: the instrument most of the item codes belong to.
  const votes = new Map<Instrument, number>();
  for (const code of itemCodes) {
    for (const { instrument } of ITEM_CODES.get(code) ?? []) {
      votes.set(instrument, (votes.get(instrument) ?? 0) + 1);
    }
  }
  return [...votes].sort((a, b) => b[1] - a[1] || b[0].itemCount - a[0].itemCount)[0]?.[0] ?? null;
}

export function answerScore(
  answer: Json,
  options: AnswerOption[],
  instrument: Instrument,
  item: number,
): number | string | null {
  for (const key of ['valueInteger', 'valueDecimal']) {
    const value = answer[key];
    if (typeof value === 'number') return value;
  }
  const quantity = asObject(answer.valueQuantity);
  if (quantity && typeof quantity.value === 'number') return quantity.value;
  if (typeof answer.valueBoolean === 'boolean') return answer.valueBoolean ? 1 : 0;
  const text = asString(answer.valueString);
  if (text) return text;
  const coding = asObject(answer.valueCoding);
  if (!coding) return null;
  const code = asString(coding.code);
  const system = asString(coding.system);
  const option = options.find(
    (candidate) =>
      candidate.code === code &&
      (candidate.system === null || system === null || candidate.system === system),
  );
  if (option) return option.ordinal;
  const own =
    extensionNumber(coding, ORDINAL_EXTENSIONS) ?? extensionNumber(answer, ORDINAL_EXTENSIONS);
  if (own !== null) return own;
  if (code && (system === CODE_SYSTEMS.loinc || system === null) && code in LOINC_ANSWER_SCORES) {
    return LOINC_ANSWER_SCORES[code] ?? null;
  }
  // Local codes with no Questionnaire in the file: the instrument's own answer wording decides.
  const range = itemRange(instrument, item);
  const words = [asString(coding.display), code].filter((value): value is string => value !== null);
  for (const word of words.map(normalizeAnswerText)) {
    if (
      FREQUENCY_SCALE_INSTRUMENTS.has(instrument.name) &&
      range?.max === 3 &&
      word in FREQUENCY_ANSWER_SCORES
    ) {
      return FREQUENCY_ANSWER_SCORES[word] ?? null;
    }
    if (range?.max === 1 && word in YES_NO_SCORES) return YES_NO_SCORES[word] ?? null;
  }
  return null;
}

export const TOTAL_WORDS = /\btotal\b|\bscore\b|(^|\/)TS$/i;

export function readQuestionnaireResponse(
  response: Json,
  index: ResourceIndex,
  provenance: Provenance,
  t: Translate,
  problems: string[],
): ScoreEntry | null {
  if (response.status === 'entered-in-error') return null;
  const questionnaire = index.canonical(asString(response.questionnaire), response);
  const itemInfo = questionnaireItems(questionnaire, index);
  const items = answeredItems(response.item);
  const instrument = identifyQuestionnaireInstrument(response, questionnaire, items, itemInfo);
  if (!instrument) {
    problems.push(t('fhirUnknownQuestionnaire', { resource: provenance.via }));
    return null;
  }
  const codesOf = (item: AnsweredItem) => [
    item.linkId.replace(/^\//, ''),
    ...(itemInfo.get(item.linkId)?.codes ?? []),
  ];
  const itemByCode = new Map(
    Object.entries(instrument.itemLoinc).map(([item, code]) => [code, Number(item)]),
  );
  const totalCode = instrument.total?.code ?? null;
  const answers: Record<number, number | string | null> = {};
  let total: number | string | null = null;
  const positional: AnsweredItem[] = [];
  let matchedByCode = false;
  let unreadable = 0;

  for (const item of items) {
    const codes = codesOf(item);
    const options = itemInfo.get(item.linkId)?.options ?? [];
    if (totalCode && codes.includes(totalCode)) {
      total = answerScore(item.answer, options, instrument, 0);
      continue;
    }
    const number = codes.map((code) => itemByCode.get(code)).find((value) => value !== undefined);
    if (number !== undefined) {
      matchedByCode = true;
      answers[number] = answerScore(item.answer, options, instrument, number);
      if (answers[number] === null) unreadable += 1;
      continue;
    }
    // Another LOINC question (e.g. PHQ-9's functional-difficulty item): not a scored item.
    if (codes.some((code) => /^\d+-\d$/.test(code))) continue;
    positional.push(item);
  }

  let unmapped = 0;
  if (!matchedByCode) {
    // No item codes: items count in the order they were asked; a numeric answer labelled as a
    // total or score is the stated total.
    let number = 1;
    for (const item of positional) {
      const isNumeric =
        item.answer.valueQuantity !== undefined || item.answer.valueDecimal !== undefined;
      if (isNumeric && TOTAL_WORDS.test(`${item.text ?? ''} ${item.linkId}`)) {
        total = answerScore(item.answer, [], instrument, 0);
        continue;
      }
      if (!itemRange(instrument, number)) {
        unmapped += 1;
        continue;
      }
      const options = itemInfo.get(item.linkId)?.options ?? [];
      answers[number] = answerScore(item.answer, options, instrument, number);
      if (answers[number] === null) unreadable += 1;
      number += 1;
    }
  }
  if (unmapped > 0) {
    problems.push(
      t('fhirUnmappedAnswers', {
        resource: provenance.via,
        count: unmapped,
        instrument: instrument.name,
      }),
    );
  }
  if (unreadable > 0) {
    problems.push(t('fhirAnswerUnreadable', { resource: provenance.via, count: unreadable }));
  }
  return {
    instrument: instrument.name,
    date: dateOf(response.authored),
    total,
    ...(Object.keys(answers).length > 0 ? { items: answers } : {}),
    provenance,
  };
}

/**
 * Item Observations outside any panel (e.g. a lone PHQ-9 item 9) join the same day's total of an
 * instrument that has all their codes; otherwise they form an administration of the smallest
 * instrument that has them all (PHQ-2 items alone are a PHQ-2, not an incomplete PHQ-9).
 */
export function attachLooseItems(scores: ScoreEntry[], loose: LooseItem[]): void {
  const byDate = new Map<string, LooseItem[]>();
  for (const item of loose) {
    const key = item.date ?? '';
    byDate.set(key, [...(byDate.get(key) ?? []), item]);
  }
  for (const [date, items] of byDate) {
    const first = items[0];
    if (!first) continue;
    const codes = items.map((item) => item.code);
    const candidates = [
      ...new Set(
        codes.flatMap((code) => (ITEM_CODES.get(code) ?? []).map((entry) => entry.instrument)),
      ),
    ];
    const covering = candidates
      .filter((instrument) => codes.every((code) => itemNumber(instrument, code) !== undefined))
      .sort((a, b) => a.itemCount - b.itemCount);
    const sameDay = scores.find(
      (score) =>
        (score.date ?? '') === date &&
        !score.items &&
        covering.some((instrument) => instrument.name === score.instrument),
    );
    const instrument =
      covering.find((candidate) => candidate.name === sameDay?.instrument) ??
      covering[0] ??
      [...candidates].sort((a, b) => b.itemCount - a.itemCount)[0];
    if (!instrument) continue;
    const target: ScoreEntry = sameDay ?? {
      instrument: instrument.name,
      date: date || null,
      total: null,
      provenance: first.provenance,
    };
    const answers: Record<number, number | string | null> = { ...(target.items ?? {}) };
    for (const item of items) {
      const number = itemNumber(instrument, item.code);
      if (number !== undefined) answers[number] = item.value;
    }
    target.items = answers;
    if (!sameDay) scores.push(target);
  }
}

export function itemNumber(instrument: Instrument, code: string): number | undefined {
  return (ITEM_CODES.get(code) ?? []).find((entry) => entry.instrument === instrument)?.item;
}

/** A total-score or panel Observation; item answers come from components or member Observations. */
export function readInstrumentObservation(
  resource: Json,
  instrument: Instrument,
  index: ResourceIndex,
  provenance: Provenance,
  t: Translate,
  problems: string[],
): Omit<ScoreEntry, 'date'> | null {
  const value = observationValue(resource);
  const members = asArray(resource.hasMember).flatMap((member) => {
    const resolved = index.resolve(member, resource);
    return resolved ? [resolved] : [];
  });
  const items: Record<number, number | string | null> = {};
  for (const part of [...asObjects(resource.component), ...members]) {
    const number = loincCodes(part.code)
      .map((code) => itemNumber(instrument, code))
      .find((found) => found !== undefined);
    if (number !== undefined) items[number] = observationValue(part)?.raw ?? null;
  }
  const hasItems = Object.keys(items).length > 0;
  if (!value && !hasItems) {
    if (asArray(resource.hasMember).length > 0) {
      problems.push(
        t('fhirPanelWithoutMembers', { resource: provenance.via, instrument: instrument.name }),
      );
    }
    return null;
  }
  return {
    instrument: instrument.name,
    total: value?.raw ?? null,
    ...(hasItems ? { items } : {}),
    provenance,
  };
}
