import { getRequestListener } from '@hono/node-server';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApiError, type ApiErrorCode } from './errors.js';
import type { ApiApp } from './routes/route.js';

/**
 * Serving the app on a port with Node's HTTP server (through @hono/node-server's request listener),
 * with the connection-level limits the app cannot enforce itself: how long a client may take to send
 * its headers and its request, how large the headers may be, how many connections stay open.
 *
 * Many half-open connections (clients that connect and send their headers slowly or never) must not
 * keep normal requests out. Node's own `maxConnections` refuses every new connection once the limit is
 * held, and checks the header timeout only every 30 s, so 300 such connections shut a server for about
 * 35 s. Here, a connection past the limit makes room by closing the oldest connection that has no
 * request in progress (still sending its headers, or idle between keep-alive requests), and the
 * timeouts are checked every second: a normal request, whose headers arrive at once, is always served.
 */

export interface ConnectionLimits {
  /** Time for a client to send the request headers, in ms (slow-header attacks). */
  readonly headersTimeoutMs: number;
  /** Time for a client to send the whole request, in ms. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long, in ms. */
  readonly keepAliveTimeoutMs: number;
  /** Largest request line and headers, in bytes (Node answers 431 above it). */
  readonly maxHeaderBytes: number;
  /** Most connections open at once; past it, the oldest without a request in progress is closed to make room. */
  readonly maxConnections: number;
  /** How often the header and request timeouts are checked, in ms (Node's default is 30 s). */
  readonly connectionsCheckingIntervalMs: number;
  /** On shutdown, how long requests in progress may run before their connections are cut, in ms. */
  readonly shutdownGraceMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 256,
  connectionsCheckingIntervalMs: 1_000,
  shutdownGraceMs: 5_000,
});

export interface ListenOptions {
  readonly host: string;
  /** 0 picks a free port (tests); the URL says which. */
  readonly port: number;
  readonly limits?: Partial<ConnectionLimits>;
}

export interface RunningServer {
  /** The server's base URL, e.g. http://127.0.0.1:8080 (the API is under /api/). */
  readonly url: string;
  readonly address: AddressInfo;
  /** Stops accepting connections, lets requests in progress finish (up to the grace period), then resolves. */
  close(): Promise<void>;
  /** Cuts every open connection now (a second Ctrl-C during close). */
  cutConnections(): void;
}

/** Why a server could not start, with a message that says what to do. */
export class ListenError extends Error {
  constructor(
    readonly code: 'PORT_IN_USE' | 'ADDRESS_UNAVAILABLE' | 'PERMISSION_DENIED' | 'LISTEN_FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ListenError';
  }
}

export function startServer(app: ApiApp, options: ListenOptions): Promise<RunningServer> {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const listener = getRequestListener(app.fetch);
  const inProgress = new Set<ServerResponse>();
  let closing = false;
  const connections = new ConnectionRoom(limits.maxConnections);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      maxHeaderSize: limits.maxHeaderBytes,
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    },
    (request, response) => {
      inProgress.add(response);
      connections.requestStarted(request.socket);
      response.once('close', () => {
        inProgress.delete(response);
        connections.requestEnded(request.socket);
      });
      if (closing) response.setHeader('Connection', 'close');
      void listener(request, response);
    },
  );
  server.on('connection', (socket: Socket) => connections.admit(socket));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, limits));
  const close = (): Promise<void> => {
    closing = true;
    // A keep-alive connection would outlive its last response: tell each client this one is the last.
    for (const response of inProgress) if (!response.headersSent) response.setHeader('Connection', 'close');
    return closeServer(server, limits.shutdownGraceMs);
  };
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => reject(listenError(error, options));
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      const address = server.address() as AddressInfo;
      resolve({ url: baseUrl(address), address, close, cutConnections: () => server.closeAllConnections() });
    });
  });
}

/**
 * The open connections, oldest first, with how many requests each has in progress. Admitting one past
 * the limit closes the oldest connection with none in progress; when every connection is busy, the new
 * one is closed instead (requests in progress are never cut).
 */
class ConnectionRoom {
  private readonly open = new Map<Socket, { requests: number }>();

  constructor(private readonly limit: number) {}

  admit(socket: Socket): void {
    this.open.set(socket, { requests: 0 });
    socket.once('close', () => this.open.delete(socket));
    if (this.open.size <= this.limit) return;
    for (const [candidate, state] of this.open) {
      if (state.requests === 0 && candidate !== socket) {
        this.open.delete(candidate);
        candidate.destroy();
        return;
      }
    }
    this.open.delete(socket);
    socket.destroy();
  }

  requestStarted(socket: Socket): void {
    const state = this.open.get(socket);
    if (state) state.requests++;
  }

  requestEnded(socket: Socket): void {
    const state = this.open.get(socket);
    if (state) state.requests = Math.max(0, state.requests - 1);
  }
}

/**
 * Requests Node refuses before the app sees them (headers too large, too slow, not HTTP) get the same
 * JSON error shape as every other error, instead of Node's empty-bodied answers. A connection already
 * gone is only closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, limits: ConnectionLimits): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [code, message]: [ApiErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ['headers_too_large', `The request line and headers are larger than ${limits.maxHeaderBytes} bytes, the limit of this server. Send fewer or smaller headers (cookies?).`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['request_timeout', `The request was not received within ${limits.headersTimeoutMs} ms (headers) or ${limits.requestTimeoutMs} ms (whole request), the limits of this server.`]
        : ['bad_request', 'The request is not valid HTTP.'];
  const apiError = new ApiError(code, message);
  const body = JSON.stringify(apiError.toBody());
  const head = [
    `HTTP/1.1 ${apiError.status} ${STATUS_TEXT[apiError.status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
  ];
  // Closed once the answer is out, as Node does: a client that never reads must not keep the connection.
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
  setTimeout(() => socket.destroy(), CLIENT_ERROR_LINGER_MS).unref();
}

/** Longest wait for an error answer to reach a client before its connection is cut. */
const CLIENT_ERROR_LINGER_MS = 1000;

const STATUS_TEXT: Readonly<Record<number, string>> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

function listenError(error: NodeJS.ErrnoException, options: ListenOptions): ListenError {
  const where = `${options.host}:${options.port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new ListenError('PORT_IN_USE', `port ${options.port} on ${options.host} is already in use (another server?). Stop it, or choose another port with --port.`, { cause: error });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ListenError('ADDRESS_UNAVAILABLE', `cannot listen on ${where}: ${options.host} is not an address of this machine. Use --host 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new ListenError('PERMISSION_DENIED', `not allowed to listen on ${where} (ports below 1024 need privileges). Choose a port from 1024 with --port.`, { cause: error });
    default:
      return new ListenError('LISTEN_FAILED', `cannot listen on ${where}: ${error.message}`, { cause: error });
  }
}

function baseUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
