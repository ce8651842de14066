-- AlterTable
ALTER TABLE "BuildSource" ADD COLUMN     "repositoryPasswordCiphertext" TEXT;
