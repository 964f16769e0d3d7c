import type { ApiKeyScope } from "../auth/actor";
import type { ApiKeyScope as StoredScope } from "../db/generated/enums.ts";

// The policy speaks of "read" and "write"; the database stores READ and WRITE.

const FROM_STORED: Record<StoredScope, ApiKeyScope> = { READ: "read", WRITE: "write" };
const TO_STORED: Record<ApiKeyScope, StoredScope> = { read: "READ", write: "WRITE" };

export function scopesFromStored(scopes: readonly StoredScope[]): ApiKeyScope[] {
  return scopes.map((scope) => FROM_STORED[scope]);
}

export function scopesToStored(scopes: readonly ApiKeyScope[]): StoredScope[] {
  return scopes.map((scope) => TO_STORED[scope]);
}
