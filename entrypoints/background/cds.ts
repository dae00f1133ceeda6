/**
 * The clinic's CDS Hooks services (issue 22, item 7), called when a chart opens: `patient-view`
 * with prefetch built from what the page shows, their cards kept per patient for the sidebar, and
 * feedback when a clinician dismisses one with a reason.
 *
 * Nothing runs without `endpoints.cdsServiceUrl`. The patient goes to the service under a
 * pseudonymous id (a hash of Careside's patient key), and the page's reading only as the prefetch
 * the service asked for.
 */

import { labelFor } from '../../components/labels';
import type { OverrideReason } from '../../utils/clinical/override-reasons';
import type { PatientContext } from '../../utils/clinical/types';
import { t } from '../../utils/i18n/browser';
import {
  buildPrefetch,
  type CdsCardView,
  type CdsService,
  cdsBase,
  createCdsClient,
} from '../../utils/record/cds';
import type { AuthService } from './auth';
import type { SettingsService } from './settings';

/** A patient's cards are asked for again after this long, or at once when the chart reopens. */
const CARDS_FRESH_MS = 60_000;
/** The service list is read again after this long. */
const DISCOVERY_FRESH_MS = 10 * 60_000;
/** Cards remembered per patient for feedback: many answers' worth, a bounded amount of memory. */
const ANSWERED_KEPT = 200;

export interface CdsView {
  cards: CdsCardView[];
  /** Why no cards could be had, in the clinician's words; null when the services answered. */
  problem: string | null;
}

interface PatientCards {
  at: number;
  cards: CdsCardView[];
  problem: string | null;
}

async function pseudonym(patientKey: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(patientKey));
  return [...new Uint8Array(digest).slice(0, 16)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

export function createCdsService(
  settings: SettingsService,
  auth: AuthService | null,
  onChange: () => void,
) {
  const byPatient = new Map<string, PatientCards>();
  const askedAt = new Map<string, number>();
  /** Cards dismissed this session, by patient: a service answers them again on the next call. */
  const dismissed = new Map<string, Set<string>>();
  /**
   * Every card answered this session, by patient and uuid. A service gives a card a new uuid on
   * each call, so the card a clinician dismisses may already have been replaced by a newer
   * answer; its feedback must still name the card they saw.
   */
  const answered = new Map<string, Map<string, CdsCardView>>();
  let discovered: { url: string; at: number; services: CdsService[] } | null = null;

  async function configuredUrl(): Promise<string | null> {
    const url = (await settings.current()).effective.endpoints.cdsServiceUrl;
    return url && cdsBase(url) ? url : null;
  }

  async function services(url: string): Promise<CdsService[] | { error: string }> {
    if (discovered?.url === url && Date.now() - discovered.at < DISCOVERY_FRESH_MS) {
      return discovered.services;
    }
    const found = await createCdsClient(url).discover();
    if ('error' in found) return found;
    discovered = { url, at: Date.now(), services: found };
    return found;
  }

  async function ask(key: string, chart: PatientContext, url: string): Promise<PatientCards> {
    const at = Date.now();
    const list = await services(url);
    if ('error' in list) return { at, cards: [], problem: t('cdsProblemUnreachable') };
    const client = createCdsClient(url);
    const patientId = await pseudonym(key);
    const status = auth ? await auth.status() : null;
    const userId = status?.fhirUser ?? 'Practitioner/unknown';
    const answers = await Promise.all(
      list.map((service) =>
        client.call(
          service,
          { patientId, userId },
          buildPrefetch(service.prefetch, chart, patientId),
          crypto.randomUUID(),
        ),
      ),
    );
    const cards = answers.flatMap((answer) => ('error' in answer ? [] : answer));
    const failed = answers.some((answer) => 'error' in answer);
    return { at, cards, problem: failed ? t('cdsProblemUnreachable') : null };
  }

  function remember(key: string, cards: CdsCardView[]) {
    const known = answered.get(key) ?? new Map<string, CdsCardView>();
    for (const card of cards) if (card.uuid) known.set(`${card.serviceId}|${card.uuid}`, card);
    // Oldest first (insertion order): a chart left open for a day keeps only the recent ones.
    for (const oldest of known.keys()) {
      if (known.size <= ANSWERED_KEPT) break;
      known.delete(oldest);
    }
    answered.set(key, known);
  }

  const cardKey = (card: Pick<CdsCardView, 'serviceId' | 'summary'>) =>
    `${card.serviceId}|${card.summary}`;

  /** The cards to show now; a call is started when the chart opens or the last one is old. */
  async function view(
    key: string,
    chart: PatientContext,
    options: { chartOpened?: boolean } = {},
  ): Promise<CdsView | null> {
    const url = await configuredUrl();
    if (!url) return null;
    const stale = Date.now() - (askedAt.get(key) ?? 0) > CARDS_FRESH_MS;
    if (options.chartOpened || stale) {
      askedAt.set(key, Date.now());
      ask(key, chart, url).then(
        (answer) => {
          byPatient.set(key, answer);
          remember(key, answer.cards);
          onChange();
        },
        () => undefined,
      );
    }
    const last = byPatient.get(key);
    const gone = dismissed.get(key) ?? new Set<string>();
    return {
      cards: (last?.cards ?? []).filter((card) => !gone.has(cardKey(card))),
      problem: last?.problem ?? null,
    };
  }

  /** The clinician dismissed a card with a reason: it goes, and the service is told why. */
  async function dismiss(
    key: string,
    serviceId: string,
    uuid: string,
    reason: OverrideReason,
  ): Promise<boolean> {
    const url = await configuredUrl();
    const card = answered.get(key)?.get(`${serviceId}|${uuid}`);
    if (!url || !card) return false;
    const gone = dismissed.get(key) ?? new Set<string>();
    gone.add(cardKey(card));
    dismissed.set(key, gone);
    return createCdsClient(url).feedback(
      card,
      reason,
      labelFor(t, 'sidebarReason', reason),
      new Date(),
    );
  }

  return { view, dismiss };
}

export type CdsServiceClient = ReturnType<typeof createCdsService>;
