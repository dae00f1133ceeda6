import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { installChosenCatalogue, t } from '../../utils/i18n/browser';
import { sendMessage, sendToTab, type TabStatus } from '../../utils/messaging';
import './popup.css';

interface ActiveTab {
  id: number;
  origin: string | null;
}

/**
 * The tab the popup is about: the active tab when opened from the toolbar, or the one named by
 * `?tab=ID` when popup.html is opened as a page (from the options page, or by a test), where the
 * active tab would be the popup page itself.
 */
async function activeTab(): Promise<ActiveTab | null> {
  const named = new URLSearchParams(location.search).get('tab');
  const [tab] =
    named !== null && /^\d+$/.test(named)
      ? [await browser.tabs.get(Number(named)).catch(() => undefined)]
      : await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  let origin: string | null = null;
  try {
    const url = new URL(tab.url ?? '');
    if (url.protocol === 'https:' || url.protocol === 'http:') origin = url.origin;
  } catch {
    origin = null;
  }
  return { id: tab.id, origin };
}

function formatConfidence(value: number): string {
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }).format(
    value,
  );
}

function Popup() {
  const [tab, setTab] = useState<ActiveTab | null>(null);
  const [status, setStatus] = useState<TabStatus | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = async () => {
    const current = await activeTab();
    setTab(current);
    if (current) setStatus(await sendMessage('tab:status', { tabId: current.id }));
  };

  useEffect(() => {
    void refresh();
  }, []);

  const enableSite = async () => {
    if (!tab?.origin) return;
    // The request must run in the click's user gesture; the background then registers the
    // content script for exactly this origin.
    const granted = await browser.permissions.request({ origins: [`${tab.origin}/*`] });
    if (!granted) {
      setNotice(t('popupPermissionDenied'));
      return;
    }
    const result = await sendMessage('site:enable', { origin: tab.origin });
    setNotice(result.ok ? t('popupEnabledReload') : (result.message ?? t('popupEnableFailed')));
    await refresh();
  };

  const disableSite = async () => {
    if (!tab?.origin) return;
    await sendMessage('site:disable', { origin: tab.origin });
    await browser.permissions.remove({ origins: [`${tab.origin}/*`] });
    setNotice(t('popupDisabled'));
    await refresh();
  };

  const teachPage = async () => {
    if (!tab?.origin) return;
    // Host access for this site only, asked in the click's user gesture like "Enable".
    const granted = await browser.permissions.request({ origins: [`${tab.origin}/*`] });
    if (!granted) {
      setNotice(t('popupPermissionDenied'));
      return;
    }
    const started = await sendMessage('builder:start', { tabId: tab.id });
    setNotice(started.ok ? t('popupTeachStarted') : (started.message ?? t('popupEnableFailed')));
  };

  const toggleSidebar = async () => {
    if (!tab) return;
    try {
      await sendToTab(tab.id, 'sidebar:toggle', {});
    } catch {
      setNotice(t('popupNoSidebar'));
    }
  };

  return (
    <main class="popup">
      <h1>{t('extensionName')}</h1>
      {status === null ? (
        <p>{t('popupLoading')}</p>
      ) : (
        <>
          <dl>
            <dt>{t('popupAdapter')}</dt>
            <dd data-testid="popup-adapter">{status.adapter ?? t('popupNoAdapter')}</dd>
            {status.confidence && (
              <>
                <dt>{t('popupConfidence')}</dt>
                <dd>
                  {t('popupConfidenceValues', {
                    name: formatConfidence(status.confidence.name),
                    birthDate: formatConfidence(status.confidence.birthDate),
                    mrn: formatConfidence(status.confidence.mrn),
                  })}
                </dd>
              </>
            )}
            <dt>{t('popupPatient')}</dt>
            <dd>
              {status.adapter === null
                ? t('popupNoChart')
                : status.identityConfirmed
                  ? t('popupPatientConfirmed')
                  : t('popupPatientNotConfirmed')}
            </dd>
          </dl>
          {status.problems.length > 0 && (
            <ul class="problems">
              {status.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          {status.policyProblems.length > 0 && (
            <section class="policy-problems" aria-labelledby="policy-problems-title">
              <h2 id="policy-problems-title">{t('popupPolicyProblems')}</h2>
              <ul>
                {status.policyProblems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </section>
          )}
          <div class="actions">
            <button type="button" onClick={toggleSidebar} disabled={status.adapter === null}>
              {t('popupToggleSidebar')}
            </button>
            {tab?.origin &&
              (status.enabled ? (
                <button type="button" onClick={disableSite}>
                  {t('popupDisableSite')}
                </button>
              ) : (
                <button type="button" onClick={enableSite}>
                  {t('popupEnableSite')}
                </button>
              ))}
            {tab?.origin && status.packAuthors && (
              <button type="button" data-testid="popup-teach" onClick={teachPage}>
                {t('popupTeach')}
              </button>
            )}
            <button type="button" onClick={() => browser.runtime.openOptionsPage()}>
              {t('popupOpenOptions')}
            </button>
          </div>
        </>
      )}
      {notice && <output class="notice">{notice}</output>}
    </main>
  );
}

const root = document.getElementById('app');
if (root) void installChosenCatalogue().then(() => render(<Popup />, root));
