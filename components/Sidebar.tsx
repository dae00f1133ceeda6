import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { glanceOf } from '../utils/clinical/glance';
import type { OverrideReason } from '../utils/clinical/override-reasons';
import type { CrisisContact, SafetyPlan } from '../utils/clinical/safety-plan';
import type { ScoreEntryDefinition } from '../utils/clinical/score-entry';
import type { IsoDate, SidebarContent } from '../utils/clinical/types';
import type { ChartSectionName } from '../utils/ehr/types';
import type { CatalogueLanguage, Translate } from '../utils/i18n';
import type { MedicationMarker, TeamRecordView } from '../utils/patient-view';
import type { LayoutSettings } from '../utils/policy/layout';
import type { CdsCardView } from '../utils/record/cds';
import { CdsCards } from './CdsCards';
import { CriticalItems, criticalFindings } from './CriticalItems';
import { GlanceBlock, GlanceTab } from './Glance';
import { IdentityBanner } from './IdentityBanner';
import { CloseIcon, CollapseIcon, ExpandIcon } from './icons';
import { PromptCards } from './PromptCards';
import { SafetyPlanPanel, type SaveStatus } from './SafetyPlanPanel';
import { type EnteredScore, ScoreEntry } from './ScoreEntry';
import { TeamRecord } from './TeamRecord';
import { TrendPanel } from './TrendPanel';

interface StateBase {
  identityConfirmed: boolean;
  /** What the reader could not read, in plain words. */
  problems: string[];
  /** The error text in `error`; in `ready`, a notice shown under the banner (e.g. a save conflict). */
  message?: string;
}

/** A patient's view on screen: the only state with clinical content, and it always has it. */
export interface ReadyState extends StateBase {
  kind: 'ready';
  content: SidebarContent;
  /** Chart parts held back until their frames show this patient, in plain words. */
  waitingFor?: string[];
  /** Sections the page does not show at all (a tab not opened): "not on this screen", not "none". */
  notOnScreen?: ChartSectionName[];
  adapterName?: string;
}

/**
 * What the sidebar shows, one state at a time: no patient, a patient change in progress (blank),
 * a patient being loaded, a patient's view, or an error. Nothing of a patient's content exists
 * outside `ready`, so no other state can render it.
 */
export type SidebarState =
  | (StateBase & { kind: 'no-patient' | 'changing' | 'error' })
  | (StateBase & {
      kind: 'loading';
      /**
       * The patient the page shows, as its reader confirmed it, for the banner while the rest is
       * computed. Never set from anything but the current page.
       */
      patient?: SidebarContent['patient'];
    })
  | ReadyState;

/** The sidebar's phases: the content script's model moves between them. */
export type SidebarPhase = SidebarState['kind'];

export interface SidebarProps {
  state: SidebarState;
  safetyPlan: SafetyPlan | null;
  safetyPlanSaveStatus: SaveStatus;
  /** When the plan's next review is due, when known (`assessSafetyPlan(...).reviewDue`). */
  safetyPlanReviewDue?: IsoDate | null;
  /** Opioids or OUD in play (`needsNaloxone(context)`): the plan shows the naloxone item. */
  naloxoneApplicable?: boolean;
  crisisContacts: CrisisContact[];
  /** Medication starts and dose changes, drawn as markers on the trend charts. */
  medicationMarkers: MedicationMarker[];
  /** The instruments offered for score entry (`PatientView.scoreEntry`). */
  scoreEntry: ScoreEntryDefinition[];
  /** The visit date: age, default score date, "reviewed today". Components never read the clock. */
  today: IsoDate;
  t: Translate;
  locale: string;
  layout: LayoutSettings;
  onConfirmIdentity(): void;
  onSaveSafetyPlan(plan: SafetyPlan): void;
  /** Opens the patient copy (`SafetyPlanPrintView`) in a printable extension page. */
  onPrintSafetyPlan?(plan: SafetyPlan, language: CatalogueLanguage): void;
  onDismissPrompt(id: string, factsKey: string, reason: OverrideReason, snoozeDays?: number): void;
  onEnterScore(entry: EnteredScore): void;
  onLayoutChange(layout: LayoutSettings): void;
  onClose(): void;
  /** A patient's whole view is on screen, the sections after the first screen included. */
  onViewComplete?(): void;
  /** The clinic's FHIR record for this patient (issue #22); absent without an endpoint. */
  teamRecord?: TeamRecordView | null;
  onKeepRecordVersion?(): void;
  /** Cards from the clinic's CDS services, beside the prompts; null without a service. */
  cds?: { cards: CdsCardView[]; problem: string | null } | null;
  onDismissCdsCard?(card: CdsCardView, reason: OverrideReason): void;
  /** Opens the clinic's SMART sign-in window (background/auth.ts). */
  onSignIn?(): void;
  /** "Copy for the note": the visit as plain text on the clipboard (works with no endpoint). */
  onCopyNote?(): void;
}

