import { openApiDocument } from '../openapi/document.js';
import { readQueryParameters } from '../params.js';
import type { RouteModule } from './route.js';

/** GET /api/openapi.json: the OpenAPI 3.1 document of this API (built once). */
export const openApiRoutes: RouteModule = {
  name: 'openapi',
  register(app) {
    const document = openApiDocument();
    app.get('/api/openapi.json', (c) => {
      readQueryParameters(c.req.url, {});
      return c.json(document);
    });
  },
};
