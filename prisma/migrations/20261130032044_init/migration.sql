-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PATIENT', 'FRONT_DESK', 'CLINICIAN', 'ADMIN');

-- CreateEnum
CREATE TYPE "EndpointKind" AS ENUM ('XCPD_RESPONDING_GATEWAY', 'XCA_QUERY', 'XCA_RETRIEVE', 'XCAI_RETRIEVE', 'XDRI_RECIPIENT', 'DICOMWEB', 'DIMSE');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "IntakeSource" AS ENUM ('UPLOAD', 'CLAIM', 'PULL_DICOMWEB', 'PULL_CAREQUALITY', 'DICOMWEB_STOW', 'DEMO');

-- CreateEnum
CREATE TYPE "StudyStatus" AS ENUM ('RECEIVING', 'COMPLETE', 'INCOMPLETE');

-- CreateEnum
CREATE TYPE "ConsentScope" AS ENUM ('SELECTED_STUDIES', 'DATE_RANGE', 'ALL_STUDIES');

-- CreateEnum
CREATE TYPE "RecipientKind" AS ENUM ('DESTINATION', 'CLINICIAN', 'ORGANIZATION');

-- CreateEnum
CREATE TYPE "Purpose" AS ENUM ('TREATMENT', 'SECOND_OPINION', 'PERSONAL_USE', 'RESEARCH', 'OTHER');

-- CreateEnum
CREATE TYPE "SignatureKind" AS ENUM ('DRAWN', 'TYPED', 'SCANNED_FORM');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('ONLINE', 'IN_PERSON', 'PAPER_FORM');

-- CreateEnum
CREATE TYPE "DestinationKind" AS ENUM ('DICOMWEB', 'DIMSE', 'CARRIER', 'CAREQUALITY', 'XDRI');

-- CreateEnum
CREATE TYPE "TransferStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED');

-- CreateEnum
CREATE TYPE "AttemptOutcome" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED');

-- CreateEnum
CREATE TYPE "TransferItemStatus" AS ENUM ('PENDING', 'DELIVERED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ShareCheck" AS ENUM ('PIN', 'BIRTH_DATE');

-- CreateEnum
CREATE TYPE "ReleaseRule" AS ENUM ('IMMEDIATE', 'AFTER_DELAY', 'REPORT_FINAL');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'MINOR_FAILURE', 'SERIOUS_FAILURE', 'MAJOR_FAILURE');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('USER', 'SHARE_RECIPIENT', 'GATEWAY', 'API_KEY', 'SYSTEM');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "organizationId" UUID,
    "passwordHash" TEXT,
    "totpSecret" TEXT,
    "emailVerified" TIMESTAMP(3),
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "deactivatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "homeCommunityId" TEXT,
    "assigningAuthorityOid" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationEndpoint" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "EndpointKind" NOT NULL,
    "address" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganizationEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Patient" (
    "id" UUID NOT NULL,
    "givenName" TEXT NOT NULL,
    "middleName" TEXT,
    "familyName" TEXT NOT NULL,
    "prefix" TEXT,
    "suffix" TEXT,
    "birthDate" DATE NOT NULL,
    "sex" "Sex" NOT NULL DEFAULT 'UNKNOWN',
    "email" TEXT,
    "userId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Patient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientIdentifier" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "system" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatientIdentifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Study" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "studyInstanceUid" TEXT NOT NULL,
    "studyDate" DATE,
    "studyTime" TEXT,
    "accessionNumber" TEXT,
    "description" TEXT,
    "modalities" TEXT[],
    "referringPhysician" TEXT,
    "institutionName" TEXT,
    "dicomPatientName" TEXT,
    "dicomPatientId" TEXT,
    "dicomBirthDate" DATE,
    "numberOfSeries" INTEGER NOT NULL DEFAULT 0,
    "numberOfInstances" INTEGER NOT NULL DEFAULT 0,
    "totalBytes" BIGINT NOT NULL DEFAULT 0,
    "status" "StudyStatus" NOT NULL DEFAULT 'RECEIVING',
    "missingInstances" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "source" "IntakeSource" NOT NULL,
    "sourceOrganizationId" UUID,
    "uploadedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Study_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Series" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "seriesInstanceUid" TEXT NOT NULL,
    "modality" TEXT,
    "seriesNumber" INTEGER,
    "description" TEXT,
    "bodyPart" TEXT,
    "numberOfInstances" INTEGER NOT NULL DEFAULT 0,
    "totalBytes" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instance" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "seriesId" UUID NOT NULL,
    "sopInstanceUid" TEXT NOT NULL,
    "sopClassUid" TEXT NOT NULL,
    "instanceNumber" INTEGER,
    "transferSyntaxUid" TEXT NOT NULL,
    "numberOfFrames" INTEGER NOT NULL DEFAULT 1,
    "rows" INTEGER,
    "columns" INTEGER,
    "bytes" BIGINT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" "IntakeSource" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "scope" "ConsentScope" NOT NULL,
    "studiesFrom" DATE,
    "studiesTo" DATE,
    "recipientKind" "RecipientKind" NOT NULL,
    "destinationId" UUID,
    "recipientOrganizationId" UUID,
    "recipientName" TEXT,
    "recipientEmail" TEXT,
    "purpose" "Purpose" NOT NULL,
    "purposeText" TEXT,
    "expiresAt" TIMESTAMP(3),
    "expiryEvent" TEXT,
    "allowDownload" BOOLEAN NOT NULL DEFAULT false,
    "method" "ConsentMethod" NOT NULL,
    "signatureKind" "SignatureKind" NOT NULL,
    "signatureImage" BYTEA,
    "signatureText" TEXT,
    "signerName" TEXT NOT NULL,
    "signerRelationship" TEXT NOT NULL DEFAULT 'self',
    "signedAt" TIMESTAMP(3) NOT NULL,
    "recordedById" UUID,
    "witnessId" UUID,
    "identityCheck" TEXT,
    "documentStorageKey" TEXT,
    "contentSha256" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedById" UUID,
    "revocationReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentStudy" (
    "consentId" UUID NOT NULL,
    "studyId" UUID NOT NULL,

    CONSTRAINT "ConsentStudy_pkey" PRIMARY KEY ("consentId","studyId")
);

