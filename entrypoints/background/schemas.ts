/**
 * The shape of every request the background answers, checked before a handler sees it
 * (docs/security.md, "Trust boundary"). A content script runs inside a page that may carry
 * hostile script, so what it sends is checked like input from the network: types, ranges and
 * lengths. Kept in the background: valibot never enters the scripts loaded on every chart.
 *
 * Typed as one schema per message type, so a message cannot be added without its schema.
 */
import * as v from 'valibot';
import { OVERRIDE_REASONS } from '../../utils/clinical/override-reasons';
import { SAFETY_PLAN_STEP_IDS } from '../../utils/clinical/safety-plan';
import type { BuilderDraft } from '../../utils/ehr/packs/builder-draft';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import { validateSelectorPack } from '../../utils/ehr/packs/validate';
import type { WireReading } from '../../utils/ehr/wire';
import { CATALOGUE_LANGUAGES } from '../../utils/i18n';
import type { MessageType, RequestOf } from '../../utils/messaging';
import { LAYOUT_WIDTH } from '../../utils/policy/schema';
import { RULE_ID_PATTERN } from '../../utils/storage/dismissals';

/** Generous bounds: large enough for any real chart, small enough that no request is unbounded. */
const SHORT_TEXT = 512;
const LONG_TEXT = 4_000;
const URL_TEXT = 4_096;
const MAX_ENTRIES = 20_000;
/** An export file of a busy workstation, encrypted and base64-encoded. */
const MAX_FILE_TEXT = 64 * 1024 * 1024;
/** The sidebar offers 1, 7 or 30 days; a snooze longer than a quarter is no snooze. */
export const MAX_SNOOZE_DAYS = 90;

const text = (max = SHORT_TEXT) => v.pipe(v.string(), v.maxLength(max));
const nullableText = (max = SHORT_TEXT) => v.nullable(text(max));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const epochMs = v.pipe(v.number(), v.finite(), v.minValue(0));
const fingerprint = text(256);
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const webUrl = v.pipe(text(URL_TEXT), v.url());
const empty = v.strictObject({});
/** Addressed to content scripts: the background answers it for nobody. */
const NOT_FOR_THE_BACKGROUND = v.never();

const identifier = v.object({
  system: nullableText(),
  type: nullableText(64),
  value: text(),
});

export const PatientIdentitySchema = v.object({
  name: nullableText(),
  birthDate: v.nullable(isoDate),
  sex: v.nullable(v.picklist(['female', 'male', 'other', 'unknown'])),
  identifiers: v.pipe(v.array(identifier), v.maxLength(32)),
});

