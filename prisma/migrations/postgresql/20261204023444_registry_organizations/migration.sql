-- AlterTable
ALTER TABLE "Registry" ADD COLUMN     "organizationId" INTEGER;

-- AddForeignKey
ALTER TABLE "Registry" ADD CONSTRAINT "Registry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;
