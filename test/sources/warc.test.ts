import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipMembers } from '../../src/sources/warc/gzip-members.js';
import { RecordFramer, type FramerEvent } from '../../src/sources/warc/record-framer.js';
import { readWarc } from '../../src/sources/warc/warc.js';
import { collect, failures, pages, text, withTempDir } from './helpers/collect.js';
import { articleHtml, gzipArchive, htmlResponse, plainArchive, requestFor, warcRecord } from './helpers/warc-builder.js';

/** A crawl of three pages with the records a crawler writes around them. */
function crawlRecords(): Buffer[] {
  const chunkedGzip = gzipSync(articleHtml(3));
  return [
    warcRecord({ type: 'warcinfo', body: 'software: parley-test\r\nformat: WARC File Format 1.1\r\n' }),
    warcRecord(requestFor('https://harbour.example/news/1')),
    warcRecord(htmlResponse('https://harbour.example/news/1', articleHtml(1), { 'Content-Type': 'text/html; charset=iso-8859-1', ETag: '"v1"' }, '2024-03-05T10:20:30Z')),
    warcRecord({ type: 'metadata', uri: 'https://harbour.example/news/1', body: 'outlinks: https://harbour.example/news/2\r\n' }),
    warcRecord({ ...htmlResponse('https://harbour.example/news/2', '', { 'Content-Encoding': 'br' }), body: brotliCompressSync(articleHtml(2)) }),
    warcRecord({
      ...htmlResponse('https://harbour.example/news/3', '', { 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' }),
      body: Buffer.concat([Buffer.from(`${chunkedGzip.byteLength.toString(16)}\r\n`), chunkedGzip, Buffer.from('\r\n0\r\n\r\n')]),
    }),
    warcRecord({ type: 'revisit', uri: 'https://harbour.example/news/1', http: 'HTTP/1.1 304 Not Modified\r\n\r\n' }),
  ];
}

async function readArchive(bytes: Buffer, name: string, options: Parameters<typeof readWarc>[1] = {}) {
  return withTempDir(async (dir) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return { path, items: await collect(readWarc(path, options)) };
  });
}

describe('readWarc', () => {
  for (const layout of ['plain', 'gzip'] as const) {
    it(`reads response records as pages and counts the other records (${layout})`, async () => {
      const records = crawlRecords();
      const archive = layout === 'gzip' ? gzipArchive(records) : plainArchive(records);
      const { path, items } = await readArchive(archive.bytes, layout === 'gzip' ? 'crawl.warc.gz' : 'crawl.warc');
      expect(items.map((item) => item.kind)).toEqual(['skipped', 'skipped', 'page', 'skipped', 'page', 'page', 'skipped']);
      expect(items.filter((item) => item.kind === 'skipped').map((item) => (item.kind === 'skipped' ? item.detail : ''))).toEqual(['warcinfo', 'request', 'metadata', 'revisit']);
      const [first, second, third] = pages(items);
      expect(first).toMatchObject({
        source: `${path}#record-3`,
        key: `warc:${resolve(path)}@${archive.offsets[2]}`,
        url: 'https://harbour.example/news/1',
        status: 200,
        fetchedAt: '2024-03-05T10:20:30.000Z',
        headers: { 'content-type': 'text/html; charset=iso-8859-1', etag: '"v1"' },
        redirects: [],
      });
      expect(text(first!)).toBe(articleHtml(1));
      expect(text(second!)).toBe(articleHtml(2));
      expect(text(third!)).toBe(articleHtml(3));
      expect(third!.headers).not.toHaveProperty('content-encoding');
      expect(first!.bytes.byteLength).toBe(first!.bytes.buffer.byteLength);
    });
  }

  it('gives the same keys on every run', async () => {
    const archive = gzipArchive(crawlRecords());
    await withTempDir(async (dir) => {
      const path = join(dir, 'crawl.warc.gz');
      await writeFile(path, archive.bytes);
      const once = (await collect(readWarc(path))).map((item) => item.key);
      const twice = (await collect(readWarc(path))).map((item) => item.key);
      expect(twice).toEqual(once);
      expect(new Set(once).size).toBe(once.length);
    });
  });

  it('reports a truncated archive and keeps the records before the cut', async () => {
    const archive = gzipArchive(crawlRecords().slice(0, 3));
    const cut = archive.bytes.subarray(0, archive.bytes.byteLength - 40);
    const { items } = await readArchive(cut, 'cut.warc.gz');
    expect(items.map((item) => item.kind)).toEqual(['skipped', 'skipped', 'failure']);
    expect(failures(items)[0]).toMatchObject({ code: 'TRUNCATED_GZIP', stage: 'warc', message: expect.stringContaining(`offset ${archive.offsets[2]}`) });
  });

  it('reports a gzip member cut short in the middle and goes on with the next member', async () => {
    const archive = gzipArchive([warcRecord(htmlResponse('https://harbour.example/a', articleHtml(1))), warcRecord(htmlResponse('https://harbour.example/b', articleHtml(2))), warcRecord(htmlResponse('https://harbour.example/c', articleHtml(3)))]);
    const [a, b, c] = archive.members;
    const damaged = Buffer.concat([a!, b!.subarray(0, 60), c!]);
    const { items } = await readArchive(damaged, 'damaged.warc.gz');
    expect(items.map((item) => (item.kind === 'page' ? item.url : item.kind === 'failure' ? item.code : item.kind))).toEqual(['https://harbour.example/a', 'TRUNCATED_GZIP', 'https://harbour.example/c']);
    expect(failures(items)[0]!.message).toContain(`offset ${a!.byteLength + 60}`);
  });

  it('reports a corrupt gzip member and goes on with the next member', async () => {
    const archive = gzipArchive([warcRecord(htmlResponse('https://harbour.example/a', articleHtml(1))), warcRecord(htmlResponse('https://harbour.example/b', articleHtml(2))), warcRecord(htmlResponse('https://harbour.example/c', articleHtml(3)))]);
    const corrupt = Buffer.from(archive.bytes);
    corrupt.fill(0x55, archive.offsets[1]! + 30, archive.offsets[1]! + 80);
    const { items } = await readArchive(corrupt, 'corrupt.warc.gz');
    expect(items.map((item) => (item.kind === 'page' ? item.url : item.kind === 'failure' ? item.code : item.kind))).toEqual(['https://harbour.example/a', 'CORRUPT_GZIP', 'https://harbour.example/c']);
    expect(failures(items)[0]!.message).toContain(`offset ${archive.offsets[1]}`);
  });

  for (const layout of ['plain', 'gzip'] as const) {
    for (const error of [40, -25]) {
      it(`reports a record whose Content-Length is ${error > 0 ? 'too large' : 'too small'} and reads the next one (${layout})`, async () => {
        const records = [
          warcRecord(htmlResponse('https://harbour.example/a', articleHtml(1))),
          warcRecord({ ...htmlResponse('https://harbour.example/lies', articleHtml(2)), lengthError: error }),
          warcRecord(htmlResponse('https://harbour.example/c', articleHtml(3))),
        ];
        const archive = layout === 'gzip' ? gzipArchive(records) : plainArchive(records);
        const { items } = await readArchive(archive.bytes, layout === 'gzip' ? 'lies.warc.gz' : 'lies.warc');
        expect(items.map((item) => (item.kind === 'page' ? item.url : item.kind === 'failure' ? item.code : item.kind))).toEqual(['https://harbour.example/a', 'LENGTH_MISMATCH', 'https://harbour.example/c']);
        expect(failures(items)[0]!.message).toMatch(new RegExp(`offset ${archive.offsets[1]}.*Content-Length`));
      });
    }
  }

  it('reports a record with a garbled version line and finds the next record', async () => {
    const garbled = warcRecord(htmlResponse('https://harbour.example/b', articleHtml(2)));
    garbled.write('WXRC', 0, 'latin1');
    for (const layout of ['plain', 'gzip'] as const) {
      const records = [warcRecord(htmlResponse('https://harbour.example/a', articleHtml(1))), garbled, warcRecord(htmlResponse('https://harbour.example/c', articleHtml(3)))];
      const archive = layout === 'gzip' ? gzipArchive(records) : plainArchive(records);
      const { items } = await readArchive(archive.bytes, layout === 'gzip' ? 'garbled.warc.gz' : 'garbled.warc');
      expect(items.map((item) => (item.kind === 'page' ? item.url : item.kind === 'failure' ? item.code : item.kind))).toEqual(['https://harbour.example/a', 'BAD_WARC_RECORD', 'https://harbour.example/c']);
      expect(failures(items)[0]!.message).toMatch(/version line/);
    }
  });

  it('reports stray bytes between records and finds the next record', async () => {
    const good = warcRecord(htmlResponse('https://harbour.example/a', articleHtml(1)));
    const junk = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>a stray response with no WARC header</p>\r\n\r\n');
    const archive = plainArchive([good, junk, warcRecord(htmlResponse('https://harbour.example/c', articleHtml(3)))]);
    const { items } = await readArchive(archive.bytes, 'junk.warc');
    expect(items.map((item) => (item.kind === 'page' ? item.url : item.kind === 'failure' ? item.code : item.kind))).toEqual(['https://harbour.example/a', 'BAD_WARC_RECORD', 'https://harbour.example/c']);
    expect(failures(items)[0]!.message).toContain(`offset ${archive.offsets[1]}`);
  });

  it('reports a response record without a valid HTTP message', async () => {
    const broken = warcRecord({ type: 'response', uri: 'https://harbour.example/x', http: 'garbage line\r\n\r\n', body: '<p>x</p>' });
    const { items } = await readArchive(gzipArchive([broken]).bytes, 'broken.warc.gz');
    expect(failures(items).map((failure) => failure.code)).toEqual(['BAD_WARC_RECORD']);
  });

  it('turns non-HTML responses into NOT_HTML, error statuses into HTTP_ codes, and skips redirects', async () => {
    const archive = gzipArchive([
      warcRecord({ type: 'response', uri: 'https://harbour.example/report.pdf', http: 'HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n', body: '%PDF-1.7 ...' }),
      warcRecord({ type: 'response', uri: 'https://harbour.example/photo.jpg', http: 'HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n', body: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) }),
      warcRecord({ type: 'response', uri: 'https://harbour.example/gone', http: 'HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n', body: '<p>gone</p>' }),
      warcRecord({ type: 'response', uri: 'https://harbour.example/old', http: 'HTTP/1.1 301 Moved\r\nLocation: https://harbour.example/new\r\n\r\n' }),
    ]);
    const { items } = await readArchive(archive.bytes, 'mixed.warc.gz');
    expect(items.map((item) => (item.kind === 'failure' ? item.code : item.kind === 'skipped' ? item.reason : item.kind))).toEqual(['NOT_HTML', 'NOT_HTML', 'HTTP_404', 'http-redirect']);
    expect(failures(items)[0]).toMatchObject({ url: 'https://harbour.example/report.pdf', message: expect.stringContaining('application/pdf') });
  });

  it('passes over a record larger than maxRecordBytes without holding it, then reads on', async () => {
    const huge = 'x'.repeat(300_000);
    for (const layout of ['plain', 'gzip'] as const) {
      const records = [warcRecord(htmlResponse('https://harbour.example/huge', huge)), warcRecord(htmlResponse('https://harbour.example/next', articleHtml(1)))];
      const archive = layout === 'gzip' ? gzipArchive(records) : plainArchive(records);
      const { items } = await readArchive(archive.bytes, layout === 'gzip' ? 'huge.warc.gz' : 'huge.warc', { maxRecordBytes: 64 * 1024 });
      expect(items.map((item) => (item.kind === 'page' ? item.url : item.kind === 'failure' ? item.code : item.kind))).toEqual(['TOO_LARGE', 'https://harbour.example/next']);
      expect(failures(items)[0]!.url).toBe('https://harbour.example/huge');
    }
  });

  it('skips records the caller has already done', async () => {
    const archive = gzipArchive([warcRecord(htmlResponse('https://harbour.example/a', articleHtml(1))), warcRecord(htmlResponse('https://harbour.example/b', articleHtml(2)))]);
    await withTempDir(async (dir) => {
      const path = join(dir, 'resume.warc.gz');
      await writeFile(path, archive.bytes);
      const done = new Set([`warc:${resolve(path)}@${archive.offsets[0]}`]);
      const items = await collect(readWarc(path, { isDone: (key) => done.has(key) }));
      expect(items.map((item) => (item.kind === 'page' ? item.url : item.kind === 'skipped' ? item.reason : item.kind))).toEqual(['already-done', 'https://harbour.example/b']);
    });
  });

  it('is one source failure when the archive cannot be opened', async () => {
    const items = await collect(readWarc('/nonexistent/parley/archive.warc.gz'));
    expect(items).toEqual([expect.objectContaining({ kind: 'failure', code: 'NOT_FOUND', scope: 'source', stage: 'open' })]);
  });

  it('ends with a source failure (NOT_WARC) when not one record could be read: random bytes, gzipped noise, an empty file', async () => {
    const noise = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251));
    for (const [name, bytes] of [['random.warc.gz', noise], ['noise.warc.gz', gzipSync(noise)], ['empty.warc', Buffer.alloc(0)]] as const) {
      const { items } = await readArchive(bytes, name);
      const last = items[items.length - 1]!;
      expect(last, name).toMatchObject({ kind: 'failure', code: 'NOT_WARC', scope: 'source', message: expect.stringContaining('No WARC record could be read') });
      expect(items.slice(0, -1).every((item) => item.kind === 'failure' && item.scope === 'item'), name).toBe(true);
    }
    // One readable record is enough: the damage is then the records', not the archive's.
    const garbled = warcRecord(requestFor('https://harbour.example/a'));
    garbled.write('WXRC', 0, 'latin1');
    const { items } = await readArchive(Buffer.concat([garbled, warcRecord(requestFor('https://harbour.example/b'))]), 'mixed.warc');
    expect(items.map((item) => (item.kind === 'failure' ? item.code : item.kind))).toEqual(['BAD_WARC_RECORD', 'skipped']);
  });
});

