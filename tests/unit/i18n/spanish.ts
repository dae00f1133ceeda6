import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTranslator, type Messages } from '../../../utils/i18n';

/** The real Spanish catalogue, as a Spanish browser or a policy's `language: "es"` gives it. */
export const spanishMessages = JSON.parse(
  readFileSync(resolve(process.cwd(), 'public/_locales/es/messages.json'), 'utf8'),
) as Messages;
export const tEs = createTranslator(spanishMessages);
export const LOCALE_ES = 'es';
