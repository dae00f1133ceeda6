import type { CrisisContact, SafetyPlan } from '../utils/clinical/safety-plan';
import type { IsoDate } from '../utils/clinical/types';
import type { Translate } from '../utils/i18n';
import { normalizeCrisisContact } from './CrisisContacts';
import { formatDate } from './format';
import { labelFor } from './labels';
import { visibleSteps } from './SafetyPlanPanel';

export interface SafetyPlanPrintViewProps {
  plan: SafetyPlan;
  /** How the patient is named on their copy; null prints no name. */
  patientName: string | null;
  /** The clinic's contacts, printed when the plan has none of its own. */
  crisisContacts: CrisisContact[];
  naloxoneApplicable?: boolean;
  /** The date printed on the copy, passed in (components never read the clock). */
  printedOn: IsoDate;
  t: Translate;
  locale: string;
}

const BLANK_LINES = 2;

/**
 * The patient's copy of the plan, for a print page (style with `print.css`): the plan only, in
 * large type, with blank lines under empty steps so the patient can still write there.
 */
export function SafetyPlanPrintView(props: SafetyPlanPrintViewProps) {
  const { plan, t, locale } = props;
  const steps = visibleSteps(plan, [], props.naloxoneApplicable);
  const contacts = (
    plan.crisisContacts.length > 0 ? plan.crisisContacts : props.crisisContacts
  ).map(normalizeCrisisContact);
  return (
    <main class="cs-print">
      <h1>{t('sidebarPrintTitle')}</h1>
      {props.patientName && <p class="cs-print-name">{props.patientName}</p>}
      <p class="cs-print-date">
        {t('sidebarPrintDate', { date: formatDate(props.printedOn, locale) })}
      </p>
      <ol class="cs-print-steps">
        {steps.map((id) => {
          const entries = plan.steps[id].entries.filter((entry) => entry.trim() !== '');
          return (
            <li key={id} class="cs-print-step">
              <h2>{labelFor(t, 'sidebarPrintStep', id)}</h2>
              <ul>
                {entries.length > 0
                  ? entries.map((entry) => <li>{entry}</li>)
                  : Array.from({ length: BLANK_LINES }, (_, line) => (
                      <li key={`blank-${line + 1}`} class="cs-print-blank" aria-hidden="true" />
                    ))}
              </ul>
            </li>
          );
        })}
      </ol>
      <section class="cs-print-crisis">
        <h2>{t('sidebarPrintCrisis')}</h2>
        <ul>
          {contacts.map((contact) => (
            <li key={`${contact.label}|${contact.phone}|${contact.sms}`}>
              <strong>{contact.label}</strong>
              {contact.phone && ` — ${t('sidebarCrisisCall', { number: contact.phone })}`}
              {contact.sms && ` — ${t('sidebarCrisisText', { number: contact.sms })}`}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
