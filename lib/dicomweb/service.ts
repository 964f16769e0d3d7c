import type { Actor } from "../auth/actor";
import { withWrittenBody } from "../http/written-body";
import type { Database } from "../db/prisma";
import { AppError, ForbiddenError, InvalidInputError } from "../errors";
import type { BlobStore } from "../storage/blob-store";
import { seriesThumbnail } from "../studies/thumbnail";
import { DEFAULT_TRANSFER_SYNTAX, acceptedTransferSyntaxes, acceptsAny, preferredType, prefersSinglePart } from "./accept";
import { chooseFrameSyntax, frameBytes, parseFrameList } from "./frames";
import { framesIn, instanceLayout } from "./instance-layout";
import type { InstanceLayout } from "./instance-layout";
import type { JsonDataset } from "./json-model";
import { toDicomJson } from "./metadata";
import { RENDERED_MEDIA_TYPES, THUMBNAIL_SIZE, renderInstance } from "./rendered";
import { multipartBody, multipartClosing, multipartContentType, newBoundary, partOpening } from "./multipart";
import type { Part } from "./multipart";
import { parseResource } from "./paths";
import type { Resource } from "./paths";
import { searchDicomWeb } from "./qido";
import { parseQidoQuery } from "./qido-query";
import { auditDicomWebRead, reachInstance, reachInstances } from "./reach";
import type { TargetInstance } from "./reach";
import { storeInstances } from "./stow";
import { resourceUrls } from "./urls";

// Carrier's DICOMweb service (PS3.18) over web-standard Request and Response, so the route, a
// test and a bench can all serve it. The caller has already found out who is asking (a signed-in
// user, a share session, an API key); every resource below asks the policy for that actor.
// A look is audited when its metadata or instances are read; the frames a viewer then fetches one
// by one are not each recorded.

export type DicomWebContext = {
  db: Database;
  store: BlobStore;
  /** The absolute URL of the DICOMweb root, for RetrieveURL and BulkDataURI values. */
  baseUrl: string;
  /** Where STOW-RS parts are written while they are checked. */
  workDir: string;
};

const DICOM_JSON = "application/dicom+json";
// Every response depends on who asks: browsers may keep them, shared caches may not.
const PRIVATE = "private, max-age=0, must-revalidate";
const IMMUTABLE = "private, max-age=31536000, immutable";
// Instances up to this size are read into a reused buffer when the server writes the body itself.
const SCRATCH_BYTES = 4 * 1024 * 1024;
// Three instances are read while one is written (16 MB a retrieve): reading one ahead, a 263 MB CT
// study took about a fifth longer to send (bench:viewer's study, curl as the client).
const SCRATCH_BUFFERS = 4;
// Room before each instance in those buffers for its part's boundary and headers (a few hundred bytes).
const OPENING_ROOM = 2048;

function problem(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

/** A response whose body is pulled from `body` as the client reads it (backpressure end to end). */
function streamed(body: AsyncIterable<Uint8Array>, headers: Record<string, string>, status = 200): Response {
  const chunks = body[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return?.();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { status, headers });
}

function notModified(request: Request, etag: string): boolean {
  return request.headers.get("if-none-match")?.split(",").some((value) => value.trim() === etag) ?? false;
}

function json(datasets: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(datasets), { headers: { "Content-Type": DICOM_JSON, "Cache-Control": PRIVATE, ...headers } });
}

async function search(request: Request, resource: Extract<Resource, { kind: "search" }>, actor: Actor, context: DicomWebContext): Promise<Response> {
  const query = parseQidoQuery(new URL(request.url).searchParams, resource.level);
  const result = await searchDicomWeb(context.db, actor, { level: resource.level, studyInstanceUid: resource.studyUid, seriesInstanceUid: resource.seriesUid }, query, context.baseUrl);
  const headers: Record<string, string> = {};
  if (result.warnings.length > 0) headers.Warning = result.warnings.map((warning) => `299 Carrier "${warning.replaceAll('"', "'")}"`).join(", ");
  // PS3.18 8.3.4.5: no match is 204 No Content (with the warnings, if any).
  if (result.datasets.length === 0) return new Response(null, { status: 204, headers: { "Cache-Control": "no-store", ...headers } });
  return json(result.datasets, headers);
}

