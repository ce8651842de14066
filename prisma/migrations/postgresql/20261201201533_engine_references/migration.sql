-- AlterTable
ALTER TABLE "Push" ADD COLUMN     "engineImageId" TEXT;

-- AlterTable
ALTER TABLE "Tag" ADD COLUMN     "engineReference" TEXT;
