import type { Identifier, IsoDate, SidebarContent } from '../utils/clinical/types';
import { type Translate, translatePlural } from '../utils/i18n';
import { ageInYears, formatDate } from './format';
import { WarningIcon } from './icons';

export interface IdentityBannerProps {
  patient: SidebarContent['patient'];
  identityConfirmed: boolean;
  problems: string[];
  adapterName?: string;
  today: IsoDate;
  t: Translate;
  locale: string;
  onConfirmIdentity(): void;
}

/** The medical record number: HL7 type MR, or an identifier the page labelled as an MRN. */
export function findMrn(identifiers: Identifier[]): Identifier | null {
  return (
    identifiers.find((id) => id.type === 'MR') ??
    identifiers.find((id) => /\b(mrn|medical record)/i.test(id.system ?? '')) ??
    null
  );
}

/**
 * Two identifiers, always visible (Joint Commission NPSG.01.01.01): the clinician matches name and
 * date of birth (plus the MRN where known) against the chart before trusting anything below.
 */
export function IdentityBanner(props: IdentityBannerProps) {
  const { patient, identityConfirmed, problems, adapterName, today, t, locale } = props;
  const age = ageInYears(patient.birthDate, today);
  const mrn = findMrn(patient.identifiers);
  const unknown = t('sidebarIdentityUnknown');

  return (
    <section
      class={identityConfirmed ? 'cs-banner' : 'cs-banner cs-banner-unconfirmed'}
      aria-labelledby="cs-banner-name"
    >
      <h2 id="cs-banner-name" class="cs-banner-name">
        {patient.name ?? t('sidebarIdentityNoName')}
      </h2>
      <dl class="cs-banner-ids">
        <div>
          <dt>{t('sidebarIdentityBirthDate')}</dt>
          <dd data-testid="birth-date">
            {patient.birthDate ? formatDate(patient.birthDate, locale) : unknown}
            {age !== null && (
              <span class="cs-banner-age">
                {' '}
                {translatePlural(t, locale, 'sidebarIdentityAge', age)}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('sidebarIdentityMrn')}</dt>
          <dd data-testid="mrn">{mrn ? mrn.value : unknown}</dd>
        </div>
      </dl>
      {!identityConfirmed && (
        <div class="cs-unconfirmed" role="alert">
          <p class="cs-unconfirmed-title">
            <WarningIcon class="cs-icon-warning" />
            <strong>{t('sidebarIdentityNotConfirmed')}</strong>
          </p>
          <p>{t('sidebarIdentityNotConfirmedHelp')}</p>
          {adapterName && (
            <p class="cs-muted">{t('sidebarIdentityReadBy', { adapter: adapterName })}</p>
          )}
          {problems.length > 0 && (
            <ul class="cs-problems" aria-label={t('sidebarIdentityProblems')}>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <button
            type="button"
            class="cs-button cs-button-primary"
            onClick={props.onConfirmIdentity}
          >
            {t('sidebarIdentityConfirm')}
          </button>
        </div>
      )}
    </section>
  );
}
