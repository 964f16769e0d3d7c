import type { ShareRecipientActor } from "../auth/actor";
import type { Database } from "../db/prisma";
import { permittedStudies } from "../dicomweb/access";

// The studies a share recipient may see, for the overview page of a share session.

export async function sharedStudies(db: Database, actor: ShareRecipientActor) {
  const studies = await db.study.findMany({
    where: { id: { in: [...actor.studyIds] }, patientId: actor.patientId, status: { not: "RECEIVING" } },
    orderBy: [{ studyDate: { sort: "desc", nulls: "last" } }, { createdAt: "asc" }],
    select: { id: true, patientId: true, studyInstanceUid: true, description: true, studyDate: true, modalities: true, numberOfSeries: true, numberOfInstances: true, totalBytes: true },
  });
  return permittedStudies(db, actor, "study.view", studies);
}