describe('gzipMembers and RecordFramer', () => {
  /** Events for an archive fed in chunks of `size` bytes: chunk boundaries must not change anything. */
  async function memberEvents(bytes: Buffer, size: number): Promise<string[]> {
    const chunks = async function* () {
      for (let at = 0; at < bytes.byteLength; at += size) yield bytes.subarray(at, at + size);
    };
    const events: string[] = [];
    let framer: RecordFramer | null = null;
    const describe = (event: FramerEvent): string => (event.type === 'record' ? `record ${event.header.fields.get('warc-target-uri')}` : event.type === 'bad' ? event.code : event.type);
    for await (const event of gzipMembers(chunks(), { maxRetainedBytes: 1 << 20 })) {
      if (event.type === 'member') framer = new RecordFramer({ maxRecordBytes: 1 << 20, maxHeaderBytes: 4096 }, { record: (offset) => `the record at ${offset}`, stream: 'its member' });
      if (event.type === 'data') {
        framer!.push(event.bytes);
        for (const framed of framer!.events()) events.push(describe(framed));
      }
      if (event.type === 'end') for (const framed of framer!.events(true)) events.push(describe(framed));
      if (event.type === 'error') events.push(event.code);
    }
    return events;
  }

  it('finds the same records and damage whatever the chunk size', async () => {
    const records = [1, 2, 3, 4].map((n) => warcRecord(htmlResponse(`https://harbour.example/${n}`, articleHtml(n))));
    const archive = gzipArchive(records);
    const damaged = Buffer.concat([archive.members[0]!, archive.members[1]!.subarray(0, 50), archive.members[2]!, archive.members[3]!.subarray(0, 70)]);
    const expected = ['record https://harbour.example/1', 'TRUNCATED_GZIP', 'record https://harbour.example/3', 'TRUNCATED_GZIP'];
    for (const size of [1, 7, 64, 4096, 1 << 20]) expect(await memberEvents(damaged, size)).toEqual(expected);
  });

  it('reads every record of an archive compressed as one gzip member', async () => {
    const records = [1, 2, 3].map((n) => warcRecord(htmlResponse(`https://harbour.example/${n}`, articleHtml(n))));
    const single = gzipSync(Buffer.concat(records));
    expect(await memberEvents(single, 100)).toEqual(['record https://harbour.example/1', 'record https://harbour.example/2', 'record https://harbour.example/3']);
  });

  it('frames plain records pushed a byte at a time', () => {
    const records = [warcRecord(htmlResponse('https://harbour.example/1', articleHtml(1))), warcRecord({ ...htmlResponse('https://harbour.example/2', articleHtml(2)), lengthError: 9 }), warcRecord(htmlResponse('https://harbour.example/3', articleHtml(3)))];
    const bytes = Buffer.concat(records);
    const framer = new RecordFramer({ maxRecordBytes: 1 << 20, maxHeaderBytes: 4096 }, { record: (offset) => `the record at offset ${offset}`, stream: 'the archive' });
    const events: FramerEvent[] = [];
    for (const byte of bytes) {
      framer.push(Uint8Array.of(byte));
      events.push(...framer.events());
    }
    events.push(...framer.events(true));
    expect(events.map((event) => (event.type === 'bad' ? `${event.code}@${event.offset}` : `${event.type}@${event.offset}`))).toEqual([
      'record@0',
      `LENGTH_MISMATCH@${records[0]!.byteLength}`,
      `record@${records[0]!.byteLength + records[1]!.byteLength}`,
    ]);
  });
});