export const DEFAULT_WIDTH = 360;
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 720;
const KEYBOARD_STEP = 16;

export function clampWidth(width: number): number {
  if (!Number.isFinite(width)) return DEFAULT_WIDTH;
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
}

/**
 * The window-splitter pattern: drag with a pointer, or focus and use the arrow keys. The sidebar
 * sits on the right, so moving left makes it wider.
 */
function ResizeHandle({
  width,
  t,
  onPreview,
  onCommit,
}: {
  width: number;
  t: Translate;
  onPreview(width: number): void;
  onCommit(width: number): void;
}) {
  const drag = useRef<{ startX: number; startWidth: number; width: number } | null>(null);
  return (
    <hr
      class="cs-resize"
      aria-orientation="vertical"
      aria-label={t('sidebarLayoutResize')}
      aria-valuenow={width}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      tabIndex={0}
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture?.(event.pointerId);
        drag.current = { startX: event.clientX, startWidth: width, width };
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        const next = clampWidth(drag.current.startWidth + (drag.current.startX - event.clientX));
        drag.current.width = next;
        onPreview(next);
      }}
      onPointerUp={() => {
        if (!drag.current) return;
        const { width: finalWidth } = drag.current;
        drag.current = null;
        onCommit(finalWidth);
      }}
      onPointerCancel={() => {
        if (!drag.current) return;
        onPreview(drag.current.startWidth);
        drag.current = null;
      }}
      onKeyDown={(event) => {
        const next =
          event.key === 'ArrowLeft'
            ? width + KEYBOARD_STEP
            : event.key === 'ArrowRight'
              ? width - KEYBOARD_STEP
              : event.key === 'Home'
                ? MIN_WIDTH
                : event.key === 'End'
                  ? MAX_WIDTH
                  : null;
        if (next === null) return;
        event.preventDefault();
        onCommit(clampWidth(next));
      }}
    />
  );
}

function identityKey(content: SidebarContent): string {
  const { name, birthDate, identifiers } = content.patient;
  return JSON.stringify([name, birthDate, identifiers.map((id) => [id.system, id.value])]);
}

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: preact.ComponentChildren;
}) {
  return (
    <section class="cs-section" aria-labelledby={id}>
      <h2 id={id} class="cs-section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * False for a patient's first paint, true from the frame after it (Preact runs effects once the
 * browser has painted). What a clinician looks at first — banner, critical items, prompts, trends
 * — is painted without waiting for the sections after it, which sit below the first screen (the
 * safety plan starts about two screens down on a long chart). Rendering those in the same frame
 * made the first one 10–13 ms later on the benchmark's five-year chart, in interleaved runs.
 */
function useFrameAfterFirstPaint(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => setAfter(true), []);
  return after;
}

/** The props of a patient's view: the sidebar's, in `ready`, with its content. */
type PatientBodyProps = Omit<SidebarProps, 'state'> & {
  state: ReadyState;
  content: SidebarContent;
};