-- CreateTable
CREATE TABLE "Destination" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "DestinationKind" NOT NULL,
    "organizationId" UUID,
    "baseUrl" TEXT,
    "aeTitle" TEXT,
    "host" TEXT,
    "port" INTEGER,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Destination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transfer" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "destinationId" UUID NOT NULL,
    "consentId" UUID NOT NULL,
    "requestedById" UUID,
    "status" "TransferStatus" NOT NULL DEFAULT 'QUEUED',
    "instancesTotal" INTEGER NOT NULL DEFAULT 0,
    "instancesSent" INTEGER NOT NULL DEFAULT 0,
    "bytesSent" BIGINT NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Transfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferAttempt" (
    "id" UUID NOT NULL,
    "transferId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "outcome" "AttemptOutcome" NOT NULL DEFAULT 'RUNNING',
    "instancesSent" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TransferAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferItem" (
    "transferId" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "status" "TransferItemStatus" NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "TransferItem_pkey" PRIMARY KEY ("transferId","instanceId")
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "consentId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "recipientName" TEXT NOT NULL,
    "recipientEmail" TEXT,
    "purpose" "Purpose" NOT NULL,
    "message" TEXT,
    "check" "ShareCheck" NOT NULL,
    "pinHash" TEXT,
    "allowDownload" BOOLEAN NOT NULL DEFAULT false,
    "notifyOnOpen" BOOLEAN NOT NULL DEFAULT true,
    "failedChecks" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "openCount" INTEGER NOT NULL DEFAULT 0,
    "lastOpenedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareLinkStudy" (
    "shareLinkId" UUID NOT NULL,
    "studyId" UUID NOT NULL,

    CONSTRAINT "ShareLinkStudy_pkey" PRIMARY KEY ("shareLinkId","studyId")
);

