import robotsParserModule from 'robots-parser';

/**
 * robots.txt, fetched once per origin and kept for `ttlMs` (concurrent requests to a new host share one
 * fetch), read with robots-parser. What an answer means follows RFC 9309: a 2xx is the rules; a 4xx means
 * there are none (everything allowed); a 429 or a 5xx means the site cannot say, and nothing is fetched
 * from it until it can (ROBOTS_UNAVAILABLE). A site that cannot be reached at all (refused address,
 * unknown host, network error, timeout) fails its pages with that reason.
 */

/** Why the site could not be reached at all: the page's own fetch would fail the same way, so this is reported. */
export type UnreachableCode = 'PRIVATE_ADDRESS' | 'DNS_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT';

/** A robots.txt answer, or why there is none (`code` when the site could not be reached). */
export type RobotsAnswer = { readonly status: number; readonly body: string } | { readonly error: string; readonly code: UnreachableCode | null };

export type RobotsVerdict =
  | { readonly allowed: true; readonly crawlDelayMs: number | null }
  | { readonly allowed: false; readonly code: 'ROBOTS_DISALLOWED' | 'ROBOTS_UNAVAILABLE' | UnreachableCode; readonly message: string };

/** The parts of robots-parser's Robot that Parley uses. */
interface Robot {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
  getMatchingLineNumber(url: string, userAgent?: string): number;
  getCrawlDelay(userAgent?: string): number | undefined;
}

// robots-parser is CommonJS (`module.exports = function`) and its typings declare an ES default export,
// which TypeScript's NodeNext resolution reads as the module object: the runtime value is the function.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robot;

type Rules =
  | { readonly kind: 'rules'; readonly robot: Robot; readonly url: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'unavailable'; readonly reason: string; readonly code: UnreachableCode | null };

export interface RobotsSettings {
  readonly userAgent: string;
  readonly ttlMs: number;
  readonly maxHosts: number;
  readonly maxCrawlDelayMs: number;
}

export class RobotsCache {
  private readonly entries = new Map<string, { readonly expires: number; readonly rules: Promise<Rules> }>();

  constructor(
    private readonly fetchRobots: (robotsUrl: URL) => Promise<RobotsAnswer>,
    private readonly settings: RobotsSettings,
  ) {}

  async verdict(url: URL): Promise<RobotsVerdict> {
    const rules = await this.rules(url);
    if (rules.kind === 'none') return { allowed: true, crawlDelayMs: null };
    if (rules.kind === 'unavailable') {
      if (rules.code !== null) return { allowed: false, code: rules.code, message: rules.reason };
      return { allowed: false, code: 'ROBOTS_UNAVAILABLE', message: `The robots.txt of ${url.origin} cannot be read (${rules.reason}); nothing is fetched from a site whose rules are unknown. Try again later.` };
    }
    const { robot } = rules;
    if (robot.isAllowed(url.href, this.settings.userAgent) === false) {
      const line = robot.getMatchingLineNumber(url.href, this.settings.userAgent);
      return {
        allowed: false,
        code: 'ROBOTS_DISALLOWED',
        message: `The robots.txt of ${url.origin} disallows ${url.pathname}${url.search} for this user agent${line > 0 ? ` (line ${line})` : ''}.`,
      };
    }
    const delay = robot.getCrawlDelay(this.settings.userAgent);
    return { allowed: true, crawlDelayMs: typeof delay === 'number' && delay > 0 ? Math.min(delay * 1000, this.settings.maxCrawlDelayMs) : null };
  }

  private rules(url: URL): Promise<Rules> {
    const origin = url.origin;
    const now = Date.now();
    const cached = this.entries.get(origin);
    if (cached && cached.expires > now) return cached.rules;
    const robotsUrl = new URL('/robots.txt', origin);
    const rules = this.fetchRobots(robotsUrl).then((answer) => interpret(robotsUrl, answer));
    this.entries.delete(origin);
    this.entries.set(origin, { expires: now + this.settings.ttlMs, rules });
    // Maps iterate in insertion order: the first entries are the least recently fetched.
    while (this.entries.size > this.settings.maxHosts) this.entries.delete(this.entries.keys().next().value!);
    return rules;
  }
}

function interpret(robotsUrl: URL, answer: RobotsAnswer): Rules {
  if ('error' in answer) return { kind: 'unavailable', reason: answer.error, code: answer.code };
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: 'rules', robot: robotsParser(robotsUrl.href, answer.body), url: robotsUrl.href };
  if (status === 429 || status >= 500) return { kind: 'unavailable', reason: `HTTP ${status}`, code: null };
  if (status >= 400) return { kind: 'none' };
  return { kind: 'unavailable', reason: `HTTP ${status}`, code: null };
}
