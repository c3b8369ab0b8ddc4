"use client";

import { Search } from "@/components/icons/lucide/search";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Label } from "@/components/ui/input";
import { formatFen } from "@/lib/money";
import { useSafeAction } from "@/lib/use-safe-action";
import { newRequestKey } from "@/modules/packages/components/exchange-view";
import { counterLookupAction, counterRechargeAction } from "@/modules/recharge/actions";
import { noteNamesStudent } from "@/modules/recharge/shared";
import { CounterAmountField, useCounterAmount } from "./counter-amount-field";
import { CounterConfirmation } from "./counter-confirm";
import { CounterNoteField } from "./counter-note-field";
import { CounterSuccess } from "./counter-success";
import type { ReceiptView } from "./receipt";
import { StudentNoField, useStudentLookup } from "./student-lookup";

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
  const locale = useLocale();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const prices = useMemo(() => pricesFen.map((p) => BigInt(p)), [pricesFen]);
  const fen = (v: bigint | string) => formatFen(v, locale);

  const amount = useCounterAmount(prices);
  const amountFen = amount.fen;
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
    onFailure: (message, failure) => {
      if (!failure || !REFUSAL_CODES.has(failure.code)) return false;
      setConfirmOpen(false);
      setRefusal(message);
      return true;
    },
  });

  const noteOk = student ? noteNamesStudent(note, student.studentNo, student.name) : null;

  const review = async () => {
    setRefusal(null);
    amount.setTouched(true);
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
    recharge.execute({ studentNo: student.studentNo, amountYuan: amount.text, note, requestKey: requestKey.current });
  };

  const reset = () => {
    studentLookup.change("");
    amount.reset();
    setNote("");
    noteEdited.current = false;
    setRefusal(null);
    setReceipt(null);
    requestAnimationFrame(() => studentInput.current?.focus());
  };

  if (receipt) return <CounterSuccess receipt={receipt} onNext={reset} />;

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
          <div
            className="mt-3 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-brand-50 p-3.5 ring-1 ring-brand-700/15 ring-inset"
            data-testid="counter-student"
            role="status"
          >
            <div>
              <p className="text-lg font-semibold text-slate-900" data-testid="counter-student-name">
                {student.name}
              </p>
              <p className="text-sm text-slate-600 tabular-nums">{t("studentLine", { studentNo: student.studentNo, balance: fen(student.balanceFen) })}</p>
            </div>
            <Badge tone={student.status === "ACTIVE" ? "green" : "amber"}>
              {t.has(`status.${student.status}`) ? t(`status.${student.status}`) : student.status}
            </Badge>
          </div>
        ) : null}
      </Card>

      <Card className="space-y-5 p-4 sm:p-5">
        <CounterAmountField id={amountId} amount={amount} prices={prices} />
        <CounterNoteField
          value={note}
          onChange={(value) => {
            noteEdited.current = true;
            setNote(value);
          }}
          student={student}
          noteOk={noteOk}
        />
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
          <CounterConfirmation student={student} note={note} amountFen={amountFen} willBeRefused={!amount.followsRule || noteOk === false} />
        ) : null}
      </ConfirmDialog>
    </form>
  );
}
