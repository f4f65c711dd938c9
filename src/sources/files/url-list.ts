import { createReadStream } from 'node:fs';
import { errorCode, formatBytes } from '../bytes.js';
import { describeFsError } from './read.js';

/**
 * A text file of URLs, one a line, read lazily: blank lines and lines starting with `#` are skipped; any
 * other line that is not an absolute http(s) URL is reported with its line number. A line longer than
 * `maxLineBytes` (binary junk, a file that is not a list) is reported without being held in memory.
 */

export type UrlListLine =
  | { readonly kind: 'url'; readonly url: string; readonly line: number }
  | { readonly kind: 'junk'; readonly line: number; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly message: string; readonly missing: boolean };

const LF = 0x0a;

export async function* readUrlList(path: string, maxLineBytes: number): AsyncGenerator<UrlListLine> {
  let line = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let overlong = false;
  const finishLine = (bytes: Buffer | null): UrlListLine | null => {
    line++;
    if (overlong || bytes === null) return { kind: 'junk', line, reason: `it is longer than ${formatBytes(maxLineBytes)}` };
    return judge(bytes.toString('utf8'), line);
  };
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(LF, start); end !== -1; end = chunk.indexOf(LF, start)) {
        const piece = chunk.subarray(start, end);
        const whole = overlong ? null : pendingSize + piece.byteLength > maxLineBytes ? null : Buffer.concat([...pending, piece]);
        const judged = finishLine(whole);
        pending = [];
        pendingSize = 0;
        overlong = false;
        if (judged) yield judged;
        start = end + 1;
      }
      const rest = chunk.subarray(start);
      if (!overlong && pendingSize + rest.byteLength > maxLineBytes) {
        overlong = true;
        pending = [];
        pendingSize = 0;
      } else if (!overlong && rest.byteLength > 0) {
        pending.push(rest);
        pendingSize += rest.byteLength;
      }
    }
  } catch (error) {
    yield { kind: 'unreadable', message: `Cannot read the URL list${line > 0 ? ` after line ${line}` : ''}: ${describeFsError(error)}.`, missing: errorCode(error) === 'ENOENT' };
    return;
  }
  if (overlong || pendingSize > 0) {
    const judged = finishLine(overlong ? null : Buffer.concat(pending));
    if (judged) yield judged;
  }
}

/** One line: a URL, nothing (blank or a comment), or junk with the reason. */
function judge(raw: string, line: number): UrlListLine | null {
  const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
  if (text === '' || text.startsWith('#')) return null;
  if (/\s/.test(text)) return { kind: 'junk', line, reason: 'it contains spaces (one URL a line; comments start with #)' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: 'junk', line, reason: `${JSON.stringify(clip(text))} is not an absolute URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'junk', line, reason: `${JSON.stringify(clip(text))} is not an http(s) URL` };
  if (url.hostname === '') return { kind: 'junk', line, reason: `${JSON.stringify(clip(text))} has no host` };
  return { kind: 'url', url: url.href, line };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
