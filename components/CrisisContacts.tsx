import type { CrisisContact as PlanCrisisContact } from '../utils/clinical/safety-plan';
import type { Translate } from '../utils/i18n';
import type { CrisisContact as PolicyCrisisContact } from '../utils/messaging';
import { PhoneIcon } from './icons';
import { safeHttpsUrl } from './labels';

/** Contacts arrive from clinic policy (messaging) or from the saved plan (clinical model). */
export type AnyCrisisContact = PolicyCrisisContact | PlanCrisisContact;

interface ShownContact {
  label: string;
  phone: string | null;
  sms: string | null;
  url: string | null;
  note: string | null;
}

export function normalizeCrisisContact(contact: AnyCrisisContact): ShownContact {
  if ('name' in contact) {
    return {
      label: contact.name,
      phone: contact.phone,
      sms: contact.sms,
      url: null,
      note: contact.note,
    };
  }
  return {
    label: contact.label,
    phone: contact.phone ?? null,
    sms: contact.text ?? null,
    url: contact.url ?? null,
    note: null,
  };
}

/** The same contact in the saved plan's shape, for a plan started from the clinic's list. */
export function toPlanCrisisContact(contact: AnyCrisisContact): PlanCrisisContact {
  const shown = normalizeCrisisContact(contact);
  return { name: shown.label, phone: shown.phone, sms: shown.sms, note: shown.note };
}

/** Dialable characters only, so a configured number cannot smuggle anything into the href. */
function dialable(number: string | null): string {
  return number ? number.replace(/[^\d+*#]/g, '') : '';
}

export function CrisisContacts({ contacts, t }: { contacts: AnyCrisisContact[]; t: Translate }) {
  if (contacts.length === 0) {
    return <p class="cs-muted">{t('sidebarCrisisNone')}</p>;
  }
  return (
    <ul class="cs-crisis" aria-label={t('sidebarCrisisContacts')}>
      {contacts.map(normalizeCrisisContact).map((contact) => {
        const url = safeHttpsUrl(contact.url);
        const phone = dialable(contact.phone);
        const sms = dialable(contact.sms);
        return (
          <li key={`${contact.label}|${phone}|${sms}`} class="cs-crisis-item">
            <PhoneIcon />
            <span class="cs-crisis-label">{contact.label}</span>
            {phone && (
              <a class="cs-crisis-link" href={`tel:${phone}`}>
                {t('sidebarCrisisCall', { number: contact.phone ?? phone })}
              </a>
            )}
            {sms && (
              <a class="cs-crisis-link" href={`sms:${sms}`}>
                {t('sidebarCrisisText', { number: contact.sms ?? sms })}
              </a>
            )}
            {url && (
              <a class="cs-crisis-link" href={url} target="_blank" rel="noopener noreferrer">
                {t('sidebarCrisisWebsite')}
              </a>
            )}
            {contact.note && <span class="cs-crisis-note">{contact.note}</span>}
          </li>
        );
      })}
    </ul>
  );
}
