-- CreateIndex
CREATE INDEX "Build_requestedById_idx" ON "Build"("requestedById");
