-- AlterTable
ALTER TABLE "IntakeBatch" ADD COLUMN     "apiKeyId" UUID,
ALTER COLUMN "uploadedById" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "IntakeBatch_apiKeyId_idx" ON "IntakeBatch"("apiKeyId");

-- AddForeignKey
ALTER TABLE "IntakeBatch" ADD CONSTRAINT "IntakeBatch_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A batch is sent into by a person or by an imaging system's key, never both, never neither.
ALTER TABLE "IntakeBatch" ADD CONSTRAINT "IntakeBatch_one_sender" CHECK (num_nonnulls("uploadedById", "apiKeyId") = 1);
