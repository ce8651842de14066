-- AlterTable
ALTER TABLE "Build" ADD COLUMN "baseImages" JSONB;