const confidence = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const provenance = v.object({
  source: v.picklist(['page', 'fhir', 'entered']),
  via: text(LONG_TEXT),
  frame: v.optional(text(URL_TEXT)),
  readAt: v.optional(text(64)),
});
/** Entries are checked for their link to a provenance; their fields are read as text later. */
const packedEntries = v.pipe(
  v.array(v.looseObject({ provenance: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
  v.maxLength(MAX_ENTRIES),
);

/**
 * A page reading in its wire form (utils/ehr/wire.ts): its frame checked here, its entries'
 * links to their provenance checked here and by `unpackReading`, their text read as text.
 */
export const WireReadingSchema = v.pipe(
  v.looseObject({
    adapter: text(128),
    confidence: v.object({ name: confidence, birthDate: confidence, mrn: confidence }),
    identityConfirmed: v.boolean(),
    problems: v.pipe(v.array(text(LONG_TEXT)), v.maxLength(200)),
    context: v.looseObject({
      identity: PatientIdentitySchema,
      medications: packedEntries,
      conditions: packedEntries,
      scores: packedEntries,
      monitoring: packedEntries,
      therapies: packedEntries,
      pregnant: v.nullable(v.boolean()),
    }),
    provenances: v.pipe(v.array(provenance), v.maxLength(MAX_ENTRIES)),
    notOnScreen: v.optional(
      v.pipe(
        v.array(v.picklist(['medications', 'conditions', 'scores', 'monitoring', 'therapies'])),
        v.maxLength(5),
      ),
    ),
    evidence: v.optional(
      v.strictObject({
        name: v.optional(text(LONG_TEXT)),
        birthDate: v.optional(text(LONG_TEXT)),
        mrn: v.optional(text(LONG_TEXT)),
        sex: v.optional(text(LONG_TEXT)),
      }),
    ),
  }),
  v.transform((reading) => reading as unknown as WireReading),
);

const safetyPlanStep = v.strictObject({
  entries: v.pipe(v.array(text(LONG_TEXT)), v.maxLength(100)),
  done: v.boolean(),
});

const crisisContact = v.strictObject({
  label: text(),
  phone: v.optional(text(64)),
  text: v.optional(text(64)),
  url: v.optional(text(URL_TEXT)),
  spanish: v.optional(
    v.strictObject({
      label: v.optional(text()),
      phoneOption: v.optional(text(8)),
      textWord: v.optional(text(64)),
    }),
  ),
});

/** A safety plan: every Stanley–Brown step (and the naloxone item), nothing else. */
export const SafetyPlanSchema = v.strictObject({
  steps: v.strictObject(
    Object.fromEntries(SAFETY_PLAN_STEP_IDS.map((id) => [id, safetyPlanStep])) as Record<
      (typeof SAFETY_PLAN_STEP_IDS)[number],
      typeof safetyPlanStep
    >,
  ),
  crisisContacts: v.pipe(v.array(crisisContact), v.maxLength(20)),
  lastReviewed: v.nullable(isoDate),
  updatedAt: text(64),
  revision: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

const itemAnswer = v.union([v.number(), text(64), v.null()]);
const scoreEntry = v.strictObject({
  instrument: text(64),
  date: v.nullable(isoDate),
  total: v.union([v.pipe(v.number(), v.finite()), text(64), v.null()]),
  items: v.optional(v.record(v.pipe(v.string(), v.regex(/^\d{1,3}$/)), itemAnswer)),
  provenance,
});

const layout = v.strictObject({
  mode: v.picklist(['push', 'overlay']),
  width: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(LAYOUT_WIDTH.minimum),
    v.maxValue(LAYOUT_WIDTH.maximum),
  ),
  collapsed: v.boolean(),
});

const frameReport = v.strictObject({
  url: webUrl,
  namePath: v.nullable(v.pipe(v.array(text()), v.maxLength(32))),
  reading: WireReadingSchema,
  patientKey: nullableText(),
  loadedAt: epochMs,
  changedAt: epochMs,
  // The frame's parent document, for a nested frame's evidence (frames/merge.ts).
  parent: v.optional(v.nullable(v.strictObject({ url: webUrl, loadedAt: epochMs }))),
});

const exportFile = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(MAX_FILE_TEXT)),
  passphrase: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
});

/** A pack being built: checked by the policy's own validation before any frame reads with it. */
const builtPack = v.custom<SelectorPack>((value) => validateSelectorPack(value).ok);
const namePath = v.nullable(v.pipe(v.array(text()), v.maxLength(16)));
const builderStepId = v.pipe(v.string(), v.regex(/^[a-z]+\.[A-Za-z]+$/), v.maxLength(64));
const builderSteer = v.strictObject({
  armed: v.nullable(
    v.strictObject({
      stepId: builderStepId,
      kind: v.picklist(['field', 'row', 'cell']),
      rowSelector: v.optional(text(LONG_TEXT)),
    }),
  ),
  pack: v.nullable(builtPack),
  open: v.boolean(),
  check: v.optional(v.boolean()),
  saved: v.optional(
    v.strictObject({
      // Checked again by the panel that takes it up (isBuilderDraft); bounded here.
      draft: v.custom<BuilderDraft>(
        (value) =>
          typeof value === 'object' && value !== null && JSON.stringify(value).length < 64_000,
      ),
      stepId: v.nullable(builderStepId),
      firstPatient: v.nullable(v.pipe(v.string(), v.regex(/^[0-9a-f]{16,64}$/))),
    }),
  ),
});
const builderPick = v.strictObject({
  stepId: builderStepId,
  selector: nullableText(LONG_TEXT),
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sample: text(),
  url: webUrl,
  namePath,
  isTop: v.boolean(),
});
/** Counts per selector path (`medications.item`): bounded like every request. */
const selectorCounts = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(80)), v.pipe(v.number(), v.integer(), v.minValue(0))),
  v.check((counts) => Object.keys(counts).length <= 512),
);
const builderFrameReading = v.strictObject({
  url: webUrl,
  namePath,
  isTop: v.boolean(),
  reading: WireReadingSchema,
  facts: v.optional(v.strictObject({ found: selectorCounts, headings: selectorCounts })),
});

