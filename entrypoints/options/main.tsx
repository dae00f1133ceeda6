import { Fragment, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { installChosenCatalogue, t, uiLocale } from '../../utils/i18n/browser';
import {
  type AuditRow,
  type AuthStatusView,
  type ExportSummary,
  type ImportPreview,
  type SettingsView,
  sendMessage,
} from '../../utils/messaging';
import { CheckPackSection } from './check-pack';
import './options.css';
import {
  AdvancedSection,
  ContactsSection,
  LayoutSection,
  PackAuthorsSection,
  RulesSection,
  SitesSection,
} from './settings-sections';

function SummaryList({ summary }: { summary: ExportSummary }) {
  return (
    <ul class="summary">
      <li>{t('optionsSummaryPatients', { count: summary.patients })}</li>
      <li>{t('optionsSummaryScores', { count: summary.scores })}</li>
      <li>{t('optionsSummarySafetyPlans', { count: summary.safetyPlans })}</li>
      <li>{t('optionsSummaryDismissals', { count: summary.dismissals })}</li>
    </ul>
  );
}

/**
 * Export: what the file will hold is shown first; it is written only after the user typed a
 * passphrase twice, encrypted by the background (utils/storage/export-file.ts).
 */
function ExportSection({ onDone }: { onDone(): void }) {
  const [summary, setSummary] = useState<ExportSummary | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const prepare = async () => setSummary(await sendMessage('data:export-preview', {}));
  const write = async (event: Event) => {
    event.preventDefault();
    if (passphrase !== again) {
      setMessage(t('optionsPassphraseMismatch'));
      return;
    }
    try {
      const { fileName, text } = await sendMessage('data:export', { passphrase });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
      link.download = fileName;
      link.click();
      URL.revokeObjectURL(link.href);
      setMessage(t('optionsExported'));
      setSummary(null);
      setPassphrase('');
      setAgain('');
      onDone();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('optionsExport')}</h2>
      <p>{t('optionsExportExplain')}</p>
      {summary === null ? (
        <button type="button" onClick={prepare}>
          {t('optionsExportPrepare')}
        </button>
      ) : (
        <form onSubmit={write}>
          <p>{t('optionsExportWillHold')}</p>
          <SummaryList summary={summary} />
          <label for="export-passphrase">{t('optionsPassphrase')}</label>
          <input
            id="export-passphrase"
            type="password"
            autocomplete="new-password"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
          <label for="export-passphrase-again">{t('optionsPassphraseAgain')}</label>
          <input
            id="export-passphrase-again"
            type="password"
            autocomplete="new-password"
            value={again}
            onInput={(e) => setAgain(e.currentTarget.value)}
          />
          <button type="submit">{t('optionsExportWrite')}</button>
        </form>
      )}
      {message && <output>{message}</output>}
    </section>
  );
}

/**
 * Import: the file is decrypted and checked first and its contents shown; only then can it be
 * imported, and a stored safety plan newer than the file's is kept (and counted).
 */
function ImportSection({ onDone }: { onDone(): void }) {
  const [text, setText] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const check = async (event: Event) => {
    event.preventDefault();
    if (text === null) return;
    const result = await sendMessage('data:import-preview', { text, passphrase });
    if (result.ok) {
      setPreview(result.summary);
      setMessage(null);
    } else {
      setPreview(null);
      setMessage(result.message);
    }
  };
  const importFile = async () => {
    if (text === null) return;
    const result = await sendMessage('data:import', { text, passphrase });
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    const { summary } = result;
    setMessage(
      [
        t('optionsImported', { patients: summary.patients }),
        summary.safetyPlansKept > 0
          ? t('optionsImportKeptNewer', { count: summary.safetyPlansKept })
          : '',
        ...summary.refused,
      ]
        .filter(Boolean)
        .join(' '),
    );
    setPreview(null);
    onDone();
  };

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('optionsImport')}</h2>
      <p>{t('optionsImportExplain')}</p>
      <form onSubmit={check}>
        <label for="import-file">{t('optionsImportFile')}</label>
        <input
          id="import-file"
          type="file"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            setPreview(null);
            setText(file ? await file.text() : null);
          }}
        />
        <label for="import-passphrase">{t('optionsPassphrase')}</label>
        <input
          id="import-passphrase"
          type="password"
          autocomplete="off"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
        <button type="submit" disabled={text === null}>
          {t('optionsImportCheck')}
        </button>
      </form>
      {preview && (
        <div>
          <p>{t('optionsImportWillHold')}</p>
          <SummaryList summary={preview} />
          <button type="button" onClick={importFile}>
            {t('optionsImportConfirm')}
          </button>
        </div>
      )}
      {message && <output>{message}</output>}
    </section>
  );
}

/** The data sections: wipe, encrypted export and import of the records, and the audit log. */
function DataSection({ reload }: { reload(): void }) {
  const [notice, setNotice] = useState<string | null>(null);
  const wipe = async () => {
    if (!window.confirm(t('optionsWipeConfirm'))) return;
    await sendMessage('data:wipe', { scope: 'all' });
    setNotice(t('optionsWiped'));
    reload();
  };
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{t('optionsData')}</h2>
      <p>{t('optionsDataExplain')}</p>
      <div class="actions">
        <button type="button" onClick={wipe}>
          {t('optionsWipe')}
        </button>
      </div>
      {notice && <output class="notice">{notice}</output>}
    </section>
  );
}

/**
 * SMART sign-in to the clinic's FHIR server (issue 22, item 4): who is signed in, and the buttons.
 * Only shown when the clinic configured it; the token itself never reaches this page.
 */
