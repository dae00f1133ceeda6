import type { SafetyPlan } from '../utils/clinical/safety-plan';
import { SAFETY_PLAN_STEP_IDS } from '../utils/clinical/safety-plan';
import type { Translate } from '../utils/i18n';
import type { TeamRecordView } from '../utils/patient-view';
import { labelFor } from './labels';

function PlanText({ plan, t }: { plan: SafetyPlan; t: Translate }) {
  return (
    <ul>
      {SAFETY_PLAN_STEP_IDS.filter((id) =>
        (plan.steps[id]?.entries ?? []).some((e) => e.trim()),
      ).map((id) => (
        <li key={id}>
          {labelFor(t, 'sidebarSafetyStep', id)}: {plan.steps[id].entries.join('; ')}
        </li>
      ))}
    </ul>
  );
}

/**
 * The care team's record (issue #22): whether what was entered here reached the clinic's FHIR
 * server, what colleagues recorded with who and when, and a safety plan conflict with both
 * versions side by side.
 */
export function TeamRecord(props: {
  record: TeamRecordView;
  t: Translate;
  locale: string;
  onKeepRecordVersion(): void;
  onSignIn?(): void;
}) {
  const { record, t, locale } = props;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const day = (iso: string | null) =>
    iso ? date.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '';
  const author = (name: string | null) => name ?? t('sidebarRecordUnknownAuthor');
  const number = new Intl.NumberFormat(locale);
  return (
    <div class="cs-team-record" data-team-record>
      {record.signIn && (
        <p
          class="cs-muted"
          data-record-session={record.signIn.signedIn ? 'signed-in' : 'signed-out'}
        >
          {record.signIn.signedIn
            ? record.signIn.userName
              ? t('sidebarRecordSignedInAs', { name: record.signIn.userName })
              : t('sidebarRecordSignedIn')
            : t('sidebarRecordNotSignedIn')}{' '}
          {!record.signIn.signedIn && props.onSignIn && (
            <button
              type="button"
              data-record-sign-in
              onClick={(event) => event.isTrusted && props.onSignIn?.()}
            >
              {t('sidebarRecordSignIn')}
            </button>
          )}
        </p>
      )}
      <p class="cs-muted" data-record-status>
        {record.waiting > 0
          ? t('sidebarRecordWaiting', { count: number.format(record.waiting) })
          : record.lastSentAt
            ? t('sidebarRecordSaved')
            : record.reading
              ? t('sidebarRecordReading')
              : null}
      </p>
      {record.problem && (
        <p class="cs-problem" data-record-problem>
          {record.problem}
        </p>
      )}
      {record.safetyPlanAuthor !== null || record.safetyPlanRecordedAt ? (
        <p data-record-plan-author>
          {t('sidebarRecordPlanBy', {
            author: author(record.safetyPlanAuthor),
            date: day(record.safetyPlanRecordedAt),
          })}
        </p>
      ) : null}
      {record.scores.length > 0 && (
        <ul class="cs-team-scores">
          {record.scores.map((score) => (
            <li
              key={`${score.instrument}-${score.date}-${score.total}-${score.author}`}
              data-record-score
            >
              {t('sidebarRecordScoreBy', {
                instrument: score.instrument,
                total: number.format(score.total),
                date: day(score.date),
                author: author(score.author),
              })}
            </li>
          ))}
        </ul>
      )}
      {record.conflict && (
        <div class="cs-conflict" role="alert" data-record-conflict>
          <p>{t('sidebarRecordConflict')}</p>
          <p>{t('sidebarRecordMine', { author: author(record.conflict.mineAuthor) })}</p>
          <PlanText plan={record.conflict.mine} t={t} />
          <p>{t('sidebarRecordTheirs', { author: author(record.conflict.theirsAuthor) })}</p>
          {record.conflict.theirs && <PlanText plan={record.conflict.theirs} t={t} />}
          <button type="button" onClick={(event) => event.isTrusted && props.onKeepRecordVersion()}>
            {t('sidebarRecordKeepTheirs')}
          </button>
          <p class="cs-muted">{t('sidebarRecordKeepMineHint')}</p>
        </div>
      )}
    </div>
  );
}
