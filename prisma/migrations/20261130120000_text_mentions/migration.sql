-- @mentions in rich texts (decision 029): a new kind of notification, and who each text has told.
ALTER TYPE "NotificationKind" ADD VALUE 'text_mention';

-- AlterTable
ALTER TABLE "RichText" ADD COLUMN     "mentions" TEXT[] DEFAULT ARRAY[]::TEXT[];
