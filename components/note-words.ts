import type { Translate } from '../utils/i18n';
import type { NoteWords } from '../utils/record/note';
import { labelFor } from './labels';

/** The note's words from the catalogue and its dates and numbers through Intl. */
export function noteWords(t: Translate, locale: string): NoteWords {
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const numbers = new Intl.NumberFormat(locale);
  return {
    title: (date) => t('noteTitle', { date }),
    score: ({ instrument, score, band, date }) =>
      band
        ? t('noteScoreBanded', { instrument, score, band, date })
        : t('noteScore', { instrument, score, date }),
    change: ({ change, baselineDate, reliable }) =>
      reliable
        ? t('noteChangeReliable', { change, baselineDate, reliable })
        : t('noteChange', { change, baselineDate }),
    noScores: t('noteNoScores'),
    safetyPlan: (status) => t('noteSafetyPlan', { status }),
    step: (id) => labelFor(t, 'sidebarSafetyStep', id),
    noSafetyPlan: t('noteNoSafetyPlan'),
    promptsTitle: t('notePromptsTitle'),
    noPrompts: t('noteNoPrompts'),
    addressedTitle: t('notePromptsAddressedTitle'),
    reason: (reason) => labelFor(t, 'sidebarReason', reason),
    formatDate: (date) => dates.format(new Date(`${date}T00:00:00Z`)),
    formatNumber: (value) => numbers.format(value),
    band: (name) => labelFor(t, 'sidebarBand', name),
    status: (status) => labelFor(t, 'sidebarSafetyStatus', status),
    reliable: (change) => t(`noteReliable${change.charAt(0).toUpperCase()}${change.slice(1)}`),
  };
}
