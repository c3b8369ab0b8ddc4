import { z } from "zod";

export const exchangeSchema = z.object({
  packageId: z.string().uuid(),
  /** generated when the confirmation opens; the same key on a double submit books once */
  requestKey: z.string().uuid(),
});
export type ExchangeInput = z.infer<typeof exchangeSchema>;
