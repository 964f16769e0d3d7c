-- AlterTable
ALTER TABLE "IntakeBatch" ADD COLUMN     "apiKeyId" UUID,
ALTER COLUMN "uploadedById" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "IntakeBatch_apiKeyId_idx" ON "IntakeBatch"("apiKeyId");

-- AddForeignKey
ALTER TABLE "IntakeBatch" ADD CONSTRAINT "IntakeBatch_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A batch is sent into by a person or by an imaging system's key, never both, never neither.
-- (A trigger, not a CHECK constraint: Prisma's schema engine cannot introspect CHECK constraints.)
CREATE FUNCTION "intake_batch_one_sender"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW."uploadedById" IS NULL) = (NEW."apiKeyId" IS NULL) THEN
    RAISE EXCEPTION 'An intake batch has exactly one sender: a user or an API key';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "IntakeBatch_one_sender" BEFORE INSERT OR UPDATE ON "IntakeBatch"
  FOR EACH ROW EXECUTE FUNCTION "intake_batch_one_sender"();
