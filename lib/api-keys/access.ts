import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/policy";

/** Issuing, listing and revoking keys is Carrier-wide administration. */
export function assertCanManageApiKeys(actor: Actor): void {
  assertCan(actor, "api-key.manage", { type: "carrier" });
}
