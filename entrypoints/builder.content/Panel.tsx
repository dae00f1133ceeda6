/**
 * The builder's panel, in the top document: the steps, what each click chose and how many
 * elements it finds, the policy's own validation of the pack so far, the live preview in the
 * sidebar's own view, the second-patient check and the export. Everything it shows of a patient
 * lives in this component's state while the builder is open, and nowhere else.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { findMrn } from '../../components/IdentityBanner';
import { Sidebar } from '../../components/Sidebar';
import { localToday } from '../../utils/calendar';
import { buildSidebarContent } from '../../utils/clinical/sidebar-content';
import { emptyPatientContext, type PatientContext } from '../../utils/clinical/types';
import {
  applyLabelPattern,
  BUILDER_STEPS,
  type BuilderDraft,
  type BuilderStep,
  builderStep,
  emptyDraft,
  frameFor,
  isBuilderDraft,
  labelPattern,
  nextStep,
  packFromDraft,
  proposePatientKeyParam,
  rowStepOf,
} from '../../utils/ehr/packs/builder-draft';
import { frameReadingKey } from '../../utils/ehr/packs/pack-check';
import { CARESIDE_FIREFOX_ID, packPolicyFiles } from '../../utils/ehr/packs/policy-files';
import { validateSelectorPack } from '../../utils/ehr/packs/validate';
import { unpackReading } from '../../utils/ehr/wire';
import { t, uiLocale } from '../../utils/i18n/browser';
import {
  type BuilderFrameReading,
  type BuilderPick,
  onMessages,
  sendMessage,
} from '../../utils/messaging';

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `identity.birthDate` → `builderStepIdentityBirthDate` (public/_locales). */
export function stepLabelKey(step: BuilderStep): string {
  return `builderStep${upperFirst(step.part)}${upperFirst(step.key)}`;
}

function askKey(step: BuilderStep): string {
  return step.kind === 'field'
    ? 'builderAskField'
    : step.kind === 'row'
      ? 'builderAskRow'
      : 'builderAskCell';
}

type ExportKind = 'pack' | 'chrome' | 'windows' | 'firefox';

const EXPORT_FILES: Record<ExportKind, string> = {
  pack: 'careside-pack.json',
  chrome: 'careside-packs-chrome.json',
  windows: 'careside-packs.reg',
  firefox: 'policies.json',
};

/** The chart the pack reads on this page: the top document's patient, every frame's lists. */
function previewContext(readings: BuilderFrameReading[]): {
  context: PatientContext;
  identityConfirmed: boolean;
  problems: string[];
} | null {
  const top = readings.find((reading) => reading.isTop);
  if (!top) return null;
  const topReading = unpackReading(top.reading);
  const context = emptyPatientContext(topReading.context.identity);
  for (const wire of readings) {
    const { context: part } = unpackReading(wire.reading);
    context.medications.push(...part.medications);
    context.conditions.push(...part.conditions);
    context.scores.push(...part.scores);
    context.monitoring.push(...part.monitoring);
    context.therapies.push(...part.therapies);
  }
  return {
    context,
    identityConfirmed: topReading.identityConfirmed,
    problems: topReading.problems,
  };
}