export const REQUEST_SCHEMAS = {
  'content:config': v.strictObject({}),
  'patient:expect': v.strictObject({ identity: PatientIdentitySchema }),
  'patient:open': v.strictObject({
    reading: WireReadingSchema,
    url: webUrl,
    fingerprint,
    patientKey: nullableText(),
    documentLoadedAt: epochMs,
    identityChangedAt: epochMs,
  }),
  'frame:snapshot': frameReport,
  'frame:gone': v.strictObject({ loadedAt: epochMs }),
  'patient:update': NOT_FOR_THE_BACKGROUND,
  'patient:confirm': v.strictObject({ fingerprint }),
  'score:enter': v.strictObject({ fingerprint, entry: scoreEntry }),
  'safety-plan:save': v.strictObject({
    fingerprint,
    plan: SafetyPlanSchema,
    expectedRevision: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  'prompt:dismiss': v.strictObject({
    fingerprint,
    promptId: v.pipe(v.string(), v.regex(RULE_ID_PATTERN)),
    factsKey: text(LONG_TEXT),
    reason: v.picklist(OVERRIDE_REASONS),
    snoozeDays: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SNOOZE_DAYS)),
    ),
  }),
  'record:keep-theirs': v.strictObject({ fingerprint }),
  'record:sign-in': v.strictObject({ fingerprint }),
  'cds:dismiss': v.strictObject({
    fingerprint,
    serviceId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,100}$/)),
    uuid: text(100),
    reason: v.picklist(OVERRIDE_REASONS),
  }),
  'auth:status': empty,
  'auth:sign-in': empty,
  'auth:sign-out': empty,
  'safety-plan:print': v.strictObject({ fingerprint, language: v.picklist(CATALOGUE_LANGUAGES) }),
  'safety-plan:print-data': v.strictObject({ token: v.pipe(v.string(), v.uuid()) }),
  'layout:save': layout,
  'tab:status': v.strictObject({ tabId }),
  'inspect:tab': v.strictObject({ tabId }),
  'site:enable': v.strictObject({ origin: webUrl }),
  'site:disable': v.strictObject({ origin: webUrl }),
  'settings:get': v.strictObject({ policy: v.optional(v.picklist(['wait', 'as-known'])) }),
  'settings:set': v.strictObject({ key: text(64), value: v.unknown() }),
  'audit:read': v.strictObject({
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
  }),
  'data:export-preview': empty,
  'data:export': v.strictObject({
    passphrase: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  }),
  'data:import-preview': exportFile,
  'data:import': exportFile,
  'data:wipe': v.strictObject({ scope: v.literal('all') }),
  'builder:start': v.strictObject({ tabId }),
  'builder:join': empty,
  'builder:steer': builderSteer,
  'builder:steered': NOT_FOR_THE_BACKGROUND,
  'builder:pick': builderPick,
  'builder:chosen': NOT_FOR_THE_BACKGROUND,
  'builder:read': builderFrameReading,
  'builder:frame-preview': NOT_FOR_THE_BACKGROUND,
  'builder:stop': empty,
  'builder:check': v.strictObject({ tabId, pack: builtPack }),
  'builder:check-stop': v.strictObject({ tabId }),
  'builder:checked': NOT_FOR_THE_BACKGROUND,
  'sidebar:toggle': NOT_FOR_THE_BACKGROUND,
} satisfies Record<MessageType, v.GenericSchema>;

/**
 * Each schema's output is the request its handler is typed for: a field added to a request in
 * utils/messaging.ts without its schema here fails the type check (a required field missing from
 * the output is not assignable).
 */
type SchemaOutput<K extends MessageType> = v.InferOutput<(typeof REQUEST_SCHEMAS)[K]>;
export type SchemasMatchProtocol = {
  [K in MessageType]: SchemaOutput<K> extends RequestOf<K> ? true : K;
};
export const SCHEMAS_MATCH_PROTOCOL: SchemasMatchProtocol = {} as {
  [K in MessageType]: true;
};
