-- Project titles and organisation names become short texts in three languages (decision 021): the
-- existing text is kept as the original, in Swedish unless it is written in Chinese characters.
-- An organisation keeps its old name as `key`, the handle scripts look it up by.

-- AlterTable
ALTER TABLE "Organisation" RENAME COLUMN "name" TO "key";
ALTER TABLE "Organisation" ADD COLUMN     "names" JSONB,
ADD COLUMN     "originalLang" "Language";

UPDATE "Organisation" SET "originalLang" = (CASE WHEN "key" ~ '[\u3400-\u9fff]' THEN 'zh' ELSE 'sv' END)::"Language";
UPDATE "Organisation" SET "names" = jsonb_build_object("originalLang"::text, "key");

ALTER TABLE "Organisation" ALTER COLUMN "names" SET NOT NULL,
ALTER COLUMN "originalLang" SET NOT NULL;

-- RenameIndex
ALTER INDEX "Organisation_name_key" RENAME TO "Organisation_key_key";

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "titles" JSONB,
ADD COLUMN     "originalLang" "Language";

UPDATE "Project" SET "originalLang" = (CASE WHEN "title" ~ '[\u3400-\u9fff]' THEN 'zh' ELSE 'sv' END)::"Language";
UPDATE "Project" SET "titles" = jsonb_build_object("originalLang"::text, "title");

ALTER TABLE "Project" DROP COLUMN "title",
ALTER COLUMN "titles" SET NOT NULL,
ALTER COLUMN "originalLang" SET NOT NULL;
