/**
 * Every setting a clinic administrator can set, described once. Each description yields the
 * valibot schema that checks a value at run time and the Chrome `managed_schema` fragment that
 * Chrome and Edge check policy values against, so the two cannot drift apart: `managed-schema.ts`
 * assembles the document, `scripts/generate-managed-schema.ts` writes it, a unit test compares.
 *
 * Chrome's schema dialect is a small subset of JSON Schema: `type`, `properties`,
 * `additionalProperties`, `items`, `enum`, `minimum` / `maximum` (integers only), `pattern`
 * (RE2 syntax), `title`, `description`. The combinators below only emit those.
 */
import * as v from 'valibot';
import type { CrisisContact } from '../clinical/safety-plan';
import type { SelectorPack } from '../ehr/packs/format';

import { CATALOGUE_LANGUAGES, type CatalogueLanguage } from '../i18n';

export type ManagedJsonSchema =
  | { type: 'string'; title?: string; description?: string; pattern?: string; enum?: string[] }
  | { type: 'integer'; title?: string; description?: string; minimum?: number; maximum?: number }
  | { type: 'number'; title?: string; description?: string }
  | { type: 'boolean'; title?: string; description?: string }
  | { type: 'array'; title?: string; description?: string; items: ManagedJsonSchema }
  | {
      type: 'object';
      title?: string;
      description?: string;
      properties?: Record<string, ManagedJsonSchema>;
      additionalProperties?: ManagedJsonSchema;
    };

/** A value's shape: how valibot checks it and how Chrome's managed schema declares it. */
export interface Shape<T> {
  schema: v.GenericSchema<unknown, T>;
  managed: ManagedJsonSchema;
}

/** A message-catalogue key that says, in plain words, what a valid value looks like. */
export interface Expectation {
  key: string;
  substitutions?: Record<string, number | string>;
}

// ---------------------------------------------------------------------------------------------
// Combinators
// ---------------------------------------------------------------------------------------------

/** valibot's object and record schemas accept arrays (they are objects); settings never do. */
function notArray<T extends object>() {
  return v.check<T, string>((value) => !Array.isArray(value), 'not an array');
}

function wholeNumber(minimum: number, maximum: number): Shape<number> {
  return {
    schema: v.pipe(v.number(), v.integer(), v.minValue(minimum), v.maxValue(maximum)),
    managed: { type: 'integer', minimum, maximum },
  };
}

/** A string matching an RE2-compatible pattern; the same pattern goes into the managed schema. */
function patterned(pattern: string): Shape<string> {
  return {
    schema: v.pipe(v.string(), v.regex(new RegExp(pattern))),
    managed: { type: 'string', pattern },
  };
}

/** On or off. */
function yesNo(): Shape<boolean> {
  return { schema: v.boolean(), managed: { type: 'boolean' } };
}

function choice<const T extends string>(options: readonly T[]): Shape<T> {
  return {
    schema: v.picklist(options) as v.GenericSchema<unknown, T>,
    managed: { type: 'string', enum: [...options] },
  };
}

function listOf<T>(item: Shape<T>, minimumLength = 0): Shape<T[]> {
  return {
    schema: v.pipe(v.array(item.schema), v.minLength(minimumLength)),
    managed: { type: 'array', items: item.managed },
  };
}

/** Names with numbers of zero or more (Chrome's dialect cannot bound a non-integer number). */
function numberMap(): Shape<Record<string, number>> {
  return {
    schema: v.pipe(v.record(v.string(), v.pipe(v.number(), v.finite(), v.minValue(0))), notArray()),
    managed: { type: 'object', additionalProperties: { type: 'number' } },
  };
}

/** Names matching one pattern, each with text matching another (Chrome: `additionalProperties`). */
function textMap(namePattern: string, valuePattern: string): Shape<Record<string, string>> {
  return {
    schema: v.pipe(
      v.record(
        v.pipe(v.string(), v.regex(new RegExp(namePattern))),
        v.pipe(v.string(), v.regex(new RegExp(valuePattern))),
      ),
      notArray(),
    ),
    managed: { type: 'object', additionalProperties: { type: 'string', pattern: valuePattern } },
  };
}

