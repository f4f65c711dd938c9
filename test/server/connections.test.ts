import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { startServer, type ConnectionLimits, type RunningServer } from '../../src/server/listen.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

/**
 * Many half-open connections (a slow-headers attack, or a crowd of broken clients) must not keep normal
 * requests out: past the connection limit the oldest connection without a request in progress makes
 * room, and one that never finishes its headers is closed after the header timeout. The attacking
 * client is local and bounded: it opens a fixed number of sockets and sends half a request line on each.
 */

const servers: RunningServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(limits: Partial<ConnectionLimits>): Promise<RunningServer> {
  const server = await startServer(createApp({ store: new MemoryStore() }), { host: '127.0.0.1', port: 0, limits: { shutdownGraceMs: 100, ...limits } });
  servers.push(server);
  return server;
}

/** Opens `count` connections that each send half a request line and then nothing; resolves once all are connected. */
async function halfOpen(server: RunningServer, count: number): Promise<{ closedByServer: () => number }> {
  let closed = 0;
  await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<void>((resolve) => {
        const socket = connect(server.address.port, '127.0.0.1', () => {
          socket.write('GET /api/health HT');
          resolve();
        });
        socket.on('error', () => undefined);
        socket.on('close', () => closed++);
        socket.resume(); // reads what the server answers (a 408), so its close is seen
        sockets.push(socket);
      }),
    ),
  );
  return { closedByServer: () => closed };
}

describe('many half-open connections', () => {
  it('do not keep normal requests out: each is answered while 300 half-open connections hold the limit', async () => {
    const server = await serve({ maxConnections: 64, headersTimeoutMs: 20_000 });
    await halfOpen(server, 300);
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${server.url}/api/health`, { headers: { Connection: 'close' } });
      expect(response.status, `request ${i}`).toBe(200);
      await response.arrayBuffer();
    }
  });

  it('are closed by the server once the header timeout passes', async () => {
    const server = await serve({ maxConnections: 64, headersTimeoutMs: 300, connectionsCheckingIntervalMs: 100 });
    const crowd = await halfOpen(server, 40);
    await expect.poll(crowd.closedByServer, { timeout: 10_000, interval: 50 }).toBe(40);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('answers a request that is not HTTP with the JSON error shape', async () => {
    const server = await serve({});
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(server.address.port, '127.0.0.1', () => socket.write('HELLO THERE\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      sockets.push(socket);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
  });
});