function PatientBody(props: PatientBodyProps) {
  const { content, state, t, locale, today, onViewComplete } = props;
  const [enteringScore, setEnteringScore] = useState(false);
  const restShown = useFrameAfterFirstPaint();
  // Told once per patient, whatever the parent passes on later renders.
  const viewComplete = useRef(onViewComplete);
  viewComplete.current = onViewComplete;
  useEffect(() => {
    if (restShown) viewComplete.current?.();
  }, [restShown]);
  const banner = (
    <IdentityBanner
      patient={content.patient}
      identityConfirmed={state.identityConfirmed}
      problems={state.problems}
      adapterName={state.adapterName}
      today={today}
      t={t}
      locale={locale}
      onConfirmIdentity={props.onConfirmIdentity}
    />
  );
  // Until the clinician confirms who this is, nothing clinical is shown under the name: a wrong
  // match would put one patient's scores and plan beside another's chart.
  const notice = state.message && (
    <output class="cs-notice">
      <strong>{t('sidebarNotice')}:</strong> {state.message}
    </output>
  );
  if (!state.identityConfirmed) {
    return (
      <div class="cs-body">
        {banner}
        {notice}
      </div>
    );
  }
  const critical = criticalFindings(content.measures);

  return (
    <div class="cs-body">
      {banner}
      {notice}
      {state.waitingFor && state.waitingFor.length > 0 && (
        <section class="cs-waiting" aria-label={t('sidebarWaitingTitle')}>
          <ul class="cs-muted">
            {state.waitingFor.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      <GlanceBlock
        glance={glanceOf(content, critical)}
        crisisContacts={props.crisisContacts}
        contactsPinned={critical.length > 0}
        t={t}
        locale={locale}
      />
      <CriticalItems
        measures={content.measures}
        crisisContacts={props.crisisContacts}
        t={t}
        locale={locale}
      />
      <div class="cs-scroll">
        <Section id="cs-section-prompts" title={t('sidebarPromptsTitle')}>
          <PromptCards
            prompts={content.prompts}
            t={t}
            locale={locale}
            onDismissPrompt={props.onDismissPrompt}
          />
          {props.cds && (
            <CdsCards
              cards={props.cds.cards}
              problem={props.cds.problem}
              t={t}
              onDismiss={(card, reason) => props.onDismissCdsCard?.(card, reason)}
            />
          )}
        </Section>
        <Section id="cs-section-trends" title={t('sidebarTrendsTitle')}>
          {enteringScore ? (
            <ScoreEntry
              today={today}
              definitions={props.scoreEntry}
              crisisContacts={props.crisisContacts}
              t={t}
              locale={locale}
              onEnterScore={(entry) => {
                props.onEnterScore(entry);
                setEnteringScore(false);
              }}
              onCancel={() => setEnteringScore(false)}
            />
          ) : (
            <button type="button" class="cs-button" onClick={() => setEnteringScore(true)}>
              {t('sidebarScoreOpen')}
            </button>
          )}
          <TrendPanel
            measures={content.measures}
            medicationMarkers={props.medicationMarkers}
            t={t}
            locale={locale}
          />
        </Section>
        {restShown && <SectionsAfterFirstScreen {...props} />}
      </div>
    </div>
  );
}

/** The safety plan and the medication list: below the first screen (`useFrameAfterFirstPaint`). */
function SectionsAfterFirstScreen(props: PatientBodyProps) {
  const { content, state, t, locale, today } = props;
  return (
    <>
      <Section id="cs-section-safety" title={t('sidebarSafetyTitle')}>
        {props.teamRecord && (
          <TeamRecord
            record={props.teamRecord}
            t={t}
            locale={locale}
            onKeepRecordVersion={() => props.onKeepRecordVersion?.()}
            onSignIn={props.onSignIn}
          />
        )}
        <SafetyPlanPanel
          plan={props.safetyPlan}
          assessment={content.safetyPlan}
          reviewDue={props.safetyPlanReviewDue}
          naloxoneApplicable={props.naloxoneApplicable}
          saveStatus={props.safetyPlanSaveStatus}
          crisisContacts={props.crisisContacts}
          today={today}
          t={t}
          locale={locale}
          onSaveSafetyPlan={props.onSaveSafetyPlan}
          onPrintSafetyPlan={props.onPrintSafetyPlan}
        />
        {props.onCopyNote && (
          <button
            type="button"
            class="cs-copy-note"
            data-copy-note
            onClick={(event) => event.isTrusted && props.onCopyNote?.()}
          >
            {t('sidebarCopyNote')}
          </button>
        )}
      </Section>
      <Section id="cs-section-medications" title={t('sidebarMedicationsTitle')}>
        {content.medications.length === 0 ? (
          <p class="cs-muted">
            {t(
              state.notOnScreen?.includes('medications')
                ? 'sidebarMedicationsNotOnScreen'
                : 'sidebarMedicationsNone',
            )}
          </p>
        ) : (
          <ul class="cs-medications">
            {content.medications.map((medication) => (
              <li key={medication.text}>
                <span>{medication.text}</span>
                {medication.class && <span class="cs-muted"> · {medication.class}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function StateBody(props: SidebarProps) {
  const { state, t } = props;
  switch (state.kind) {
    case 'changing':
      // Blank by construction: nothing of the previous patient is rendered, not even hidden.
      return (
        <div class="cs-body" data-state="changing">
          <output class="cs-visually-hidden">{t('sidebarStateChanging')}</output>
        </div>
      );
    case 'loading':
      return (
        <div class="cs-body" data-state="loading">
          {state.patient && (
            <IdentityBanner
              patient={state.patient}
              identityConfirmed={true}
              problems={[]}
              today={props.today}
              t={t}
              locale={props.locale}
              onConfirmIdentity={props.onConfirmIdentity}
            />
          )}
          <output class="cs-muted">{t('sidebarStateLoading')}</output>
        </div>
      );
    case 'no-patient':
      return (
        <div class="cs-body" data-state="no-patient">
          <p class="cs-muted">{t('sidebarStateNoPatient')}</p>
        </div>
      );
    case 'error':
      return (
        <div class="cs-body" data-state="error">
          <p class="cs-error" role="alert">
            {t('sidebarStateError')}
            {state.message ? ` ${state.message}` : ''}
          </p>
        </div>
      );
    case 'ready':
      // Keyed by identity, so local drafts (a half-typed plan entry, score answers) can never
      // outlive the patient they were typed for.
      return (
        <PatientBody
          key={identityKey(state.content)}
          {...props}
          state={state}
          content={state.content}
        />
      );
  }
}

/**
 * The sidebar shell: toolbar (push/overlay, collapse, close), resize handle and the body for the
 * current state. Presentational: every change goes out through a callback.
 */
export function Sidebar(props: SidebarProps) {
  const { layout, t, state } = props;
  const [liveWidth, setLiveWidth] = useState(clampWidth(layout.width));
  // A layout effect, in the same task as the render: an effect after the paint could land after
  // the next key press on the resize handle and put back the width from before it.
  useLayoutEffect(() => setLiveWidth(clampWidth(layout.width)), [layout.width]);
  // Collapsing removes the button that had focus (and expanding the tab): focus moves to the
  // control that undoes it, so a keyboard user is not dropped at the top of the EHR page.
  const toggledByUser = useRef(false);
  const expandTab = useRef<HTMLButtonElement>(null);
  const collapseButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!toggledByUser.current) return;
    toggledByUser.current = false;
    (layout.collapsed ? expandTab : collapseButton).current?.focus();
  }, [layout.collapsed]);
  const setCollapsed = (collapsed: boolean) => {
    toggledByUser.current = true;
    props.onLayoutChange({ ...layout, collapsed });
  };

  if (layout.collapsed) {
    // The tab shows a patient only in `ready`, and `App` turns `ready` into `changing` the moment
    // the page no longer shows that patient: the initials follow the same guard as the chart.
    const tabContent = state.kind === 'ready' ? state.content : undefined;
    const glance = tabContent
      ? glanceOf(tabContent, state.identityConfirmed ? criticalFindings(tabContent.measures) : [])
      : null;
    return (
      <aside class="cs-root cs-collapsed" aria-label={t('sidebarLabel')} data-mode={layout.mode}>
        {/* Named by what it shows (speech-input users say what they see: "click Careside"),
            collapsed state as aria-expanded, the action as its description. */}
        <button
          type="button"
          class="cs-tab"
          aria-expanded={false}
          title={t('sidebarLayoutExpand')}
          ref={expandTab}
          onClick={() => setCollapsed(false)}
        >
          <ExpandIcon />
          <span class="cs-tab-name">{t('extensionName')}</span>
          {glance && (
            <GlanceTab
              glance={glance}
              confirmed={state.identityConfirmed}
              t={t}
              locale={props.locale}
            />
          )}
        </button>
      </aside>
    );
  }

  return (
    <aside
      class="cs-root"
      aria-label={t('sidebarLabel')}
      data-mode={layout.mode}
      style={{ width: `${liveWidth}px` }}
    >
      <ResizeHandle
        width={liveWidth}
        t={t}
        onPreview={setLiveWidth}
        onCommit={(width) => {
          setLiveWidth(width);
          props.onLayoutChange({ ...layout, width });
        }}
      />
      <div class="cs-panel">
        <header class="cs-toolbar">
          <span class="cs-brand">{t('extensionName')}</span>
          <div class="cs-toolbar-actions">
            <button
              type="button"
              class="cs-button cs-button-small"
              aria-pressed={layout.mode === 'overlay'}
              onClick={() =>
                props.onLayoutChange({
                  ...layout,
                  mode: layout.mode === 'overlay' ? 'push' : 'overlay',
                })
              }
            >
              {t('sidebarLayoutOverlay')}
            </button>
            <button
              type="button"
              class="cs-icon-button"
              aria-label={t('sidebarLayoutCollapse')}
              title={t('sidebarLayoutCollapse')}
              ref={collapseButton}
              onClick={() => setCollapsed(true)}
            >
              <CollapseIcon />
            </button>
            <button
              type="button"
              class="cs-icon-button"
              aria-label={t('sidebarClose')}
              title={t('sidebarClose')}
              onClick={props.onClose}
            >
              <CloseIcon />
            </button>
          </div>
        </header>
        <StateBody {...props} />
      </div>
    </aside>
  );
}
