import { describe, expect, it } from "vitest";
import { systemActor, type ApiKeyActor, type UserActor } from "../auth/actor";
import { canonicalJson, chainFieldsOf, chainHash, GENESIS_HASH } from "./chain";
import { auditFields } from "./fields";

// The hash must come out the same from the fields as written and from the row as PostgreSQL
// returns it: key order, absent versus null and letter case may differ between the two.

const sam: UserActor = {
  kind: "user",
  userId: "6F1C2B7A-93D4-4E55-8A0B-1C2D3E4F5A6B",
  role: "FRONT_DESK",
  displayName: "Sam Rivera",
  email: "sam@example.org",
  organizationId: null,
  patientId: null,
  sessionId: null,
  client: { address: "203.0.113.7", userAgent: "Firefox" },
};
const at = new Date("2026-11-30T08:15:42.123Z");

describe("canonical JSON", () => {
  it("sorts object keys at every depth and keeps array order", () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" } });
    const b = canonicalJson({ a: { c: "x", d: [3, { y: null, z: true }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("leaves out undefined properties, as JSON.stringify does, and keeps nulls", () => {
    expect(canonicalJson({ kept: null, dropped: undefined })).toBe('{"kept":null}');
    expect(canonicalJson({ kept: null })).not.toBe(canonicalJson({}));
  });

  it("refuses numbers that JSON cannot carry", () => {
    expect(() => canonicalJson({ ratio: Number.NaN })).toThrow(/JSON cannot carry/);
  });
});

describe("audit event fields", () => {
  it("names a user by name and role and keeps where they came from", () => {
    const fields = auditFields({ actor: sam, action: "patient.view", patientId: "AB8E3F00-0000-4000-8000-000000000001" }, at);
    expect(fields).toMatchObject({
      actorKind: "USER",
      actorUserId: "6f1c2b7a-93d4-4e55-8a0b-1c2d3e4f5a6b",
      actorDisplay: "Sam Rivera (front desk)",
      patientId: "ab8e3f00-0000-4000-8000-000000000001",
      clientAddress: "203.0.113.7",
      userAgent: "Firefox",
      outcome: "SUCCESS",
      detail: null,
    });
  });

  it("puts a system actor's reason in the detail, beside the caller's own", () => {
    const fields = auditFields({ actor: systemActor("queue: deliver transfer"), action: "transfer.deliver", detail: { attempt: 2 } }, at);
    expect(fields).toMatchObject({ actorKind: "SYSTEM", actorUserId: null, actorDisplay: "Carrier", clientAddress: null });
    expect(fields.detail).toEqual({ attempt: 2, reason: "queue: deliver transfer" });
  });

  it("names a system by its API key's name and organization, with the key in the detail", () => {
    const pacs: ApiKeyActor = {
      kind: "api-key",
      apiKeyId: "0b8e3f00-0000-4000-8000-0000000000cc",
      organizationId: "0b8e3f00-0000-4000-8000-0000000000dd",
      scopes: ["read"],
      displayName: "Riverside PACS (Riverside Community Hospital)",
      client: { address: "10.0.0.8", userAgent: "Orthanc" },
    };
    const fields = auditFields({ actor: pacs, action: "study.download", channel: "dicomweb" }, at);
    expect(fields).toMatchObject({ actorKind: "API_KEY", actorUserId: null, actorDisplay: "Riverside PACS (Riverside Community Hospital)", clientAddress: "10.0.0.8", userAgent: "Orthanc" });
    expect(fields.detail).toEqual({ apiKeyId: pacs.apiKeyId, organizationId: pacs.organizationId });
  });

  it("keeps a caller's detail that uses the same key as the actor's reason", () => {
    const fields = auditFields({ actor: systemActor("failed staff sign-in"), action: "auth.sign-in-failed", detail: { reason: "bad_password" } }, at);
    expect(fields.detail).toEqual({ reason: "bad_password", actorReason: "failed staff sign-in" });
  });

  it("records an action that names a failure as a failure unless told otherwise", () => {
    expect(auditFields({ actor: sam, action: "auth.sign-in-failed" }, at).outcome).toBe("MINOR_FAILURE");
    expect(auditFields({ actor: sam, action: "auth.sign-in", outcome: "SERIOUS_FAILURE" }, at).outcome).toBe("SERIOUS_FAILURE");
  });
});

describe("chain hash", () => {
  it("is the same for omitted, undefined and null optional fields", () => {
    const omitted = auditFields({ actor: sam, action: "auth.sign-in" }, at);
    const explicit = auditFields({ actor: sam, action: "auth.sign-in", patientId: null, entityId: undefined, channel: null, detail: null, studyIds: [] }, at);
    expect(chainHash(GENESIS_HASH, omitted)).toBe(chainHash(GENESIS_HASH, explicit));
  });

  it("matches the row as read back: jsonb key order, extra columns, a null array", () => {
    const written = auditFields({ actor: sam, action: "study.view", detail: { zoom: 2, frame: { b: 1, a: 2 } } }, at);
    const readBack = { ...written, id: 41n, prevHash: GENESIS_HASH, hash: "x", studyIds: null, detail: { frame: { a: 2, b: 1 }, zoom: 2 } };
    expect(chainHash(GENESIS_HASH, chainFieldsOf(readBack))).toBe(chainHash(GENESIS_HASH, written));
  });

  it("changes when any field, the time or the previous hash changes", () => {
    const fields = auditFields({ actor: sam, action: "study.view" }, at);
    const hash = chainHash(GENESIS_HASH, fields);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...fields, action: "study.download" })).not.toBe(hash);
    expect(chainHash(GENESIS_HASH, { ...fields, occurredAt: new Date(at.getTime() + 1) })).not.toBe(hash);
    expect(chainHash("f".repeat(64), fields)).not.toBe(hash);
  });
});
