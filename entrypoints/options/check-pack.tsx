/**
 * "Check a pack" (issue 21, item 3): a selector pack pasted here is checked with the policy's own
 * validation as it is typed; "Check" asks for the page's site only, then every frame of that tab
 * reads the pack with the pack builder's reader (background/builder.ts) and reports. The section
 * shows, field by field, what was read and in which frame, which selectors found nothing and why
 * a part would not be applied. Nothing is stored and the page is not changed: the readings live in
 * this component's state while it is shown.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatDate } from '../../components/format';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import { matchesAnyUrl } from '../../utils/ehr/packs/match-pattern';
import {
  type CheckedEntry,
  type CheckedFrame,
  type CheckedPlace,
  checkReport,
  frameReadingKey,
  type IdentityCheck,
  type ListCheck,
  pastedPack,
} from '../../utils/ehr/packs/pack-check';
import { validateSelectorPack } from '../../utils/ehr/packs/validate';
import { unpackReading } from '../../utils/ehr/wire';
import { translatePlural } from '../../utils/i18n';
import { t, uiLocale } from '../../utils/i18n/browser';
import { type BuilderFrameReading, onMessages, sendMessage } from '../../utils/messaging';

/** How long a page opened for the check may take to load before the check gives up. */
const LOAD_TIMEOUT_MS = 30_000;
/** The `<select>` value for "the address typed below". */
const TYPED_ADDRESS = 'address';

interface OpenTab {
  id: number;
  url: string;
  title: string;
}

interface Running {
  tabId: number;
  pack: SelectorPack;
}

/** The page's site as a host-permission pattern, or null for an address Careside cannot read. */
function sitePattern(address: string): string | null {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.origin}/*` : null;
  } catch {
    return null;
  }
}

/** Resolves once the tab has finished loading (its frames included), or fails after a while. */
function loaded(tabId: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(listener);
      if (error) reject(error);
      else resolve();
    };
    const listener = (id: number, change: { status?: string }) => {
      if (id === tabId && change.status === 'complete') done();
    };
    const timer = setTimeout(() => done(new Error(t('checkPackLoadTimeout'))), LOAD_TIMEOUT_MS);
    browser.tabs.onUpdated.addListener(listener);
    void browser.tabs.get(tabId).then(
      (tab) => {
        if (tab.status === 'complete') done();
      },
      () => done(new Error(t('checkPackLoadTimeout'))),
    );
  });
}

function placeText(place: CheckedPlace): string {
  if (place.isTop) return t('checkPackTopPage');
  if (place.namePath && place.namePath.length > 0 && place.namePath.every((name) => name !== '')) {
    return t('checkPackFrameNamed', { names: place.namePath.join(' › '), url: place.url });
  }
  return t('checkPackFrameAt', { url: place.url });
}

function valueText(value: number | string | null): string {
  if (value === null) return '';
  return typeof value === 'number' ? new Intl.NumberFormat(uiLocale()).format(value) : value;
}

