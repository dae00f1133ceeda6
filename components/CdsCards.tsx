import { useState } from 'preact/hooks';
import { OVERRIDE_REASONS, type OverrideReason } from '../utils/clinical/override-reasons';
import type { Translate } from '../utils/i18n';
import type { CdsCardView } from '../utils/record/cds';
import { labelFor } from './labels';

/**
 * Cards from the clinic's CDS Hooks services (issue 22, item 7), beside Careside's own prompts and
 * named by their source. Links are plain https links; suggestions are words only: a card never
 * acts on the record. Dismissing one asks for a reason, which the service gets as feedback.
 */
export function CdsCards(props: {
  cards: CdsCardView[];
  problem: string | null;
  t: Translate;
  onDismiss(card: CdsCardView, reason: OverrideReason): void;
}) {
  const { t } = props;
  if (props.cards.length === 0 && !props.problem) return null;
  return (
    <div class="cs-prompts" data-cds-cards>
      {props.problem && <p class="cs-muted">{props.problem}</p>}
      <ul class="cs-cards">
        {props.cards.map((card) => (
          <CdsCard
            // By what the card says, not its uuid: a service gives the same card a new uuid on
            // each call, and a refresh must not drop the reason the clinician was choosing.
            key={`${card.serviceId}|${card.summary}`}
            card={card}
            t={t}
            onDismiss={props.onDismiss}
          />
        ))}
      </ul>
    </div>
  );
}

function CdsCard(props: {
  card: CdsCardView;
  t: Translate;
  onDismiss(card: CdsCardView, reason: OverrideReason): void;
}) {
  const { card, t } = props;
  const [reason, setReason] = useState<OverrideReason | ''>('');
  return (
    <li class={`cs-card cs-card-${card.indicator}`} data-cds-card={card.serviceId}>
      <p class="cs-card-summary">{card.summary}</p>
      {card.detail && <p>{card.detail}</p>}
      {card.suggestions.length > 0 && (
        <ul>
          {card.suggestions.map((suggestion) => (
            <li key={suggestion}>{suggestion}</li>
          ))}
        </ul>
      )}
      {card.links.length > 0 && (
        <ul>
          {card.links.map((link) => (
            <li key={link.url}>
              <a href={link.url} target="_blank" rel="noopener noreferrer">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="cs-card-source" data-cds-source>
        {t('sidebarPromptSource')}{' '}
        {card.source.url ? (
          <a href={card.source.url} target="_blank" rel="noopener noreferrer">
            {card.source.label}
          </a>
        ) : (
          <span>{card.source.label}</span>
        )}
      </p>
      {card.uuid && (
        <div class="cs-actions">
          <select
            aria-label={t('sidebarPromptDismissReason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value as OverrideReason | '')}
          >
            <option value="">{t('sidebarPromptDismissReason')}</option>
            {OVERRIDE_REASONS.map((option) => (
              <option key={option} value={option}>
                {labelFor(t, 'sidebarReason', option)}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="cs-button"
            disabled={!reason}
            onClick={(event) => event.isTrusted && reason && props.onDismiss(card, reason)}
          >
            {t('sidebarPromptDismissConfirm')}
          </button>
        </div>
      )}
    </li>
  );
}
