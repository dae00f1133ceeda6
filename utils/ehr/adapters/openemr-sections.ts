/**
 * The chart sections of OpenEMR's documents (openemr.ts describes the pages): the dashboard's
 * Medications and Medical Problems cards, and the PHQ-9 / GAD-7 reports of the encounter summary.
 * Its own bundle (entrypoints/reader-openemr.ts), loaded once the banner is up.
 */
import type { IsoDate } from '../../clinical/types';
import { findPageDate } from '../dates';
import { pageProvenance, problem } from '../identity/reading';
import { textOf } from '../page-text';
import {
  conditionFromText,
  MAX_ENTRY_LENGTH,
  medicationFromLine,
  scoreEntry,
} from '../sections/entries';
import { finishSections } from '../sections/reading';
import type { ReadingProblem, SectionReader } from '../types';
import { DATE_FORMAT, ENCOUNTER_FORMS, isDashboard, isEncounter } from './openemr';

function encounterDate(document: Document): IsoDate | null {
  const title = document.querySelector(`${ENCOUNTER_FORMS} span.title`);
  return title ? findPageDate(textOf(title), DATE_FORMAT) : null;
}

function cardTitle(card: Element): string {
  return textOf(card.querySelector('h6.card-title a') ?? card.querySelector('h6.card-title'));
}

const REPORTED_INSTRUMENTS: { instrument: string; total: RegExp; items: string[] }[] = [
  {
    instrument: 'PHQ-9',
    total: /^Total PHQ-9 score:?$/i,
    // The labels interface/forms/phq9/report.php prints, in item order ("Falure" is theirs).
    items: [
      'Loss of Interest',
      'Feeling Hopeless',
      'Sleep Disturbance',
      'Fatigue',
      'Change in Appetite',
      'Feel like a Falure',
      'Poor Focus',
      'Psychomotor Retardation',
      'Suicidal Thoughts',
    ],
  },
  {
    instrument: 'GAD-7',
    total: /^Total GAD-7 score:?$/i,
    items: [
      'Feeling nervous',
      'Not controlling worry',
      'Worrying',
      'Trouble relaxing',
      'Being restless',
      'Being irritable',
      'Feeling afraid',
    ],
  },
];

function readReports(document: Document, url: URL, problems: ReadingProblem[]) {
  const scores = [];
  const date = encounterDate(document);
  const reports = Array.from(document.querySelectorAll('[id^="divid_"]'));
  for (const report of reports.length > 0 ? reports : [document.body]) {
    if (!report) continue;
    const labels = Array.from(report.querySelectorAll('span.bold'));
    for (const { instrument, total, items } of REPORTED_INSTRUMENTS) {
      const totalLabel = labels.find((label) => total.test(textOf(label)));
      if (!totalLabel) continue;
      const totalText = textOf(totalLabel.nextElementSibling);
      const stated = /^(\d+)\s*(?:-|$)/.exec(totalText);
      if (!stated) {
        problems.push(
          problem('ehrProblemUnreadableScore', { instrument, text: totalText.slice(0, 40) }),
        );
        continue;
      }
      const answers: Record<number, number | string | null> = {};
      for (const label of labels) {
        const index = items.indexOf(textOf(label).replace(/:$/, ''));
        if (index < 0) continue;
        const answer = /\((\d)\)\s*$/.exec(textOf(label.nextElementSibling));
        answers[index + 1] = answer ? Number(answer[1]) : null;
      }
      if (date === null) problems.push(problem('ehrProblemUnreadableScoreDate', { instrument }));
      scores.push(
        scoreEntry(
          instrument,
          date,
          Number(stated[1]),
          pageProvenance(`openemr ${report.id ? `#${report.id}` : 'report'} ${instrument}`, url),
          Object.keys(answers).length > 0 ? answers : undefined,
        ),
      );
    }
  }
  return scores;
}

export const readOpenEmrSections: SectionReader = (document, url, identity) => {
  const { context } = identity;
  const problems = [...identity.problems];
  let tooLong = 0;
  if (isDashboard(document)) {
    for (const card of document.querySelectorAll('section.card')) {
      const title = cardTitle(card).toLowerCase();
      const items = Array.from(card.querySelectorAll('.pami-list .list-group-item'));
      if (title === 'medications') {
        // Recorded medications print a title span and a dosage span; "Nothing Recorded" has none.
        for (const item of items) {
          if (item.querySelector('span') === null) continue;
          const line = Array.from(item.querySelectorAll('span'), textOf)
            .filter((text) => text !== '')
            .join(' ');
          if (line.length > MAX_ENTRY_LENGTH) {
            tooLong += 1;
            continue;
          }
          context.medications.push(
            medicationFromLine(line, pageProvenance('openemr Medications card', url), {
              status: 'active',
            }),
          );
        }
      } else if (title === 'medical problems') {
        // Recorded problems are `py-1` items; the empty-list message is a `p-0` item.
        for (const item of items) {
          if (!item.classList.contains('py-1')) continue;
          const text = textOf(item);
          if (text.length > MAX_ENTRY_LENGTH) {
            tooLong += 1;
            continue;
          }
          context.conditions.push(
            conditionFromText(
              text,
              null,
              'active',
              pageProvenance('openemr Medical Problems card', url),
            ),
          );
        }
      }
    }
  }
  if (isEncounter(document)) context.scores.push(...readReports(document, url, problems));
  if (tooLong > 0) problems.push(problem('ehrProblemValueTooLong', { count: tooLong }));
  return finishSections({ ...identity, problems });
};
