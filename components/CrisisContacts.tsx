import type { CrisisContact } from '../utils/clinical/safety-plan';
import type { Translate } from '../utils/i18n';
import { PhoneIcon } from './icons';
import { safeHttpsUrl } from './labels';

interface ShownContact {
  label: string;
  phone: string | null;
  sms: string | null;
  url: string | null;
}

export function normalizeCrisisContact(contact: CrisisContact): ShownContact {
  return {
    label: contact.label,
    phone: contact.phone ?? null,
    sms: contact.text ?? null,
    url: contact.url ?? null,
  };
}

/** Dialable characters only, so a configured number cannot smuggle anything into the href. */
function dialable(number: string | null): string {
  return number ? number.replace(/[^\d+*#]/g, '') : '';
}

export function CrisisContacts({ contacts, t }: { contacts: CrisisContact[]; t: Translate }) {
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
            <span class="cs-crisis-links">
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
            </span>
          </li>
        );
      })}
    </ul>
  );
}
