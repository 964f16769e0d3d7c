import { createConnection, createServer } from "node:net";
import type { Socket } from "node:net";

// A TCP proxy between the browser and Carrier that can drop every connection at once, the way a
// train going into a tunnel does. Playwright's offline mode does not interrupt an upload already
// in flight; cutting the sockets does.

export type CuttingProxy = {
  url: string;
  /** Bytes sent from the browser towards Carrier so far. */
  bytesUp: () => number;
  /** Everything the browser sent, as text, to find request lines in. */
  requestLines: () => string[];
  cutAll: () => void;
  /** Limits the browser's upload speed, to have time to act in the middle of an upload. */
  throttle: (bytesPerSecond: number | null) => void;
  close: () => Promise<void>;
};

export async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  const lines: string[] = [];
  let up = 0;
  let limit: number | null = null;
  let windowStart = Date.now();
  let windowBytes = 0;
  const server = createServer((client) => {
    const upstream = createConnection({ host: "127.0.0.1", port: targetPort });
    sockets.add(client).add(upstream);
    client.on("data", (chunk: Buffer) => {
      up += chunk.length;
      // Request lines start a chunk (keep-alive requests begin on a fresh write).
      const first = chunk.subarray(0, 200).toString("latin1").split("\r\n")[0] ?? "";
      if (/^(GET|POST|PATCH|HEAD|DELETE|OPTIONS) /.test(first)) lines.push(first);
      if (limit === null) return;
      const now = Date.now();
      if (now - windowStart > 1000) {
        windowStart = now;
        windowBytes = 0;
      }
      windowBytes += chunk.length;
      if (windowBytes > limit) {
        client.pause();
        setTimeout(() => client.resume(), 1000 - (now - windowStart));
      }
    });
    client.pipe(upstream).pipe(client);
    const forget = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", forget).on("close", forget);
    upstream.on("error", forget).on("close", forget);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}`,
    bytesUp: () => up,
    requestLines: () => [...lines],
    cutAll: () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    throttle: (bytesPerSecond) => (limit = bytesPerSecond),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
