-- AlterTable
ALTER TABLE "Build" ADD COLUMN "buildArgs" JSONB;
ALTER TABLE "Build" ADD COLUMN "inlineDockerfile" TEXT;
