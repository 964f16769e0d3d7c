-- CreateEnum
CREATE TYPE "IntakeBatchStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "IntakeOutcome" AS ENUM ('STORED', 'DUPLICATE', 'CONFLICT', 'REJECTED');

-- CreateTable
CREATE TABLE "IntakeBatch" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "uploadedById" UUID NOT NULL,
    "status" "IntakeBatchStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "IntakeBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntakeExpectedInstance" (
    "batchId" UUID NOT NULL,
    "studyInstanceUid" TEXT NOT NULL,
    "sopInstanceUid" TEXT NOT NULL,

    CONSTRAINT "IntakeExpectedInstance_pkey" PRIMARY KEY ("batchId","sopInstanceUid")
);

-- CreateTable
CREATE TABLE "IntakeFile" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "uploadId" TEXT NOT NULL,
    "entryName" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "outcome" "IntakeOutcome" NOT NULL,
    "code" TEXT,
    "message" TEXT,
    "sopInstanceUid" TEXT,
    "studyInstanceUid" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntakeFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IntakeBatch_uploadedById_status_idx" ON "IntakeBatch"("uploadedById", "status");

-- CreateIndex
CREATE INDEX "IntakeFile_batchId_idx" ON "IntakeFile"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "IntakeFile_uploadId_entryName_key" ON "IntakeFile"("uploadId", "entryName");

-- AddForeignKey
ALTER TABLE "IntakeBatch" ADD CONSTRAINT "IntakeBatch_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeBatch" ADD CONSTRAINT "IntakeBatch_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeExpectedInstance" ADD CONSTRAINT "IntakeExpectedInstance_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "IntakeBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeFile" ADD CONSTRAINT "IntakeFile_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "IntakeBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
