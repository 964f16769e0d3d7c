import http from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError } from "../../lib/env";

// The port is taken first, so a clash is reported at once and the browser sees a "starting" page
// (which reloads itself) rather than a refused connection while the database and build get ready.

/** Answers a request; the promise settles when the answer is done (the stop waits for it). */
type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<unknown>;

const STARTING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Carrier is starting</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937">
<h1>Carrier is starting</h1><p>This page will refresh by itself in a moment.</p></body></html>`;

export type CarrierHttpServer = {
  server: http.Server;
  port: number;
  serve: (handler: Handler) => void;
  close: () => Promise<void>;
};

// On stop, requests already being answered get this long to finish before the database goes.
const DRAIN_MS = 10_000;

export async function listen(port: number, host: string): Promise<CarrierHttpServer> {
  let handler: Handler | undefined;
  // Requests being answered, counted until their handler is done: one whose client went away may
  // still be reading the database, which a stop must not pull from under it.
  let answering = 0;
  let drained: (() => void) | undefined;
  const server = http.createServer((request, response) => {
    if (handler) {
      answering += 1;
      void handler(request, response)
        .catch((error: unknown) => console.error("[carrier] a request failed:", error))
        .finally(() => {
          answering -= 1;
          if (answering === 0) drained?.();
        });
      return;
    }
    response.writeHead(503, { "Content-Type": "text/html; charset=utf-8", "Retry-After": "3", "Cache-Control": "no-store" });
    response.end(STARTING_PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new ConfigError(`Port ${port} is already in use; set PORT to a free port.`));
      else if (error.code === "EACCES") reject(new ConfigError(`Carrier is not allowed to listen on port ${port}; set PORT to a number above 1023.`));
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") reject(new ConfigError(`Carrier cannot listen on the address "${host}"; set HOST to an address of this machine, such as 127.0.0.1.`));
      else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    serve: (next) => {
      handler = next;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      if (answering > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, DRAIN_MS);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
  };
}