/** A digest of who the preview shows: compared across patients, never shown or kept as such. */
async function patientDigestOf(context: PatientContext): Promise<string | null> {
  const { name, birthDate, identifiers } = context.identity;
  if (!name || !birthDate) return null;
  const text = JSON.stringify([name, birthDate, findMrn(identifiers)?.value ?? null]);
  // Web Crypto exists on https pages and this computer's own; an EHR on plain http elsewhere
  // gets a shorter non-cryptographic digest (FNV-1a), enough to tell two patients apart.
  if (!crypto.subtle) {
    let hash = 0xcbf29ce484222325n;
    for (const byte of new TextEncoder().encode(text)) {
      hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return hash.toString(16).padStart(16, '0');
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

interface PanelProps {
  origin: string;
  onClose(): void;
}

export function BuilderPanel({ origin, onClose }: PanelProps) {
  const [draft, setDraft] = useState<BuilderDraft>(() => emptyDraft(origin, new URL(origin).host));
  const [stepId, setStepId] = useState<string | null>(BUILDER_STEPS[0]?.id ?? null);
  const [samples, setSamples] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [readings, setReadings] = useState<Record<string, BuilderFrameReading>>({});
  const [firstPatient, setFirstPatient] = useState<string | null>(null);
  const [secondPatient, setSecondPatient] = useState<string | null>(null);
  // Addresses and the record number as clicked: only to find the patient parameter, in memory.
  const [addresses, setAddresses] = useState<string[]>([location.href]);
  const [recordNumber, setRecordNumber] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);
  const [showPreview, setShowPreview] = useState(false);
  const [exportKind, setExportKind] = useState<ExportKind>('pack');

  const step = stepId ? builderStep(stepId) : null;
  const pack = useMemo(() => packFromDraft(draft), [draft]);
  const checked = useMemo(() => validateSelectorPack(pack, 'selectorPack'), [pack]);
  const validPack = checked.ok ? checked.pack : null;
  const packText = validPack ? JSON.stringify(validPack) : '';

  // A new page (another patient opened) starts a new panel: it takes up the work so far.
  useEffect(() => {
    void sendMessage('builder:join', {})
      .then(({ saved }) => {
        if (saved && isBuilderDraft(saved.draft, origin)) {
          setDraft(saved.draft);
          setStepId(saved.stepId);
          setFirstPatient(saved.firstPatient);
        }
      })
      .catch(() => undefined)
      .finally(() => setRestored(true));
  }, []);

  useEffect(() => {
    if (!restored) return;
    const armed = step
      ? {
          stepId: step.id,
          kind: step.kind,
          ...(step.kind === 'cell'
            ? { rowSelector: draft.choices[rowStepOf(step)?.id ?? '']?.selector }
            : {}),
        }
      : null;
    void sendMessage('builder:steer', {
      armed,
      pack: validPack,
      open: true,
      saved: { draft, stepId, firstPatient },
    }).catch(() => undefined);
  }, [restored, stepId, draft, firstPatient]);
  // A changed pack reads every frame anew: earlier readings were of another pack.
  useEffect(() => setReadings({}), [packText]);

  useEffect(
    () =>
      onMessages({
        'builder:chosen': (pick: BuilderPick) => {
          choose(pick);
          return { ok: true };
        },
        'builder:frame-preview': (reading) => {
          setReadings((current) => ({ ...current, [frameReadingKey(reading)]: reading }));
          return { ok: true };
        },
      }),
    [stepId, draft, addresses, recordNumber],
  );

  function choose(pick: BuilderPick) {
    const picked = builderStep(pick.stepId);
    if (!picked || pick.stepId !== stepId) return;
    if (pick.selector === null) {
      setNotice(t('builderNoSelector'));
      return;
    }
    const field = picked.part === 'identity' ? (picked.key as 'name' | 'birthDate' | 'mrn') : null;
    const pattern = field ? labelPattern(pick.sample, field) : undefined;
    const frame = frameFor({ isTop: pick.isTop, url: pick.url, namePath: pick.namePath });
    const seen = [...new Set([...addresses, location.href, pick.url])];
    const number =
      picked.id === 'identity.mrn' ? applyLabelPattern(pick.sample, pattern) : recordNumber;
    setAddresses(seen);
    setRecordNumber(number);
    const next: BuilderDraft = {
      ...draft,
      choices: {
        ...draft.choices,
        [picked.id]: {
          selector: pick.selector,
          count: pick.count,
          isTop: pick.isTop,
          ...(frame ? { frame } : {}),
          ...(pattern ? { pattern } : {}),
        },
      },
      skipped: draft.skipped.filter((id) => id !== picked.id),
      patientKeyParam: draft.patientKeyParam ?? proposePatientKeyParam(seen, number),
    };
    setSamples((current) => ({
      ...current,
      [picked.id]: field ? applyLabelPattern(pick.sample, pattern) : pick.sample,
    }));
    setNotice(
      field && !pick.isTop
        ? t('builderIdentityInFrame')
        : pick.count === 0
          ? t('builderFindsNothing')
          : field && pick.count > 1
            ? t('builderFindsSeveral', { count: pick.count })
            : null,
    );
    setDraft(next);
    setStepId(nextStep(next, picked.id)?.id ?? null);
  }

  const skip = () => {
    if (!step) return;
    const next = { ...draft, skipped: [...new Set([...draft.skipped, step.id])] };
    setDraft(next);
    setNotice(null);
    setStepId(nextStep(next, step.id)?.id ?? null);
  };

  /** The row's cells the admin did not click: the rest of this list is skipped in one go. */
  const nextList = () => {
    if (!step) return;
    const rest = BUILDER_STEPS.filter(
      (candidate) =>
        candidate.part === step.part &&
        candidate.kind === 'cell' &&
        BUILDER_STEPS.indexOf(candidate) >= BUILDER_STEPS.indexOf(step),
    );
    const next = {
      ...draft,
      skipped: [...new Set([...draft.skipped, ...rest.map((candidate) => candidate.id)])],
    };
    setDraft(next);
    setNotice(null);
    setStepId(nextStep(next, rest[rest.length - 1]?.id ?? step.id)?.id ?? null);
  };

  const back = () => {
    const index = BUILDER_STEPS.findIndex((candidate) => candidate.id === stepId);
    const previous = BUILDER_STEPS.slice(0, index < 0 ? BUILDER_STEPS.length : index)
      .reverse()
      .find((candidate) => draft.choices[candidate.id] || draft.skipped.includes(candidate.id));
    if (previous) setStepId(previous.id);
  };

  // The preview: what the pack reads on this page now, as the sidebar would show it.
  const preview = useMemo(() => previewContext(Object.values(readings)), [readings]);
  useEffect(() => {
    if (!preview || !restored) return;
    void patientDigestOf(preview.context).then((shown) => {
      if (!shown) return;
      if (firstPatient === null) setFirstPatient(shown);
      else if (shown !== firstPatient) setSecondPatient(shown);
    });
  }, [preview, restored, firstPatient]);

  const today = localToday();
  const content = useMemo(
    () => (preview ? buildSidebarContent(preview.context, { now: today, t }) : null),
    [preview, today],
  );
  const counts = preview
    ? {
        medications: preview.context.medications.length,
        problems: preview.context.conditions.length,
        scores: preview.context.scores.length,
        measurements: preview.context.monitoring.length,
        therapies: preview.context.therapies.length,
      }
    : null;

  const policyFiles = validPack
    ? packPolicyFiles([validPack], {
        chromeId: browser.runtime.id,
        firefoxId: CARESIDE_FIREFOX_ID,
      })
    : null;
  const exportText = !validPack
    ? ''
    : exportKind === 'pack'
      ? `${JSON.stringify(validPack, null, 2)}\n`
      : exportKind === 'chrome'
        ? (policyFiles?.chromeJson ?? '')
        : exportKind === 'windows'
          ? (policyFiles?.windowsReg ?? '')
          : (policyFiles?.firefoxPolicies ?? '');
  const testCommand = `npm run inspect -- ${location.origin}${location.pathname}${location.search} --policy ${EXPORT_FILES.chrome}`;
  const { patientKeyParam } = draft;
  const number = new Intl.NumberFormat(uiLocale());

  const stepNumber = step ? BUILDER_STEPS.indexOf(step) + 1 : BUILDER_STEPS.length;

  return (
    <>
      <section class="cb-panel" aria-labelledby="cb-title" data-testid="builder-panel">
        <header class="cb-header">
          <h1 id="cb-title">{t('builderTitle')}</h1>
          <button
            type="button"
            class="cb-close"
            data-testid="builder-close"
            onClick={() => {
              void sendMessage('builder:stop', {}).finally(onClose);
            }}
          >
            {t('builderClose')}
          </button>
        </header>
        {step ? (
          <div class="cb-step" data-testid="builder-step" data-step={step.id}>
            <p class="cb-progress">
              {t('builderProgress', {
                step: number.format(stepNumber),
                steps: number.format(BUILDER_STEPS.length),
              })}
            </p>
            <p class="cb-ask">{t(askKey(step), { field: t(stepLabelKey(step)) })}</p>
            <div class="cb-actions">
              <button type="button" data-testid="builder-skip" onClick={skip}>
                {step.kind === 'row' ? t('builderSkipList') : t('builderSkip')}
              </button>
              {step.kind === 'cell' && (
                <button type="button" data-testid="builder-next-list" onClick={nextList}>
                  {t('builderNextList')}
                </button>
              )}
              <button type="button" onClick={back}>
                {t('builderBack')}
              </button>
              <button type="button" data-testid="builder-finish" onClick={() => setStepId(null)}>
                {t('builderFinish')}
              </button>
            </div>
          </div>
        ) : (
          <p class="cb-done" data-testid="builder-done">
            {t('builderDone')}
          </p>
        )}
        {notice && (
          <output class="cb-notice" data-testid="builder-notice">
            {notice}
          </output>
        )}
        <ol class="cb-chosen" data-testid="builder-chosen">
          {BUILDER_STEPS.filter((candidate) => draft.choices[candidate.id]).map((candidate) => {
            const choice = draft.choices[candidate.id];
            if (!choice) return null;
            return (
              <li key={candidate.id} data-step={candidate.id}>
                <strong>{t(stepLabelKey(candidate))}</strong> <code>{choice.selector}</code>{' '}
                <span class="cb-count" data-testid="builder-count">
                  {t('builderMatches', { count: number.format(choice.count) })}
                </span>
                {choice.frame && (
                  <span class="cb-frame">
                    {' '}
                    {t('builderInFrame', {
                      frame: choice.frame.name?.join(' › ') ?? choice.frame.urlMatch ?? '',
                    })}
                  </span>
                )}
                {samples[candidate.id] && <q class="cb-sample">{samples[candidate.id]}</q>}
              </li>
            );
          })}
        </ol>
        {patientKeyParam && (
          <p class="cb-key" data-testid="builder-key">
            {t('builderPatientKey', { param: patientKeyParam })}
          </p>
        )}
        <section class="cb-checks" aria-labelledby="cb-checks-title">
          <h2 id="cb-checks-title">{t('builderChecksTitle')}</h2>
          {checked.ok ? (
            <p data-testid="builder-valid">{t('builderPackValid')}</p>
          ) : (
            <ul data-testid="builder-invalid">
              {checked.errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          )}
          {counts && (
            <p data-testid="builder-reads">
              {t('builderReads', {
                medications: number.format(counts.medications),
                problems: number.format(counts.problems),
                scores: number.format(counts.scores),
                measurements: number.format(counts.measurements),
                therapies: number.format(counts.therapies),
              })}
            </p>
          )}
          {validPack && (
            <p data-testid="builder-second-patient">
              {secondPatient
                ? t('builderSecondPatientRead')
                : firstPatient
                  ? t('builderOpenSecondPatient')
                  : t('builderWaitingForPatient')}
            </p>
          )}
          {validPack && (
            <button
              type="button"
              data-testid="builder-preview-toggle"
              aria-pressed={showPreview}
              onClick={() => setShowPreview(!showPreview)}
            >
              {showPreview ? t('builderHidePreview') : t('builderShowPreview')}
            </button>
          )}
        </section>
        {validPack && (
          <section class="cb-export" aria-labelledby="cb-export-title">
            <h2 id="cb-export-title">{t('builderExportTitle')}</h2>
            <fieldset class="cb-tabs">
              <legend class="cb-hidden">{t('builderExportTitle')}</legend>
              {(Object.keys(EXPORT_FILES) as ExportKind[]).map((kind) => (
                <button
                  type="button"
                  key={kind}
                  data-export={kind}
                  aria-pressed={exportKind === kind}
                  onClick={() => setExportKind(kind)}
                >
                  {t(`builderExport${upperFirst(kind)}`)}
                </button>
              ))}
            </fieldset>
            <label>
              {EXPORT_FILES[exportKind]}
              <textarea readOnly data-testid="builder-export" data-kind={exportKind} rows={6}>
                {exportText}
              </textarea>
            </label>
            <div class="cb-actions">
              <button
                type="button"
                onClick={() =>
                  void navigator.clipboard.writeText(exportText).catch(() => undefined)
                }
              >
                {t('builderCopy')}
              </button>
            </div>
            <p>{t('builderTestCommand')}</p>
            <code class="cb-command" data-testid="builder-test-command">
              {testCommand}
            </code>
          </section>
        )}
      </section>
      {showPreview && content && preview && (
        <div class="cb-preview" data-testid="builder-preview">
          <p class="cb-preview-ribbon">{t('builderPreviewRibbon')}</p>
          <Sidebar
            state={{
              kind: 'ready',
              content,
              identityConfirmed: preview.identityConfirmed,
              problems: preview.problems,
              adapterName: t('builderPreviewAdapter'),
            }}
            safetyPlan={null}
            safetyPlanSaveStatus="idle"
            crisisContacts={[]}
            medicationMarkers={[]}
            scoreEntry={[]}
            today={today}
            t={t}
            locale={uiLocale()}
            layout={{ mode: 'overlay', width: 360, collapsed: false }}
            onConfirmIdentity={() => undefined}
            onSaveSafetyPlan={() => undefined}
            onDismissPrompt={() => undefined}
            onEnterScore={() => undefined}
            onLayoutChange={() => undefined}
            onClose={() => setShowPreview(false)}
          />
        </div>
      )}
    </>
  );
}
