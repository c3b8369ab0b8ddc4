"use client";
// 套餐目录与特惠 (/admin/catalogue): the current version of each package with edit (a new version),
// on/off sale and schedule; a new package; offers with a create form and withdraw. Each form is
// checked with the action's own zod schema first, then saved through the action.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { SingleInputActionFn } from "next-safe-action/hooks";
import type { ZodType } from "zod";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label, Select } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { knownKey } from "@/i18n/known-key";
import type { ActionFailure } from "@/lib/errors";
import { useSafeAction } from "@/lib/use-safe-action";
import { createOfferAction, createPackageAction, editPackageAction, schedulePackageAction, setPackageOnSaleAction, withdrawOfferAction } from "../actions";
import { createOfferSchema, createPackageSchema, editPackageSchema, OFFER_TARGETS, schedulePackageSchema } from "../schemas";

export type AdminPackageRow = {
  id: string;
  code: string;
  family: string;
  version: number;
  name: string;
  nameZh: string;
  nameEn: string;
  priceText: string;
  priceYuan: string;
  quotaText: string;
  quotaGb: string;
  validityMonths: number;
  active: boolean;
  fromInput: string;
  untilInput: string;
  fromText: string | null;
  untilText: string | null;
};

export type AdminOfferRow = {
  id: string;
  family: string;
  priceText: string;
  startsText: string;
  endsText: string;
  limit: number;
  target: "ALL" | "NEW_STUDENTS";
  state: "scheduled" | "live" | "ended" | "withdrawn";
  exchanges: number;
};

type Values = Record<string, string>;

