import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { withWrittenBody } from "../../lib/http/written-body";
import { directRoutes, type DirectRoute, type Handler } from "./direct-routes";
import { listen, type CarrierHttpServer } from "./http-server";

// Carrier's server answers a few routes itself (the share landing page and share DICOMweb) with
// the route handlers Next would call. Here with handlers of the test's own, on a real server:
// what a browser gets must be what Next would have given, and a stop must wait for answers in
// flight. (The real routes are exercised through this path by e2e/share.spec.ts.)

let server: CarrierHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(routes: DirectRoute[], log: string[] = []): Promise<string> {
  server = await listen(0, "127.0.0.1");
  const direct = directRoutes("http://carrier.test", (line) => log.push(line), routes);
  server.serve(async (request, response) => direct(request, response) ?? void response.writeHead(404).end("Next would answer this\n"));
  return `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}

const route = (path: RegExp, methods: Record<string, Handler>): DirectRoute => ({ path, params: (match) => ({ token: decodeURIComponent(match[1]!) }), methods });

describe("routes Carrier's server answers itself", () => {
  it("answers with the handler's status, headers, cookies and streamed body, plus the headers every response carries", async () => {
    const url = await serve([
      route(/^\/s\/([^/]+)$/, {
        GET: async (request, { params }) => {
          const { token } = (await params) as { token: string };
          const chunks = ["<p>", `shared ${token}`, " via ", new URL(request.url).host, "</p>"];
          const body = new ReadableStream({ pull: (controller) => (chunks.length ? controller.enqueue(new TextEncoder().encode(chunks.shift())) : controller.close()) });
          const headers = new Headers({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" });
          headers.append("Set-Cookie", "a=1; Path=/");
          headers.append("Set-Cookie", "b=2; Path=/");
          return new Response(body, { status: 201, headers });
        },
        POST: async (request) => new Response(`got ${new URLSearchParams(await request.text()).get("answer")}`),
      }),
    ]);
    const response = await fetch(`${url}/s/abc?x=1`);
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("<p>shared abc via carrier.test</p>");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");

    const posted = await fetch(`${url}/s/abc`, { method: "POST", body: new URLSearchParams({ answer: "1234" }) });
    expect(await posted.text()).toBe("got 1234");
    // Other paths and methods are Next's.
    expect((await fetch(`${url}/s/abc/more`)).status).toBe(404);
    expect((await fetch(`${url}/s/abc`, { method: "DELETE" })).status).toBe(404);
  });

  it("sends no body to HEAD, and a plain message when a handler fails, without the link's token in the log", async () => {
    const log: string[] = [];
    const url = await serve(
      [
        route(/^\/s\/([^/]+)$/, {
          GET: () => Promise.reject(new Error("the database is down")),
        }),
        route(/^\/api\/share\/dicomweb\/(.+)$/, { HEAD: () => Promise.resolve(new Response("frame bytes", { headers: { ETag: '"e"' } })) }),
      ],
      log,
    );
    const failed = await fetch(`${url}/s/secret-token-123`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toContain("Carrier could not answer this request");
    expect(log.join("\n")).toContain("the database is down");
    expect(log.join("\n")).not.toContain("secret-token-123");

    const garbled = await fetch(`${url}/s/%E0%A4%A`);
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toBe("This address is not valid.\n");

    const head = await fetch(`${url}/api/share/dicomweb/studies/1`, { method: "HEAD" });
    expect(head.headers.get("etag")).toBe('"e"');
    expect(head.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(await head.text()).toBe("");
  });

  it("writes a body made in one reused buffer intact: each chunk is taken by the socket before the next is made", async () => {
    const chunkBytes = 4 * 1024 * 1024;
    const url = await serve([
      route(/^\/s\/([^/]+)$/, {
        GET: () => {
          const response = new Response("the stream Next would read");
          return Promise.resolve(
            withWrittenBody(response, async (write) => {
              const scratch = new Uint8Array(chunkBytes);
              for (let value = 1; value <= 8; value++) {
                scratch.fill(value);
                await write(scratch);
              }
            }),
          );
        },
      }),
    ]);
    const body = new Uint8Array(await (await fetch(`${url}/s/study`)).arrayBuffer());
    expect(body.length).toBe(8 * chunkBytes);
    for (let value = 1; value <= 8; value++) expect(new Set(body.subarray((value - 1) * chunkBytes, value * chunkBytes))).toEqual(new Set([value]));
  });

  it("stops only after the answers in flight are done, even when their client has gone", async () => {
    let finish!: () => void;
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const url = await serve([
      route(/^\/s\/([^/]+)$/, {
        GET: async () => {
          started();
          await new Promise<void>((done) => (finish = done));
          return new Response("late");
        },
      }),
    ]);
    const client = new AbortController();
    const request = fetch(`${url}/s/slow`, { signal: client.signal }).catch(() => "gone");
    await handlerStarted;
    client.abort();
    expect(await request).toBe("gone");
    const running = server!;
    server = undefined;
    let stopped = false;
    const stopping = running.close().then(() => (stopped = true));
    // The server stops listening and its connections are gone, but the handler is still at work.
    await new Promise((resolve) => running.server.once("close", resolve));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });
});