function instanceJson(instance: TargetInstance, layout: InstanceLayout, studyUid: string, baseUrl: string): JsonDataset {
  const instanceUrl = resourceUrls(baseUrl).instance(studyUid, instance.seriesInstanceUid, instance.sopInstanceUid);
  const dataset = toDicomJson(layout.dataset, (tag) => `${instanceUrl}/bulkdata/${tag}`);
  dataset["00020010"] = { vr: "UI", Value: [layout.frameSyntax] };
  if (layout.pixels) {
    const bits = Number(layout.dataset["00280100"]?.Value?.[0] ?? 16);
    dataset["7FE00010"] = { vr: layout.pixels.kind === "encapsulated" || bits <= 8 ? "OB" : "OW", BulkDataURI: `${instanceUrl}/bulkdata/7FE00010` };
  }
  return Object.fromEntries(Object.entries(dataset).sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function metadata(request: Request, resource: Extract<Resource, { kind: "metadata" }>, actor: Actor, context: DicomWebContext): Promise<Response> {
  if (!acceptsAny(request.headers.get("accept"), [DICOM_JSON, "application/json"])) return problem(406, "Metadata is available as application/dicom+json.");
  const { study, instances } = await reachInstances(context.db, actor, "study.view", resource);
  const etag = `"${(await digest(instances.map((instance) => instance.sha256).join())).slice(0, 32)}"`;
  if (notModified(request, etag)) return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": PRIVATE } });
  await auditDicomWebRead(context.db, actor, "study.view", study, { read: "metadata", seriesInstanceUid: resource.seriesUid ?? null, instances: instances.length });
  const { store, baseUrl } = context;
  async function* body(): AsyncGenerator<Uint8Array> {
    yield Buffer.from("[");
    for (const [index, instance] of instances.entries()) {
      const layout = await instanceLayout(store, instance);
      yield Buffer.from(`${index > 0 ? "," : ""}${JSON.stringify(instanceJson(instance, layout, study.studyInstanceUid, baseUrl))}`);
    }
    yield Buffer.from("]");
  }
  return streamed(body(), { "Content-Type": DICOM_JSON, "Cache-Control": PRIVATE, ETag: etag });
}

async function digest(text: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Buffer.from(hash).toString("hex");
}

async function retrieve(request: Request, resource: Extract<Resource, { kind: "retrieve" }>, actor: Actor, context: DicomWebContext): Promise<Response> {
  const accepted = acceptedTransferSyntaxes(request.headers.get("accept"), "application/dicom", "*");
  if (accepted.length === 0) return problem(406, 'Instances are available as multipart/related; type="application/dicom".');
  const { study, instances } = await reachInstances(context.db, actor, "study.download", resource);
  const refused = instances.filter((instance) => !accepted.includes("*") && !accepted.includes(instance.transferSyntaxUid));
  if (refused.length > 0) {
    return problem(406, `Carrier sends instances as they are stored; ${refused.length} of these are stored as ${[...new Set(refused.map((item) => item.transferSyntaxUid))].join(", ")}. Ask with transfer-syntax=*.`);
  }
  await auditDicomWebRead(context.db, actor, "study.download", study, { read: "instances", seriesInstanceUid: resource.seriesUid ?? null, sopInstanceUid: resource.sopUid ?? null, instances: instances.length });
  const boundary = newBoundary();
  const { store, baseUrl } = context;
  const urls = resourceUrls(baseUrl);
  const partHead = (instance: TargetInstance): Omit<Part, "body"> => ({
    contentType: `application/dicom; transfer-syntax=${instance.transferSyntaxUid}`,
    location: urls.instance(study.studyInstanceUid, instance.seriesInstanceUid, instance.sopInstanceUid),
  });
  async function* parts(): AsyncGenerator<Part> {
    for (const instance of instances) yield { ...partHead(instance), body: await store.get(instance.storageKey) };
  }
  // For a writer that hands each chunk over before asking for the next: the instances read into a
  // ring of buffers in turn, the next few read while one is being written, each behind room for
  // its part's opening, so that a part goes to the socket as one chunk. When chunk i is asked for,
  // chunk i - 1 has been written, so reading instance i + ahead into its buffer is safe.
  async function* reusedChunks(scratch: readonly Buffer[]): AsyncGenerator<Uint8Array> {
    const ahead = scratch.length - 1;
    const read = async (index: number) => {
      const instance = instances[index]!;
      return (await store.readInto?.(instance.storageKey, scratch[index % scratch.length]!.subarray(OPENING_ROOM), Number(instance.bytes))) ?? (await store.get(instance.storageKey));
    };
    const reads = new Map<number, Promise<Part["body"]>>();
    const start = (index: number) => {
      if (index >= instances.length) return;
      const reading = read(index);
      // Awaited later; a client gone before then must not leave it unhandled.
      reading.catch(() => undefined);
      reads.set(index, reading);
    };
    for (let index = 0; index < ahead; index++) start(index);
    for (let index = 0; index < instances.length; index++) {
      const body = await reads.get(index)!;
      reads.delete(index);
      start(index + ahead);
      const opening = openings[index]!;
      const recorded = Number(instances[index]!.bytes);
      const buffer = scratch[index % scratch.length]!;
      if (body instanceof Uint8Array && body.buffer === buffer.buffer && opening.length <= OPENING_ROOM) {
        if (body.length !== recorded) throw new Error(`instance ${instances[index]!.sopInstanceUid} is ${body.length} bytes on disk, ${recorded} in the index`);
        buffer.set(opening, OPENING_ROOM - opening.length);
        yield buffer.subarray(OPENING_ROOM - opening.length, OPENING_ROOM + body.length);
        continue;
      }
      // Too large for the buffers: streamed as it is read.
      yield opening;
      let sent = 0;
      for await (const chunk of body instanceof Uint8Array ? [body] : body) {
        sent += chunk.length;
        if (sent > recorded) break;
        yield chunk;
      }
      if (sent !== recorded) throw new Error(`instance ${instances[index]!.sopInstanceUid} is not ${recorded} bytes on disk, as the index says`);
    }
    yield closing;
  }
  // The whole answer's length is known before it starts (the index records each instance's size):
  // sent as the Content-Length, the client reads one plain body instead of a chunked one.
  const openings = instances.map((instance, index) => partOpening(boundary, partHead(instance), index === 0));
  const closing = multipartClosing(boundary, instances.length > 0);
  const length = openings.reduce((total, opening, index) => total + opening.length + Number(instances[index]!.bytes), closing.length);
  const headers: Record<string, string> = { "Content-Type": multipartContentType(boundary, "application/dicom"), "Cache-Control": PRIVATE, Vary: "Accept" };
  if (resource.sopUid && instances[0]) headers.ETag = `"${instances[0].sha256}"`;
  // A server that hands each chunk to the socket before asking for the next gets the instances
  // through a ring of buffers, used again and again: a study is hundreds of megabytes, which would
  // otherwise all be garbage to collect (bench:viewer's whole-study retrieve).
  return withWrittenBody(streamed(multipartBody(boundary, parts()), headers), async (write) => {
    const scratch = Array.from({ length: SCRATCH_BUFFERS }, () => Buffer.allocUnsafeSlow(OPENING_ROOM + SCRATCH_BYTES));
    for await (const chunk of reusedChunks(scratch)) {
      const taken = write(chunk);
      // Only what is in the ring's buffers must be taken before going on; part headers are new each time.
      if (scratch.some((buffer) => buffer.buffer === chunk.buffer)) await taken;
      else taken.catch(() => undefined);
    }
  }, length);
}

async function oneInstance(resource: { studyUid: string; seriesUid: string; sopUid: string }, actor: Actor, context: DicomWebContext) {
  const { study, instance } = await reachInstance(context.db, actor, "study.view", resource);
  return { study, instance, layout: await instanceLayout(context.store, instance) };
}

function framesResponse(request: Request, instance: TargetInstance, layout: InstanceLayout, numbers: number[], context: DicomWebContext, location: string): Response {
  const syntax = chooseFrameSyntax(layout, acceptedTransferSyntaxes(request.headers.get("accept"), "application/octet-stream", DEFAULT_TRANSFER_SYNTAX));
  if (!syntax) return problem(406, `These frames are stored compressed (${layout.frameSyntax}); ask with transfer-syntax=* to receive them as stored.`);
  const single = numbers.length === 1 && prefersSinglePart(request.headers.get("accept"), "application/octet-stream");
  const etag = `"${instance.sha256}-${syntax.syntax}-${numbers.join(".")}${single ? "-single" : ""}"`;
  // The transfer syntax and the shape follow the Accept header: caches must keep one answer per Accept.
  const headers = { "Cache-Control": IMMUTABLE, ETag: etag, Vary: "Accept" };
  if (notModified(request, etag)) return new Response(null, { status: 304, headers });
  const contentType = `application/octet-stream; transfer-syntax=${syntax.syntax}`;
  if (single) return streamed(frameBytes(context.store, instance, layout, numbers[0]!, syntax), { ...headers, "Content-Type": contentType });
  const boundary = newBoundary();
  const parts: Part[] = numbers.map((number) => ({ contentType, location: `${location}/frames/${number}`, body: frameBytes(context.store, instance, layout, number, syntax) }));
  return streamed(multipartBody(boundary, parts), { ...headers, "Content-Type": `${multipartContentType(boundary, "application/octet-stream")}; transfer-syntax=${syntax.syntax}` });
}

async function frames(request: Request, resource: Extract<Resource, { kind: "frames" }>, actor: Actor, context: DicomWebContext): Promise<Response> {
  const { study, instance, layout } = await oneInstance(resource, actor, context);
  if (!layout.pixels) return problem(404, "This instance has no image frames.");
  const numbers = parseFrameList(resource.frames, layout);
  if (!numbers) return problem(404, `This instance has ${framesIn(layout)} frame(s); ask for frames between 1 and ${framesIn(layout)}.`);
  return framesResponse(request, instance, layout, numbers, context, resourceUrls(context.baseUrl).instance(study.studyInstanceUid, instance.seriesInstanceUid, instance.sopInstanceUid));
}

async function bulkdata(request: Request, resource: Extract<Resource, { kind: "bulkdata" }>, actor: Actor, context: DicomWebContext): Promise<Response> {
  const { study, instance, layout } = await oneInstance(resource, actor, context);
  const location = resourceUrls(context.baseUrl).instance(study.studyInstanceUid, instance.seriesInstanceUid, instance.sopInstanceUid);
  if (resource.tag === "7FE00010" && layout.pixels) {
    const all = Array.from({ length: framesIn(layout) }, (_, index) => index + 1);
    return framesResponse(request, instance, layout, all, context, location);
  }
  const value = layout.dataset[resource.tag]?.Value?.[0];
  if (!(value instanceof ArrayBuffer)) return problem(404, "This instance has no bulk data under that tag.");
  const boundary = newBoundary();
  const part = { contentType: "application/octet-stream", location: `${location}/bulkdata/${resource.tag}`, body: new Uint8Array(value) };
  return streamed(multipartBody(boundary, [part]), {
    "Content-Type": multipartContentType(boundary, "application/octet-stream"),
    "Cache-Control": IMMUTABLE,
  });
}

async function rendered(request: Request, resource: Extract<Resource, { kind: "rendered" }>, actor: Actor, context: DicomWebContext): Promise<Response> {
  const mediaType = preferredType(request.headers.get("accept"), RENDERED_MEDIA_TYPES);
  if (!mediaType) return problem(406, "Carrier draws images as PNG (image/png) or JPEG (image/jpeg).");
  const { db, store } = context;
  // The answer depends on Accept: caches keep one per media type.
  const headers = { "Content-Type": mediaType, "Cache-Control": IMMUTABLE, Vary: "Accept" };
  if (resource.sopUid && resource.seriesUid) {
    const { instance, layout } = await oneInstance({ studyUid: resource.studyUid, seriesUid: resource.seriesUid, sopUid: resource.sopUid }, actor, context);
    const frame = resource.frame ?? 1;
    const size = resource.thumbnail ? THUMBNAIL_SIZE : Math.max(Number(layout.dataset["00280010"]?.Value?.[0] ?? 0), Number(layout.dataset["00280011"]?.Value?.[0] ?? 0));
    const etag = `"${instance.sha256}-${frame}-${size}-${mediaType === "image/jpeg" ? "jpeg" : "png"}"`;
    if (notModified(request, etag)) return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": IMMUTABLE, Vary: "Accept" } });
    const drawn = await renderInstance(store, instance, { frame, size, mediaType });
    if (!drawn.ok) return problem(404, drawn.reason);
    return new Response(drawn.body as BodyInit, { headers: { ...headers, ETag: etag } });
  }
  // A study's or series' picture is its (first) series' thumbnail, drawn once and kept.
  const { study, instances } = await reachInstances(db, actor, "study.view", resource);
  const seriesUids = [...new Set(instances.map((instance) => instance.seriesInstanceUid))];
  const series = await db.series.findMany({ where: { studyId: study.id, seriesInstanceUid: { in: seriesUids } }, select: { id: true, seriesInstanceUid: true } });
  const ordered = seriesUids.map((uid) => series.find((row) => row.seriesInstanceUid === uid)!);
  for (const row of ordered) {
    const thumbnail = await seriesThumbnail(db, store, actor, study.id, row.id, mediaType);
    if (thumbnail) return new Response(thumbnail.body as BodyInit, { headers: { ...headers, ETag: thumbnail.etag } });
  }
  return problem(404, "No image of this study or series could be drawn on the server; open it in the viewer.");
}

async function serve(request: Request, resource: Resource, actor: Actor, context: DicomWebContext): Promise<Response> {
  switch (resource.kind) {
    case "search":
      return search(request, resource, actor, context);
    case "metadata":
      return metadata(request, resource, actor, context);
    case "retrieve":
      return retrieve(request, resource, actor, context);
    case "frames":
      return frames(request, resource, actor, context);
    case "bulkdata":
      return bulkdata(request, resource, actor, context);
    case "rendered":
      return rendered(request, resource, actor, context);
    case "store":
      return storeInstances(request, resource, actor, context);
  }
}

/** Answers one DICOMweb request; `segments` is the path below the DICOMweb root. */
export async function serveDicomWeb(request: Request, segments: readonly string[], actor: Actor | null, context: DicomWebContext): Promise<Response> {
  if (!actor) {
    // A Basic challenge only to callers that sent credentials: to a browser's fetch it would open a
    // password dialog the viewer's users have no answer for.
    const challenge = request.headers.has("authorization") ? 'Bearer realm="Carrier DICOMweb", Basic realm="Carrier DICOMweb"' : 'Bearer realm="Carrier DICOMweb"';
    return problem(401, "Sign in, or send an API key (Authorization: Bearer, or Basic with the key as password).", { "WWW-Authenticate": challenge });
  }
  const resource = parseResource(request.method, segments);
  if (!resource) return problem(404, "There is no DICOMweb resource at this address.");
  try {
    return await serve(request, resource, actor, context);
  } catch (error) {
    // Another patient's study and one that does not exist look the same.
    if (error instanceof ForbiddenError) return problem(404, "No such study, series or instance is available to you.");
    if (error instanceof InvalidInputError) return problem(400, error.userMessage);
    if (error instanceof AppError) return problem(error.status, error.userMessage);
    throw error;
  }
}
