-- AlterTable
ALTER TABLE "RichText" ADD COLUMN     "machineDraftAt" TIMESTAMP(3),
ADD COLUMN     "machineDraftById" TEXT;
