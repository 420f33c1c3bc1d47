import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a simulator supplies: where to listen, its request handler and its own 500. */
export interface StartSimServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1; simulators are for loopback use only. */
  host?: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Answer a handler crash in the provider's own error shape (headers not yet sent). */
  sendCrash(res: ServerResponse): void;
}

/** A listening simulator server. */
export interface SimServer {
  /** `http://host:port`, IPv6 hosts bracketed, no path. */
  origin: string;
  port: number;
  /** Stop listening and destroy every open socket, stalled streams included. */
  close(): Promise<void>;
}

/**
 * Start the HTTP server every simulator shares: crash-safe handler, long keep-alive, socket
 * tracking so `close()` never waits on stalled streams or idle pooled connections.
 */
export async function startSimServer(options: StartSimServerOptions): Promise<SimServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    options.handle(req, res).catch(() => {
      // A handler bug must not hang the client: answer 500 or drop the socket.
      if (!res.headersSent) options.sendCrash(res);
      else res.destroy();
    });
  });
  // Gateways keep pooled connections; outlive undici's 4 s default idle time.
  server.keepAliveTimeout = 10_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const hostPart = address.includes(':') ? `[${address}]` : address;
  return {
    origin: `http://${hostPart}:${port}`,
    port,
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
