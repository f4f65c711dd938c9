import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { countryNames } from '../../resources/countries.js';
import type { CameoCodebookData } from '../../stages/events/verb-data.js';
import { readQueryParameters } from '../params.js';
import type { RouteModule } from './route.js';

/**
 * GET /api/codebook: the labels behind the codes the API returns — CAMEO event codes (name, Goldstein
 * value, quad class, PLOVER type), the quad classes, and country codes — read once from Parley's own data
 * files, so a client can show "040 CONSULT" or "CHN China" without a table of its own.
 */

export interface CodebookJSON {
  cameo: Record<string, { name: string; goldstein: number; quadClass: number; root: string; plover: string | null }>;
  quadClasses: { quadClass: number; name: string }[];
  countries: Record<string, string>;
}

const QUAD_CLASSES = ['verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];

let cached: CodebookJSON | null = null;

export function codebook(): CodebookJSON {
  if (cached) return cached;
  const data = JSON.parse(readFileSync(fileURLToPath(new URL('../../../data/events/cameo-codes.json', import.meta.url)), 'utf8')) as CameoCodebookData;
  const cameo: CodebookJSON['cameo'] = {};
  for (const [code, entry] of Object.entries(data.codes)) {
    cameo[code] = { name: entry.name, goldstein: entry.goldstein, quadClass: entry.quadClass, root: entry.root, plover: data.plover[code]?.[0] ?? null };
  }
  cached = {
    cameo,
    quadClasses: QUAD_CLASSES.map((name, i) => ({ quadClass: i + 1, name })),
    countries: Object.fromEntries(countryNames()),
  };
  return cached;
}

export const codebookRoutes: RouteModule = {
  name: 'codebook',
  register(app) {
    app.get('/api/codebook', (c) => {
      readQueryParameters(c.req.url, {});
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json(codebook());
    });
  },
};
