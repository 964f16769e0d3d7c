import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dcmjs from "dcmjs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor, UserActor } from "../auth/actor";
import { actorFromAuthorization } from "../api-keys/authenticate";
import { writtenBodyOf, writtenLengthOf } from "../http/written-body";
import { adminWithOrganization, issueTestKey } from "../api-keys/test-support";
import { createPrismaClient } from "../db/prisma";
import { syntheticCtSeries } from "../dicom/synthetic-ct";
import { randomDicomUid } from "../dicom/uid";
import { holdFiles } from "../../scripts/test/hold-files";
import { createPatientActor } from "../../scripts/test/patient-account";
import { LocalBlobStore } from "../storage/local-store";
import { boundaryOf, readMultipart } from "./multipart-reader";
import { serveDicomWeb } from "./service";
import type { DicomWebContext } from "./service";

// Carrier's DICOMweb over the real database and blob folder, holding the real files of Debian's
// python3-pydicom; frames are checked against pydicom's own reading of the same files.

const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
if (!existsSync(PYDICOM)) throw new Error(`Real DICOM test data missing: install python3-pydicom (${PYDICOM})`);
// Held by one patient; the MR_small variants share MR_small's SOP Instance UID, so each has a holder of its own.
const FILES = ["CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm", "SC_rgb_rle_2frame.dcm", "image_dfl.dcm", "rtdose.dcm"];
// SC_rgb_jpeg.dcm declares explicit VR in its meta but writes its data set implicit.
const VARIANTS = ["MR_small_RLE.dcm", "MR_small_bigendian.dcm", "MR_small_jpeg_ls_lossless.dcm", "SC_rgb_jpeg.dcm"];
const BASE = "http://carrier.test/api/dicomweb";

const db = createPrismaClient(inject("databaseUrl"));
let root: string;
let context: DicomWebContext;
let patient: UserActor & { patientId: string };
let stranger: UserActor & { patientId: string };
const holders = new Map<string, UserActor & { patientId: string }>();

type Pydicom = { transferSyntax: string; bitsAllocated: number; frames: string[]; patientName: string; rows: number };
const pydicom = (file: string): Pydicom => JSON.parse(execFileSync("/usr/bin/python3", ["scripts/test/pydicom-frames.py", join(PYDICOM, file)], { encoding: "utf8" })) as Pydicom;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function header(file: string) {
  const bytes = execFileSync("/usr/bin/python3", ["-c", "import pydicom,sys,json; d=pydicom.dcmread(sys.argv[1]); print(json.dumps([d.StudyInstanceUID, d.SeriesInstanceUID, d.SOPInstanceUID]))", join(PYDICOM, file)], { encoding: "utf8" });
  const [study, series, sop] = JSON.parse(bytes) as [string, string, string];
  return { study, series, sop };
}

async function get(path: string, actor: Actor = patient, accept?: string): Promise<Response> {
  const request = new Request(`${BASE}/${path}`, { headers: accept ? { Accept: accept } : {} });
  return serveDicomWeb(request, path.split("?")[0]!.split("/"), actor, context);
}

async function parts(response: Response) {
  const boundary = boundaryOf(response.headers.get("content-type") ?? "");
  expect(boundary).toBeTruthy();
  const result: { headers: Map<string, string>; bytes: Buffer }[] = [];
  for await (const part of readMultipart(response.body as unknown as AsyncIterable<Uint8Array>, boundary!)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of part.body) chunks.push(chunk);
    result.push({ headers: part.headers, bytes: Buffer.concat(chunks) });
  }
  return result;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "carrier-dicomweb-"));
  const store = new LocalBlobStore(join(root, "storage"));
  await store.ensureRoot();
  context = { db, store, baseUrl: BASE, workDir: join(root, "work") };
  patient = await createPatientActor(db);
  stranger = await createPatientActor(db);
  const results = await holdFiles(db, store, patient, FILES.map((file) => join(PYDICOM, file)));
  expect(results.map((result) => result.outcome)).toEqual(FILES.map(() => "STORED"));
  for (const file of FILES) holders.set(file, patient);
  for (const file of VARIANTS) {
    const holder = await createPatientActor(db);
    expect((await holdFiles(db, store, holder, [join(PYDICOM, file)]))[0]?.outcome).toBe("STORED");
    holders.set(file, holder);
  }
});
afterAll(async () => {
  await db.$disconnect();
  await rm(root, { recursive: true, force: true });
});

