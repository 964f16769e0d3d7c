import "server-only";
import type { Database } from "../db/prisma";

// Who a consent can name, as the forms offer them: the destinations in Carrier's directory and the
// Carequality organizations (those with a home community id). Directory facts, not patient data.

export async function recipientChoices(db: Database) {
  const [destinations, organizations] = await Promise.all([
    db.destination.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.organization.findMany({ where: { homeCommunityId: { not: null } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { destinations, organizations };
}
