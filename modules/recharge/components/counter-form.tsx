"use client";

import { CircleCheck, CircleX, RotateCcw, Search, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, FieldHint, Label, Textarea } from "@/components/ui/input";
import { formatFen, type MoneyParseErrorCode, yuanSchema } from "@/lib/money";
import { useSafeAction } from "@/lib/use-safe-action";
import { newRequestKey } from "@/modules/packages/components/exchange-view";
import { counterLookupAction, counterRechargeAction } from "@/modules/recharge/actions";
import { isPackageMultiple, noteNamesStudent } from "@/modules/recharge/shared";
import { PrintButton } from "./print-button";
import { Receipt, type ReceiptView } from "./receipt";
import { fenToAmountYuan } from "./recharge-view";
import { StudentNoField, useStudentLookup } from "./student-lookup";
import { YuanInput } from "./yuan-input";


// The server's refusals of a counter recharge (原路退回): shown as a refusal, not as a glitch.
const REFUSAL_CODES = new Set(["COUNTER_NOTE_INVALID", "COUNTER_AMOUNT_INVALID", "AMOUNT_INVALID", "AMOUNT_TOO_LARGE", "RECHARGE_TARGET_NOT_FOUND"]);

export type CounterFormProps = {
  /** package prices on sale now (fen as strings): the amount must be one of them or a multiple */
  pricesFen: string[];
};

/**
 * 线下充值 at the counter: student number → name, amount, note (备注学号姓名), a confirmation,
 * then one idempotent action call per confirmation. The rules are shown and checked as the
 * operator types; the server decides (a refusal is audited) and its reason is shown.
 */
