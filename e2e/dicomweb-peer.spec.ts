import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { newApiKey } from "../lib/api-keys/secret";
import { syntheticCtSeries } from "../lib/dicom/synthetic-ct";
import { startOrthanc } from "../scripts/test/orthanc";
import type { OrthancPeer } from "../scripts/test/orthanc";
import { createPatientAccount, createStaff, e2eDatabase } from "./support/accounts";
import { PYDICOM_FILES } from "./support/dicom-files";
import { holdFilesFor } from "./support/holdings";

// A real Orthanc (Debian's orthanc + orthanc-dicomweb) uses the running Carrier as a DICOMweb
// server, as a clinic's PACS would: with an API key sent as basic credentials (all Orthanc can
// send), it queries Carrier (QIDO-RS), retrieves a study (WADO-RS) whose files arrive byte for
// byte, and stores a study into Carrier (STOW-RS) for a patient registered at its organization.

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const FILES = ["CT_small.dcm", "JPEG2000.dcm", "MR_small_RLE.dcm"].map((file) => path.join(PYDICOM_FILES, file));

let work: string;
let orthanc: OrthancPeer | undefined;

test.beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "carrier-peer-"));
});
test.afterEach(async () => {
  await orthanc?.stop();
  await rm(work, { recursive: true, force: true });
});

async function orthancPost(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: "POST", body: body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`Orthanc answered ${response.status} to ${url}: ${text}\n${orthanc?.log() ?? ""}`);
  return JSON.parse(text) as unknown;
}

test("Orthanc queries, retrieves from and stores into Carrier with an API key", async ({ baseURL }) => {
  test.slow();
  const db = e2eDatabase();
  const account = await createPatientAccount({ otherHospital: true });
  const mrn = (await db.patientIdentifier.findFirstOrThrow({ where: { patientId: account.patient.id } })).value;
  expect((await holdFilesFor(account, FILES)).map((result) => result.outcome)).toEqual(["STORED", "STORED", "STORED"]);

  // The admin page issues keys (e2e/api-keys.spec.ts); here the row is made as it would.
  const admin = await createStaff("ADMIN");
  const key = newApiKey();
  await db.apiKey.create({ data: { name: "Orthanc peer", organizationId: account.organization.id, scopes: ["READ", "WRITE"], prefix: key.prefix, secretHash: key.secretHash, createdById: admin.id } });
  const root = `${baseURL}/api/dicomweb/`;
  orthanc = await startOrthanc(work, {
    DicomWeb: {
      Servers: {
        carrier: { Url: root, Username: key.prefix, Password: key.key },
        // The key with its last digit changed (to another digit whatever it was).
        impostor: { Url: root, Username: key.prefix, Password: `${key.key.slice(0, -1)}${key.key.endsWith("0") ? "1" : "0"}` },
      },
    },
  });

  // QIDO-RS: Orthanc asks Carrier for the patient's studies.
  const found = (await orthancPost(`${orthanc.url}/dicom-web/servers/carrier/get`, { Uri: "/studies", Arguments: { PatientName: "CompressedSamples*" } })) as Record<string, { Value?: unknown[] }>[];
  const ctStudy = found.find((study) => (study["00100010"]?.Value?.[0] as { Alphabetic?: string })?.Alphabetic === "CompressedSamples^CT1")?.["0020000D"]?.Value?.[0] as string;
  expect(ctStudy).toBeTruthy();
  expect(found.length).toBe(3);

  // WADO-RS: Orthanc retrieves the CT study; what it stored is the very file Carrier holds.
  await orthancPost(`${orthanc.url}/dicom-web/servers/carrier/retrieve`, { Resources: [{ Study: ctStudy }] });
  const instances = (await (await fetch(`${orthanc.url}/instances`)).json()) as string[];
  expect(instances).toHaveLength(1);
  const received = new Uint8Array(await (await fetch(`${orthanc.url}/instances/${instances[0]}/file`)).arrayBuffer());
  expect(sha256(received)).toBe(sha256(await readFile(FILES[0]!)));

  // STOW-RS: Orthanc sends a new study of this patient (their Patient ID at the hospital) to Carrier.
  const series = syntheticCtSeries({ patient: { name: "Test^Robin", patientId: mrn, birthDate: "19500601", sex: "F" }, study: { date: "20261120", description: "CT FROM ORTHANC" }, slices: 3 });
  let orthancStudy = "";
  for (const instance of series) orthancStudy = ((await orthancPost(`${orthanc.url}/instances`, instance.bytes)) as { ParentStudy: string }).ParentStudy;
  await orthancPost(`${orthanc.url}/dicom-web/servers/carrier/stow`, { Resources: [orthancStudy] });
  const stored = await db.study.findFirstOrThrow({
    where: { patientId: account.patient.id, studyInstanceUid: series[0]!.studyInstanceUid },
    select: { source: true, status: true, numberOfInstances: true, series: { select: { instances: { select: { sha256: true } } } } },
  });
  expect(stored).toMatchObject({ source: "DICOMWEB_STOW", status: "COMPLETE", numberOfInstances: 3 });
  expect(stored.series.flatMap((item) => item.instances.map((instance) => instance.sha256)).sort()).toEqual(series.map((instance) => sha256(instance.bytes)).sort());
  const audit = await db.auditEvent.findMany({ where: { patientId: account.patient.id, actorKind: "API_KEY" }, select: { action: true, channel: true } });
  expect(audit).toEqual(expect.arrayContaining([{ action: "study.download", channel: "dicomweb" }, { action: "study.upload", channel: "dicomweb" }]));

  // A key that is not right gets nothing.
  const refused = await fetch(`${orthanc.url}/dicom-web/servers/impostor/get`, { method: "POST", body: JSON.stringify({ Uri: "/studies" }) });
  expect(refused.ok).toBe(false);
});
