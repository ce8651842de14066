-- AlterTable
ALTER TABLE "Build" ADD COLUMN     "buildArgs" JSONB,
ADD COLUMN     "inlineDockerfile" TEXT;
