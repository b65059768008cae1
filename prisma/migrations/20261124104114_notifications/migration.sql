-- CreateEnum
CREATE TYPE "EmailNotifications" AS ENUM ('each', 'daily', 'none');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('mention', 'awaiting_decision', 'decision', 'invitation', 'due_soon');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailNotifications" "EmailNotifications" NOT NULL DEFAULT 'each';

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "projectId" TEXT,
    "kind" "NotificationKind" NOT NULL,
    "params" JSONB NOT NULL,
    "link" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