describe("QIDO-RS", () => {
  it("finds the patient's studies by name with wildcards, by date range and by modality, in DICOM JSON", async () => {
    const all = await get("studies");
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toBe("application/dicom+json");
    const studies = (await all.json()) as Record<string, { Value?: unknown[] }>[];
    const ct = header("CT_small.dcm");
    const found = studies.find((study) => study["0020000D"]?.Value?.[0] === ct.study)!;
    expect(found["00100010"]?.Value).toEqual([{ Alphabetic: "CompressedSamples^CT1" }]);
    expect(found["00081190"]?.Value).toEqual([`${BASE}/studies/${ct.study}`]);
    expect(found["00201208"]?.Value).toEqual([1]);

    const byName = (await (await get("studies?PatientName=compressed*CT?")).json()) as Record<string, { Value?: unknown[] }>[];
    expect(byName.map((study) => study["0020000D"]?.Value?.[0])).toEqual([ct.study]);
    const byDate = (await (await get("studies?StudyDate=20040101-20040131&ModalitiesInStudy=CT")).json()) as unknown[];
    expect(byDate).toHaveLength(1);
    expect((await get("studies?StudyDate=19000101-19000102")).status).toBe(204);
  });

  it("pages with limit and offset, adds fields asked for, and refuses nonsense keys with words", async () => {
    const first = (await (await get("studies?limit=2")).json()) as unknown[];
    const second = (await (await get("studies?limit=2&offset=2")).json()) as unknown[];
    expect(first).toHaveLength(2);
    expect(second.length).toBeGreaterThan(0);
    expect(JSON.stringify(second)).not.toContain(JSON.stringify(first[0]));

    const ct = header("CT_small.dcm");
    const series = (await (await get(`studies/${ct.study}/series?includefield=00081030`)).json()) as Record<string, { Value?: unknown[] }>[];
    expect(series[0]?.["0020000E"]?.Value).toEqual([ct.series]);
    expect(series[0]?.["0008103E"]).toBeDefined();
    expect(series[0]?.["00080060"]?.Value).toEqual(["CT"]);

    const bad = await get("studies?StudyDate=yesterday");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/StudyDate must be a date/);
    const unknown = await get("studies?FavouriteColour=blue");
    expect(unknown.headers.get("warning")).toMatch(/not supported as matching keys.*FavouriteColour/);
  });

  it("shows another patient nothing, and refuses strangers without a session", async () => {
    expect((await get("studies", stranger)).status).toBe(204);
    const anonymous = await serveDicomWeb(new Request(`${BASE}/studies`), ["studies"], null, context);
    expect(anonymous.status).toBe(401);
    // No Basic challenge to a browser (it would open a password dialog), but to a caller with credentials.
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="Carrier DICOMweb"');
    const wrongKey = await serveDicomWeb(new Request(`${BASE}/studies`, { headers: { Authorization: "Basic eDp5" } }), ["studies"], null, context);
    expect(wrongKey.headers.get("www-authenticate")).toMatch(/Basic realm/);
  });
});

