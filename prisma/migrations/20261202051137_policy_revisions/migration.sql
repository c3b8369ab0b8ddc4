-- CreateEnum
CREATE TYPE "PolicyKind" AS ENUM ('QUOTA', 'RECHARGE', 'SERVICE');

-- CreateTable
CREATE TABLE "policy_revisions" (
    "id" BIGSERIAL NOT NULL,
    "kind" "PolicyKind" NOT NULL,
    "values" JSONB NOT NULL,
    "previous" JSONB NOT NULL,
    "changed" TEXT[],
    "actorId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "policy_revisions_kind_id_idx" ON "policy_revisions"("kind", "id");

-- AddForeignKey
ALTER TABLE "policy_revisions" ADD CONSTRAINT "policy_revisions_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (decision 030): a revision names its change and its reason, and history is never edited.
ALTER TABLE "policy_revisions" ALTER COLUMN "changed" SET NOT NULL;
ALTER TABLE "policy_revisions" ADD CONSTRAINT "policy_revisions_changed_nonempty" CHECK (cardinality("changed") > 0);
ALTER TABLE "policy_revisions" ADD CONSTRAINT "policy_revisions_reason_length" CHECK (char_length("reason") BETWEEN 1 AND 200);
CREATE TRIGGER "policy_revisions_append_only" BEFORE UPDATE OR DELETE ON "policy_revisions"
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
