-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "meetingAt" TIMESTAMP(3);
