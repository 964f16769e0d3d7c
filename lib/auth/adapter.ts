import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { Database } from "../db/prisma";

// The part of an Auth.js adapter that email sign-in links need. Accounts are never created by a
// sign-in: patients are registered by Carrier's flows, staff are invited.

type Row = { id: string; email: string; name: string; emailVerified: Date | null };
const toAdapterUser = (user: Row): AdapterUser => ({ id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified });

export function carrierAdapter(db: Database): Adapter {
  return {
    async getUser(id) {
      const user = await db.user.findFirst({ where: { id, deactivatedAt: null } });
      return user ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      const user = await db.user.findFirst({ where: { email, deactivatedAt: null } });
      return user ? toAdapterUser(user) : null;
    },
    async updateUser(update) {
      const user = await db.user.update({ where: { id: update.id }, data: { emailVerified: update.emailVerified ?? undefined } });
      return toAdapterUser(user);
    },
    createUser() {
      return Promise.reject(new Error("Carrier does not create accounts at sign-in."));
    },
    async createVerificationToken(token) {
      await db.verificationToken.create({ data: token });
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      // Delete-and-return in one statement: a link works once, even when opened twice at once.
      const used = await db.$queryRaw<{ identifier: string; token: string; expires: Date }[]>`
        DELETE FROM "VerificationToken" WHERE identifier = ${identifier} AND token = ${token}
        RETURNING identifier, token, expires`;
      return used[0] ?? null;
    },
  };
}
