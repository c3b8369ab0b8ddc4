import { z } from "zod";

/** Staff user search: 学号 prefix or part of a name. */
export const userSearchSchema = z.object({
  q: z.string().trim().max(40).default(""),
});

export const studentNoSchema = z.string().trim().regex(/^[A-Za-z0-9]{4,20}$/);
