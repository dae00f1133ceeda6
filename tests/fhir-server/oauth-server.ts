/**
 * A real OAuth 2.0 / OpenID Connect server for tests, on loopback: `oidc-provider` configured the
 * way a clinic's SMART authorization server is for Careside — a public client (no secret) that must
 * use PKCE S256, refresh tokens, RFC 7009 revocation, and SMART scopes granted for one resource, the
 * FHIR base. Access tokens are opaque so the FHIR server checks each one against this provider's own
 * store (`verifyAccessToken`): a revoked or expired token is refused at once, as at a clinic.
 *
 * The provider's development login and consent pages stand in for the clinic's sign-in: any login
 * name in `CLINICIANS` signs in with any password.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** The extension's fixed ID (the development key); its identity redirect is on chromiumapp.org. */
export const CARESIDE_REDIRECT = 'https://foiekfkefeihhfkdajhfiaiakjpgdnna.chromiumapp.org/';
export const CLIENT_ID = 'careside';
/**
 * The origin the extension's background calls the token and revocation endpoints from. A public
 * client's calls are cross-origin, so the clinic's server must allow this origin (docs/deploy.md).
 */
export const CARESIDE_ORIGIN = 'chrome-extension://foiekfkefeihhfkdajhfiaiakjpgdnna';

/** What a clinic grants Careside on its FHIR server (issue 22, item 4). */
export const FHIR_SCOPES = [
  'user/QuestionnaireResponse.crus',
  'user/Observation.crs',
  'user/CarePlan.crus',
  'user/Patient.rs',
];

/** The clinicians who can sign in, by login name, with the FHIR identity the id_token carries. */
export const CLINICIANS: Record<string, { name: string; fhirUser: string }> = {
  dana: { name: 'Dana Reyes, LCSW', fhirUser: 'Practitioner/dana-reyes' },
  sam: { name: 'Sam Ortiz, MD', fhirUser: 'Practitioner/sam-ortiz' },
};

export interface TestOAuthServer {
  issuer: string;
  port: number;
  provider: Provider;
  /** Whether `token` is a live access token for `fhirBase` (not revoked, not expired). */
  verifyAccessToken(token: string): Promise<boolean>;
  /** The SMART configuration the FHIR server publishes at `.well-known/smart-configuration`. */
  smartConfiguration(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface OAuthServerOptions {
  /** The FHIR base the tokens are for (their audience). */
  fhirBaseUrl: string;
  /** Redirect URIs besides Careside's extension redirect (node tests use a loopback one). */
  redirectUris?: string[];
  /** Access-token lifetime in seconds; short in the refresh tests. */
  accessTokenTtl?: number;
  port?: number;
}

export async function startOAuthServer(options: OAuthServerOptions): Promise<TestOAuthServer> {
  const port = options.port ?? 0;
  // The issuer must be known before the provider is built; a listening socket gives the port.
  const { createServer } = await import('node:http');
  const holder: { handler?: (req: unknown, res: unknown) => void } = {};
  const server: Server = createServer((request, response) => {
    holder.handler?.(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${actualPort}`;
  const fhirBase = options.fhirBaseUrl.replace(/\/?$/, '/');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        redirect_uris: [CARESIDE_REDIRECT, ...(options.redirectUris ?? [])],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    scopes: ['openid', 'offline_access', 'fhirUser', 'profile'],
    claims: { openid: ['sub'], fhirUser: ['fhirUser'], profile: ['name'] },
    clientBasedCORS: (_ctx, origin) => origin === CARESIDE_ORIGIN,
    // SMART puts fhirUser in the id_token itself, not only behind userinfo.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // A SMART client names the FHIR base as `aud`; the provider's word for it is resource.
        defaultResource: () => fhirBase,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource.replace(/\/?$/, '/') !== fhirBase) throw new Error('unknown resource');
          return {
            scope: FHIR_SCOPES.join(' '),
            audience: fhirBase,
            accessTokenTTL: options.accessTokenTtl ?? 3600,
            accessTokenFormat: 'opaque',
          };
        },
      },
    },
    // A clinician signed in keeps the session through refreshes, offline_access or not.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: { RefreshToken: 24 * 3600 },
    findAccount: (_ctx, id) => {
      const clinician = CLINICIANS[id];
      if (!clinician) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, name: clinician.name, fhirUser: clinician.fhirUser }),
      };
    },
  });
  holder.handler = provider.callback() as (req: unknown, res: unknown) => void;

  return {
    issuer,
    port: actualPort,
    provider,
    async verifyAccessToken(token) {
      const found = await provider.AccessToken.find(token);
      if (!found || found.isExpired) return false;
      return found.aud === fhirBase || (Array.isArray(found.aud) && found.aud.includes(fhirBase));
    },
    async smartConfiguration() {
      const openid = (await (
        await fetch(`${issuer}/.well-known/openid-configuration`)
      ).json()) as Record<string, unknown>;
      return {
        issuer,
        jwks_uri: openid.jwks_uri,
        authorization_endpoint: openid.authorization_endpoint,
        token_endpoint: openid.token_endpoint,
        revocation_endpoint: openid.revocation_endpoint,
        introspection_endpoint: openid.introspection_endpoint,
        token_endpoint_auth_methods_supported: ['none'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid', 'fhirUser', 'offline_access', ...FHIR_SCOPES],
        response_types_supported: ['code'],
        capabilities: [
          'launch-standalone',
          'client-public',
          'sso-openid-connect',
          'permission-user',
          'permission-v2',
          'permission-offline',
        ],
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fhirBaseUrl = process.argv[2] ?? 'http://127.0.0.1:8103/fhir/R4';
  startOAuthServer({ fhirBaseUrl }).then((server) => {
    process.stdout.write(`${server.issuer}\n`);
  });
}

/**
 * Completes the provider's development login and consent pages over HTTP, as a clinician would in
 * the sign-in window, and returns the redirect (with `code` and `state`) the browser would get.
 * Cookies are kept by name only: the provider's are distinct per step.
 */
export async function signInOverHttp(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let method: 'GET' | 'POST' = 'GET';
  let body: string | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (!next.startsWith(new URL(authorizationUrl).origin)) return next;
      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`sign-in stopped at ${url} (HTTP ${response.status})`);
    url = new URL(action, url).href;
    method = 'POST';
    body = page.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString()
      : new URLSearchParams({ prompt: 'consent' }).toString();
  }
  throw new Error('sign-in did not end in a redirect');
}
