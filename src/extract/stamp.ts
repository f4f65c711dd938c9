import type { StageStamp } from '../model/document.js';

/**
 * The extraction stage's name and version, stored with every result. In a module of its own so that
 * code that only records versions (the ingest's writer thread) does not load the extractor itself.
 */
export const EXTRACTOR: StageStamp = Object.freeze({ name: 'extract', version: '0.1.0' });
