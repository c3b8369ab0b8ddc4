"use client";

import { Pencil } from "@/components/icons/lucide/pencil";
import { Plus } from "@/components/icons/lucide/plus";
import { Trash2 } from "@/components/icons/lucide/trash-2";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useSafeAction } from "@/lib/use-safe-action";
import { createNasClientAction, deleteNasClientAction, updateNasClientAction } from "@/modules/admin/actions";
import { nasClientSchema, nasClientUpdateSchema } from "@/modules/admin/schemas";
import { issuesByField, SettingsField } from "./settings-field";

export type NasRow = { id: string; name: string; ipAddress: string; coaPort: number };

type Draft = { id: string | null; name: string; ipAddress: string; coaPort: string; secret: string };
const EMPTY: Draft = { id: null, name: "", ipAddress: "", coaPort: "3799", secret: "" };

/** RADIUS clients (NAS): list with masked secrets, add, edit, delete with a confirmation. */
export function NasClients({ rows }: { rows: NasRow[] }) {
  const t = useTranslations("settings.nas");
  const ts = useTranslations("settings");
  const router = useRouter();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [toDelete, setToDelete] = useState<NasRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const set = (key: keyof Draft) => (v: string) => setDraft((d) => (d ? { ...d, [key]: v } : d));

  const messages = { invalid: ts("invalid"), network: ts("network") };
  const saved = (message: string) => () => {
    setDraft(null);
    setNotice(message);
    router.refresh();
  };
  const create = useSafeAction(createNasClientAction, { messages, onSuccess: saved(t("added")) });
  const update = useSafeAction(updateNasClientAction, { messages, onSuccess: saved(t("updated")) });
  const del = useSafeAction(deleteNasClientAction, {
    messages,
    onSuccess: () => {
      setToDelete(null);
      setNotice(t("deleted"));
      router.refresh();
    },
  });
  const pending = create.pending || update.pending || del.pending;
  const formError = create.errorMessage ?? update.errorMessage;

  const open = (d: Draft) => {
    setDraft(d);
    setErrors({});
    create.setErrorMessage(null);
    update.setErrorMessage(null);
    setNotice(null);
  };

  const save = () => {
    if (!draft) return;
    const { id, ...fields } = draft;
    const parsed = id ? nasClientUpdateSchema.safeParse({ ...fields, id }) : nasClientSchema.safeParse(fields);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error));
      return;
    }
    setErrors({});
    create.setErrorMessage(null);
    update.setErrorMessage(null);
    if (id) update.execute({ ...fields, id });
    else create.execute(fields);
  };

  return (
    <div className="space-y-4">
      <Table aria-label={t("title")} containerClassName="shadow-none" data-testid="nas-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t("name")}</TableHead>
            <TableHead className="hidden sm:table-cell">{t("ip")}</TableHead>
            <TableHead numeric className="hidden sm:table-cell">
              {t("coaPort")}
            </TableHead>
            <TableHead className="hidden sm:table-cell">{t("secret")}</TableHead>
            <TableHead>
              <span className="sr-only">{t("actions")}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableEmpty colSpan={5}>{t("empty")}</TableEmpty>
          ) : (
            rows.map((n) => (
              <TableRow key={n.id} data-testid="nas-row">
                <TableCell>
                  <span className="font-medium">{n.name}</span>
                  {/* Phones: address and port under the name, so the table never scrolls sideways. */}
                  <span className="block font-mono text-[0.8125rem] break-all text-slate-600 sm:hidden">
                    {n.ipAddress} · {n.coaPort}
                  </span>
                </TableCell>
                <TableCell className="hidden font-mono text-[0.8125rem] sm:table-cell">{n.ipAddress}</TableCell>
                <TableCell numeric className="hidden sm:table-cell">
                  {n.coaPort}
                </TableCell>
                <TableCell aria-label={t("secretHidden")} className="hidden text-slate-500 sm:table-cell">
                  ••••••••
                </TableCell>
                <TableCell className="text-right whitespace-nowrap max-sm:px-2">
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => open({ id: n.id, name: n.name, ipAddress: n.ipAddress, coaPort: String(n.coaPort), secret: "" })}
                    aria-label={t("editNamed", { name: n.name })}
                  >
                    <Pencil aria-hidden />
                    <span className="max-sm:sr-only">{t("edit")}</span>
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-red-700"
                    onClick={() => {
                      del.setErrorMessage(null);
                      setNotice(null);
                      setToDelete(n);
                    }}
                    aria-label={t("deleteNamed", { name: n.name })}
                  >
                    <Trash2 aria-hidden />
                    <span className="max-sm:sr-only">{t("delete")}</span>
                  </Button>
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>

      {notice ? (
        <div data-testid="nas-notice">
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}

      {draft ? (
        <form
          noValidate
          className="space-y-4 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset"
          aria-label={draft.id ? t("editTitle") : t("addTitle")}
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
          data-testid="nas-form"
        >
          <h3 className="text-sm font-semibold text-slate-900">{draft.id ? t("editTitle") : t("addTitle")}</h3>
          <div className="grid gap-4 sm:grid-cols-2">
            <SettingsField label={t("name")} inputMode="text" value={draft.name} onChange={set("name")} error={errors.name} testId="nas-name" />
            <SettingsField
              label={t("ip")}
              inputMode="text"
              hint={t("ipHint")}
              value={draft.ipAddress}
              onChange={set("ipAddress")}
              error={errors.ipAddress}
              testId="nas-ip"
            />
            <SettingsField label={t("coaPort")} inputMode="numeric" value={draft.coaPort} onChange={set("coaPort")} error={errors.coaPort} testId="nas-port" />
            <SettingsField
              label={t("secret")}
              type="password"
              inputMode="text"
              autoComplete="new-password"
              hint={draft.id ? t("secretKeep") : t("secretHint")}
              value={draft.secret}
              onChange={set("secret")}
              error={errors.secret}
              testId="nas-secret"
            />
          </div>
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" pending={pending} pendingLabel={ts("saving")} data-testid="nas-save">
              {ts("save")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setDraft(null)} disabled={pending}>
              {ts("cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="secondary" onClick={() => open(EMPTY)} data-testid="nas-add">
          <Plus aria-hidden />
          {t("add")}
        </Button>
      )}

      <ConfirmDialog
        open={toDelete !== null}
        onOpenChange={(o) => {
          if (!o) setToDelete(null);
        }}
        title={t("confirmTitle")}
        tone="danger"
        confirmLabel={t("delete")}
        pending={pending}
        pendingLabel={t("deleting")}
        error={del.errorMessage}
        onConfirm={() => {
          if (toDelete) del.execute({ id: toDelete.id });
        }}
      >
        {toDelete ? t("confirmText", { name: toDelete.name, ip: toDelete.ipAddress }) : null}
      </ConfirmDialog>
    </div>
  );
}