function issues(schema: ZodType, values: unknown): Record<string, string> | null {
  const r = schema.safeParse(values);
  if (r.success) return null;
  const out: Record<string, string> = {};
  for (const i of r.error.issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
}

function Field(props: { name: string; label: string; value: string; onChange: (v: string) => void; error?: string; type?: string; testId?: string }) {
  const t = useTranslations("catalogue.validation");
  const id = useId();
  const message = props.error ? (knownKey(t, props.error) ? t(props.error) : t("invalid")) : null;
  return (
    <div>
      <Label htmlFor={id}>{props.label}</Label>
      <Input
        id={id}
        type={props.type ?? "text"}
        autoComplete="off"
        value={props.value}
        invalid={Boolean(message)}
        aria-describedby={message ? `${id}-err` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
      <FieldError id={`${id}-err`}>{message}</FieldError>
    </div>
  );
}

/** One form: values, schema check, the action, the outcome. */
function useForm<S extends ZodType, E, D>(
  action: SingleInputActionFn<ActionFailure, S, E, D>,
  schema: S,
  initial: Values,
  extra: Record<string, unknown> = {},
  onDone?: () => void,
) {
  const t = useTranslations("catalogue");
  const router = useRouter();
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const run = useSafeAction(action, {
    messages: { invalid: t("validation.invalid") },
    onSuccess: () => {
      setSaved(true);
      onDone?.();
      router.refresh();
    },
  });
  const set = (k: string) => (v: string) => setValues((p) => ({ ...p, [k]: v }));
  const submit = () => {
    setSaved(false);
    const input = { ...values, ...extra };
    const found = issues(schema, input);
    setErrors(found ?? {});
    if (found) return;
    (run.execute as (i: unknown) => void)(input);
  };
  return { values, set, errors, submit, pending: run.pending, error: run.errorMessage, saved };
}

const PACKAGE_FIELDS = ["nameZh", "nameEn", "priceYuan", "quotaGb", "validityMonths"] as const;

type FormState = { values: Values; set: (k: string) => (v: string) => void; errors: Record<string, string> };

function PackageFields({ f, prefix }: { f: FormState; prefix: string }) {
  const t = useTranslations("catalogue.fields");
  return (
    <>
      {PACKAGE_FIELDS.map((k) => (
        <Field key={k} name={k} label={t(k)} value={f.values[k] ?? ""} onChange={f.set(k)} error={f.errors[k]} testId={`${prefix}-${k}`} />
      ))}
    </>
  );
}

function Outcome({ f, saved }: { f: { error: string | null; saved: boolean }; saved: string }) {
  if (f.error) return <Alert tone="error">{f.error}</Alert>;
  if (f.saved) return <Alert tone="success">{saved}</Alert>;
  return null;
}

export function NewPackageForm() {
  const t = useTranslations("catalogue");
  const f = useForm(createPackageAction, createPackageSchema, { code: "", nameZh: "", nameEn: "", priceYuan: "", quotaGb: "", validityMonths: "1" });
  return (
    <form
      noValidate
      className="space-y-4"
      data-testid="new-package-form"
      onSubmit={(e) => {
        e.preventDefault();
        f.submit();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <Field name="code" label={t("fields.code")} value={f.values.code!} onChange={f.set("code")} error={f.errors.code} testId="new-code" />
        <PackageFields f={f} prefix="new" />
      </div>
      <p className="text-sm text-slate-600">{t("newHint")}</p>
      <Outcome f={f} saved={t("created")} />
      <Button type="submit" pending={f.pending} data-testid="new-package-save">
        {t("create")}
      </Button>
    </form>
  );
}

function EditPackage({ row, onDone }: { row: AdminPackageRow; onDone: () => void }) {
  const t = useTranslations("catalogue");
  const f = useForm(
    editPackageAction,
    editPackageSchema,
    { nameZh: row.nameZh, nameEn: row.nameEn, priceYuan: row.priceYuan, quotaGb: row.quotaGb, validityMonths: String(row.validityMonths) },
    { id: row.id },
    onDone,
  );
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        f.submit();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-5">
        <PackageFields f={f} prefix={`edit-${row.family}`} />
      </div>
      <p className="text-sm text-slate-600">{t("editHint")}</p>
      <Outcome f={f} saved={t("edited")} />
      <Button type="submit" size="sm" pending={f.pending}>
        {t("saveVersion")}
      </Button>
    </form>
  );
}

function SchedulePackage({ row }: { row: AdminPackageRow }) {
  const t = useTranslations("catalogue");
  const f = useForm(schedulePackageAction, schedulePackageSchema, { availableFrom: row.fromInput, availableUntil: row.untilInput }, { id: row.id });
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        f.submit();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          name="availableFrom"
          type="datetime-local"
          label={t("fields.availableFrom")}
          value={f.values.availableFrom!}
          onChange={f.set("availableFrom")}
          error={f.errors.availableFrom}
        />
        <Field
          name="availableUntil"
          type="datetime-local"
          label={t("fields.availableUntil")}
          value={f.values.availableUntil!}
          onChange={f.set("availableUntil")}
          error={f.errors.availableUntil}
        />
      </div>
      <Outcome f={f} saved={t("scheduled")} />
      <Button type="submit" size="sm" variant="secondary" pending={f.pending}>
        {t("schedule")}
      </Button>
    </form>
  );
}

function OnSaleButton({ row }: { row: AdminPackageRow }) {
  const t = useTranslations("catalogue");
  const router = useRouter();
  const run = useSafeAction(setPackageOnSaleAction, { onSuccess: () => router.refresh() });
  return (
    <div>
      <Button
        size="sm"
        variant={row.active ? "danger" : "secondary"}
        pending={run.pending}
        onClick={() => run.execute({ id: row.id, active: !row.active })}
        data-testid={`onsale-${row.family}`}
      >
        {row.active ? t("takeOff") : t("putOn")}
      </Button>
      {run.errorMessage ? <p className="mt-1 text-sm text-red-700">{run.errorMessage}</p> : null}
    </div>
  );
}

export function PackageTable({ rows }: { rows: AdminPackageRow[] }) {
  const t = useTranslations("catalogue");
  const [open, setOpen] = useState<{ id: string; what: "edit" | "schedule" } | null>(null);
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("fields.code")}</TableHead>
          <TableHead>{t("fields.name")}</TableHead>
          <TableHead numeric>{t("fields.priceYuan")}</TableHead>
          <TableHead numeric>{t("fields.quotaGb")}</TableHead>
          <TableHead>{t("fields.sale")}</TableHead>
          <TableHead>{t("fields.actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 ? <TableEmpty colSpan={6}>{t("empty")}</TableEmpty> : null}
        {rows.flatMap((r) => [
          <TableRow key={r.id} data-testid={`catalogue-row-${r.family}`}>
            <TableCell>
              {r.family} <span className="text-xs text-slate-600">{t("version", { version: r.version })}</span>
            </TableCell>
            <TableCell>
              {r.name}
              <span className="block text-xs text-slate-600">{t("validity", { months: r.validityMonths })}</span>
            </TableCell>
            <TableCell numeric>{r.priceText}</TableCell>
            <TableCell numeric>{r.quotaText}</TableCell>
            <TableCell>
              <Badge tone={r.active ? "green" : "gray"}>{r.active ? t("onSale") : t("offSale")}</Badge>
              {r.fromText || r.untilText ? (
                <span className="block text-xs text-slate-600">{t("window", { from: r.fromText ?? "—", until: r.untilText ?? "—" })}</span>
              ) : null}
            </TableCell>
            <TableCell>
              <div className="flex flex-wrap gap-2">
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => setOpen(open?.id === r.id && open.what === "edit" ? null : { id: r.id, what: "edit" })}
                  aria-expanded={open?.id === r.id && open.what === "edit"}
                >
                  {t("edit")}
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => setOpen(open?.id === r.id && open.what === "schedule" ? null : { id: r.id, what: "schedule" })}
                  aria-expanded={open?.id === r.id && open.what === "schedule"}
                >
                  {t("schedule")}
                </Button>
                <OnSaleButton row={r} />
              </div>
            </TableCell>
          </TableRow>,
          open?.id === r.id ? (
            <TableRow key={`${r.id}-open`}>
              <TableCell colSpan={6}>{open.what === "edit" ? <EditPackage row={r} onDone={() => setOpen(null)} /> : <SchedulePackage row={r} />}</TableCell>
            </TableRow>
          ) : null,
        ])}
      </TableBody>
    </Table>
  );
}

