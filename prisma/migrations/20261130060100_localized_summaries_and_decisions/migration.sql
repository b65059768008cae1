-- A submission's summary and a decision's comment become short texts in three languages (decision
-- 021): the text written is kept as the original, in the language recorded beside it.

-- AlterTable
ALTER TABLE "ApprovalRequest" ALTER COLUMN "summary" SET DATA TYPE JSONB USING jsonb_build_object("summaryLang"::text, "summary");

-- AlterTable
ALTER TABLE "Decision" ALTER COLUMN "comment" DROP DEFAULT;
ALTER TABLE "Decision" ALTER COLUMN "comment" SET DATA TYPE JSONB USING (CASE WHEN btrim("comment") = '' THEN '{}'::jsonb ELSE jsonb_build_object("commentLang"::text, "comment") END);
ALTER TABLE "Decision" ALTER COLUMN "comment" SET DEFAULT '{}';
