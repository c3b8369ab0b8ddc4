-- CreateIndex
CREATE INDEX "monthly_quotas_month_idx" ON "monthly_quotas"("month");
