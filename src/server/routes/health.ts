import type { Store } from '../../store/store.js';
import { readQueryParameters } from '../params.js';
import type { RouteModule } from './route.js';

export interface HealthJSON {
  status: 'ok';
  database: 'ok';
}

/**
 * Asks the database a question it answers at once: a lookup of an id that never exists (ids start at
 * 1), which goes through the adapter, its connection and the file. A failure is a store error, which
 * the error handler turns into 503 `database_unavailable`.
 */
export async function checkDatabase(store: Store): Promise<void> {
  await store.getArticle(0);
}

/** GET /api/health: 200 when the server and its database answer (for monitors and container probes). */
export const healthRoutes: RouteModule = {
  name: 'health',
  register(app, { store }) {
    app.get('/api/health', async (c) => {
      readQueryParameters(c.req.url, {});
      await checkDatabase(store);
      c.header('Cache-Control', 'no-store');
      const body: HealthJSON = { status: 'ok', database: 'ok' };
      return c.json(body);
    });
  },
};