function SignInSection({ view }: { view: SettingsView }) {
  const [status, setStatus] = useState<AuthStatusView | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Asked again when the settings change: a new FHIR server or client ID ends the session.
  useEffect(() => {
    void sendMessage('auth:status', {}).then(setStatus);
  }, [view]);
  if (!status?.available) return null;
  const signIn = async () => {
    setBusy(true);
    setNotice(null);
    const result = await sendMessage('auth:sign-in', {}).finally(() => setBusy(false));
    if (result.ok) setStatus(result.status);
    else setNotice(result.message);
  };
  const signOut = async () => setStatus(await sendMessage('auth:sign-out', {}));
  const time = new Intl.DateTimeFormat(uiLocale(), { timeStyle: 'short' });
  return (
    <section
      aria-labelledby="sign-in-title"
      data-auth={status.signedIn ? 'signed-in' : 'signed-out'}
    >
      <h2 id="sign-in-title">{t('optionsAuthTitle')}</h2>
      {status.signedIn ? (
        <>
          <p data-auth-user>
            {status.userName
              ? t('optionsAuthSignedInAs', { name: status.userName })
              : t('optionsAuthSignedInUnnamed')}
          </p>
          {status.fhirUser && <p>{t('optionsAuthIdentity', { fhirUser: status.fhirUser })}</p>}
          {status.expiresAt && (
            <p class="hint">{t('optionsAuthUntil', { time: time.format(status.expiresAt) })}</p>
          )}
          <div class="actions">
            <button type="button" onClick={signOut}>
              {t('optionsAuthSignOut')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t('optionsAuthNotSignedIn')}</p>
          <div class="actions">
            <button type="button" onClick={signIn} disabled={busy}>
              {busy ? t('optionsAuthSigningIn') : t('optionsAuthSignIn')}
            </button>
          </div>
        </>
      )}
      {notice && <output class="notice">{notice}</output>}
    </section>
  );
}

function AuditSection({ audit }: { audit: AuditRow[] }) {
  const dateTime = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('optionsAudit')}</h2>
      {audit.length === 0 ? (
        <p>{t('optionsAuditEmpty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('optionsAuditWhen')}</th>
              <th scope="col">{t('optionsAuditWhat')}</th>
              <th scope="col">{t('optionsAuditPatient')}</th>
              <th scope="col">{t('optionsAuditRule')}</th>
              <th scope="col">{t('optionsAuditReason')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((row, index) => (
              <tr key={`${row.at}-${index}`}>
                <td>{dateTime.format(new Date(row.at))}</td>
                <td>{row.type}</td>
                <td>
                  <code>{row.patientKey ? row.patientKey.slice(0, 12) : '—'}</code>
                </td>
                <td>{row.ruleId ?? '—'}</td>
                <td>{row.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface PageState {
  view: SettingsView;
  audit: AuditRow[];
  save(key: string, value: unknown): Promise<string | null>;
  reload(): void;
}

/**
 * The page's sections, in order: one entry each, so a new section (a language choice, checking a
 * selector pack) is one line here.
 */
const SECTIONS: { id: string; render(page: PageState): preact.ComponentChild }[] = [
  { id: 'sign-in', render: (page) => <SignInSection view={page.view} /> },
  { id: 'sites', render: (page) => <SitesSection {...page} /> },
  { id: 'rules', render: (page) => <RulesSection {...page} /> },
  { id: 'contacts', render: (page) => <ContactsSection {...page} /> },
  { id: 'layout', render: (page) => <LayoutSection {...page} /> },
  { id: 'data', render: (page) => <DataSection reload={page.reload} /> },
  { id: 'export', render: (page) => <ExportSection onDone={page.reload} /> },
  { id: 'import', render: (page) => <ImportSection onDone={page.reload} /> },
  { id: 'pack-authors', render: (page) => <PackAuthorsSection {...page} /> },
  { id: 'check-pack', render: () => <CheckPackSection /> },
  { id: 'advanced', render: (page) => <AdvancedSection {...page} /> },
  { id: 'audit', render: (page) => <AuditSection audit={page.audit} /> },
];

function Options() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [audit, setAudit] = useState<AuditRow[]>([]);

  const load = () => {
    // The user's own settings at once; the organization's policy when the browser has read it
    // (seconds after a browser start), which may lock some of them.
    let policyRead = false;
    void sendMessage('settings:get', { policy: 'as-known' }).then((quick) => {
      if (!policyRead) setView(quick);
    });
    void sendMessage('settings:get', { policy: 'wait' }).then((full) => {
      policyRead = true;
      setView(full);
    });
    void sendMessage('audit:read', { limit: 200 }).then(setAudit);
  };
  useEffect(load, []);

  const save = async (key: string, value: unknown): Promise<string | null> => {
    const result = await sendMessage('settings:set', { key, value });
    if (!result.ok) return result.message;
    setView(result.view);
    return null;
  };

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {view === null ? (
        <p>{t('optionsLoading')}</p>
      ) : (
        <>
          {view.policyPending && (
            <p class="pending" data-testid="policy-pending">
              {t('optionsPolicyPending')}
            </p>
          )}
          {view.problems.length > 0 && (
            <section aria-labelledby="problems-title" class="problems">
              <h2 id="problems-title">{t('optionsPolicyProblems')}</h2>
              <ul>
                {view.problems.map((problem) => (
                  <li key={`${problem.key}:${problem.message}`}>{problem.message}</li>
                ))}
              </ul>
            </section>
          )}
          {SECTIONS.map((section) => (
            <Fragment key={section.id}>
              {section.render({ view, audit, save, reload: load })}
            </Fragment>
          ))}
        </>
      )}
    </main>
  );
}

const root = document.getElementById('app');
if (root) void installChosenCatalogue().then(() => render(<Options />, root));