describe("WADO-RS", () => {
  it("gives metadata that dcmjs reads back to the file's own values, and audits the look", async () => {
    const ct = header("CT_small.dcm");
    const response = await get(`studies/${ct.study}/series/${ct.series}/metadata`);
    expect(response.status).toBe(200);
    const [json] = (await response.json()) as Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string }>[];
    const natural = dcmjs.data.DicomMetaDictionary.naturalizeDataset(json as never);
    const file = await readFile(join(PYDICOM, "CT_small.dcm"));
    const original = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(file.buffer.slice(file.byteOffset, file.byteOffset + file.length)).dict);
    for (const keyword of ["PatientName", "Rows", "Columns", "PixelSpacing", "ImagePositionPatient", "RescaleIntercept", "SOPInstanceUID"]) {
      expect(natural[keyword], keyword).toEqual(original[keyword]);
    }
    expect(json!["7FE00010"]?.BulkDataURI).toBe(`${BASE}/studies/${ct.study}/series/${ct.series}/instances/${ct.sop}/bulkdata/7FE00010`);
    expect(json!["00020010"]?.Value).toEqual(["1.2.840.10008.1.2.1"]);

    const events = await db.auditEvent.findMany({ where: { patientId: patient.patientId, action: "study.view", channel: "dicomweb" } });
    expect(events.length).toBeGreaterThan(0);
  });

  it("reads a file whose data set is implicit VR though its meta says explicit, as pydicom does", async () => {
    const file = "SC_rgb_jpeg.dcm";
    const script = "import pydicom,sys,json; d=pydicom.dcmread(sys.argv[1]); print(json.dumps([d.Rows, d.Columns, d.PhotometricInterpretation, d.BitsAllocated, d.SamplesPerPixel]))";
    const truth = JSON.parse(execFileSync("/usr/bin/python3", ["-W", "ignore", "-c", script, join(PYDICOM, file)], { encoding: "utf8" })) as unknown[];
    const { study, series } = header(file);
    const response = await get(`studies/${study}/series/${series}/metadata`, holders.get(file));
    expect(response.status).toBe(200);
    const [json] = (await response.json()) as Record<string, { vr: string; Value?: unknown[] }>[];
    expect(["00280010", "00280011", "00280004", "00280100", "00280002"].map((tag) => json![tag]?.Value?.[0])).toEqual(truth);
    expect(json!["00280010"]?.vr).toBe("US");
    expect(json!["00020010"]?.Value).toEqual(["1.2.840.10008.1.2.4.50"]);
  });

  it.each([...FILES, ...VARIANTS])("serves every frame of %s as pydicom reads it", async (file) => {
    const expected = pydicom(file);
    const { study, series, sop } = header(file);
    const frames = expected.frames.map((_, index) => index + 1).join(",");
    const response = await get(`studies/${study}/series/${series}/instances/${sop}/frames/${frames}`, holders.get(file), "multipart/related; type=application/octet-stream; transfer-syntax=*");
    expect(response.status).toBe(200);
    expect(response.headers.get("vary")).toBe("Accept");
    const received = await parts(response);
    // A deflated file's frames come out inflated, as explicit little endian.
    const syntax = expected.transferSyntax === "1.2.840.10008.1.2.1.99" ? "1.2.840.10008.1.2.1" : expected.transferSyntax;
    expect(received.map((part) => part.headers.get("content-type"))).toEqual(expected.frames.map(() => `application/octet-stream; transfer-syntax=${syntax}`));
    expect(received.map((part) => sha256(part.bytes))).toEqual(expected.frames);
  });

  it("answers one frame as a single part to a client that prefers it, and as multipart otherwise", async () => {
    const { study, series, sop } = header("MR_small_bigendian.dcm");
    const frame = `studies/${study}/series/${series}/instances/${sop}/frames/1`;
    const owner = holders.get("MR_small_bigendian.dcm");
    const little = "1.2.840.10008.1.2.1";
    const single = await get(frame, owner, `application/octet-stream; transfer-syntax=${little}, multipart/related; type="application/octet-stream"; transfer-syntax=${little}`);
    expect(single.status).toBe(200);
    expect(single.headers.get("content-type")).toBe(`application/octet-stream; transfer-syntax=${little}`);
    const bytes = Buffer.from(await single.arrayBuffer());
    const [reference] = await parts(await get(frame, owner, `multipart/related; type="application/octet-stream"; transfer-syntax=${little}`));
    expect(sha256(bytes)).toBe(sha256(reference!.bytes));
    // As stored, compressed or not, the syntax is named in the Content-Type.
    const j2k = header("JPEG2000.dcm");
    const stored = await get(`studies/${j2k.study}/series/${j2k.series}/instances/${j2k.sop}/frames/1`, holders.get("JPEG2000.dcm"), "application/octet-stream; transfer-syntax=*, multipart/related; type=application/octet-stream; transfer-syntax=*");
    const j2kTruth = pydicom("JPEG2000.dcm");
    expect(stored.headers.get("content-type")).toBe(`application/octet-stream; transfer-syntax=${j2kTruth.transferSyntax}`);
    expect(sha256(Buffer.from(await stored.arrayBuffer()))).toBe(j2kTruth.frames[0]);
    // The two shapes are different answers to a cache.
    expect(single.headers.get("etag")).not.toBe((await get(frame, owner, `multipart/related; type="application/octet-stream"; transfer-syntax=${little}`)).headers.get("etag"));
    // Several frames, or multipart preferred: multipart.
    const preferred = await get(frame, owner, `multipart/related; type="application/octet-stream"; transfer-syntax=${little}, application/octet-stream; transfer-syntax=${little}`);
    expect(preferred.headers.get("content-type")).toMatch(/^multipart\/related/);
  });

  it("turns big endian frames around for a client that takes explicit little endian, and refuses compressed frames it cannot decode", async () => {
    const big = header("MR_small_bigendian.dcm");
    const [frame] = await parts(await get(`studies/${big.study}/series/${big.series}/instances/${big.sop}/frames/1`, holders.get("MR_small_bigendian.dcm"), "multipart/related; type=application/octet-stream"));
    const little = header("MR_small.dcm");
    const [reference] = await parts(await get(`studies/${little.study}/series/${little.series}/instances/${little.sop}/frames/1`, patient, "multipart/related; type=application/octet-stream"));
    expect(frame!.headers.get("content-type")).toContain("transfer-syntax=1.2.840.10008.1.2.1");
    expect(sha256(frame!.bytes)).toBe(sha256(reference!.bytes));

    const j2k = header("JPEG2000.dcm");
    const refused = await get(`studies/${j2k.study}/series/${j2k.series}/instances/${j2k.sop}/frames/1`, patient, "multipart/related; type=application/octet-stream");
    expect(refused.status).toBe(406);
    expect(await refused.text()).toMatch(/transfer-syntax=\*/);
    expect((await get(`studies/${j2k.study}/series/${j2k.series}/instances/${j2k.sop}/frames/2`)).status).toBe(404);
  });

  it("retrieves a study's instances byte for byte, streamed as multipart, and audits it as a download", async () => {
    const { study } = header("SC_rgb_rle_2frame.dcm");
    const response = await get(`studies/${study}`, patient, 'multipart/related; type="application/dicom"; transfer-syntax=*');
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
    const received = await parts(response);
    const held = await Promise.all(FILES.filter((file) => header(file).study === study).map(async (file) => sha256(await readFile(join(PYDICOM, file)))));
    expect(received.map((part) => sha256(part.bytes)).sort()).toEqual(held.sort());
    const downloads = await db.auditEvent.count({ where: { patientId: patient.patientId, action: "study.download", channel: "dicomweb" } });
    expect(downloads).toBe(1);
  });

  it("gives Carrier's own server a study to write through a ring of buffers used in turn, every instance intact", async () => {
    const studyInstanceUid = randomDicomUid();
    const slices = syntheticCtSeries({ patient: { name: "Doe^Jo", patientId: "W1", birthDate: "19700101", sex: "F" }, study: { studyInstanceUid, date: "20260101" }, series: { number: 1, seriesInstanceUid: randomDicomUid() }, slices: 5, size: { rows: 64, columns: 64 } });
    const files = await Promise.all(slices.map(async (slice) => {
      const file = join(root, `${slice.sopInstanceUid}.dcm`);
      await writeFile(file, slice.bytes);
      return file;
    }));
    await holdFiles(db, context.store, patient, files);
    // The next instances are read while one is written: here each image is taken (copied, as a
    // socket takes it) only once every read started by then is done, so a read into the buffer
    // being written would show.
    let started = 0;
    let reads = 0;
    const readDone: (() => void)[] = [];
    const untilReadsDone = () => new Promise<void>((resolve) => (function check() { if (reads >= started) resolve(); else readDone.push(check); })());
    const store = Object.assign(Object.create(context.store) as LocalBlobStore, {
      readInto: async (key: string, scratch: Uint8Array, expectedBytes?: number) => {
        started++;
        const view = await context.store.readInto!(key, scratch, expectedBytes);
        reads++;
        for (const check of readDone.splice(0)) check();
        return view;
      },
    });
    const path = `studies/${studyInstanceUid}`;
    const request = new Request(`${BASE}/${path}`, { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
    const response = await serveDicomWeb(request, path.split("/"), patient, { ...context, store });
    const written: Buffer[] = [];
    await writtenBodyOf(response)!(async (chunk) => {
      if (chunk.length > 1024) await untilReadsDone();
      written.push(Buffer.from(chunk));
    });
    const received = await parts(new Response(Buffer.concat(written), { headers: { "Content-Type": response.headers.get("content-type")! } }));
    expect(received.map((part) => sha256(part.bytes)).sort()).toEqual(slices.map((slice) => sha256(slice.bytes)).sort());
    // Its length is known before it starts (sent as the Content-Length), and is what was written.
    expect(writtenLengthOf(response)).toBe(Buffer.concat(written).length);

    // A stored file that is not the size the index recorded stops the answer before it says too much or too little.
    const shortened = Object.assign(Object.create(context.store) as LocalBlobStore, {
      readInto: async (key: string, scratch: Uint8Array, expectedBytes?: number) => (await context.store.readInto!(key, scratch, expectedBytes))?.subarray(1),
    });
    const cut = await serveDicomWeb(request, path.split("/"), patient, { ...context, store: shortened });
    let sent = 0;
    await expect(writtenBodyOf(cut)!((chunk) => Promise.resolve(void (sent += chunk.length)))).rejects.toThrow(/index/);
    expect(sent).toBeLessThan(writtenLengthOf(cut)!);
  });

  it("answers another patient's study, series and frames exactly like ones that do not exist", async () => {
    const ct = header("CT_small.dcm");
    for (const path of [`studies/${ct.study}`, `studies/${ct.study}/metadata`, `studies/${ct.study}/series/${ct.series}/instances/${ct.sop}/frames/1`, `studies/1.2.3.4/metadata`]) {
      const response = await get(path, stranger, "*/*");
      expect(response.status, path).toBe(404);
      expect(await response.text()).toMatch(/No such study, series or instance is available to you/);
    }
    expect((await get("studies/not-a-uid/metadata")).status).toBe(404);
  });

  it("draws a PNG of an uncompressed image and a thumbnail of a series, or JPEG when that is what the client takes", async () => {
    const ct = header("CT_small.dcm");
    const rendered = await get(`studies/${ct.study}/series/${ct.series}/instances/${ct.sop}/rendered`, patient, "image/png");
    expect(rendered.status).toBe(200);
    expect(rendered.headers.get("vary")).toBe("Accept");
    const png = Buffer.from(await rendered.arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(128); // width: the image's own 128 columns
    const thumbnail = await get(`studies/${ct.study}/series/${ct.series}/thumbnail`, patient, "image/png");
    expect(thumbnail.headers.get("content-type")).toBe("image/png");
    const jpeg = await get(`studies/${ct.study}/series/${ct.series}/instances/${ct.sop}/rendered`, patient, "image/jpeg");
    expect(jpeg.headers.get("content-type")).toBe("image/jpeg");
    expect([...new Uint8Array(await jpeg.arrayBuffer()).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(jpeg.headers.get("etag")).not.toBe(rendered.headers.get("etag"));
    const seriesJpeg = await get(`studies/${ct.study}/series/${ct.series}/thumbnail`, patient, "image/jpeg;q=0.9, image/png;q=0.5");
    expect(seriesJpeg.headers.get("content-type")).toBe("image/jpeg");
    const refused = await get(`studies/${ct.study}/series/${ct.series}/instances/${ct.sop}/rendered`, patient, "image/gif");
    expect(refused.status).toBe(406);
    expect(await refused.text()).toMatch(/PNG \(image\/png\) or JPEG \(image\/jpeg\)/);
  });

  it("draws compressed images too: a JPEG 2000 instance, an RLE series' thumbnail, one frame of a multi-frame image", async () => {
    const j2k = header("JPEG2000.dcm");
    const rendered = await get(`studies/${j2k.study}/series/${j2k.series}/instances/${j2k.sop}/rendered`, patient, "image/png");
    expect(rendered.status).toBe(200);
    const png = Buffer.from(await rendered.arrayBuffer());
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 1024]);

    const rle = header("MR_small_RLE.dcm");
    const thumbnail = await get(`studies/${rle.study}/series/${rle.series}/thumbnail`, holders.get("MR_small_RLE.dcm"), "image/*");
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/png");

    const loop = header("SC_rgb_rle_2frame.dcm");
    const instance = `studies/${loop.study}/series/${loop.series}/instances/${loop.sop}`;
    const second = await get(`${instance}/frames/2/rendered`, patient, "image/png");
    expect(second.status).toBe(200);
    expect(Buffer.from(await second.arrayBuffer())).not.toEqual(Buffer.from(await (await get(`${instance}/frames/1/rendered`, patient, "image/png")).arrayBuffer()));
    const past = await get(`${instance}/frames/3/rendered`, patient, "image/png");
    expect(past.status).toBe(404);
    expect(await past.text()).toMatch(/has 2 frame\(s\)/);
  });
});

describe("STOW-RS", () => {
  function multipart(files: { name: string; bytes: Uint8Array; type?: string }[]) {
    const boundary = "stow-boundary-1234";
    const chunks: Buffer[] = [];
    for (const file of files) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: ${file.type ?? "application/dicom"}\r\n\r\n`), Buffer.from(file.bytes), Buffer.from("\r\n"));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { body: Buffer.concat(chunks), contentType: `multipart/related; type="application/dicom"; boundary=${boundary}` };
  }

  async function post(path: string, actor: UserActor, body: { body: Buffer; contentType: string }) {
    const request = new Request(`${BASE}/${path}`, { method: "POST", headers: { "Content-Type": body.contentType }, body: new Uint8Array(body.body) });
    return serveDicomWeb(request, path.split("/"), actor, context);
  }

  it("stores the good instances of a request and fails the bad ones alone, each with a reason", async () => {
    const uploader = await createPatientActor(db);
    const good = await readFile(join(PYDICOM, "MR_small.dcm"));
    const truncated = await readFile(join(PYDICOM, "MR_truncated.dcm"));
    const noMeta = await readFile(join(PYDICOM, "no_meta.dcm"));
    const response = await post("studies", uploader, multipart([{ name: "good", bytes: good }, { name: "cut", bytes: truncated }, { name: "no meta", bytes: noMeta }]));
    expect(response.status).toBe(202);
    const result = (await response.json()) as Record<string, { Value?: Record<string, { Value?: unknown[] }>[] }>;
    const mr = header("MR_small.dcm");
    expect(result["00081199"]?.Value?.map((item) => item["00081155"]?.Value?.[0])).toEqual([mr.sop]);
    const failed = result["00081198"]?.Value ?? [];
    expect(failed).toHaveLength(2);
    expect(failed.map((item) => item["00081197"]?.Value?.[0])).toEqual([0xc000, 0xc000]);
    expect(String(failed[0]?.["00000902"]?.Value?.[0])).toMatch(/cut short/);

    // What was stored can be found and read back, and the upload is audited.
    const found = await get(`studies/${mr.study}/series/${mr.series}/instances`, uploader);
    expect(found.status).toBe(200);
    expect(await db.study.findFirst({ where: { patientId: uploader.patientId, studyInstanceUid: mr.study }, select: { status: true, source: true } })).toEqual({ status: "COMPLETE", source: "DICOMWEB_STOW" });
    expect(await db.auditEvent.count({ where: { patientId: uploader.patientId, action: "study.upload", channel: "dicomweb" } })).toBe(1);
  });

  it("fails an instance sent to another study's address and refuses what is not multipart DICOM", async () => {
    const uploader = await createPatientActor(db);
    const ct = await readFile(join(PYDICOM, "CT_small.dcm"));
    const wrongStudy = await post("studies/1.2.3.4.5", uploader, multipart([{ name: "ct", bytes: ct }]));
    expect(wrongStudy.status).toBe(409);
    const body = (await wrongStudy.json()) as Record<string, { Value?: Record<string, { Value?: unknown[] }>[] }>;
    expect(String(body["00081198"]?.Value?.[0]?.["00000902"]?.Value?.[0])).toMatch(/belongs to study/);

    const notMultipart = await post("studies", uploader, { body: ct, contentType: "application/dicom" });
    expect(notMultipart.status).toBe(415);
  });
});

describe("imaging systems with API keys", () => {
  it("query their organization's patients only, store for a registered Patient ID, and are refused for anyone else", async () => {
    const { organization, admin } = await adminWithOrganization(db);
    const readWrite = await issueTestKey(db, admin, organization.id, { scopes: ["read", "write"] });
    const system = (await actorFromAuthorization(db, `Bearer ${readWrite.key}`, {}))!;
    expect(system.kind).toBe("api-key");

    // The organization's patient, registered under the Patient ID in MR_small.dcm.
    const registered = await createPatientActor(db);
    await db.patientIdentifier.create({ data: { patientId: registered.patientId, organizationId: organization.id, system: "MRN", value: "4MR1" } });
    const mr = await readFile(join(PYDICOM, "MR_small.dcm"));
    const ct = await readFile(join(PYDICOM, "CT_small.dcm")); // Patient ID 1CT1: nobody at this organization
    const boundary = "system-boundary";
    const body = Buffer.concat([
      ...[mr, ct].flatMap((file) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), file, Buffer.from("\r\n")]),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const stored = await serveDicomWeb(
      new Request(`${BASE}/studies`, { method: "POST", headers: { "Content-Type": `multipart/related; type="application/dicom"; boundary=${boundary}` }, body: new Uint8Array(body) }),
      ["studies"],
      system,
      context,
    );
    expect(stored.status).toBe(202);
    const result = (await stored.json()) as Record<string, { Value?: Record<string, { Value?: unknown[] }>[] }>;
    expect(String(result["00081198"]?.Value?.[0]?.["00000902"]?.Value?.[0])).toMatch(/No patient you may store images for has this Patient ID/);
    const batch = await db.intakeBatch.findFirstOrThrow({ where: { patientId: registered.patientId }, select: { apiKeyId: true, uploadedById: true, status: true } });
    expect(batch).toEqual({ apiKeyId: readWrite.id, uploadedById: null, status: "CLOSED" });

    // The key finds what it stored, and nothing of patients registered elsewhere (the main patient's CT).
    const studies = (await (await get("studies", system)).json()) as Record<string, { Value?: unknown[] }>[];
    expect(studies.map((study) => study["00100020"]?.Value?.[0])).toEqual(["4MR1"]);
    const foreign = header("CT_small.dcm");
    expect((await get(`studies/${foreign.study}/metadata`, system)).status).toBe(404);

    // A read-only key may not store.
    const readOnly = (await actorFromAuthorization(db, `Bearer ${(await issueTestKey(db, admin, organization.id)).key}`, {}))!;
    const refused = await serveDicomWeb(
      new Request(`${BASE}/studies`, { method: "POST", headers: { "Content-Type": `multipart/related; type="application/dicom"; boundary=${boundary}` }, body: new Uint8Array(body) }),
      ["studies"],
      readOnly,
      context,
    );
    const refusedBody = (await refused.json()) as Record<string, { Value?: Record<string, { Value?: unknown[] }>[] }>;
    expect(refused.status).toBe(409);
    expect(String(refusedBody["00081198"]?.Value?.[0]?.["00000902"]?.Value?.[0])).toMatch(/You may not store images for this patient/);
  });
});
