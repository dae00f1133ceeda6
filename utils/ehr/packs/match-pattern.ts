/**
 * Chrome match patterns (`https://ehr.example.org/chart/*`, `*://*.clinic.example/*`), the syntax
 * extension manifests use, so a pack's `matches` reads like the clinic's `ehrOrigins` setting.
 * `<all_urls>` is refused: a pack describes one EHR, not the web.
 */
const PATTERN = /^(\*|https?|file):\/\/(\*|\*\.[^/*:]+|[^/*:]+)?(:(?:\*|\d{1,5}))?(\/.*)$/;

export function isValidMatchPattern(pattern: string): boolean {
  if (typeof pattern !== 'string') return false;
  const match = PATTERN.exec(pattern);
  if (!match) return false;
  const [, scheme, host] = match;
  // Only file:// URLs have no host.
  return scheme === 'file' ? host === undefined : host !== undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function matchesUrl(pattern: string, url: URL): boolean {
  const match = PATTERN.exec(pattern);
  if (!match) return false;
  const [, scheme = '', host, port, path = '/'] = match;
  const protocol = url.protocol.replace(/:$/, '');
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : scheme !== protocol)
    return false;
  if (host !== undefined && host !== '*') {
    const hostname = url.hostname.toLowerCase();
    const wanted = host.toLowerCase();
    if (wanted.startsWith('*.')) {
      const domain = wanted.slice(2);
      if (hostname !== domain && !hostname.endsWith(`.${domain}`)) return false;
    } else if (hostname !== wanted) {
      return false;
    }
  }
  if (port !== undefined && port !== ':*' && url.port !== port.slice(1)) return false;
  const pathPattern = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return pathPattern.test(url.pathname + url.search);
}

export function matchesAnyUrl(patterns: string[], url: URL): boolean {
  return patterns.some((pattern) => matchesUrl(pattern, url));
}
