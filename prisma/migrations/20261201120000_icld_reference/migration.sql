-- The reference of ICLD's funding decision, entered by the owner, shown on the financial account (decision 036).
-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "icldReference" TEXT;