export function NewOfferForm({ families }: { families: { family: string; name: string }[] }) {
  const t = useTranslations("catalogue");
  const id = useId();
  const f = useForm(createOfferAction, createOfferSchema, {
    family: families[0]?.family ?? "",
    priceYuan: "",
    startsAt: "",
    endsAt: "",
    perStudentLimit: "1",
    target: "ALL",
  });
  return (
    <form
      noValidate
      className="space-y-4"
      data-testid="new-offer-form"
      onSubmit={(e) => {
        e.preventDefault();
        f.submit();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <Label htmlFor={`${id}-family`}>{t("fields.package")}</Label>
          <Select id={`${id}-family`} value={f.values.family} onChange={(e) => f.set("family")(e.target.value)} data-testid="offer-family">
            {families.map((p) => (
              <option key={p.family} value={p.family}>
                {p.family} · {p.name}
              </option>
            ))}
          </Select>
        </div>
        <Field
          name="priceYuan"
          label={t("fields.offerPrice")}
          value={f.values.priceYuan!}
          onChange={f.set("priceYuan")}
          error={f.errors.priceYuan}
          testId="offer-price"
        />
        <Field
          name="perStudentLimit"
          label={t("fields.limit")}
          value={f.values.perStudentLimit!}
          onChange={f.set("perStudentLimit")}
          error={f.errors.perStudentLimit}
          testId="offer-limit"
        />
        <Field
          name="startsAt"
          type="datetime-local"
          label={t("fields.startsAt")}
          value={f.values.startsAt!}
          onChange={f.set("startsAt")}
          error={f.errors.startsAt}
          testId="offer-starts"
        />
        <Field
          name="endsAt"
          type="datetime-local"
          label={t("fields.endsAt")}
          value={f.values.endsAt!}
          onChange={f.set("endsAt")}
          error={f.errors.endsAt}
          testId="offer-ends"
        />
        <div>
          <Label htmlFor={`${id}-target`}>{t("fields.target")}</Label>
          <Select id={`${id}-target`} value={f.values.target} onChange={(e) => f.set("target")(e.target.value)} data-testid="offer-target">
            {OFFER_TARGETS.map((k) => (
              <option key={k} value={k}>
                {t(`target.${k}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <p className="text-sm text-slate-600">{t("offerHint")}</p>
      <Outcome f={f} saved={t("offerCreated")} />
      <Button type="submit" pending={f.pending} data-testid="offer-save">
        {t("createOffer")}
      </Button>
    </form>
  );
}

function WithdrawButton({ id }: { id: string }) {
  const t = useTranslations("catalogue");
  const router = useRouter();
  const run = useSafeAction(withdrawOfferAction, { onSuccess: () => router.refresh() });
  return (
    <>
      <Button size="sm" variant="danger" pending={run.pending} onClick={() => run.execute({ id })}>
        {t("withdraw")}
      </Button>
      {run.errorMessage ? <p className="mt-1 text-sm text-red-700">{run.errorMessage}</p> : null}
    </>
  );
}

export function OfferTable({ rows }: { rows: AdminOfferRow[] }) {
  const t = useTranslations("catalogue");
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("fields.package")}</TableHead>
          <TableHead numeric>{t("fields.offerPrice")}</TableHead>
          <TableHead>{t("fields.period")}</TableHead>
          <TableHead>{t("fields.target")}</TableHead>
          <TableHead numeric>{t("fields.used")}</TableHead>
          <TableHead>{t("fields.sale")}</TableHead>
          <TableHead>{t("fields.actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 ? <TableEmpty colSpan={7}>{t("noOffers")}</TableEmpty> : null}
        {rows.map((o) => (
          <TableRow key={o.id} data-testid={`offer-row-${o.family}`}>
            <TableCell>{o.family}</TableCell>
            <TableCell numeric>{o.priceText}</TableCell>
            <TableCell>
              {o.startsText} – {o.endsText}
            </TableCell>
            <TableCell>
              {t(`target.${o.target}`)} · {t("limitValue", { limit: o.limit })}
            </TableCell>
            <TableCell numeric>{o.exchanges}</TableCell>
            <TableCell>
              <Badge tone={o.state === "live" ? "green" : o.state === "scheduled" ? "blue" : "gray"}>{t(`state.${o.state}`)}</Badge>
            </TableCell>
            <TableCell>{o.state === "live" || o.state === "scheduled" ? <WithdrawButton id={o.id} /> : null}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