function entryText(entry: CheckedEntry): string {
  return [
    entry.text,
    [valueText(entry.value), entry.unit ?? ''].filter((part) => part !== '').join(' '),
    entry.date ? formatDate(entry.date, uiLocale()) : '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
}

const IDENTITY_LABEL: Record<IdentityCheck['field'], string> = {
  name: 'checkPackFieldName',
  birthDate: 'checkPackFieldBirthDate',
  mrn: 'checkPackFieldMrn',
};

const LIST_LABEL: Record<ListCheck['part'], string> = {
  medications: 'checkPackListMedications',
  problems: 'checkPackListProblems',
  scores: 'checkPackListScores',
  labs: 'checkPackListLabs',
  vitals: 'checkPackListVitals',
  therapies: 'checkPackListTherapies',
};

function Report({ pack, frames }: { pack: SelectorPack; frames: CheckedFrame[] }) {
  const report = useMemo(() => checkReport(pack, frames, t), [pack, frames]);
  const locale = uiLocale();
  if (frames.length === 0) {
    return <p data-testid="check-pack-waiting">{t('checkPackWaiting')}</p>;
  }
  return (
    <div class="check-report" data-testid="check-pack-report">
      <p data-testid="check-pack-frames">
        {translatePlural(t, locale, 'checkPackFramesRead', frames.length)}{' '}
        {report.identityConfirmed ? t('checkPackConfirmed') : t('checkPackNotConfirmed')}
      </p>
      <table>
        <caption>{t('checkPackIdentityCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('checkPackColumnField')}</th>
            <th scope="col">{t('checkPackColumnRead')}</th>
            <th scope="col">{t('checkPackColumnFrom')}</th>
          </tr>
        </thead>
        <tbody>
          {report.identity.map((field) => (
            <tr key={field.field} data-testid={`check-pack-identity-${field.field}`}>
              <th scope="row">{t(IDENTITY_LABEL[field.field])}</th>
              <td data-testid="check-pack-value" data-value={field.value ?? ''}>
                {field.value === null
                  ? t('checkPackNothingRead')
                  : field.field === 'birthDate'
                    ? formatDate(field.value, locale)
                    : field.value}
              </td>
              <td data-testid="check-pack-from">{field.from ? placeText(field.from) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.lists.length > 0 && (
        <table>
          <caption>{t('checkPackListsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('checkPackColumnList')}</th>
              <th scope="col">{t('checkPackColumnRead')}</th>
              <th scope="col">{t('checkPackColumnFrom')}</th>
            </tr>
          </thead>
          <tbody>
            {report.lists.map((list) => (
              <tr key={list.path} data-testid={`check-pack-list-${list.path}`}>
                <th scope="row">
                  {t(LIST_LABEL[list.part])}
                  {list.path !== list.part && <code> {list.path}</code>}
                </th>
                <td>
                  <span data-testid="check-pack-count">
                    {translatePlural(t, locale, 'checkPackRowsRead', list.count)}
                  </span>
                  {list.first.length > 0 && (
                    <ul>
                      {list.first.map((entry, index) => (
                        // The same entry may be charted twice: its place in the list tells them apart.
                        <li key={index} data-testid="check-pack-entry">
                          {entryText(entry)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-testid="check-pack-from">{list.from.map(placeText).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('checkPackFoundNothingTitle')}</h3>
      {report.foundNothing.length === 0 ? (
        <p data-testid="check-pack-all-found">{t('checkPackAllFound')}</p>
      ) : (
        <ul class="problems" data-testid="check-pack-found-nothing">
          {report.foundNothing.map((selector) => (
            <li key={selector.path} data-path={selector.path}>
              {t(selector.by === 'label' ? 'checkPackLabelFoundNothing' : 'checkPackFoundNothing', {
                path: selector.path,
                selector: selector.selector,
              })}
            </li>
          ))}
        </ul>
      )}
      {report.notApplied.length > 0 && (
        <>
          <h3>{t('checkPackNotAppliedTitle')}</h3>
          <ul class="problems" data-testid="check-pack-not-applied">
            {report.notApplied.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
      {report.problems.length > 0 && (
        <>
          <h3>{t('checkPackProblemsTitle')}</h3>
          <ul data-testid="check-pack-problems">
            {report.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function CheckPackSection() {
  const [text, setText] = useState('');
  const [address, setAddress] = useState('');
  const [tabs, setTabs] = useState<OpenTab[]>([]);
  const [chosen, setChosen] = useState(TYPED_ADDRESS);
  const [notice, setNotice] = useState<string | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const [readings, setReadings] = useState<Record<string, BuilderFrameReading>>({});

  const checked = useMemo(
    () => (text.trim() === '' ? null : validateSelectorPack(pastedPack(text), 'selectorPack')),
    [text],
  );
  const pack = checked?.ok ? checked.pack : null;

  // The open tabs the pack is for, among those whose address Careside may see (sites granted).
  useEffect(() => {
    if (!pack) {
      setTabs([]);
      return;
    }
    void browser.tabs.query({}).then((all) => {
      const matching = all.flatMap((tab) => {
        if (tab.id === undefined || !tab.url) return [];
        try {
          if (!matchesAnyUrl(pack.matches, new URL(tab.url))) return [];
        } catch {
          return [];
        }
        return [{ id: tab.id, url: tab.url, title: tab.title ?? tab.url }];
      });
      setTabs(matching);
    });
  }, [pack === null ? '' : JSON.stringify(pack.matches), running]);

  useEffect(
    () =>
      onMessages({
        'builder:checked': (reading, sender) => {
          // From the background only: a content script's message (it has a tab) is not a reading.
          if (sender.tab !== undefined || reading.tabId !== running?.tabId) return { ok: true };
          const { tabId: _tabId, ...frame } = reading;
          setReadings((current) => ({ ...current, [frameReadingKey(frame)]: frame }));
          return { ok: true };
        },
      }),
    [running],
  );

  // Closing the options page ends the check it started (best effort: the tab closing or leaving
  // the site ends it too, background/builder.ts).
  useEffect(() => {
    if (!running) return;
    const end = () => void sendMessage('builder:check-stop', { tabId: running.tabId });
    window.addEventListener('pagehide', end);
    return () => window.removeEventListener('pagehide', end);
  }, [running]);

  const frames = useMemo((): CheckedFrame[] => {
    return Object.values(readings).flatMap((reading) => {
      if (!reading.facts) return [];
      try {
        return [{ ...reading, reading: unpackReading(reading.reading), facts: reading.facts }];
      } catch {
        return [];
      }
    });
  }, [readings]);

  const check = async (event: Event) => {
    event.preventDefault();
    if (!pack) return;
    const tab = tabs.find((candidate) => String(candidate.id) === chosen);
    const target = tab ? tab.url : address.trim();
    const pattern = sitePattern(target);
    if (pattern === null) {
      setNotice(t('checkPackBadAddress'));
      return;
    }
    // In the click's user gesture, before anything else is awaited: that site only.
    const granted = await browser.permissions.request({ origins: [pattern] });
    if (!granted) {
      setNotice(t('checkPackPermissionDenied'));
      return;
    }
    setNotice(t('checkPackOpening'));
    setReadings({});
    try {
      let tabId = tab?.id;
      if (tabId === undefined) {
        const opened = await browser.tabs.create({ url: target, active: false });
        if (opened.id === undefined) throw new Error(t('checkPackLoadTimeout'));
        tabId = opened.id;
      }
      await loaded(tabId);
      // One check at a time: one in another tab ends.
      if (running && running.tabId !== tabId)
        await sendMessage('builder:check-stop', { tabId: running.tabId }).catch(() => undefined);
      setRunning({ tabId, pack });
      const started = await sendMessage('builder:check', { tabId, pack });
      setNotice(started.ok ? t('checkPackStarted') : (started.message ?? t('checkPackFailed')));
      if (!started.ok) setRunning(null);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
      setRunning(null);
    }
  };

  const stop = async () => {
    if (!running) return;
    await sendMessage('builder:check-stop', { tabId: running.tabId }).catch(() => undefined);
    setRunning(null);
    setReadings({});
    setNotice(t('checkPackStopped'));
  };

  return (
    <section aria-labelledby="check-pack-title" data-testid="check-pack">
      <h2 id="check-pack-title">{t('checkPackTitle')}</h2>
      <p>{t('checkPackExplain')}</p>
      {/* Folded away like the settings' JSON: the clinic's users need it seldom, IT often. */}
      <details>
        <summary data-testid="check-pack-open">{t('checkPackOpen')}</summary>
        <form onSubmit={check}>
          <label for="check-pack-json">{t('checkPackJsonLabel')}</label>
          <textarea
            id="check-pack-json"
            data-testid="check-pack-json"
            rows={10}
            spellcheck={false}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
            aria-describedby="check-pack-validation"
          />
          <div id="check-pack-validation" aria-live="polite">
            {checked === null ? null : checked.ok ? (
              <p data-testid="check-pack-valid">
                {t('checkPackValid', { name: checked.pack.name, id: checked.pack.id })}
              </p>
            ) : (
              <ul class="problems" data-testid="check-pack-errors">
                {checked.errors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            )}
          </div>
          <label for="check-pack-tab">{t('checkPackTabLabel')}</label>
          <select
            id="check-pack-tab"
            data-testid="check-pack-tab"
            value={chosen}
            onChange={(event) => setChosen(event.currentTarget.value)}
          >
            <option value={TYPED_ADDRESS}>{t('checkPackTypedAddress')}</option>
            {tabs.map((tab) => (
              <option key={tab.id} value={String(tab.id)}>
                {t('checkPackOpenTab', { title: tab.title, url: tab.url })}
              </option>
            ))}
          </select>
          {chosen === TYPED_ADDRESS && (
            <>
              <label for="check-pack-url">{t('checkPackAddressLabel')}</label>
              <input
                id="check-pack-url"
                data-testid="check-pack-url"
                type="url"
                value={address}
                onInput={(event) => setAddress(event.currentTarget.value)}
              />
            </>
          )}
          <div class="actions">
            <button type="submit" data-testid="check-pack-run" disabled={pack === null}>
              {t('checkPackRun')}
            </button>
            {running && (
              <button type="button" data-testid="check-pack-stop" onClick={stop}>
                {t('checkPackStop')}
              </button>
            )}
          </div>
        </form>
        {notice && (
          <output class="status" data-testid="check-pack-notice">
            {notice}
          </output>
        )}
        {running && <Report pack={running.pack} frames={frames} />}
      </details>
    </section>
  );
}
