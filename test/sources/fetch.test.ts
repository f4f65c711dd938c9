import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { isParleyError } from '../../src/pipeline/errors.js';
import { AddressPolicy } from '../../src/sources/fetch/address.js';
import { Fetcher, type FetchOutcome } from '../../src/sources/fetch/fetcher.js';
import type { FetchOptions } from '../../src/sources/fetch/options.js';
import { parseRetryAfter, retryDecision } from '../../src/sources/fetch/retry.js';
import { withTempDir } from './helpers/collect.js';
import { html, respond, startServer, type Handler, type TestServer } from './helpers/server.js';

const PAGE = '<!doctype html><html><head><title>Pier</title></head><body><p>The pier will be extended.</p></body></html>';

/** Local tests: private addresses allowed, no politeness delay, short timeouts, quick retries. */
const LOCAL: Partial<FetchOptions> = { allowPrivate: true, politenessDelayMs: 0, connectTimeoutMs: 2000, readTimeoutMs: 2000, totalTimeoutMs: 5000, retryBaseDelayMs: 10 };

const open: { servers: TestServer[]; fetchers: Fetcher[] } = { servers: [], fetchers: [] };

async function setup(routes: Readonly<Record<string, Handler>>, options: Partial<FetchOptions> = {}): Promise<{ server: TestServer; fetcher: Fetcher }> {
  const server = await startServer(routes);
  const fetcher = new Fetcher({ ...LOCAL, ...options });
  open.servers.push(server);
  open.fetchers.push(fetcher);
  return { server, fetcher };
}

afterEach(async () => {
  for (const fetcher of open.fetchers.splice(0)) fetcher.close();
  await Promise.all(open.servers.splice(0).map((server) => server.close()));
});

function failureCode(outcome: FetchOutcome): string {
  return outcome.kind === 'failure' ? outcome.code : outcome.kind;
}

function body(outcome: FetchOutcome): string {
  if (outcome.kind !== 'page' && outcome.kind !== 'feed') throw new Error(`expected a page, got ${JSON.stringify(outcome)}`);
  return Buffer.from(outcome.bytes).toString('utf8');
}

