-- CreateIndex
CREATE INDEX "audit_log_actorId_id_idx" ON "audit_log"("actorId", "id");

-- CreateIndex
CREATE INDEX "audit_log_subjectId_id_idx" ON "audit_log"("subjectId", "id");

-- CreateIndex
CREATE INDEX "audit_log_action_id_idx" ON "audit_log"("action" text_pattern_ops, "id");

-- CreateIndex
CREATE INDEX "audit_log_createdAt_idx" ON "audit_log"("createdAt");

-- CreateIndex
CREATE INDEX "network_credentials_lockedUntil_idx" ON "network_credentials"("lockedUntil");

-- CreateIndex
CREATE INDEX "radius_sessions_unknownUser_startedAt_idx" ON "radius_sessions"("unknownUser", "startedAt");
