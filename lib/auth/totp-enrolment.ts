import QRCode from "qrcode";
import type { Database } from "../db/prisma";
import { ForbiddenError, InvalidInputError } from "../errors";
import type { UserActor } from "./actor";
import { STAFF_ROLES } from "./staff-credentials";
import { checkTotp, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from "./totp";

// Staff turn on two-step sign-in for their own account: a new secret is kept (sealed) but counts
// only once the user proves their app produces the right codes.

export type TotpSetup = { secret: string; qrCodeSvg: string };

function assertStaff(actor: UserActor): void {
  if (!(STAFF_ROLES as readonly string[]).includes(actor.role)) throw new ForbiddenError("Two-step sign-in is for staff accounts.");
}

export async function startTotpEnrolment(db: Database, actor: UserActor, authSecret: string): Promise<TotpSetup> {
  assertStaff(actor);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new InvalidInputError("Two-step sign-in is already on for your account.");
  const secret = newTotpSecret();
  await db.user.update({ where: { id: actor.userId }, data: { totpSecret: sealTotpSecret(secret, authSecret) } });
  const qrCodeSvg = await QRCode.toString(totpUri(secret, actor.email), { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, qrCodeSvg };
}

export async function confirmTotpEnrolment(db: Database, actor: UserActor, authSecret: string, code: string): Promise<void> {
  assertStaff(actor);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) return;
  if (!user.totpSecret) throw new InvalidInputError("Start the set-up again: no code is waiting to be confirmed.");
  if (!checkTotp(openTotpSecret(user.totpSecret, authSecret), code)) throw new InvalidInputError("That code is not right. Enter the 6-digit code your app shows now.");
  await db.user.update({ where: { id: actor.userId }, data: { totpEnabledAt: new Date() } });
}
