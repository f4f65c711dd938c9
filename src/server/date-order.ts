import { parseDateBound } from '../store/filters.js';
import { invalidParameter } from './errors.js';

/** since after until matches nothing: a 400 naming `until`, as GET /api/articles answers. */
export function checkDateOrder(since: string | undefined, until: string | undefined): void {
  if (since !== undefined && until !== undefined && parseDateBound(since, 'since') > parseDateBound(until, 'until')) {
    throw invalidParameter('until', `(${until}) is before since (${since}): nothing can match. Swap the two dates.`);
  }
}
