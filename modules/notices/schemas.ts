import { z } from "zod";

// 网络中心通知 (modules/notices): the form and the actions share these. Issue messages are keys under
// notices.validation; the form translates them. Lengths count characters as a reader sees them
// (code points: 通 is one, an emoji is one).

export const TITLE_MAX = 60;
export const TEXT_MAX = 500;

const chars = (s: string) => [...s].length;

const title = z
  .string()
  .trim()
  .min(1, "titleZh")
  .refine((s) => chars(s) <= TITLE_MAX, "titleZh");
const text = z
  .string()
  .trim()
  .min(1, "textZh")
  .refine((s) => chars(s) <= TEXT_MAX, "textZh");
const optionalTitle = z
  .string()
  .trim()
  .refine((s) => chars(s) <= TITLE_MAX, "titleEn")
  .optional()
  .default("");
const optionalText = z
  .string()
  .trim()
  .refine((s) => chars(s) <= TEXT_MAX, "textEn")
  .optional()
  .default("");

/** Enrollment year: the 学号's first four digits (e.g. 2023010001 → 2023). */
const year = z
  .string()
  .trim()
  .regex(/^(\d{4})?$/, "year")
  .optional()
  .default("");
const college = z.string().trim().max(60, "college").optional().default("");
const studentNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,20}$/, "studentNo");

/** Who a notice goes to: every active student, an active cohort (year and/or college), or one 学号. */
export const audienceSchema = z
  .object({
    audience: z.enum(["ALL", "COHORT", "STUDENT"], { message: "audience" }),
    year,
    college,
    studentNo: z.string().optional().default(""),
  })
  .superRefine((a, ctx) => {
    if (a.audience === "COHORT" && !a.year && !a.college) ctx.addIssue({ code: "custom", path: ["year"], message: "cohort" });
    if (a.audience === "STUDENT" && !studentNo.safeParse(a.studentNo).success) ctx.addIssue({ code: "custom", path: ["studentNo"], message: "studentNo" });
  })
  .transform((a): Audience => {
    if (a.audience === "ALL") return { audience: "ALL" };
    if (a.audience === "COHORT") return { audience: "COHORT", year: a.year || null, college: a.college || null };
    return { audience: "STUDENT", studentNo: a.studentNo.trim() };
  });

export type Audience = { audience: "ALL" } | { audience: "COHORT"; year: string | null; college: string | null } | { audience: "STUDENT"; studentNo: string };

export const noticeTextSchema = z.object({ titleZh: title, textZh: text, titleEn: optionalTitle, textEn: optionalText }).superRefine((n, ctx) => {
  // English is optional, but a half of it would show a Chinese text under an English title
  if (n.titleEn && !n.textEn) ctx.addIssue({ code: "custom", path: ["textEn"], message: "enPair" });
  if (!n.titleEn && n.textEn) ctx.addIssue({ code: "custom", path: ["titleEn"], message: "enPair" });
});

export type NoticeText = z.infer<typeof noticeTextSchema>;

/** A fresh random key per form fill (crypto.randomUUID in the browser): a double submission sends once. */
export const sendNoticeSchema = z.object({
  target: audienceSchema,
  text: noticeTextSchema,
  key: z.string().uuid("key"),
});

export const previewNoticeSchema = z.object({ target: audienceSchema });

export type SendNoticeInput = z.infer<typeof sendNoticeSchema>;