/** Streams `total` bytes in 64 KiB chunks, honouring backpressure, and counts what the socket accepted. */
function stream(total: number, headers: Readonly<Record<string, string | number>>, counter: { sent: number; closed: boolean }): Handler {
  return (_request, response: ServerResponse) => {
    response.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    response.on('close', () => (counter.closed = true));
    const pump = (): void => {
      while (counter.sent < total && !response.destroyed) {
        counter.sent += chunk.byteLength;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end();
    };
    pump();
  };
}

describe('Fetcher', () => {
  it('fetches a page with its headers, the user agent sent, the charset kept', async () => {
    const { server, fetcher } = await setup({ '/story': html(PAGE, { 'Content-Type': 'text/html; charset=windows-1252', ETag: '"abc"', 'Last-Modified': 'Tue, 05 Mar 2024 10:00:00 GMT' }) }, { userAgent: 'ParleyTest/1.0 (+https://example.org/bot)' });
    const outcome = await fetcher.fetch(server.url('/story'));
    expect(body(outcome)).toBe(PAGE);
    expect(outcome).toMatchObject({ kind: 'page', url: server.url('/story'), status: 200, redirects: [], headers: { 'content-type': 'text/html; charset=windows-1252', etag: '"abc"', 'last-modified': 'Tue, 05 Mar 2024 10:00:00 GMT' } });
    expect(new Date((outcome as { fetchedAt: string }).fetchedAt).toISOString()).toBe((outcome as { fetchedAt: string }).fetchedAt);
    expect(server.requests.find((request) => request.path === '/story')!.headers['user-agent']).toBe('ParleyTest/1.0 (+https://example.org/bot)');
  });

  it('undoes gzip, deflate (wrapped or raw) and brotli transfer compression', async () => {
    const encoded = (encoding: string, bytes: Buffer): Handler => respond(200, { 'Content-Type': 'text/html', 'Content-Encoding': encoding }, bytes);
    const { server, fetcher } = await setup({
      '/gzip': encoded('gzip', gzipSync(PAGE)),
      '/deflate': encoded('deflate', deflateSync(PAGE)),
      '/raw-deflate': encoded('deflate', deflateRawSync(PAGE)),
      '/br': encoded('br', brotliCompressSync(PAGE)),
    });
    for (const path of ['/gzip', '/deflate', '/raw-deflate', '/br']) expect(body(await fetcher.fetch(server.url(path)))).toBe(PAGE);
    expect(server.requests.find((request) => request.path === '/gzip')!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('caps the decompressed size too (a gzip bomb is TOO_LARGE)', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    const { server, fetcher } = await setup({ '/bomb': respond(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }, bomb) }, { maxDecodedBytes: 1024 * 1024 });
    const outcome = await fetcher.fetch(server.url('/bomb'));
    expect(outcome).toMatchObject({ kind: 'failure', code: 'TOO_LARGE', message: expect.stringContaining('decompresses to more than') });
  });

  it('stops reading a 50 MB response at the cap instead of buffering it', async () => {
    const counter = { sent: 0, closed: false };
    const { server, fetcher } = await setup({ '/huge': stream(50 * 1024 * 1024, { 'Content-Type': 'text/html' }, counter) }, { maxBodyBytes: 1024 * 1024 });
    const outcome = await fetcher.fetch(server.url('/huge'));
    expect(outcome).toMatchObject({ kind: 'failure', code: 'TOO_LARGE', message: expect.stringContaining('reading stopped') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counter.closed).toBe(true);
    expect(counter.sent).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const counter = { sent: 0, closed: false };
    const size = 50 * 1024 * 1024;
    const { server, fetcher } = await setup({ '/declared': stream(size, { 'Content-Type': 'text/html', 'Content-Length': size }, counter) }, { maxBodyBytes: 1024 * 1024 });
    expect(await fetcher.fetch(server.url('/declared'))).toMatchObject({ kind: 'failure', code: 'TOO_LARGE', message: expect.stringContaining('50 MiB') });
  });

  it('does not download PDFs and images (NOT_HTML)', async () => {
    const counter = { sent: 0, closed: false };
    const { server, fetcher } = await setup({
      '/report.pdf': respond(200, { 'Content-Type': 'application/pdf' }, '%PDF-1.7'),
      '/photo.jpg': stream(20 * 1024 * 1024, { 'Content-Type': 'image/jpeg' }, counter),
    });
    expect(await fetcher.fetch(server.url('/report.pdf'))).toMatchObject({ kind: 'failure', code: 'NOT_HTML', status: 200, message: expect.stringContaining('application/pdf') });
    expect(await fetcher.fetch(server.url('/photo.jpg'))).toMatchObject({ kind: 'failure', code: 'NOT_HTML', message: expect.stringContaining('image/jpeg') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counter.closed).toBe(true);
    expect(counter.sent).toBeLessThan(20 * 1024 * 1024);
  });

  it('times out on a server that never answers; a body that drips forever is cut off by the whole-page limit (TRUNCATED)', async () => {
    const drip: Handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      const timer = setInterval(() => response.write('<p>'), 20);
      response.on('close', () => clearInterval(timer));
    };
    const { server, fetcher } = await setup({ '/hang': () => undefined, '/drip': drip }, { readTimeoutMs: 200, totalTimeoutMs: 600 });
    expect(await fetcher.fetch(server.url('/hang'))).toMatchObject({ kind: 'failure', code: 'TIMEOUT', message: expect.stringContaining('readTimeoutMs') });
    expect(await fetcher.fetch(server.url('/drip'))).toMatchObject({ kind: 'failure', code: 'TRUNCATED', message: expect.stringContaining('--total-timeout / totalTimeoutMs') });
  });

  it('follows redirects and records the chain', async () => {
    const { server, fetcher } = await setup({
      '/old': respond(301, { Location: '/moved' }),
      '/moved': respond(302, { Location: '/story#top' }),
      '/story': html(PAGE),
    });
    const outcome = await fetcher.fetch(server.url('/old'));
    expect(outcome).toMatchObject({ kind: 'page', url: server.url('/story#top'), redirects: [server.url('/old'), server.url('/moved')] });
  });

  it('stops a redirect loop, too many redirects, and a redirect without a usable Location', async () => {
    const chain: Record<string, Handler> = {};
    for (let n = 0; n < 6; n++) chain[`/hop${n}`] = respond(302, { Location: `/hop${n + 1}` });
    const { server, fetcher } = await setup({
      ...chain,
      '/a': respond(302, { Location: '/b' }),
      '/b': respond(307, { Location: '/a' }),
      '/self': respond(301, { Location: '/self' }),
      '/nowhere': respond(302, {}),
      '/ftp': respond(302, { Location: 'ftp://files.example/x' }),
    }, { maxRedirects: 3 });
    expect(await fetcher.fetch(server.url('/a'))).toMatchObject({ kind: 'failure', code: 'REDIRECT_LOOP', message: expect.stringContaining('→') });
    expect(failureCode(await fetcher.fetch(server.url('/self')))).toBe('REDIRECT_LOOP');
    expect(await fetcher.fetch(server.url('/hop0'))).toMatchObject({ kind: 'failure', code: 'TOO_MANY_REDIRECTS', redirects: [0, 1, 2, 3].map((n) => server.url(`/hop${n}`)) });
    expect(failureCode(await fetcher.fetch(server.url('/nowhere')))).toBe('BAD_REDIRECT');
    expect(failureCode(await fetcher.fetch(server.url('/ftp')))).toBe('BAD_REDIRECT');
  });

  it('obeys robots.txt, fetching it once per host', async () => {
    const { server, fetcher } = await setup({
      '/robots.txt': respond(200, { 'Content-Type': 'text/plain' }, 'User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n'),
      '/private/memo': html(PAGE),
      '/public/a': html(PAGE),
      '/public/b': html(PAGE),
    });
    expect(await fetcher.fetch(server.url('/private/memo'))).toMatchObject({ kind: 'failure', stage: 'robots', code: 'ROBOTS_DISALLOWED', message: expect.stringContaining('/private/memo') });
    expect(server.hits('/private/memo')).toBe(0);
    expect(failureCode(await fetcher.fetch(server.url('/public/a')))).toBe('page');
    expect(failureCode(await fetcher.fetch(server.url('/public/b')))).toBe('page');
    expect(server.hits('/robots.txt')).toBe(1);
  });

  it('checks robots.txt on every redirect hop', async () => {
    const { server, fetcher } = await setup({
      '/robots.txt': respond(200, { 'Content-Type': 'text/plain' }, 'User-agent: *\nDisallow: /members/\n'),
      '/go': respond(302, { Location: '/members/story' }),
      '/members/story': html(PAGE),
    });
    expect(await fetcher.fetch(server.url('/go'))).toMatchObject({ kind: 'failure', code: 'ROBOTS_DISALLOWED', url: server.url('/members/story') });
    expect(server.hits('/members/story')).toBe(0);
  });

  it('fetches nothing from a site whose robots.txt fails, everything when it is missing or robots are ignored', async () => {
    const failing = await setup({ '/robots.txt': respond(503, {}), '/story': html(PAGE) }, { maxRetries: 0 });
    expect(await failing.fetcher.fetch(failing.server.url('/story'))).toMatchObject({ kind: 'failure', code: 'ROBOTS_UNAVAILABLE' });
    expect(failing.server.hits('/story')).toBe(0);
    const missing = await setup({ '/story': html(PAGE) });
    expect(failureCode(await missing.fetcher.fetch(missing.server.url('/story')))).toBe('page');
    const ignoring = await setup({ '/robots.txt': respond(200, {}, 'User-agent: *\nDisallow: /\n'), '/story': html(PAGE) }, { obeyRobots: false });
    expect(failureCode(await ignoring.fetcher.fetch(ignoring.server.url('/story')))).toBe('page');
    expect(ignoring.server.hits('/robots.txt')).toBe(0);
  });

  it('retries a 429 after the Retry-After the server asks for, then succeeds', async () => {
    let calls = 0;
    const { server, fetcher } = await setup({
      '/busy': (request, response) => (++calls === 1 ? respond(429, { 'Retry-After': '1' })(request, response) : html(PAGE)(request, response)),
    });
    expect(body(await fetcher.fetch(server.url('/busy')))).toBe(PAGE);
    expect(server.hits('/busy')).toBe(2);
  });

  it('gives up when Retry-After asks for too long, and after maxRetries on 5xx', async () => {
    const { server, fetcher } = await setup({ '/later': respond(429, { 'Retry-After': '3600' }), '/broken': respond(503, {}) }, { maxRetries: 2, maxRetryDelayMs: 5000 });
    expect(await fetcher.fetch(server.url('/later'))).toMatchObject({ kind: 'failure', code: 'HTTP_429', status: 429, message: expect.stringContaining('retry after 3600 s') });
    expect(server.hits('/later')).toBe(1);
    expect(await fetcher.fetch(server.url('/broken'))).toMatchObject({ kind: 'failure', code: 'HTTP_503', message: expect.stringContaining('after 3 attempts') });
    expect(server.hits('/broken')).toBe(3);
  });

  it('re-fetches conditionally: a 304 is "not modified", not a failure', async () => {
    const conditional: Handler = (request, response) => {
      if (request.headers['if-none-match'] === '"v7"' && request.headers['if-modified-since'] === 'Tue, 05 Mar 2024 10:00:00 GMT') return void response.writeHead(304, { ETag: '"v7"' }).end();
      html(PAGE, { ETag: '"v7"' })(request, response);
    };
    const { server, fetcher } = await setup({ '/story': conditional }, { conditional: (url) => (url.endsWith('/story') ? { etag: '"v7"', lastModified: 'Tue, 05 Mar 2024 10:00:00 GMT' } : null) });
    expect(await fetcher.fetch(server.url('/story'))).toMatchObject({ kind: 'not-modified', url: server.url('/story'), headers: { etag: '"v7"' } });
    const plain = await setup({ '/story': conditional });
    expect(failureCode(await plain.fetcher.fetch(plain.server.url('/story')))).toBe('page');
  });

  it('refuses loopback and private addresses unless allowed, at every hop', async () => {
    const { server } = await setup({ '/story': html(PAGE) });
    const strict = new Fetcher({ ...LOCAL, allowPrivate: false });
    open.fetchers.push(strict);
    expect(await strict.fetch(server.url('/story'))).toMatchObject({ kind: 'failure', code: 'PRIVATE_ADDRESS', message: expect.stringContaining('loopback') });
    expect(failureCode(await strict.fetch(server.url('/story').replace('127.0.0.1', 'localhost')))).toBe('PRIVATE_ADDRESS');
    expect(server.hits('/story')).toBe(0);

    // 127.0.0.1 is allowed by range; its redirect to another loopback address is refused at the second hop.
    const port = new URL(server.origin).port;
    const hop = await setup({ '/jump': respond(302, { Location: `http://127.0.0.2:${port}/story` }) }, { allowPrivate: false, allowedRanges: ['127.0.0.1/32'] });
    expect(await hop.fetcher.fetch(hop.server.url('/jump'))).toMatchObject({ kind: 'failure', code: 'PRIVATE_ADDRESS', url: `http://127.0.0.2:${port}/story`, redirects: [hop.server.url('/jump')] });
  });

  it('refuses the loopback address by every spelling: decimal, hex, octal, short, IPv6, IPv4-mapped, a name', async () => {
    const { server } = await setup({ '/story': html(PAGE) });
    const strict = new Fetcher({ ...LOCAL, allowPrivate: false });
    open.fetchers.push(strict);
    const port = new URL(server.origin).port;
    const spellings = ['2130706433', '0x7f000001', '0x7f.0.0.1', '0177.0.0.1', '127.1', '127.000.000.001', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', 'localhost', 'LOCALHOST'];
    for (const host of spellings) {
      expect(failureCode(await strict.fetch(`http://${host}:${port}/story`)), host).toBe('PRIVATE_ADDRESS');
    }
    expect(server.hits('/story')).toBe(0);
  });

  it('keeps to the per-host concurrency limit', async () => {
    let active = 0;
    let peak = 0;
    const slow: Handler = (request, response) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        html(PAGE)(request, response);
      }, 30);
    };
    const { server, fetcher } = await setup({ '/a': slow, '/b': slow, '/c': slow, '/d': slow }, { perHostConcurrency: 1 });
    const outcomes = await Promise.all(['/a', '/b', '/c', '/d'].map((path) => fetcher.fetch(server.url(path))));
    expect(outcomes.map(failureCode)).toEqual(['page', 'page', 'page', 'page']);
    expect(peak).toBe(1);
  });

  it('reports a connection refused, and a site whose robots.txt cannot be reached, as NETWORK_ERROR', async () => {
    const { server, fetcher } = await setup({ '/story': html(PAGE) });
    const port = new URL(server.origin).port;
    await server.close();
    open.servers.splice(open.servers.indexOf(server), 1);
    expect(await fetcher.fetch(`http://127.0.0.1:${port}/story`)).toMatchObject({ kind: 'failure', code: 'NETWORK_ERROR', message: expect.stringContaining('refused') });
  });

  it.skipIf(!hasOpenssl())('speaks HTTPS, and refuses a certificate it cannot verify', async () => {
    await withTempDir(async (dir) => {
      const key = join(dir, 'key.pem');
      const cert = join(dir, 'cert.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
      const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_request, response) => void response.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const fetcher = new Fetcher({ ...LOCAL, obeyRobots: false });
        open.fetchers.push(fetcher);
        const outcome = await fetcher.fetch(`https://127.0.0.1:${(server.address() as AddressInfo).port}/story`);
        expect(outcome).toMatchObject({ kind: 'failure', code: 'NETWORK_ERROR', message: expect.stringContaining('self-signed') });
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  it('rejects what is not an http(s) URL', async () => {
    const fetcher = new Fetcher(LOCAL);
    open.fetchers.push(fetcher);
    expect(failureCode(await fetcher.fetch('not a url'))).toBe('BAD_URL');
    expect(failureCode(await fetcher.fetch('ftp://files.example/report'))).toBe('UNSUPPORTED_SCHEME');
  });

  it('validates its options', () => {
    for (const bad of [{ maxBodyBytes: 0 }, { readTimeoutMs: -1 }, { maxRetries: Number.NaN }, { userAgent: 'two\nlines' }, { allowedRanges: ['10.0.0.0/99'] }] as Partial<FetchOptions>[]) {
      let thrown: unknown = null;
      try {
        new Fetcher(bad).close();
      } catch (error) {
        thrown = error;
      }
      expect(isParleyError(thrown) && thrown.code === 'E_OPTION').toBe(true);
    }
  });
});

describe('address policy and retry timing', () => {
  it('allows only public unicast addresses by default', () => {
    const policy = new AddressPolicy(false);
    const refused = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd12::1', '::ffff:127.0.0.1', '224.0.0.1'];
    for (const address of refused) expect(policy.refusal(address), address).not.toBeNull();
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34']) expect(policy.refusal(address), address).toBeNull();
    expect(new AddressPolicy(false, ['10.1.0.0/16']).refusal('10.1.2.3')).toBeNull();
    expect(new AddressPolicy(true).refusal('127.0.0.1')).toBeNull();
  });

  it('reads Retry-After as seconds or a date, and backs off exponentially without one', () => {
    const now = Date.parse('2024-03-05T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 05 Mar 2024 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    const policy = { maxRetries: 3, retryBaseDelayMs: 100, maxRetryDelayMs: 10_000 };
    expect([1, 2, 3].map((attempt) => retryDecision(attempt, undefined, policy, now))).toEqual([100, 200, 400].map((waitMs) => ({ retry: true, waitMs })));
    expect(retryDecision(4, undefined, policy, now)).toMatchObject({ retry: false });
    expect(retryDecision(1, '5', policy, now)).toEqual({ retry: true, waitMs: 5000 });
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
