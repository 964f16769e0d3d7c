-- No consent has been written before this migration (nothing wrote them), so the new required
-- column needs no default.

-- AlterTable
ALTER TABLE "Consent" ADD COLUMN     "documentMediaType" TEXT,
ADD COLUMN     "statementsVersion" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "Transfer" ADD COLUMN     "cancelReason" TEXT;

-- A signed consent is final: the only change allowed is its one revocation (revokedAt, revokedById,
-- revocationReason, set once). Anything else is a new consent.
CREATE FUNCTION "consent_signed_is_final"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."revokedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'consent % was withdrawn and cannot change', OLD."id" USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(NEW) - ARRAY['revokedAt', 'revokedById', 'revocationReason']) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['revokedAt', 'revokedById', 'revocationReason']) THEN
    RAISE EXCEPTION 'a signed consent cannot be changed: sign a new one' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Consent_signed_is_final" BEFORE UPDATE ON "Consent"
  FOR EACH ROW EXECUTE FUNCTION "consent_signed_is_final"();

-- A consent's studies are part of what was signed: written in the transaction that writes the
-- consent, never added or changed afterwards (xmin: the consent row was written by this transaction).
CREATE FUNCTION "consent_studies_are_final"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Consent" WHERE "id" = NEW."consentId" AND "xmin"::text = (pg_current_xact_id()::text::bigint % 4294967296)::text) THEN
    RAISE EXCEPTION 'the studies of a signed consent cannot be changed: sign a new one' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "ConsentStudy_is_final" BEFORE INSERT OR UPDATE ON "ConsentStudy"
  FOR EACH ROW EXECUTE FUNCTION "consent_studies_are_final"();
