-- Hand-written: the sandbox gateway's refunds are positive amounts.
ALTER TABLE "sandbox_refunds" ADD CONSTRAINT "sandbox_refunds_amount_positive" CHECK ("amountFen" > 0);
