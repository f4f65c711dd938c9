/** The HTTP API: the app (in-process, for tests and embedding), serving it on a port, and its contract. */
export { createApp } from './app.js';
export { API_ERRORS, ApiError, type ApiErrorBody, type ApiErrorCode } from './errors.js';
export { DEFAULT_CONNECTION_LIMITS, ListenError, startServer, type ConnectionLimits, type ListenOptions, type RunningServer } from './listen.js';
export { DEFAULT_LIMITS, parseCorsOrigin, SILENT_LOG, type AppOptions, type ServerLimits, type ServerLog } from './options.js';
export { API_VERSION, openApiDocument } from './openapi/document.js';
export type { ApiApp, RouteModule } from './routes/route.js';
