import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, uiLocale } from '../../utils/i18n/browser';
import {
  type AuditRow,
  type SettingRow,
  type SettingsView,
  sendMessage,
} from '../../utils/messaging';
import './options.css';

const SOURCE_LABEL: Record<SettingRow['source'], string> = {
  policy: 'optionsSourcePolicy',
  user: 'optionsSourceUser',
  default: 'optionsSourceDefault',
};

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return t('optionsValueNone');
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return new Intl.NumberFormat(uiLocale()).format(value);
  if (typeof value === 'boolean') return value ? t('optionsValueOn') : t('optionsValueOff');
  return JSON.stringify(value, null, 2);
}

/** Settings a user may edit here; structured ones (packs, rules, origins) come from clinic IT. */
function SettingEditor({ row, onSave }: { row: SettingRow; onSave(value: unknown): void }) {
  const [draft, setDraft] = useState(JSON.stringify(row.value, null, 2));
  const [error, setError] = useState<string | null>(null);
  const id = `setting-${row.key}`;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        try {
          onSave(JSON.parse(draft));
          setError(null);
        } catch {
          setError(t('optionsInvalidJson'));
        }
      }}
    >
      <label for={id}>{t('optionsEditValue', { key: row.key })}</label>
      <textarea id={id} value={draft} rows={3} onInput={(e) => setDraft(e.currentTarget.value)} />
      <button type="submit">{t('optionsSave')}</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function Options() {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [audit, setAudit] = useState<AuditRow[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  const load = async () => {
    setSettings(await sendMessage('settings:get', {}));
    setAudit(await sendMessage('audit:read', { limit: 200 }));
  };
  useEffect(() => {
    void load();
  }, []);

  const save = async (key: string, value: unknown) => {
    const result = await sendMessage('settings:set', { key, value });
    if (result.ok) {
      setSettings(result.view);
      setNotice(t('optionsSaved'));
    } else {
      setNotice(result.message);
    }
  };

  const exportData = async () => {
    const { fileName, json } = await sendMessage('data:export', {});
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([json], { type: 'application/fhir+json' }));
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const wipe = async () => {
    if (!window.confirm(t('optionsWipeConfirm'))) return;
    await sendMessage('data:wipe', { scope: 'all' });
    setNotice(t('optionsWiped'));
    await load();
  };

  const dateTime = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {notice && <output class="notice">{notice}</output>}
      {settings && settings.problems.length > 0 && (
        <section aria-labelledby="problems-title" class="problems">
          <h2 id="problems-title">{t('optionsPolicyProblems')}</h2>
          <ul>
            {settings.problems.map((problem) => (
              <li key={`${problem.key}:${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="settings-title">
        <h2 id="settings-title">{t('optionsSettings')}</h2>
        {settings === null ? (
          <p>{t('optionsLoading')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('optionsSetting')}</th>
                <th scope="col">{t('optionsValue')}</th>
                <th scope="col">{t('optionsSource')}</th>
              </tr>
            </thead>
            <tbody>
              {settings.rows.map((row) => (
                <tr key={row.key} data-setting={row.key}>
                  <th scope="row">{row.key}</th>
                  <td>
                    <pre>{displayValue(row.value)}</pre>
                    {!row.locked && <SettingEditor row={row} onSave={(v) => save(row.key, v)} />}
                  </td>
                  <td>
                    {t(SOURCE_LABEL[row.source])}
                    {row.locked && <strong class="locked"> {t('optionsLocked')}</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="data-title">
        <h2 id="data-title">{t('optionsData')}</h2>
        <p>{t('optionsDataExplain')}</p>
        <div class="actions">
          <button type="button" onClick={exportData}>
            {t('optionsExport')}
          </button>
          <button type="button" onClick={wipe}>
            {t('optionsWipe')}
          </button>
        </div>
      </section>
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
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Options />, root);