type ShapeMap = Record<string, Shape<unknown>>;
type ShapeOutput<S> = S extends Shape<infer T> ? T : never;
type PartialObject<S extends ShapeMap> = { [K in keyof S]?: ShapeOutput<S[K]> };

/**
 * An object whose properties are all optional: a policy may set one part of a group
 * (`layout.width` only) and the rest comes from the defaults. Unknown properties are dropped,
 * as Chrome drops them; `resolve.ts` names them in a problem so a typo such as `widht` does not
 * pass unnoticed.
 */
function partialObject<S extends ShapeMap>(shapes: S): Shape<PartialObject<S>> {
  const entries = Object.entries(shapes);
  const schemaEntries = Object.fromEntries(
    entries.map(([name, shape]) => [name, v.optional(shape.schema)]),
  );
  return {
    // valibot cannot follow a mapped type through Object.fromEntries; the entries above are
    // exactly the shapes' schemas, each made optional, which is what PartialObject<S> states.
    schema: v.pipe(v.object(schemaEntries), notArray()) as unknown as v.GenericSchema<
      unknown,
      PartialObject<S>
    >,
    managed: {
      type: 'object',
      properties: Object.fromEntries(entries.map(([name, shape]) => [name, shape.managed])),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Value patterns (RE2-compatible, used both by valibot and by Chrome)
// ---------------------------------------------------------------------------------------------

// A match pattern for one EHR: http or https, a named host (optionally every subdomain of a
// domain with at least two labels, `*.ehr.example.org`), an optional port, a path.
// Refused by construction, for least privilege: `<all_urls>`, other schemes, a wildcard-only
// host (`*://*/*`, `https://*/*`) and a wildcard over a top-level domain (`https://*.org/*`).
// (Line comments: the examples would end a block comment.)
export const EHR_ORIGIN_PATTERN =
  '^https?://(\\*\\.[A-Za-z0-9-]+\\.[A-Za-z0-9.-]*[A-Za-z0-9]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:([0-9]{1,5}|\\*))?/[^\\s]*$';

/**
 * An https address, or http on this computer only (localhost, 127.0.0.1, [::1]) so a test
 * server needs no certificate. Patient data never travels over plain http to another host.
 */
export const SECURE_URL_PATTERN =
  '^(https://[A-Za-z0-9.-]+(:[0-9]{1,5})?|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]{1,5})?)(/[^\\s]*)?$';

/** An EHR's origin as the browser states it: scheme, host and port, no path. */
export const ORIGIN_PATTERN = '^https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$';

/** A FHIR identifier system: a URI (`urn:oid:…`, `https://…`), no spaces. */
/**
 * An OAuth client ID as authorization servers issue them: names, UUIDs, URLs. RFC 6749 allows any
 * visible ASCII; this keeps to the characters seen in practice so the pattern reads the same in
 * every browser's policy validator.
 */
export const CLIENT_ID_PATTERN = '^[A-Za-z0-9._~:/@+-]{1,200}$';
export const IDENTIFIER_SYSTEM_PATTERN = '^[A-Za-z][A-Za-z0-9+.-]*:\\S+$';

/** A web address for people to open: https only. */
export const HTTPS_URL_PATTERN = '^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\\s]*)?$';

/** A dialable number or SMS short code: digits with the usual separators. */
export const PHONE_PATTERN = '^\\+?[0-9][0-9 ().-]{0,30}$';

/** A menu choice a caller presses after dialling ("press 2 for Spanish"): one or two digits. */
export const PHONE_OPTION_PATTERN = '^[0-9]{1,2}$';

/** Text with at least one visible character. */
export const LABEL_PATTERN = '\\S';

/** Rule ids, rule families and threshold names: lower-case words joined by `-`, `.` or `_`. */
export const RULE_NAME_PATTERN = '^[a-z0-9][a-z0-9._-]*$';

// ---------------------------------------------------------------------------------------------
// The settings
// ---------------------------------------------------------------------------------------------

const crisisContact: Shape<CrisisContact> = {
  schema: v.pipe(
    v.strictObject({
      label: patterned(LABEL_PATTERN).schema,
      phone: v.optional(patterned(PHONE_PATTERN).schema),
      text: v.optional(patterned(PHONE_PATTERN).schema),
      url: v.optional(patterned(HTTPS_URL_PATTERN).schema),
      spanish: v.optional(
        v.pipe(
          v.strictObject({
            label: v.optional(patterned(LABEL_PATTERN).schema),
            phoneOption: v.optional(patterned(PHONE_OPTION_PATTERN).schema),
            textWord: v.optional(patterned(LABEL_PATTERN).schema),
          }),
          notArray(),
        ),
      ),
    }),
    notArray(),
    // A contact nobody can reach is worse than none: it looks like help on a safety plan.
    v.check((contact) => Boolean(contact.phone || contact.text || contact.url)),
  ),
  managed: {
    type: 'object',
    properties: {
      label: { type: 'string', pattern: LABEL_PATTERN },
      phone: { type: 'string', pattern: PHONE_PATTERN },
      text: { type: 'string', pattern: PHONE_PATTERN },
      url: { type: 'string', pattern: HTTPS_URL_PATTERN },
      spanish: {
        type: 'object',
        description:
          'How the service answers in Spanish, as the service itself publishes it: label (its Spanish name), phoneOption (the digit to press after dialling), textWord (the word to text).',
        properties: {
          label: { type: 'string', pattern: LABEL_PATTERN },
          phoneOption: { type: 'string', pattern: PHONE_OPTION_PATTERN },
          textWord: { type: 'string', pattern: LABEL_PATTERN },
        },
      },
    },
  },
};

/**
 * A selector pack is written by clinic IT as an object (Firefox `policies.json`, the options
 * page) or as the JSON text of that object. Chrome's policy schema can only carry objects whose
 * every property it declares, and the pack format is nested and owned by the page-reading code
 * (`utils/ehr/packs`), so the managed schema declares packs as JSON text and the pack validator,
 * called from `resolve.ts`, checks each entry whatever its form.
 */
const selectorPack: Shape<unknown> = {
  schema: v.unknown(),
  managed: { type: 'string', description: 'One selector pack as JSON text.' },
};

const ruleName = patterned(RULE_NAME_PATTERN);

export const LAYOUT_WIDTH = { minimum: 280, maximum: 720 } as const;
export const RETENTION_DAYS = { minimum: 1, maximum: 3650 } as const;
export const SAFETY_PLAN_REVIEW_DAYS = { minimum: 7, maximum: 365 } as const;

/** The settings every other key names; `userMayChange` is the organization's own switch. */
export const USER_CHANGEABLE_KEYS = [
  'ehrOrigins',
  'selectorPacks',
  'rules',
  'crisisContacts',
  'retentionDays',
  'endpoints',
  'layout',
  'safetyPlanReviewDays',
  'language',
  'packAuthors',
] as const;
export type UserChangeableKey = (typeof USER_CHANGEABLE_KEYS)[number];

export interface SettingDescriptor<T> {
  shape: Shape<T>;
  /** What a valid value is, for problem messages. */
  expectation: Expectation;
  /**
   * For lists: each entry is checked on its own, so one bad entry is dropped and reported while
   * the others still apply.
   */
  entry?: { shape: Shape<unknown>; expectation: Expectation };
  /** Chrome policy page and admin tooling text (English, like the rest of docs/deploy.md). */
  title: string;
  description: string;
}

function describe<T>(descriptor: SettingDescriptor<T>): SettingDescriptor<T> {
  return descriptor;
}

const ehrOrigin = patterned(EHR_ORIGIN_PATTERN);
const settingName = choice(USER_CHANGEABLE_KEYS);

export const SETTINGS = {
  ehrOrigins: describe({
    shape: listOf(ehrOrigin),
    expectation: { key: 'policyExpectEhrOrigins' },
    entry: { shape: ehrOrigin, expectation: { key: 'policyExpectEhrOrigin' } },
    title: 'EHR origins',
    description:
      'Match patterns of the EHR pages Careside reads, e.g. https://ehr.example.org/*. http or https only; no <all_urls>, no wildcard-only host.',
  }),
  selectorPacks: describe({
    shape: listOf(selectorPack),
    expectation: { key: 'policyExpectSelectorPacks' },
    title: 'Selector packs',
    description:
      'Selector packs (JSON text, one per entry) that teach Careside to read an EHR without code changes.',
  }),
  rules: describe({
    shape: partialObject({
      disabledFamilies: listOf(ruleName),
      disabledRules: listOf(ruleName),
      thresholds: numberMap(),
    }),
    expectation: { key: 'policyExpectRules' },
    title: 'Prompt rules',
    description:
      'Rule families and rules to switch off, and thresholds to tune (threshold name to number).',
  }),
  crisisContacts: describe({
    shape: listOf(crisisContact, 1),
    expectation: { key: 'policyExpectCrisisContacts' },
    entry: { shape: crisisContact, expectation: { key: 'policyExpectCrisisContact' } },
    title: 'Crisis contacts',
    description:
      'Crisis lines shown with the safety plan: a label and at least one of phone, text (SMS number) or url (https).',
  }),
  retentionDays: describe({
    shape: wholeNumber(RETENTION_DAYS.minimum, RETENTION_DAYS.maximum),
    expectation: {
      key: 'policyExpectWholeNumber',
      substitutions: { min: RETENTION_DAYS.minimum, max: RETENTION_DAYS.maximum },
    },
    title: 'Retention (days)',
    description: 'Days Careside keeps locally stored patient data before deleting it.',
  }),
  endpoints: describe({
    shape: partialObject({
      fhirBaseUrl: patterned(SECURE_URL_PATTERN),
      cdsServiceUrl: patterned(SECURE_URL_PATTERN),
      patientIdentifierSystems: textMap(ORIGIN_PATTERN, IDENTIFIER_SYSTEM_PATTERN),
      smartIssuer: patterned(SECURE_URL_PATTERN),
      smartClientId: patterned(CLIENT_ID_PATTERN),
    }),
    expectation: { key: 'policyExpectEndpoints' },
    title: 'Endpoints',
    description:
      'FHIR server base URL and CDS service URL (https; http only for localhost), and per EHR origin the identifier system its record numbers have on the FHIR server (patientIdentifierSystems). For SMART sign-in, the client ID the clinic registered for Careside (smartClientId) and, optionally, the issuer its SMART configuration must name (smartIssuer). Nothing leaves the computer unless set.',
  }),
  noteTemplate: describe({
    shape: patterned(LABEL_PATTERN),
    expectation: { key: 'policyExpectNoteTemplate' },
    title: 'Note template',
    description:
      'The text "Copy for the note" produces, with {scores}, {safetyPlan}, {prompts}, {date} and {clinician} where those parts go.',
  }),
  clinicianName: describe({
    shape: patterned(LABEL_PATTERN),
    expectation: { key: 'policyExpectClinicianName' },
    title: 'Clinician name',
    description:
      'The name written as author of what this clinician records in the clinic FHIR server (usually set by each clinician).',
  }),
  layout: describe({
    shape: partialObject({
      mode: choice(['push', 'overlay']),
      width: wholeNumber(LAYOUT_WIDTH.minimum, LAYOUT_WIDTH.maximum),
      side: choice(['right']),
    }),
    expectation: {
      key: 'policyExpectLayout',
      substitutions: { min: LAYOUT_WIDTH.minimum, max: LAYOUT_WIDTH.maximum },
    },
    title: 'Sidebar layout',
    description:
      'mode "push" (the page makes room) or "overlay"; width in pixels (280 to 720); side "right".',
  }),
  safetyPlanReviewDays: describe({
    shape: wholeNumber(SAFETY_PLAN_REVIEW_DAYS.minimum, SAFETY_PLAN_REVIEW_DAYS.maximum),
    expectation: {
      key: 'policyExpectWholeNumber',
      substitutions: { min: SAFETY_PLAN_REVIEW_DAYS.minimum, max: SAFETY_PLAN_REVIEW_DAYS.maximum },
    },
    title: 'Safety plan review (days)',
    description: 'Days after its last review that a safety plan is shown as due for review.',
  }),
  language: describe({
    shape: choice(['browser', ...CATALOGUE_LANGUAGES]),
    expectation: {
      key: 'policyExpectLanguage',
      substitutions: { languages: CATALOGUE_LANGUAGES.join(', ') },
    },
    title: 'Sidebar language',
    description: `The language of Careside's sidebar, settings and popup: "browser" (the browser's own language, the default) or one of ${CATALOGUE_LANGUAGES.join(', ')}. A patient's printed safety plan is in the language chosen when printing.`,
  }),
  packAuthors: describe({
    shape: yesNo(),
    expectation: { key: 'policyExpectPackAuthors' },
    title: 'Pack authors',
    description:
      'true: the popup offers "Teach Careside this page", the point-and-click builder of selector packs, for clinic IT on this computer. Off by default; set it by policy for the people who onboard a new EHR.',
  }),
  userMayChange: describe({
    shape: listOf(settingName),
    expectation: {
      key: 'policyExpectUserMayChange',
      substitutions: { keys: USER_CHANGEABLE_KEYS.join(', ') },
    },
    entry: {
      shape: settingName,
      expectation: {
        key: 'policyExpectSettingName',
        substitutions: { keys: USER_CHANGEABLE_KEYS.join(', ') },
      },
    },
    title: 'Settings users may change',
    description:
      'Settings this policy sets that users may still change (the policy value becomes their starting value). Every other setting the policy sets is locked.',
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export type { CrisisContact };

export interface RulePolicy {
  disabledFamilies: string[];
  disabledRules: string[];
  thresholds: Record<string, number>;
}

export interface EndpointSettings {
  fhirBaseUrl?: string;
  cdsServiceUrl?: string;
  /** EHR origin → the identifier system of its record numbers on the FHIR server. */
  patientIdentifierSystems?: Record<string, string>;
  /** The issuer the FHIR server's SMART configuration must name (a check, not a redirect). */
  smartIssuer?: string;
  /** The client ID the clinic registered for Careside; SMART sign-in is offered only with it. */
  smartClientId?: string;
}

export interface LayoutPolicy {
  mode: 'push' | 'overlay';
  width: number;
  side: 'right';
}

/** The effective settings, after policy, user choices and defaults are merged and checked. */
export interface Settings {
  ehrOrigins: string[];
  /** Packs as the pack validator returned them (already checked). */
  selectorPacks: SelectorPack[];
  rules: RulePolicy;
  crisisContacts: CrisisContact[];
  retentionDays: number;
  endpoints: EndpointSettings;
  layout: LayoutPolicy;
  safetyPlanReviewDays: number;
  /** `browser` follows the browser's UI language. */
  language: 'browser' | CatalogueLanguage;

  /** '' = Careside's own note layout. */
  noteTemplate: string;
  /** '' = not set: records are written without an author name. */
  clinicianName: string;
  /** Whether the popup offers the selector-pack builder ("Teach Careside this page"). */
  packAuthors: boolean;
  userMayChange: UserChangeableKey[];
}

/** The raw settings as valibot checks them (nested groups may be partial). */
export const SettingsInputSchema = v.partial(
  v.strictObject(
    Object.fromEntries(SETTING_KEYS.map((key) => [key, SETTINGS[key].shape.schema])) as {
      [K in SettingKey]: (typeof SETTINGS)[K]['shape']['schema'];
    },
  ),
);
export type SettingsInput = v.InferOutput<typeof SettingsInputSchema>;
