-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "dueReminderAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastDigestAt" TIMESTAMP(3);
