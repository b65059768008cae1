-- A comment's body becomes a short text in three languages (decision 021). `lang` stays the column
-- it was written on; the language it was written in is told from the text as the app told it
-- (guessLanguage): Chinese characters say Chinese, å/ä/ö Swedish, else the column's language
-- (English for Latin text on the Chinese column).

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "bodyLang" "Language";

UPDATE "Comment" SET "bodyLang" = (CASE
  WHEN "body" ~ '[\u3400-\u9fff]' THEN 'zh'
  WHEN "body" ~ '[åäöÅÄÖ]' THEN 'sv'
  WHEN "lang" = 'zh' THEN 'en'
  ELSE "lang"::text
END)::"Language";

ALTER TABLE "Comment" ALTER COLUMN "body" SET DATA TYPE JSONB USING jsonb_build_object("bodyLang"::text, "body"),
ALTER COLUMN "bodyLang" SET NOT NULL;
