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

/**
 * Whether `text` matches `glob`, where `*` is any run of characters and everything else is
 * literal. Greedy with one backtrack point (the last `*`), so linear-ish in practice and never
 * exponential: a pack's `*a*a*a…*b` against a long address cannot hang the page, as the
 * `.*`-per-star regular expression it replaces could (issue 18).
 */
export function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === text[t]) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (star !== -1) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
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
  return globMatches(path, url.pathname + url.search);
}

export function matchesAnyUrl(patterns: string[], url: URL): boolean {
  return patterns.some((pattern) => matchesUrl(pattern, url));
}
