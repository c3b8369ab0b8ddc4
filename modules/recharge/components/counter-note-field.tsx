"use client";

import { CircleCheck } from "@/components/icons/lucide/circle-check";
import { CircleX } from "@/components/icons/lucide/circle-x";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { FieldHint, Label, Textarea } from "@/components/ui/input";

/** The note (备注学号姓名) with its rule and, once a student is found, whether it names them. */
export function CounterNoteField({
  value,
  onChange,
  student,
  noteOk,
}: {
  value: string;
  onChange: (note: string) => void;
  student: { studentNo: string; name: string } | null;
  noteOk: boolean | null;
}) {
  const t = useTranslations("counter.form");
  const id = useId();
  const ruleId = useId();
  const msgId = useId();
  return (
    <div>
      <Label htmlFor={id}>{t("note")}</Label>
      <Textarea
        id={id}
        value={value}
        maxLength={200}
        rows={2}
        placeholder={t("notePlaceholder")}
        aria-describedby={`${ruleId} ${msgId}`}
        onChange={(event) => onChange(event.target.value)}
        data-testid="counter-note"
      />
      <FieldHint id={ruleId}>{t("noteRule")}</FieldHint>
      <p
        id={msgId}
        className={cn("mt-1 items-center gap-1.5 text-sm font-medium", noteOk === null ? "hidden" : noteOk ? "flex text-emerald-700" : "flex text-amber-700")}
      >
        {noteOk === null ? null : noteOk ? (
          <>
            <CircleCheck aria-hidden className="size-4" />
            {t("noteOk")}
          </>
        ) : (
          <>
            <CircleX aria-hidden className="size-4" />
            {student ? t("noteMissing", { studentNo: student.studentNo, name: student.name }) : null}
          </>
        )}
      </p>
    </div>
  );
}
