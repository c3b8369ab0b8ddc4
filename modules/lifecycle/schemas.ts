import { z } from "zod";

// Lifecycle in bulk (modules/lifecycle): the September intake CSV and the graduation cohort. The
// CSV is parsed and checked here, in plain code the browser and the server share; the service
// compares the rows with the accounts. Row problems are keys under lifecycle.intake.problems.

/** Largest file accepted (UTF-8 bytes) and most data rows: one intake of a large university fits. */
export const INTAKE_MAX_BYTES = 900 * 1024;
export const INTAKE_MAX_ROWS = 10_000;

/** 学号: 8–13 digits, the first four the enrollment year (19xx or 20xx), e.g. 2026010001. */
export const STUDENT_NO_RE = /^(19|20)\d{2}\d{4,9}$/;
const EMAIL_RE = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
export const NAME_MAX = 50;
export const COLLEGE_MAX = 60;
export const EMAIL_MAX = 120;

export type IntakeColumn = "studentNo" | "name" | "college" | "grade" | "email";

/** Header names accepted for each column, Chinese or English (compared without case, spaces, _ and -). */
const HEADER_ALIASES: Record<IntakeColumn, string[]> = {
  studentNo: ["学号", "studentno", "studentid", "no", "number"],
  name: ["姓名", "name", "fullname"],
  college: ["学院", "院系", "college", "school", "faculty"],
  grade: ["年级", "入学年份", "grade", "year", "entryyear", "cohort"],
  email: ["邮箱", "电子邮箱", "email", "mail"],
};
const REQUIRED: IntakeColumn[] = ["studentNo", "name", "college"];

function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）]/g, "");
}

/** RFC 4180 CSV (comma, "quoted" cells with "" inside, CRLF or LF); blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const s = text.replace(/^\uFEFF/, "");
  const endRow = () => {
    row.push(cell);
    if (row.length > 1 || row[0]!.trim() !== "") rows.push(row);
    row = [];
    cell = "";
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endRow();
    } else cell += c;
    i++;
  }
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}

export type RowProblem =
  | { code: "studentNoFormat" }
  | { code: "duplicateInFile"; row: number }
  | { code: "nameMissing" }
  | { code: "nameTooLong"; max: number }
  | { code: "collegeTooLong"; max: number }
  | { code: "emailInvalid" }
  | { code: "gradeMismatch"; grade: string }
  | { code: "staffAccount" }
  | { code: "closedAccount" };

export interface IntakeRow {
  /** the line in the file (the header is line 1) */
  line: number;
  studentNo: string;
  name: string;
  college: string | null;
  email: string | null;
  problem: RowProblem | null;
}

export type ParsedIntake =
  | { ok: true; rows: IntakeRow[]; columns: IntakeColumn[] }
  | { ok: false; error: "empty" | "tooLarge" | "tooManyRows" | "encoding" | "header"; params?: Record<string, string | number> };

/** UTF-8 byte length of a string (what the limit counts), without a TextEncoder copy. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const clean = (v: string | undefined) => (v ?? "").replace(/\u0000/g, "").trim();

/**
 * Reads an intake file: the header (Chinese or English, any order), then one student a line.
 * Each row gets the first problem found in the file itself (format, a duplicate 学号, a missing
 * name…); what the database says (a staff 学号, a closed account) the service adds.
 */
export function parseIntake(text: string): ParsedIntake {
  if (utf8Length(text) > INTAKE_MAX_BYTES) return { ok: false, error: "tooLarge", params: { maxKb: INTAKE_MAX_BYTES / 1024 } };
  // A GBK file read as UTF-8 turns into replacement characters: ask for UTF-8 instead of importing 乱码.
  if (text.includes("\uFFFD")) return { ok: false, error: "encoding" };
  const table = parseCsv(text);
  if (table.length === 0) return { ok: false, error: "empty" };
  const header = table[0]!.map(normaliseHeader);
  const index = {} as Record<IntakeColumn, number>;
  for (const col of Object.keys(HEADER_ALIASES) as IntakeColumn[]) {
    const at = header.findIndex((h) => HEADER_ALIASES[col].includes(h));
    if (at >= 0) index[col] = at;
  }
  const missing = REQUIRED.filter((c) => index[c] === undefined);
  if (missing.length) return { ok: false, error: "header", params: { missing: missing.join(",") } };
  const data = table.slice(1);
  if (data.length === 0) return { ok: false, error: "empty" };
  if (data.length > INTAKE_MAX_ROWS) return { ok: false, error: "tooManyRows", params: { max: INTAKE_MAX_ROWS } };

  const firstLine = new Map<string, number>();
  const rows = data.map((cells, i): IntakeRow => {
    const line = i + 2;
    const studentNo = clean(cells[index.studentNo]);
    const name = clean(cells[index.name]);
    const college = clean(cells[index.college]) || null;
    const email = index.email === undefined ? null : clean(cells[index.email]) || null;
    const grade = index.grade === undefined ? "" : clean(cells[index.grade]);
    const row: IntakeRow = { line, studentNo, name, college, email, problem: null };
    const problem = (): RowProblem | null => {
      if (!STUDENT_NO_RE.test(studentNo)) return { code: "studentNoFormat" };
      const seen = firstLine.get(studentNo);
      if (seen !== undefined) return { code: "duplicateInFile", row: seen };
      firstLine.set(studentNo, line);
      if (!name) return { code: "nameMissing" };
      if ([...name].length > NAME_MAX) return { code: "nameTooLong", max: NAME_MAX };
      if (college && [...college].length > COLLEGE_MAX) return { code: "collegeTooLong", max: COLLEGE_MAX };
      if (email && (email.length > EMAIL_MAX || !EMAIL_RE.test(email))) return { code: "emailInvalid" };
      // 年级 is optional; when given it must be the 学号's enrollment year (2026 or 2026级)
      if (grade && grade.replace(/级$/, "") !== studentNo.slice(0, 4)) return { code: "gradeMismatch", grade };
      return null;
    };
    row.problem = problem();
    return row;
  });
  const columns = (Object.keys(index) as IntakeColumn[]).sort((a, b) => index[a] - index[b]);
  return { ok: true, rows, columns };
}

// ── Action inputs ──────────────────────────────────────────────────────────────────────────

/** The file's text as the browser read it (UTF-8, BOM or not) and its name for the audit. */
export const intakeFileSchema = z.object({
  fileName: z.string().trim().max(200).optional().default(""),
  text: z.string().max(INTAKE_MAX_BYTES * 2, "tooLarge"),
});

/** A cohort: the enrollment year (the 学号's first four digits) and optionally one college. */
export const cohortSchema = z.object({
  year: z
    .string()
    .trim()
    .regex(/^(19|20)\d{2}$/, "year"),
  college: z
    .string()
    .trim()
    .max(COLLEGE_MAX, "college")
    .optional()
    .default("")
    .transform((c) => c || null),
});
export type Cohort = z.infer<typeof cohortSchema>;

export const REFUND_MODES = ["ORIGINAL", "CASH"] as const;
export type RefundMode = (typeof REFUND_MODES)[number];

export const graduationSettleSchema = z.object({
  cohort: cohortSchema,
  refundMode: z.enum(REFUND_MODES, { message: "refundMode" }),
  /** what the preview counted: if the cohort changed since, nothing is settled and the office looks again */
  expectedAccounts: z.number().int().min(1).max(1_000_000),
});
