/**
 * The builder's panel, in the top document: the steps, what each click chose and how many
 * elements it finds, the policy's own validation of the pack so far, the live preview in the
 * sidebar's own view, the second-patient check and the export. Everything it shows of a patient
 * lives in this component's state while the builder is open, and nowhere else.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Sidebar } from '../../components/Sidebar';
import { findMrn } from '../../components/IdentityBanner';
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
  labelPattern,
  nextStep,
  packFromDraft,
  proposePatientKeyParam,
  rowStepOf,
} from '../../utils/ehr/packs/builder-draft';
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

/** Where a frame's reading is kept: a frame that reloads replaces its own. */
function frameKey(reading: BuilderFrameReading): string {
  if (reading.isTop) return 'top';
  return reading.namePath ? `names:${reading.namePath.join('/')}` : `url:${reading.url}`;
}

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

function patientKeyOf(context: PatientContext): string | null {
  const { name, birthDate, identifiers } = context.identity;
  if (!name || !birthDate) return null;
  return JSON.stringify([name, birthDate, findMrn(identifiers)?.value ?? null]);
}

interface PanelProps {
  origin: string;
  onClose(): void;
}

export function BuilderPanel({ origin, onClose }: PanelProps) {
  const [draft, setDraft] = useState<BuilderDraft>(() =>
    emptyDraft(origin, new URL(origin).host),
  );
  const [stepId, setStepId] = useState<string | null>(BUILDER_STEPS[0]?.id ?? null);
  const [samples, setSamples] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [readings, setReadings] = useState<Record<string, BuilderFrameReading>>({});
  const [firstPatient, setFirstPatient] = useState<string | null>(null);
  const [secondPatient, setSecondPatient] = useState<string | null>(null);
  const [showPreview, setShowPreview] = useState(false);
  const [exportKind, setExportKind] = useState<ExportKind>('pack');

  const step = stepId ? builderStep(stepId) : null;
  const pack = useMemo(() => packFromDraft(draft), [draft]);
  const checked = useMemo(() => validateSelectorPack(pack, 'selectorPack'), [pack]);
  const validPack = checked.ok ? checked.pack : null;
  const packText = validPack ? JSON.stringify(validPack) : '';

  useEffect(() => {
    const armed = step
      ? {
          stepId: step.id,
          kind: step.kind,
          ...(step.kind === 'cell'
            ? { rowSelector: draft.choices[rowStepOf(step)?.id ?? '']?.selector }
            : {}),
        }
      : null;
    void sendMessage('builder:steer', { armed, pack: validPack, open: true }).catch(
      () => undefined,
    );
    // A changed pack reads every frame anew: earlier readings were of another pack.
    setReadings({});
  }, [stepId, packText]);

  useEffect(
    () =>
      onMessages({
        'builder:chosen': (pick: BuilderPick) => {
          choose(pick);
          return { ok: true };
        },
        'builder:frame-preview': (reading) => {
          setReadings((current) => ({ ...current, [frameKey(reading)]: reading }));
          return { ok: true };
        },
      }),
    [stepId, draft],
  );

  function choose(pick: BuilderPick) {
    const picked = builderStep(pick.stepId);
    if (!picked || pick.stepId !== stepId) return;
    if (pick.selector === null) {
      setNotice(t('builderNoSelector'));
      return;
    }
    const field =
      picked.part === 'identity' ? (picked.key as 'name' | 'birthDate' | 'mrn') : null;
    const pattern = field ? labelPattern(pick.sample, field) : undefined;
    const next: BuilderDraft = {
      ...draft,
      choices: {
        ...draft.choices,
        [picked.id]: {
          selector: pick.selector,
          count: pick.count,
          place: { isTop: pick.isTop, url: pick.url, namePath: pick.namePath },
          ...(pattern ? { pattern } : {}),
        },
      },
      skipped: draft.skipped.filter((id) => id !== picked.id),
      addresses: [...new Set([...draft.addresses, location.href, pick.url])],
      recordNumberSeen:
        picked.id === 'identity.mrn'
          ? applyLabelPattern(pick.sample, pattern)
          : draft.recordNumberSeen,
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

  const back = () => {
    const index = BUILDER_STEPS.findIndex((candidate) => candidate.id === stepId);
    const previous = BUILDER_STEPS.slice(0, index < 0 ? BUILDER_STEPS.length : index)
      .reverse()
      .find((candidate) => draft.choices[candidate.id] || draft.skipped.includes(candidate.id));
    if (previous) setStepId(previous.id);
  };

  // The preview: what the pack reads on this page now, as the sidebar would show it.
  const preview = useMemo(() => previewContext(Object.values(readings)), [readings]);
  const shownPatient = preview ? patientKeyOf(preview.context) : null;
  useEffect(() => {
    if (!shownPatient) return;
    if (firstPatient === null) setFirstPatient(shownPatient);
    else if (shownPatient !== firstPatient) setSecondPatient(shownPatient);
  }, [shownPatient, stepId]);

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
  const patientKeyParam = proposePatientKeyParam(draft.addresses, draft.recordNumberSeen);
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
          <p class="cb-notice" role="status">
            {notice}
          </p>
        )}
        <ol class="cb-chosen" data-testid="builder-chosen">
          {BUILDER_STEPS.filter((candidate) => draft.choices[candidate.id]).map((candidate) => {
            const choice = draft.choices[candidate.id];
            if (!choice) return null;
            return (
              <li key={candidate.id} data-step={candidate.id}>
                <strong>{t(stepLabelKey(candidate))}</strong>{' '}
                <code>{choice.selector}</code>{' '}
                <span class="cb-count" data-testid="builder-count">
                  {t('builderMatches', { count: number.format(choice.count) })}
                </span>
                {!choice.place.isTop && (
                  <span class="cb-frame">
                    {' '}
                    {t('builderInFrame', {
                      frame: choice.place.namePath?.join(' › ') || new URL(choice.place.url).pathname,
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
            <div class="cb-tabs" role="group" aria-label={t('builderExportTitle')}>
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
            </div>
            <label>
              {EXPORT_FILES[exportKind]}
              <textarea readOnly data-testid="builder-export" data-kind={exportKind} rows={6}>
                {exportText}
              </textarea>
            </label>
            <div class="cb-actions">
              <button
                type="button"
                onClick={() => void navigator.clipboard.writeText(exportText).catch(() => undefined)}
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
