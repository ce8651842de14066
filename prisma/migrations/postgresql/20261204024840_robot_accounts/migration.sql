-- AlterTable
ALTER TABLE "User" ADD COLUMN     "robotOfOrganizationId" INTEGER,
ADD COLUMN     "robotOfUserId" INTEGER;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_robotOfUserId_fkey" FOREIGN KEY ("robotOfUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_robotOfOrganizationId_fkey" FOREIGN KEY ("robotOfOrganizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
