/**
 * The SMART sign-in lifecycle against a real authorization server (oidc-provider on loopback) and
 * the real FHIR server requiring its tokens (issue 22, item 4): code exchange with PKCE, refresh,
 * revocation, and the checks that must refuse a forged redirect or a wrong verifier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  beginSignIn,
  completeSignIn,
  discoverSmart,
  needsRefresh,
  refreshSession,
  revokeSession,
  type SmartSettings,
  sessionAuthor,
} from '../../../utils/record/smart';
import {
  CARESIDE_REDIRECT,
  CLIENT_ID,
  signInOverHttp,
  startOAuthServer,
  type TestOAuthServer,
} from '../../fhir-server/oauth-server';
import { startFhirServer, type TestFhirServer } from '../../fhir-server/server';

let oauthServer: TestOAuthServer;
let fhir: TestFhirServer;
let settings: SmartSettings;

beforeAll(async () => {
  // The FHIR server needs the provider to check tokens, the provider needs the FHIR base as the
  // tokens' audience: the FHIR server starts first on a port, then asks the provider.
  const holder: { oauth?: TestOAuthServer } = {};
  fhir = await startFhirServer({
    auth: {
      verifyAccessToken: (token) =>
        holder.oauth?.verifyAccessToken(token) ?? Promise.resolve(false),
      smartConfiguration: () => (holder.oauth as TestOAuthServer).smartConfiguration(),
    },
  });
  oauthServer = await startOAuthServer({ fhirBaseUrl: fhir.baseUrl, accessTokenTtl: 120 });
  holder.oauth = oauthServer;
  settings = { fhirBaseUrl: fhir.baseUrl, clientId: CLIENT_ID, redirectUri: CARESIDE_REDIRECT };
}, 30_000);

afterAll(async () => {
  await oauthServer?.close();
  await fhir?.close();
});

const patientSearch = (token: string | null) =>
  fetch(`${fhir.baseUrl}/Patient?identifier=urn:x|1`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).then((response) => response.status);

async function signIn(login = 'dana') {
  const server = await discoverSmart(settings);
  const { url, pending } = await beginSignIn(server, settings);
  const redirectedTo = await signInOverHttp(url, login);
  return { server, pending, redirectedTo };
}

describe('SMART standalone sign-in (PKCE, public client)', () => {
  it('finds the authorization server from the FHIR server’s smart-configuration', async () => {
    const server = await discoverSmart(settings);
    expect(server.issuer).toBe(oauthServer.issuer);
    expect(server.revocation_endpoint).toMatch(/^http:\/\/127\.0\.0\.1/);
  });

  it('refuses a configuration that names another issuer than the policy', async () => {
    await expect(
      discoverSmart({ ...settings, issuer: 'https://login.other-clinic.example' }),
    ).rejects.toMatchObject({ kind: 'discovery' });
  });

  it('sends a PKCE S256 challenge, never the verifier, and asks for the FHIR base', async () => {
    const server = await discoverSmart(settings);
    const { url, pending } = await beginSignIn(server, settings);
    const params = new URL(url).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url).not.toContain(pending.codeVerifier);
    expect(params.get('aud')).toBe(`${fhir.baseUrl}/`);
    expect(params.get('scope')).toContain('user/CarePlan.crus');
  });

  it('exchanges the code for tokens the FHIR server accepts, with the user’s FHIR identity', async () => {
    expect(await patientSearch(null)).toBe(401);
    const { server, pending, redirectedTo } = await signIn('dana');
    const session = await completeSignIn(server, settings, pending, redirectedTo);
    expect(session.fhirUser).toBe('Practitioner/dana-reyes');
    expect(sessionAuthor(session)).toEqual({
      reference: 'Practitioner/dana-reyes',
      display: 'Dana Reyes, LCSW',
    });
    expect(session.refreshToken).toBeTruthy();
    expect(session.scope).toContain('user/Observation.crs');
    expect(await patientSearch(session.accessToken)).toBe(200);
    expect(await patientSearch('not-a-token')).toBe(401);
  });

  it('refuses a redirect whose state is not this sign-in’s', async () => {
    const { server, pending, redirectedTo } = await signIn();
    await expect(
      completeSignIn(server, settings, { ...pending, state: 'forged' }, redirectedTo),
    ).rejects.toMatchObject({ kind: 'denied' });
  });

  it('gets no token with a code verifier that does not match the challenge', async () => {
    const { server, pending, redirectedTo } = await signIn();
    await expect(
      completeSignIn(server, settings, { ...pending, codeVerifier: 'x'.repeat(43) }, redirectedTo),
    ).rejects.toMatchObject({ kind: 'exchange' });
  });

  it('refreshes before expiry, and the new token works', async () => {
    const { server, pending, redirectedTo } = await signIn('sam');
    const now = Date.now();
    const session = await completeSignIn(server, settings, pending, redirectedTo, now);
    expect(needsRefresh(session, now)).toBe(false);
    expect(needsRefresh(session, now + 119_000)).toBe(true);
    const refreshed = await refreshSession(server, settings, session);
    expect(refreshed.accessToken).not.toBe(session.accessToken);
    expect(refreshed.fhirUser).toBe('Practitioner/sam-ortiz');
    expect(await patientSearch(refreshed.accessToken)).toBe(200);
  });

  it('revokes on sign-out: the tokens stop working at once', async () => {
    const { server, pending, redirectedTo } = await signIn();
    const session = await completeSignIn(server, settings, pending, redirectedTo);
    expect(await patientSearch(session.accessToken)).toBe(200);
    expect(await revokeSession(server, settings, session)).toBe(true);
    expect(await patientSearch(session.accessToken)).toBe(401);
    await expect(refreshSession(server, settings, session)).rejects.toMatchObject({
      kind: 'refresh',
    });
  });
});
