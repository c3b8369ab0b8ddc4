import { z } from "zod";

export const exchangeSchema = z.object({
  packageId: z.string().uuid(),
  /** generated when the confirmation opens; the same key on a double submit books once */
  requestKey: z.string().uuid(),
  /** 特惠: the offer shown on the card; the exchange checks it again and charges its price */
  offerId: z.string().uuid().optional(),
});
export type ExchangeInput = z.infer<typeof exchangeSchema>;
