-- CreateTable
CREATE TABLE "PatientAccessReason" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PatientAccessReason_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PatientAccessReason_sessionId_expiresAt_idx" ON "PatientAccessReason"("sessionId", "expiresAt");

-- AddForeignKey
ALTER TABLE "PatientAccessReason" ADD CONSTRAINT "PatientAccessReason_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientAccessReason" ADD CONSTRAINT "PatientAccessReason_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;
