/**
 * Signing in to the clinic's FHIR server (issue 22, item 4): SMART App Launch, standalone, PKCE,
 * public client — the protocol in utils/record/smart.ts, the browser's part here.
 *
 * The tokens live in `storage.session` only: memory, gone when the browser closes, and not readable
 * by content scripts (its default access level is trusted contexts). They never reach
 * `storage.local` or IndexedDB. A session is bound to the FHIR base and client ID it was made for:
 * a policy that changes either ends it.
 */
import type { AuthorizationServer } from 'oauth4webapi';
import { browser } from 'wxt/browser';
import { fhirBase } from '../../utils/record/client';
import type { RecordAuthor } from '../../utils/record/mapping';
import {
  beginSignIn,
  completeSignIn,
  discoverSmart,
  needsRefresh,
  refreshSession,
  revokeSession,
  type SmartSession,
  type SmartSettings,
  sessionAuthor,
} from '../../utils/record/smart';
import type { SettingsService } from './settings';

const SESSION_KEY = 'smartSession';

interface StoredSession {
  fhirBaseUrl: string;
  clientId: string;
  session: SmartSession;
}

export interface AuthStatus {
  /** The clinic configured SMART sign-in (a FHIR base and a client ID). */
  available: boolean;
  signedIn: boolean;
  userName: string | null;
  fhirUser: string | null;
  /** Epoch ms the access token expires (it is refreshed before). */
  expiresAt: number | null;
}

export function createAuthService(settings: SettingsService, onChange: () => void) {
  let discovered: { key: string; server: AuthorizationServer } | null = null;
  let refreshing: Promise<SmartSession | null> | null = null;

  async function smartSettings(): Promise<SmartSettings | null> {
    const { endpoints } = (await settings.current()).effective;
    const base = fhirBase(endpoints.fhirBaseUrl);
    if (!base || !endpoints.smartClientId) return null;
    return {
      fhirBaseUrl: base.href,
      clientId: endpoints.smartClientId,
      issuer: endpoints.smartIssuer,
      redirectUri: browser.identity.getRedirectURL(),
    };
  }

  /** The authorization server, read once per FHIR base and issuer while the worker lives. */
  async function authorizationServer(smart: SmartSettings): Promise<AuthorizationServer> {
    const key = `${smart.fhirBaseUrl} ${smart.issuer ?? ''}`;
    if (discovered?.key !== key) discovered = { key, server: await discoverSmart(smart) };
    return discovered.server;
  }

  async function load(smart: SmartSettings | null): Promise<SmartSession | null> {
    if (!smart) return null;
    const stored = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY] as
      | StoredSession
      | undefined;
    if (!stored) return null;
    if (stored.fhirBaseUrl !== smart.fhirBaseUrl || stored.clientId !== smart.clientId) {
      await browser.storage.session.remove(SESSION_KEY);
      return null;
    }
    return stored.session;
  }

  async function save(smart: SmartSettings, session: SmartSession | null): Promise<void> {
    if (!session) {
      await browser.storage.session.remove(SESSION_KEY);
      return;
    }
    const stored: StoredSession = {
      fhirBaseUrl: smart.fhirBaseUrl,
      clientId: smart.clientId,
      session,
    };
    await browser.storage.session.set({ [SESSION_KEY]: stored });
  }

  async function status(): Promise<AuthStatus> {
    const smart = await smartSettings();
    const session = await load(smart);
    return {
      available: smart !== null,
      signedIn: session !== null,
      userName: session?.userName ?? null,
      fhirUser: session?.fhirUser ?? null,
      expiresAt: session?.expiresAt ?? null,
    };
  }

  /** Opens the clinic's sign-in window; resolves once signed in, or throws why not. */
  async function signIn(): Promise<AuthStatus> {
    const smart = await smartSettings();
    if (!smart) throw new Error('SMART sign-in is not configured');
    const server = await authorizationServer(smart);
    const { url, pending } = await beginSignIn(server, smart);
    const redirectedTo = await browser.identity.launchWebAuthFlow({ url, interactive: true });
    if (!redirectedTo) throw new Error('The sign-in window closed without an answer');
    const session = await completeSignIn(server, smart, pending, redirectedTo);
    await save(smart, session);
    onChange();
    return status();
  }

  /** Ends the session here and, where the server offers revocation, at the server too. */
  async function signOut(): Promise<AuthStatus> {
    const smart = await smartSettings();
    const session = await load(smart);
    if (smart) await save(smart, null);
    if (smart && session) {
      // The tokens are gone from this browser whatever the server answers; a failed revocation
      // leaves them to expire there.
      await authorizationServer(smart)
        .then((server) => revokeSession(server, smart, session))
        .catch(() => false);
    }
    onChange();
    return status();
  }

  /** One refresh at a time: two requests that find the token old share one new token. */
  function refresh(smart: SmartSettings, session: SmartSession): Promise<SmartSession | null> {
    refreshing ??= (async () => {
      try {
        const server = await authorizationServer(smart);
        const renewed = await refreshSession(server, smart, session);
        await save(smart, renewed);
        return renewed;
      } catch {
        // A refresh token the server no longer honours: the clinician signs in again.
        await save(smart, null);
        onChange();
        return null;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  /** A live access token for the FHIR server, refreshed first when it is about to expire. */
  async function accessToken(): Promise<string | null> {
    const smart = await smartSettings();
    const session = await load(smart);
    if (!smart || !session) return null;
    if (!needsRefresh(session)) return session.accessToken;
    return (await refresh(smart, session))?.accessToken ?? null;
  }

  /** The FHIR server refused the token (401): one refresh, then the caller tries once more. */
  async function tokenRefused(): Promise<string | null> {
    const smart = await smartSettings();
    const session = await load(smart);
    if (!smart || !session) return null;
    return (await refresh(smart, session))?.accessToken ?? null;
  }

  async function author(): Promise<RecordAuthor | null> {
    return sessionAuthor(await load(await smartSettings()));
  }

  return { status, signIn, signOut, accessToken, tokenRefused, author };
}

export type AuthService = ReturnType<typeof createAuthService>;