-- CreateTable
CREATE TABLE "ClaimCode" (
    "id" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "patientId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "publishedById" UUID NOT NULL,
    "releaseRule" "ReleaseRule" NOT NULL,
    "releaseAt" TIMESTAMP(3),
    "reportFinalAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "redeemedAt" TIMESTAMP(3),
    "redeemedById" UUID,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimCodeStudy" (
    "claimCodeId" UUID NOT NULL,
    "studyId" UUID NOT NULL,

    CONSTRAINT "ClaimCodeStudy_pkey" PRIMARY KEY ("claimCodeId","studyId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "outcome" "AuditOutcome" NOT NULL,
    "actorKind" "ActorKind" NOT NULL,
    "actorUserId" UUID,
    "actorDisplay" TEXT NOT NULL,
    "patientId" UUID,
    "entityType" TEXT,
    "entityId" TEXT,
    "purposeOfUse" TEXT,
    "clientAddress" TEXT,
    "userAgent" TEXT,
    "detail" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_organizationId_role_idx" ON "User"("organizationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_homeCommunityId_key" ON "Organization"("homeCommunityId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationEndpoint_organizationId_kind_address_key" ON "OrganizationEndpoint"("organizationId", "kind", "address");

-- CreateIndex
CREATE UNIQUE INDEX "Patient_userId_key" ON "Patient"("userId");

-- CreateIndex
CREATE INDEX "Patient_familyName_givenName_birthDate_idx" ON "Patient"("familyName", "givenName", "birthDate");

-- CreateIndex
CREATE INDEX "PatientIdentifier_patientId_idx" ON "PatientIdentifier"("patientId");

-- CreateIndex
CREATE UNIQUE INDEX "PatientIdentifier_organizationId_system_value_key" ON "PatientIdentifier"("organizationId", "system", "value");

-- CreateIndex
CREATE INDEX "Study_patientId_studyDate_idx" ON "Study"("patientId", "studyDate");

-- CreateIndex
CREATE INDEX "Study_studyInstanceUid_idx" ON "Study"("studyInstanceUid");

-- CreateIndex
CREATE INDEX "Study_accessionNumber_idx" ON "Study"("accessionNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Study_patientId_studyInstanceUid_key" ON "Study"("patientId", "studyInstanceUid");

-- CreateIndex
CREATE INDEX "Series_studyId_seriesNumber_idx" ON "Series"("studyId", "seriesNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Series_patientId_seriesInstanceUid_key" ON "Series"("patientId", "seriesInstanceUid");

-- CreateIndex
CREATE INDEX "Instance_seriesId_instanceNumber_idx" ON "Instance"("seriesId", "instanceNumber");

-- CreateIndex
CREATE INDEX "Instance_sha256_idx" ON "Instance"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "Instance_patientId_sopInstanceUid_key" ON "Instance"("patientId", "sopInstanceUid");

-- CreateIndex
CREATE INDEX "Consent_patientId_revokedAt_expiresAt_idx" ON "Consent"("patientId", "revokedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "Consent_destinationId_idx" ON "Consent"("destinationId");

-- CreateIndex
CREATE INDEX "ConsentStudy_studyId_idx" ON "ConsentStudy"("studyId");

-- CreateIndex
CREATE INDEX "Destination_active_name_idx" ON "Destination"("active", "name");

-- CreateIndex
CREATE INDEX "Transfer_patientId_queuedAt_idx" ON "Transfer"("patientId", "queuedAt");

-- CreateIndex
CREATE INDEX "Transfer_status_queuedAt_idx" ON "Transfer"("status", "queuedAt");

-- CreateIndex
CREATE INDEX "Transfer_consentId_idx" ON "Transfer"("consentId");

-- CreateIndex
CREATE UNIQUE INDEX "TransferAttempt_transferId_number_key" ON "TransferAttempt"("transferId", "number");

-- CreateIndex
CREATE INDEX "TransferItem_transferId_status_idx" ON "TransferItem"("transferId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ShareLink_patientId_createdAt_idx" ON "ShareLink"("patientId", "createdAt");

-- CreateIndex
CREATE INDEX "ShareLink_consentId_idx" ON "ShareLink"("consentId");

-- CreateIndex
CREATE INDEX "ShareLinkStudy_studyId_idx" ON "ShareLinkStudy"("studyId");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimCode_codeHash_key" ON "ClaimCode"("codeHash");

-- CreateIndex
CREATE INDEX "ClaimCode_patientId_idx" ON "ClaimCode"("patientId");

-- CreateIndex
CREATE INDEX "ClaimCode_organizationId_createdAt_idx" ON "ClaimCode"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "ClaimCodeStudy_studyId_idx" ON "ClaimCodeStudy"("studyId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_patientId_occurredAt_idx" ON "AuditEvent"("patientId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_occurredAt_idx" ON "AuditEvent"("actorUserId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationEndpoint" ADD CONSTRAINT "OrganizationEndpoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Patient" ADD CONSTRAINT "Patient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientIdentifier" ADD CONSTRAINT "PatientIdentifier_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientIdentifier" ADD CONSTRAINT "PatientIdentifier_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Study" ADD CONSTRAINT "Study_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Study" ADD CONSTRAINT "Study_sourceOrganizationId_fkey" FOREIGN KEY ("sourceOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Study" ADD CONSTRAINT "Study_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Series" ADD CONSTRAINT "Series_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Series" ADD CONSTRAINT "Series_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_recipientOrganizationId_fkey" FOREIGN KEY ("recipientOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_witnessId_fkey" FOREIGN KEY ("witnessId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentStudy" ADD CONSTRAINT "ConsentStudy_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentStudy" ADD CONSTRAINT "ConsentStudy_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Destination" ADD CONSTRAINT "Destination_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transfer" ADD CONSTRAINT "Transfer_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transfer" ADD CONSTRAINT "Transfer_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transfer" ADD CONSTRAINT "Transfer_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transfer" ADD CONSTRAINT "Transfer_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transfer" ADD CONSTRAINT "Transfer_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferAttempt" ADD CONSTRAINT "TransferAttempt_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "Transfer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferItem" ADD CONSTRAINT "TransferItem_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "Transfer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferItem" ADD CONSTRAINT "TransferItem_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLinkStudy" ADD CONSTRAINT "ShareLinkStudy_shareLinkId_fkey" FOREIGN KEY ("shareLinkId") REFERENCES "ShareLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLinkStudy" ADD CONSTRAINT "ShareLinkStudy_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimCode" ADD CONSTRAINT "ClaimCode_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimCode" ADD CONSTRAINT "ClaimCode_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimCode" ADD CONSTRAINT "ClaimCode_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimCode" ADD CONSTRAINT "ClaimCode_redeemedById_fkey" FOREIGN KEY ("redeemedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimCodeStudy" ADD CONSTRAINT "ClaimCodeStudy_claimCodeId_fkey" FOREIGN KEY ("claimCodeId") REFERENCES "ClaimCode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimCodeStudy" ADD CONSTRAINT "ClaimCodeStudy_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;
