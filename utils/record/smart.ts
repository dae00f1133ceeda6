/**
 * SMART App Launch, standalone, as a public client with PKCE (issue 22, item 4): discovery from the
 * FHIR server's `.well-known/smart-configuration`, the authorization request, the code exchange,
 * refresh and RFC 7009 revocation. The protocol checks (state, PKCE, issuer, id_token claims,
 * nonce) are oauth4webapi's; this file only says what SMART asks of them.
 *
 * No browser API here: the background supplies the redirect (browser.identity) and keeps the
 * tokens (storage.session), so the whole lifecycle runs in node tests against a real provider.
 */
import * as oauth from 'oauth4webapi';
import { fhirBase } from './client';
import type { RecordAuthor } from './mapping';

/** What Careside asks for: read and write its own resources, read patients to match the chart. */
export const SMART_SCOPES = [
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'user/QuestionnaireResponse.crus',
  'user/Observation.crs',
  'user/CarePlan.crus',
  'user/Patient.rs',
].join(' ');

/** A token this close to expiry is refreshed before use rather than sent and refused. */
export const REFRESH_MARGIN_MS = 60_000;

export interface SmartSettings {
  fhirBaseUrl: string;
  clientId: string;
  /** When the clinic's policy names it, the SMART configuration must carry this issuer. */
  issuer?: string;
  /** `https://<extension-id>.chromiumapp.org/` in the browser; a loopback URL in node tests. */
  redirectUri: string;
  fetch?: typeof fetch;
}

/** The signed-in session, as kept in storage.session. */
export interface SmartSession {
  issuer: string;
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms. */
  expiresAt: number;
  scope: string;
  /** The user's FHIR identity from the id_token (`Practitioner/…`), when the server gives one. */
  fhirUser: string | null;
  userName: string | null;
}

/** What one sign-in must remember between the authorization request and the redirect back. */
export interface PendingSignIn {
  state: string;
  codeVerifier: string;
  nonce: string;
}

export class SmartError extends Error {
  constructor(
    readonly kind: 'discovery' | 'not-configured' | 'denied' | 'exchange' | 'refresh' | 'revoke',
    message: string,
  ) {
    super(message);
    this.name = 'SmartError';
  }
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** http is accepted for loopback only (tests), exactly as for the FHIR base itself. */
function insecureAllowed(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || LOOPBACK.includes(parsed.hostname);
  } catch {
    return false;
  }
}

function requestOptions(url: string | undefined, settings: SmartSettings) {
  const options: { [oauth.allowInsecureRequests]?: boolean; [oauth.customFetch]?: typeof fetch } =
    {};
  if (url?.startsWith('http:') && insecureAllowed(url)) options[oauth.allowInsecureRequests] = true;
  if (settings.fetch) options[oauth.customFetch] = settings.fetch;
  return options;
}

const client = (settings: SmartSettings): oauth.Client => ({
  client_id: settings.clientId,
  token_endpoint_auth_method: 'none',
});

/**
 * Reads the authorization server's endpoints from the FHIR server. The issuer it names must be the
 * policy's when the policy names one, and every endpoint https (or loopback http).
 */
