/**
 * Magic numbers of the non-HTML formats a crawl or a folder of pages commonly contains, as data. Each
 * signature is a list of byte patterns at fixed offsets (null in a pattern matches any byte); `name`
 * completes the sentence "The input is ___, not HTML."
 */
export interface BinarySignature {
  readonly name: string;
  readonly patterns: readonly { readonly offset: number; readonly bytes: readonly (number | null)[] }[];
}

/** Bytes of an ASCII string, for readable signatures. */
function ascii(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}

function at(offset: number, bytes: readonly (number | null)[]): BinarySignature['patterns'][number] {
  return { offset, bytes };
}

/**
 * Checked in order; a more specific signature comes before the general one it refines (DOCX before
 * ZIP, AVIF before MP4). Text-like magic strings carry a second pattern that text cannot contain, so a
 * page that happens to start with "GIF8" or "ID3" is not misnamed.
 */
export const BINARY_SIGNATURES: readonly BinarySignature[] = [
  { name: 'a PDF document', patterns: [at(0, ascii('%PDF-'))] },
  { name: 'a PNG image', patterns: [at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
  { name: 'a JPEG image', patterns: [at(0, [0xff, 0xd8, 0xff])] },
  { name: 'a GIF image', patterns: [at(0, ascii('GIF8')), at(5, ascii('a'))] },
  { name: 'a WebP image', patterns: [at(0, ascii('RIFF')), at(8, ascii('WEBP'))] },
  { name: 'a WAV audio file', patterns: [at(0, ascii('RIFF')), at(8, ascii('WAVE'))] },
  { name: 'an AVI video', patterns: [at(0, ascii('RIFF')), at(8, ascii('AVI '))] },
  { name: 'a BMP image', patterns: [at(0, ascii('BM')), at(6, [0, 0, 0, 0])] },
  { name: 'a TIFF image', patterns: [at(0, [0x49, 0x49, 0x2a, 0x00])] },
  { name: 'a TIFF image', patterns: [at(0, [0x4d, 0x4d, 0x00, 0x2a])] },
  { name: 'an ICO icon', patterns: [at(0, [0x00, 0x00, 0x01, 0x00])] },
  { name: 'an AVIF image', patterns: [at(4, ascii('ftypavi'))] },
  { name: 'a HEIC image', patterns: [at(4, ascii('ftyphei'))] },
  { name: 'a HEIC image', patterns: [at(4, ascii('ftypmif1'))] },
  { name: 'a QuickTime video', patterns: [at(4, ascii('ftypqt'))] },
  { name: 'an MP4 video', patterns: [at(4, ascii('ftyp'))] },
  { name: 'a WebM/Matroska video', patterns: [at(0, [0x1a, 0x45, 0xdf, 0xa3])] },
  { name: 'an Ogg audio/video file', patterns: [at(0, ascii('OggS')), at(4, [0x00])] },
  { name: 'a FLAC audio file', patterns: [at(0, ascii('fLaC')), at(4, [null, 0x00])] },
  { name: 'an MP3 audio file', patterns: [at(0, ascii('ID3')), at(4, [0x00])] },
  { name: 'an MP3 audio file', patterns: [at(0, [0xff, 0xfb])] },
  { name: 'an MP3 audio file', patterns: [at(0, [0xff, 0xf3])] },
  { name: 'an MP3 audio file', patterns: [at(0, [0xff, 0xf2])] },
  { name: 'an AAC audio file', patterns: [at(0, [0xff, 0xf1])] },
  { name: 'an AAC audio file', patterns: [at(0, [0xff, 0xf9])] },
  { name: 'a MIDI file', patterns: [at(0, ascii('MThd')), at(4, [0x00, 0x00, 0x00, 0x06])] },
  { name: 'a WOFF font', patterns: [at(0, ascii('wOFF'))] },
  { name: 'a WOFF2 font', patterns: [at(0, ascii('wOF2'))] },
  { name: 'a TrueType font', patterns: [at(0, [0x00, 0x01, 0x00, 0x00, 0x00])] },
  { name: 'an OpenType font', patterns: [at(0, ascii('OTTO')), at(4, [0x00])] },
  { name: 'a Word document (DOCX)', patterns: [at(0, ascii('PK\x03\x04')), at(30, ascii('word/'))] },
  { name: 'an Excel spreadsheet (XLSX)', patterns: [at(0, ascii('PK\x03\x04')), at(30, ascii('xl/'))] },
  { name: 'a PowerPoint presentation (PPTX)', patterns: [at(0, ascii('PK\x03\x04')), at(30, ascii('ppt/'))] },
  { name: 'an Office document (DOCX, XLSX or PPTX)', patterns: [at(0, ascii('PK\x03\x04')), at(30, ascii('[Content_Types].xml'))] },
  { name: 'an EPUB e-book', patterns: [at(0, ascii('PK\x03\x04')), at(30, ascii('mimetypeapplication/epub+zip'))] },
  { name: 'an OpenDocument file', patterns: [at(0, ascii('PK\x03\x04')), at(30, ascii('mimetypeapplication/vnd.oasis.opendocument'))] },
  { name: 'a ZIP archive', patterns: [at(0, ascii('PK\x03\x04'))] },
  { name: 'a ZIP archive', patterns: [at(0, ascii('PK\x05\x06'))] },
  { name: 'a ZIP archive', patterns: [at(0, ascii('PK\x07\x08'))] },
  { name: 'gzip-compressed data (decompress it first)', patterns: [at(0, [0x1f, 0x8b, 0x08])] },
  { name: 'bzip2-compressed data (decompress it first)', patterns: [at(0, ascii('BZh')), at(4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59])] },
  { name: 'xz-compressed data (decompress it first)', patterns: [at(0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])] },
  { name: 'zstd-compressed data (decompress it first)', patterns: [at(0, [0x28, 0xb5, 0x2f, 0xfd])] },
  { name: 'a 7-Zip archive', patterns: [at(0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])] },
  { name: 'a RAR archive', patterns: [at(0, ascii('Rar!\x1a\x07'))] },
  { name: 'a Microsoft Office (OLE) document', patterns: [at(0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])] },
  { name: 'an RTF document', patterns: [at(0, ascii('{\\rtf'))] },
  { name: 'a WARC archive (read it with a WARC source, not as one page)', patterns: [at(0, ascii('WARC/1.'))] },
  { name: 'an SQLite database', patterns: [at(0, ascii('SQLite format 3\x00'))] },
  { name: 'an ELF executable', patterns: [at(0, [0x7f, 0x45, 0x4c, 0x46])] },
  { name: 'a Windows executable', patterns: [at(0, ascii('MZ')), at(2, [null, 0x00])] },
  { name: 'a Mach-O executable', patterns: [at(0, [0xcf, 0xfa, 0xed, 0xfe])] },
  { name: 'a Mach-O executable', patterns: [at(0, [0xfe, 0xed, 0xfa, 0xcf])] },
  { name: 'a Java class file', patterns: [at(0, [0xca, 0xfe, 0xba, 0xbe])] },
  { name: 'a WebAssembly module', patterns: [at(0, [0x00, 0x61, 0x73, 0x6d])] },
];
