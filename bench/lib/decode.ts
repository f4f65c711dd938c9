/**
 * Decodes a page's bytes the way jsdom 27 does when it is handed a Buffer (its `normalizeHTML`): the
 * WHATWG encoding sniffing of html-encoding-sniffer (BOM, transport charset, `<meta charset>` prescan,
 * windows-1252 by default), then `legacyHookDecode` of @exodus/bytes. The peers get the resulting
 * string, decoded outside the timed region, so they are compared on the same text Parley decodes itself.
 */
import { legacyHookDecode } from '@exodus/bytes/encoding.js';
import sniffHTMLEncoding from 'html-encoding-sniffer';

export interface DecodedPage {
  readonly html: string;
  readonly encoding: string;
}

export function decodeLikeJsdom(bytes: Uint8Array, transportCharset?: string): DecodedPage {
  const encoding = sniffHTMLEncoding(bytes, transportCharset === undefined ? {} : { transportLayerEncodingLabel: transportCharset });
  return { html: legacyHookDecode(bytes, encoding), encoding };
}