export function CounterForm({ pricesFen }: CounterFormProps) {
  const t = useTranslations("counter.form");
  const tm = useTranslations("common.money");
  const locale = useLocale();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const prices = useMemo(() => pricesFen.map((p) => BigInt(p)), [pricesFen]);
  const fen = (v: bigint | string) => formatFen(v, locale);
  const pricesText = prices.map((p) => fen(p)).join(" / ");

  const [amountText, setAmountText] = useState("");
  const [amountTouched, setAmountTouched] = useState(false);
  const [note, setNote] = useState("");
  const noteEdited = useRef(false);
  const studentLookup = useStudentLookup({
    find: counterLookupAction,
    messages: { required: t("studentRequired"), notFound: t("studentNotFound"), network: t("network") },
    // A helpful default the operator can edit: "学号 姓名".
    onFound: (s) => {
      if (!noteEdited.current) setNote(`${s.studentNo} ${s.name}`);
    },
  });
  const { studentNo, found: student, pending: lookupPending, lookup } = studentLookup;
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<ReceiptView | null>(null);
  const requestKey = useRef("");
  const studentInput = useRef<HTMLInputElement>(null);

  const noId = useId();
  const noErrorId = useId();
  const amountId = useId();
  const amountMsgId = useId();
  const amountRuleId = useId();
  const noteId = useId();
  const noteRuleId = useId();
  const noteMsgId = useId();

  const recharge = useSafeAction(counterRechargeAction, {
    // Same request key on a retry: a booking that did go through is not booked twice.
    messages: { invalid: t("validation"), network: t("network") },
    onSuccess: (r) => {
      setConfirmOpen(false);
      setReceipt({
        orderNo: r.orderNo,
        channel: "COUNTER",
        amountFen: r.amountFen,
        account: r.student,
        creditedAt: r.creditedAt,
        journalEntryId: r.journalEntryId,
        operator: r.operator,
        note: r.note,
        balanceAfterFen: r.balanceAfterFen,
      });
      startRefresh(() => router.refresh());
    },
    onFailure: (message, serverError) => {
      if (!serverError || !REFUSAL_CODES.has(serverError.code)) return false;
      setConfirmOpen(false);
      setRefusal(message);
      return true;
    },
  });

  // Amount: format first (common.money.*), then the package rule (advisory until the server decides).
  let amountFen: bigint | null = null;
  let amountFormatError: string | null = null;
  if (amountText.trim() !== "") {
    const parsed = yuanSchema.safeParse(amountText);
    if (!parsed.success) amountFormatError = tm((parsed.error.issues[0]?.message ?? "INVALID_FORMAT") as MoneyParseErrorCode);
    else if (parsed.data <= 0n) amountFormatError = t("amountZero");
    else amountFen = parsed.data;
  } else if (amountTouched) {
    amountFormatError = tm("EMPTY");
  }
  const amountFollowsRule = amountFen !== null && isPackageMultiple(amountFen, prices);
  const noteOk = student ? noteNamesStudent(note, student.studentNo, student.name) : null;

  const review = async () => {
    setRefusal(null);
    setAmountTouched(true);
    let s = student;
    if (!s || s.studentNo !== studentNo.trim()) s = await lookup();
    if (!s) return;
    if (amountFen === null) {
      document.getElementById(amountId)?.focus();
      return;
    }
    requestKey.current = newRequestKey();
    recharge.setErrorMessage(null);
    setConfirmOpen(true);
  };

  const submit = () => {
    if (recharge.pending || !student || amountFen === null) return;
    recharge.execute({ studentNo: student.studentNo, amountYuan: amountText, note, requestKey: requestKey.current });
  };

  const reset = () => {
    studentLookup.change("");
    setAmountText("");
    setAmountTouched(false);
    setNote("");
    noteEdited.current = false;
    setRefusal(null);
    setReceipt(null);
    requestAnimationFrame(() => studentInput.current?.focus());
  };

  if (receipt) {
    return (
      <div className="space-y-4" data-testid="counter-success">
        <Alert
          tone="success"
          title={t("success.title")}
          className="print:hidden"
          action={
            <div className="flex flex-wrap gap-2">
              <PrintButton size="sm" />
              <Link href={`/admin/counter/receipts/${encodeURIComponent(receipt.orderNo)}`} className={buttonVariants({ size: "sm", variant: "secondary" })}>
                {t("success.receiptPage")}
              </Link>
              <Button size="sm" variant="secondary" onClick={reset} data-testid="counter-next">
                <RotateCcw aria-hidden />
                {t("success.next")}
              </Button>
            </div>
          }
        >
          {t("success.text", { name: receipt.account.name, amount: fen(receipt.amountFen), balance: fen(receipt.balanceAfterFen ?? "0") })}
        </Alert>
        <Receipt receipt={receipt} className="mx-auto max-w-xl" />
      </div>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void review();
      }}
      className="space-y-5"
    >
      {refusal ? (
        <div data-testid="counter-refused">
          <Alert tone="error" title={t("refused.title")}>
            <p>{refusal}</p>
            <p className="mt-1 font-medium">{t("refused.giveBack")}</p>
          </Alert>
        </div>
      ) : null}

      <Card className="p-4 sm:p-5">
        <Label htmlFor={noId}>{t("studentNo")}</Label>
        <StudentNoField
          id={noId}
          errorId={noErrorId}
          lookup={studentLookup}
          inputRef={studentInput}
          placeholder={t("studentNoPlaceholder")}
          onChange={(value) => {
            studentLookup.change(value);
            if (!noteEdited.current) setNote("");
          }}
          data-testid="counter-student-no"
          buttonTestId="counter-lookup"
          buttonLabel={
            <>
              <Search aria-hidden />
              {t("lookup")}
            </>
          }
        />
        {student ? (
          <div className="mt-3 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-brand-50 p-3.5 ring-1 ring-brand-700/15 ring-inset" data-testid="counter-student" role="status">
            <div>
              <p className="text-lg font-semibold text-slate-900" data-testid="counter-student-name">
                {student.name}
              </p>
              <p className="text-sm text-slate-600 tabular-nums">{t("studentLine", { studentNo: student.studentNo, balance: fen(student.balanceFen) })}</p>
            </div>
            <Badge tone={student.status === "ACTIVE" ? "green" : "amber"}>{t.has(`status.${student.status}`) ? t(`status.${student.status}`) : student.status}</Badge>
          </div>
        ) : null}
      </Card>

      <Card className="space-y-5 p-4 sm:p-5">
        <div>
          <Label htmlFor={amountId}>{t("amount")}</Label>
          <YuanInput
            className="max-w-xs"
            id={amountId}
            value={amountText}
            invalid={Boolean(amountFormatError)}
            aria-describedby={`${amountMsgId} ${amountRuleId}`}
            onChange={(event) => setAmountText(event.target.value)}
            onBlur={() => setAmountTouched(true)}
            data-testid="counter-amount"
          />
          <FieldError id={amountMsgId}>{amountFormatError}</FieldError>
          {amountFen !== null && !amountFollowsRule ? (
            <p id={amountMsgId} className="mt-1.5 flex items-start gap-1.5 text-sm font-medium text-amber-700" data-testid="counter-amount-warning">
              <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
              {t("amountBreaksRule", { amount: fen(amountFen), prices: pricesText })}
            </p>
          ) : null}
          <div id={amountRuleId} className="mt-2 text-sm text-slate-600">
            <p>{t("amountRule")}</p>
            <div className="mt-2 flex flex-wrap gap-2" aria-label={t("pricesLabel")}>
              {prices.map((p) => (
                <button
                  key={p.toString()}
                  type="button"
                  onClick={() => setAmountText(fenToAmountYuan(p))}
                  className="h-9 rounded-lg bg-slate-100 px-3 text-sm font-medium text-slate-800 tabular-nums ring-1 ring-slate-300 ring-inset hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                >
                  {fen(p)}
                </button>
              ))}
            </div>
          </div>
        </div>

        <div>
          <Label htmlFor={noteId}>{t("note")}</Label>
          <Textarea
            id={noteId}
            value={note}
            maxLength={200}
            rows={2}
            placeholder={t("notePlaceholder")}
            aria-describedby={`${noteRuleId} ${noteMsgId}`}
            onChange={(event) => {
              noteEdited.current = true;
              setNote(event.target.value);
            }}
            data-testid="counter-note"
          />
          <FieldHint id={noteRuleId}>{t("noteRule")}</FieldHint>
          <p id={noteMsgId} className={cn("mt-1 flex items-center gap-1.5 text-sm font-medium", noteOk === null ? "hidden" : noteOk ? "text-emerald-700" : "text-amber-700")}>
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

        <Button type="submit" size="lg" className="w-full sm:w-auto sm:min-w-48" pending={lookupPending} data-testid="counter-submit">
          {amountFen !== null ? t("submitAmount", { amount: fen(amountFen) }) : t("submit")}
        </Button>
      </Card>

      <ConfirmDialog
        open={confirmOpen}
        onOpenChange={setConfirmOpen}
        title={t("confirm.title")}
        confirmLabel={t("confirm.confirm")}
        pending={recharge.pending}
        pendingLabel={t("confirm.pending")}
        error={recharge.errorMessage}
        onConfirm={submit}
      >
        {student && amountFen !== null ? (
          <div data-testid="counter-confirm">
            <dl className="space-y-2 text-[15px]">
              <div className="flex items-baseline justify-between gap-3">
                <dt className="text-slate-600">{t("confirm.student")}</dt>
                <dd className="text-right text-slate-900">
                  <span className="font-semibold">{student.name}</span>
                  <span className="ml-2 tabular-nums">{student.studentNo}</span>
                </dd>
              </div>
              <div className="flex items-baseline justify-between gap-3">
                <dt className="text-slate-600">{t("confirm.note")}</dt>
                <dd className="min-w-0 text-right break-words text-slate-900">{note || "—"}</dd>
              </div>
              <div className="flex items-baseline justify-between gap-3 border-t border-slate-200 pt-2">
                <dt className="font-medium text-slate-900">{t("confirm.amount")}</dt>
                <dd className="text-2xl font-semibold text-brand-800 tabular-nums">{fen(amountFen)}</dd>
              </div>
            </dl>
            <p className="mt-3 text-sm text-slate-600">{t("confirm.cash")}</p>
            {!amountFollowsRule || noteOk === false ? (
              <p className="mt-3 flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset">
                <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
                {t("confirm.willBeRefused")}
              </p>
            ) : null}
          </div>
        ) : null}
      </ConfirmDialog>
    </form>
  );
}
