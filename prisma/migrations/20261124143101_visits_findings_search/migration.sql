-- CreateEnum
CREATE TYPE "VisitStatus" AS ENUM ('planned', 'confirmed', 'under_way', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "ParticipantRole" AS ENUM ('delegate', 'host', 'interpreter');

-- CreateEnum
CREATE TYPE "FindingState" AS ENUM ('draft', 'shared');

-- CreateTable
CREATE TABLE "Visit" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "travellerOrgId" TEXT NOT NULL,
    "hostOrgId" TEXT NOT NULL,
    "titles" JSONB NOT NULL,
    "purposes" JSONB NOT NULL,
    "originalLang" "Language" NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "status" "VisitStatus" NOT NULL DEFAULT 'planned',
    "accommodation" TEXT NOT NULL DEFAULT '',
    "siteContact" TEXT NOT NULL DEFAULT '',
    "visaLettersNeeded" BOOLEAN NOT NULL DEFAULT false,
    "minutesClosedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitParticipant" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "role" "ParticipantRole" NOT NULL,
    "userId" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "organisation" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "titles" JSONB NOT NULL,
    "originalLang" "Language" NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "leader" TEXT NOT NULL DEFAULT '',
    "minutesLang" "Language",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "titles" JSONB NOT NULL,
    "originalLang" "Language" NOT NULL,
    "sourceLang" "Language" NOT NULL,
    "state" "FindingState" NOT NULL DEFAULT 'draft',
    "organisationId" TEXT,
    "visitId" TEXT,
    "agendaItemId" TEXT,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingTag" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "names" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingTag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingTagLink" (
    "findingId" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,

    CONSTRAINT "FindingTagLink_pkey" PRIMARY KEY ("findingId","tagId")
);

-- CreateTable
CREATE TABLE "FindingSection" (
    "findingId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,

    CONSTRAINT "FindingSection_pkey" PRIMARY KEY ("findingId","sectionId")
);

-- CreateTable
CREATE TABLE "RichText" (
    "id" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "findingId" TEXT,
    "lang" "Language" NOT NULL,
    "ydoc" BYTEA NOT NULL,
    "json" JSONB NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "textHash" TEXT NOT NULL,
    "confirmedSourceHash" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RichText_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "visitId" TEXT,
    "agendaItemId" TEXT,
    "findingId" TEXT,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA,
    "storageKey" TEXT,
    "thumbnail" BYTEA,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "lang" "Language" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "draftAuthorId" TEXT,
    "isDraft" BOOLEAN NOT NULL DEFAULT false,
    "document" tsvector,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Visit_projectId_startDate_idx" ON "Visit"("projectId", "startDate");

-- CreateIndex
CREATE INDEX "VisitParticipant_userId_idx" ON "VisitParticipant"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "VisitParticipant_visitId_userId_key" ON "VisitParticipant"("visitId", "userId");

-- CreateIndex
CREATE INDEX "AgendaItem_visitId_startsAt_idx" ON "AgendaItem"("visitId", "startsAt");

-- CreateIndex
CREATE INDEX "Finding_projectId_state_idx" ON "Finding"("projectId", "state");

-- CreateIndex
CREATE INDEX "FindingTag_projectId_idx" ON "FindingTag"("projectId");

-- CreateIndex
CREATE INDEX "FindingSection_sectionId_idx" ON "FindingSection"("sectionId");

-- CreateIndex
CREATE UNIQUE INDEX "RichText_agendaItemId_lang_key" ON "RichText"("agendaItemId", "lang");

-- CreateIndex
CREATE UNIQUE INDEX "RichText_findingId_lang_key" ON "RichText"("findingId", "lang");

-- CreateIndex
CREATE INDEX "Attachment_projectId_idx" ON "Attachment"("projectId");

-- CreateIndex
CREATE INDEX "Attachment_visitId_idx" ON "Attachment"("visitId");

-- CreateIndex
CREATE INDEX "Attachment_agendaItemId_idx" ON "Attachment"("agendaItemId");

-- CreateIndex
CREATE INDEX "Attachment_findingId_idx" ON "Attachment"("findingId");

-- CreateIndex
CREATE INDEX "SearchEntry_projectId_idx" ON "SearchEntry"("projectId");

-- CreateIndex
CREATE INDEX "SearchEntry_document_idx" ON "SearchEntry" USING GIN ("document");

-- CreateIndex
CREATE UNIQUE INDEX "SearchEntry_kind_entityId_lang_key" ON "SearchEntry"("kind", "entityId", "lang");

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_travellerOrgId_fkey" FOREIGN KEY ("travellerOrgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_hostOrgId_fkey" FOREIGN KEY ("hostOrgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitParticipant" ADD CONSTRAINT "VisitParticipant_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitParticipant" ADD CONSTRAINT "VisitParticipant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingTag" ADD CONSTRAINT "FindingTag_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingTagLink" ADD CONSTRAINT "FindingTagLink_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingTagLink" ADD CONSTRAINT "FindingTagLink_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "FindingTag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingSection" ADD CONSTRAINT "FindingSection_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RichText" ADD CONSTRAINT "RichText_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RichText" ADD CONSTRAINT "RichText_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchEntry" ADD CONSTRAINT "SearchEntry_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
