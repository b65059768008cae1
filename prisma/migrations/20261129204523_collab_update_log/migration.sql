-- CreateTable
CREATE TABLE "CollabUpdate" (
    "id" SERIAL NOT NULL,
    "documentName" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollabUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CollabUpdate_documentName_id_idx" ON "CollabUpdate"("documentName", "id");
