-- AlterTable
ALTER TABLE "IntakeFile" ADD COLUMN     "uploadBytes" BIGINT;
