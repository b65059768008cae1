-- The translation memory (decision 019): confirmed paragraphs, titles and glossary terms per
-- project and language pair, found again by a hash of the normalised source (exact) or by shared
-- MinHash band keys of its words and Chinese character pairs (close).

-- CreateEnum
CREATE TYPE "SegmentOrigin" AS ENUM ('rich_text', 'short_text', 'glossary');

-- CreateTable
CREATE TABLE "TranslationSegment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "sourceLang" "Language" NOT NULL,
    "targetLang" "Language" NOT NULL,
    "sourceText" TEXT NOT NULL,
    "targetText" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "sourceLength" INTEGER NOT NULL,
    "sketch" TEXT[],
    "origin" "SegmentOrigin" NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedById" TEXT,

    CONSTRAINT "TranslationSegment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TranslationSegment_sketch_idx" ON "TranslationSegment" USING GIN ("sketch");

-- New keys go straight into the index rather than into GIN's pending list, which every lookup
-- reads through until a vacuum merges it: the embedded database has no autovacuum, and 10 000
-- segments' keys left pending made lookups ten times slower. A confirmation writes a few rows.
ALTER INDEX "TranslationSegment_sketch_idx" SET (fastupdate = off);

-- CreateIndex
CREATE UNIQUE INDEX "TranslationSegment_projectId_sourceLang_targetLang_key_key" ON "TranslationSegment"("projectId", "sourceLang", "targetLang", "key");

-- AddForeignKey
ALTER TABLE "TranslationSegment" ADD CONSTRAINT "TranslationSegment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