export async function discoverSmart(settings: SmartSettings): Promise<oauth.AuthorizationServer> {
  const base = fhirBase(settings.fhirBaseUrl);
  if (!base) throw new SmartError('not-configured', 'no FHIR base');
  const url = new URL('.well-known/smart-configuration', base);
  const doFetch = settings.fetch ?? ((input, init) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(url.href, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    throw new SmartError('discovery', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new SmartError('discovery', `HTTP ${response.status}`);
  const configuration = (await response.clone().json()) as Record<string, unknown>;
  const issuer = settings.issuer ?? String(configuration.issuer ?? '');
  if (!insecureAllowed(issuer)) throw new SmartError('discovery', 'issuer is not https');
  let server: oauth.AuthorizationServer;
  try {
    // The same issuer check as OpenID discovery: the document must name the expected issuer.
    server = await oauth.processDiscoveryResponse(new URL(issuer), response);
  } catch (error) {
    throw new SmartError('discovery', error instanceof Error ? error.message : String(error));
  }
  for (const endpoint of [
    server.authorization_endpoint,
    server.token_endpoint,
    server.revocation_endpoint,
  ]) {
    if (endpoint !== undefined && !insecureAllowed(endpoint)) {
      throw new SmartError('discovery', 'an endpoint is not https');
    }
  }
  if (!server.authorization_endpoint || !server.token_endpoint) {
    throw new SmartError('discovery', 'no authorization or token endpoint');
  }
  const methods = server.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) {
    throw new SmartError('discovery', 'the server does not support PKCE S256');
  }
  return server;
}

/** The authorization URL to open, and what to keep until the redirect comes back. */
export async function beginSignIn(
  server: oauth.AuthorizationServer,
  settings: SmartSettings,
): Promise<{ url: string; pending: PendingSignIn }> {
  const pending: PendingSignIn = {
    state: oauth.generateRandomState(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
    nonce: oauth.generateRandomNonce(),
  };
  const url = new URL(server.authorization_endpoint as string);
  const base = (fhirBase(settings.fhirBaseUrl) as URL).href;
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('scope', SMART_SCOPES);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set(
    'code_challenge',
    await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
  );
  url.searchParams.set('code_challenge_method', 'S256');
  // SMART names the FHIR server the token is for as `aud`; RFC 8707 servers read `resource`.
  url.searchParams.set('aud', base);
  url.searchParams.set('resource', base);
  return { url: url.href, pending };
}

function sessionFrom(
  server: oauth.AuthorizationServer,
  tokens: oauth.TokenEndpointResponse,
  previous: SmartSession | null,
  now: number,
): SmartSession {
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  const fhirUser = typeof claims?.fhirUser === 'string' ? claims.fhirUser : null;
  const userName = typeof claims?.name === 'string' ? claims.name : null;
  return {
    issuer: server.issuer,
    accessToken: tokens.access_token,
    // A server that does not rotate refresh tokens keeps the one it gave first.
    refreshToken: tokens.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: now + (tokens.expires_in ?? 300) * 1000,
    scope: tokens.scope ?? previous?.scope ?? '',
    fhirUser: fhirUser ?? previous?.fhirUser ?? null,
    userName: userName ?? previous?.userName ?? null,
  };
}

/**
 * Exchanges the code the redirect brought for tokens. The state must be this sign-in's, and the
 * server checks the PKCE verifier against the challenge it was sent.
 */
export async function completeSignIn(
  server: oauth.AuthorizationServer,
  settings: SmartSettings,
  pending: PendingSignIn,
  redirectedTo: string,
  now = Date.now(),
): Promise<SmartSession> {
  let callback: URLSearchParams;
  try {
    callback = oauth.validateAuthResponse(
      server,
      client(settings),
      new URL(redirectedTo),
      pending.state,
    );
  } catch (error) {
    throw new SmartError('denied', error instanceof Error ? error.message : String(error));
  }
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      client(settings),
      oauth.None(),
      callback,
      settings.redirectUri,
      pending.codeVerifier,
      requestOptions(server.token_endpoint, settings),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(
      server,
      client(settings),
      response,
      {
        expectedNonce: pending.nonce,
      },
    );
    return sessionFrom(server, tokens, null, now);
  } catch (error) {
    throw new SmartError('exchange', error instanceof Error ? error.message : String(error));
  }
}

/** A new access token from the refresh token; the session's user stays the same. */
export async function refreshSession(
  server: oauth.AuthorizationServer,
  settings: SmartSettings,
  session: SmartSession,
  now = Date.now(),
): Promise<SmartSession> {
  if (!session.refreshToken) throw new SmartError('refresh', 'no refresh token');
  try {
    const response = await oauth.refreshTokenGrantRequest(
      server,
      client(settings),
      oauth.None(),
      session.refreshToken,
      requestOptions(server.token_endpoint, settings),
    );
    const tokens = await oauth.processRefreshTokenResponse(server, client(settings), response);
    return sessionFrom(server, tokens, session, now);
  } catch (error) {
    throw new SmartError('refresh', error instanceof Error ? error.message : String(error));
  }
}

/**
 * Revokes the refresh token (which, per RFC 7009, ends its access tokens at most servers) and the
 * access token, when the server advertises a revocation endpoint. Returns whether it could.
 */
export async function revokeSession(
  server: oauth.AuthorizationServer,
  settings: SmartSettings,
  session: SmartSession,
): Promise<boolean> {
  if (!server.revocation_endpoint) return false;
  const tokens = [session.refreshToken, session.accessToken].filter(
    (token): token is string => !!token,
  );
  try {
    for (const token of tokens) {
      const response = await oauth.revocationRequest(
        server,
        client(settings),
        oauth.None(),
        token,
        requestOptions(server.revocation_endpoint, settings),
      );
      await oauth.processRevocationResponse(response);
    }
    return true;
  } catch (error) {
    throw new SmartError('revoke', error instanceof Error ? error.message : String(error));
  }
}

/** The signed-in user as the author of what Careside writes (issue 22, item 1). */
export function sessionAuthor(session: SmartSession | null): RecordAuthor | null {
  if (!session?.fhirUser && !session?.userName) return null;
  const author: RecordAuthor = {};
  if (session.fhirUser) {
    // fhirUser may be absolute; a reference relative to the FHIR base reads the same everywhere.
    const match =
      /(?:^|\/)((?:Practitioner|PractitionerRole|Person|Patient|RelatedPerson)\/[^/]+)$/.exec(
        session.fhirUser,
      );
    author.reference = match?.[1] ?? session.fhirUser;
  }
  if (session.userName) author.display = session.userName;
  return author;
}

export const needsRefresh = (session: SmartSession, now = Date.now()): boolean =>
  session.expiresAt - now < REFRESH_MARGIN_MS;
