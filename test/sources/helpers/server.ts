import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 for the fetcher tests: each route is a handler; every request is logged
 * (path and headers), and every connection is tracked so that `close()` ends even hanging ones.
 */

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestServer {
  readonly origin: string;
  url(path: string): string;
  /** Requests received, in order. */
  readonly requests: { readonly path: string; readonly headers: IncomingMessage['headers'] }[];
  hits(path: string): number;
  close(): Promise<void>;
}

export type Routes = Readonly<Record<string, Handler>>;

/** `routes` may be a function of the server's origin, for pages that link to the server itself. */
export async function startServer(routesOrBuilder: Routes | ((origin: string) => Routes)): Promise<TestServer> {
  let routes: Routes = typeof routesOrBuilder === 'function' ? {} : routesOrBuilder;
  const requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const handler = routes[path] ?? routes[path.split('?')[0]!];
    if (handler) return handler(request, response);
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  if (typeof routesOrBuilder === 'function') routes = routesOrBuilder(origin);
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    hits: (path) => requests.filter((request) => request.path === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A handler that answers with a fixed status, headers and body. */
export function respond(status: number, headers: Readonly<Record<string, string | number>>, body: string | Uint8Array = ''): Handler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

export function html(body: string, headers: Readonly<Record<string, string>> = {}): Handler {
  return respond(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body);
}

/**
 * A TCP server that answers every connection with `answer(socket)` once the request arrives: for
 * responses Node's HTTP server will not send (a body delimited by the connection's close, a reset, fewer
 * bytes than the Content-Length). Connections are tracked so that `close()` ends even dripping ones.
 */
export async function startRawServer(answer: (socket: Socket) => void): Promise<{ url(path: string): string; close(): Promise<void> }> {
  const { createServer: createTcpServer } = await import('node:net');
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', () => answer(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
