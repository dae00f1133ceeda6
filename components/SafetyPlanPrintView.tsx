import type { CrisisContact, SafetyPlan } from '../utils/clinical/safety-plan';
import type { IsoDate } from '../utils/clinical/types';
import type { CatalogueLanguage, Translate } from '../utils/i18n';
import { defaultCrisisContacts } from '../utils/policy/defaults';
import { formatDate } from './format';
import { labelFor, safeHttpsUrl } from './labels';
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
  /** The patient's language, chosen when printing, whatever the clinician's sidebar speaks. */
  language: CatalogueLanguage;
  /** The catalogue and the locale of `language`. */
  t: Translate;
  locale: string;
}

const BLANK_LINES = 2;

interface PrintedContact {
  label: string;
  ways: string[];
}

/**
 * One contact in the patient's words and language. Careside's own default contacts were named
 * in the clinician's language when the plan was started; they are recognised by their numbers
 * and named again from the patient's catalogue. A clinic's contact keeps its label, or takes its
 * `spanish` fields on a Spanish copy: Careside adds no menu digit or keyword the policy lacks.
 */
function printedContact(
  contact: CrisisContact,
  language: CatalogueLanguage,
  t: Translate,
): PrintedContact {
  const standard = defaultCrisisContacts(t).find(
    (candidate) =>
      candidate.phone === contact.phone &&
      candidate.text === contact.text &&
      candidate.url === contact.url,
  );
  const spanish = language === 'es' ? contact.spanish : undefined;
  const label = spanish?.label ?? standard?.label ?? contact.label;
  const ways: string[] = [];
  if (contact.phone) {
    ways.push(
      spanish?.phoneOption
        ? t('printCallAndPress', { number: contact.phone, option: spanish.phoneOption })
        : t('sidebarCrisisCall', { number: contact.phone }),
    );
  }
  if (contact.text) {
    ways.push(
      spanish?.textWord
        ? t('printTextWord', { number: contact.text, word: spanish.textWord })
        : t('sidebarCrisisText', { number: contact.text }),
    );
  }
  const url = safeHttpsUrl(contact.url);
  if (url) ways.push(url);
  return { label, ways };
}

/**
 * The patient's copy of the plan, for a print page (style with `print.css`): the plan only, in
 * large type, with blank lines under empty steps so the patient can still write there. Nothing
 * clinical the patient did not write with the clinician: no score, no prompt, no diagnosis.
 */
export function SafetyPlanPrintView(props: SafetyPlanPrintViewProps) {
  const { plan, t, locale, language } = props;
  const steps = visibleSteps(plan, [], props.naloxoneApplicable);
  const contacts = (
    plan.crisisContacts.length > 0 ? plan.crisisContacts : props.crisisContacts
  ).map((contact) => printedContact(contact, language, t));
  return (
    <main class="cs-print" lang={language}>
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
            <li key={`${contact.label}|${contact.ways.join('|')}`}>
              <strong>{contact.label}</strong>
              {contact.ways.map((way) => (
                <span key={way} class="cs-print-way">
                  {way}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
