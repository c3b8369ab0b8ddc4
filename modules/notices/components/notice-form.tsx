"use client";
// 写通知: the audience (everyone active, a year and/or college, one 学号), the Chinese text and an
// optional English one. "Preview" counts the students it reaches; "Send…" checks the form,
// counts again and asks for confirmation with that number; the action sends. One random key
// per form fill: a double submission sends once.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, FieldHint, Input, Label, Select, Textarea } from "@/components/ui/input";
import { useSafeAction } from "@/lib/use-safe-action";
import { previewNoticeAction, sendNoticeAction } from "../actions";
import { audienceSchema, noticeTextSchema, TEXT_MAX, TITLE_MAX } from "../schemas";

type AudienceKind = "ALL" | "COHORT" | "STUDENT";
type Field = "audience" | "year" | "college" | "studentNo" | "titleZh" | "textZh" | "titleEn" | "textEn";
const AUDIENCES: AudienceKind[] = ["ALL", "COHORT", "STUDENT"];
const VALIDATION_KEYS = new Set(["titleZh", "textZh", "titleEn", "textEn", "enPair", "year", "college", "cohort", "studentNo", "audience", "key"]);

export function NoticeForm({ colleges }: { colleges: string[] }) {
  const t = useTranslations("notices");
  const router = useRouter();
  const id = useId();
  const [audience, setAudience] = useState<AudienceKind>("ALL");
  const [year, setYear] = useState("");
  const [college, setCollege] = useState("");
  const [studentNo, setStudentNo] = useState("");
  const [text, setText] = useState({ titleZh: "", textZh: "", titleEn: "", textEn: "" });
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [reach, setReach] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const target = { audience, year, college, studentNo };
  const invalid = t("validation.audience");

  const preview = useSafeAction(previewNoticeAction, {
    onSuccess: (d) => setReach(d.recipients),
    messages: { invalid },
  });
  const confirmPreview = useSafeAction(previewNoticeAction, {
    onSuccess: (d) => {
      setReach(d.recipients);
      if (d.recipients > 0) {
        send.setErrorMessage(null);
        setConfirming(true);
      }
    },
    messages: { invalid },
  });
  const send = useSafeAction(sendNoticeAction, {
    onSuccess: (d) => {
      setConfirming(false);
      setText({ titleZh: "", textZh: "", titleEn: "", textEn: "" });
      setStudentNo("");
      setReach(null);
      setKey(crypto.randomUUID());
      setDone(d.created ? t("form.sent", { count: d.recipients }) : t("form.already"));
      router.refresh();
    },
    messages: { invalid },
  });

  const message = (code: string) => (VALIDATION_KEYS.has(code) ? t(`validation.${code}` as "validation.titleZh") : invalid);

  /** Checks the audience (and the text when `withText`); shows the errors; true when all is well. */
  const check = (withText: boolean): boolean => {
    const next: Partial<Record<Field, string>> = {};
    const a = audienceSchema.safeParse(target);
    if (!a.success) for (const issue of a.error.issues) next[(issue.path[0] as Field) ?? "audience"] ??= message(issue.message);
    if (withText) {
      const n = noticeTextSchema.safeParse(text);
      if (!n.success) for (const issue of n.error.issues) next[issue.path[0] as Field] ??= message(issue.message);
    }
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const onPreview = () => {
    setDone(null);
    if (check(false)) preview.execute({ target });
  };
  const onSubmit = () => {
    setDone(null);
    if (check(true)) confirmPreview.execute({ target });
  };

  const audienceText =
    audience === "ALL"
      ? t("history.all")
      : audience === "STUDENT"
        ? t("history.student", { studentNo: studentNo.trim() })
        : [year.trim() ? t("history.cohortYear", { year: year.trim() }) : null, college || null].filter(Boolean).join(" · ");

  const field = (name: Field) => ({
    id: `${id}-${name}`,
    invalid: !!errors[name],
    "aria-describedby": errors[name] ? `${id}-${name}-err` : undefined,
  });
  const textField = (name: "titleZh" | "textZh" | "titleEn" | "textEn", max: number, multiline: boolean) => {
    const props = {
      ...field(name),
      value: text[name],
      onChange: (e: { target: { value: string } }) => setText((s) => ({ ...s, [name]: e.target.value })),
      "aria-describedby": [errors[name] ? `${id}-${name}-err` : null, `${id}-${name}-count`].filter(Boolean).join(" "),
    };
    return (
      <div>
        <Label htmlFor={props.id}>{t(`form.${name}`)}</Label>
        {multiline ? <Textarea {...props} className="min-h-28" /> : <Input {...props} autoComplete="off" />}
        <p id={`${id}-${name}-count`} className={[...text[name]].length > max ? "mt-1 text-xs text-red-700" : "mt-1 text-xs text-slate-600"}>
          {t("form.count", { count: [...text[name]].length, max })}
        </p>
        <FieldError id={`${id}-${name}-err`}>{errors[name]}</FieldError>
      </div>
    );
  };

  return (
    <form
      noValidate
      className="space-y-4"
      data-testid="notice-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <fieldset>
        <legend className="mb-1.5 block text-sm font-medium text-slate-700">{t("form.audience")}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {AUDIENCES.map((a) => (
            <label key={a} className="inline-flex min-h-11 items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={`${id}-audience`}
                value={a}
                checked={audience === a}
                onChange={() => {
                  setAudience(a);
                  setReach(null);
                  setErrors({});
                }}
                className="size-4 accent-brand-700"
              />
              {t(`form.audiences.${a}`)}
            </label>
          ))}
        </div>
      </fieldset>

      {audience === "COHORT" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <Label htmlFor={`${id}-year`}>{t("form.year")}</Label>
            <Input
              {...field("year")}
              inputMode="numeric"
              autoComplete="off"
              value={year}
              aria-describedby={[errors.year ? `${id}-year-err` : null, `${id}-year-hint`].filter(Boolean).join(" ")}
              onChange={(e) => {
                setYear(e.target.value);
                setReach(null);
              }}
            />
            <FieldHint id={`${id}-year-hint`}>{t("form.yearHint")}</FieldHint>
            <FieldError id={`${id}-year-err`}>{errors.year}</FieldError>
          </div>
          <div>
            <Label htmlFor={`${id}-college`}>{t("form.college")}</Label>
            <Select
              {...field("college")}
              value={college}
              onChange={(e) => {
                setCollege(e.target.value);
                setReach(null);
              }}
            >
              <option value="">{t("form.anyCollege")}</option>
              {colleges.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
            <FieldError id={`${id}-college-err`}>{errors.college}</FieldError>
          </div>
        </div>
      ) : null}

      {audience === "STUDENT" ? (
        <div className="max-w-xs">
          <Label htmlFor={`${id}-studentNo`}>{t("form.studentNo")}</Label>
          <Input
            {...field("studentNo")}
            autoComplete="off"
            value={studentNo}
            onChange={(e) => {
              setStudentNo(e.target.value);
              setReach(null);
            }}
          />
          <FieldError id={`${id}-studentNo-err`}>{errors.studentNo}</FieldError>
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" size="sm" onClick={onPreview} disabled={preview.pending} data-testid="notice-preview">
          {preview.pending ? t("form.previewing") : t("form.preview")}
        </Button>
        <p role="status" className="text-sm text-slate-700" data-testid="notice-reach">
          {reach !== null ? t("form.reaches", { count: reach }) : ""}
        </p>
      </div>
      {preview.errorMessage ? (
        <p role="alert" className="text-sm font-medium text-red-600">
          {preview.errorMessage}
        </p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-3">
          {textField("titleZh", TITLE_MAX, false)}
          {textField("textZh", TEXT_MAX, true)}
        </div>
        <div className="space-y-3">
          {textField("titleEn", TITLE_MAX, false)}
          {textField("textEn", TEXT_MAX, true)}
        </div>
      </div>
      <FieldHint>{t("form.enHint")}</FieldHint>

      <Button type="submit" disabled={confirmPreview.pending} data-testid="notice-send">
        {t("form.send")}
      </Button>
      {confirmPreview.errorMessage ? (
        <p role="alert" className="text-sm font-medium text-red-600" data-testid="notice-error">
          {confirmPreview.errorMessage}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-green-700" data-testid="notice-done">
          {done}
        </p>
      ) : null}

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("form.confirmTitle")}
        confirmLabel={t("form.confirm")}
        onConfirm={() => send.execute({ target, text, key })}
        pending={send.pending}
        error={send.errorMessage}
      >
        <p>{t("form.confirmAudience", { audience: audienceText })}</p>
        <p className="mt-1 font-medium">{text.titleZh.trim()}</p>
        {text.titleEn.trim() ? <p className="mt-0.5 text-slate-600">{text.titleEn.trim()}</p> : null}
        <p className="mt-2">{t("form.confirmCount", { count: reach ?? 0 })}</p>
      </ConfirmDialog>
    </form>
  );
}
