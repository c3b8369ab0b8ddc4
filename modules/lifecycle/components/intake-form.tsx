"use client";
// 新生导入: pick a CSV, the dry run reports each row (new / unchanged / updated / error with its
// reason) and writes nothing; "Apply…" asks for confirmation with the counts and imports. The
// file is read in the browser as strict UTF-8 (a GBK file is refused with the way out) and its
// size checked before it is sent; the server checks all of it again.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, FieldHint, Label, Select } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useSafeAction } from "@/lib/use-safe-action";
import { applyIntakeAction, dryRunIntakeAction } from "../actions";
import { INTAKE_MAX_BYTES, type RowProblem } from "../schemas";

type Outcome = "new" | "unchanged" | "updated" | "error";
const OUTCOMES: Outcome[] = ["error", "new", "updated", "unchanged"];
const TONE: Record<Outcome, BadgeTone> = { new: "green", unchanged: "gray", updated: "blue", error: "red" };
/** rows shown at once; the counts cover every row */
const SHOWN = 200;

export function IntakeForm() {
  const t = useTranslations("lifecycle.intake");
  const router = useRouter();
  const id = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Outcome | "all">("all");
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const dryRun = useSafeAction(dryRunIntakeAction, { onSuccess: () => setFilter("all") });
  const apply = useSafeAction(applyIntakeAction, {
    onSuccess: (d) => {
      setConfirming(false);
      setDone(t("applied", { created: d.created, updated: d.updated, unchanged: d.counts.unchanged, errors: d.counts.error }));
      dryRun.reset();
      router.refresh();
    },
  });
  const report = dryRun.result.data;

  const onFile = async (f: File | undefined) => {
    setFile(null);
    setDone(null);
    dryRun.reset();
    setFileError(null);
    if (!f) return;
    if (f.size > INTAKE_MAX_BYTES) return setFileError(t("tooLarge", { maxKb: INTAKE_MAX_BYTES / 1024 }));
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await f.arrayBuffer());
    } catch {
      return setFileError(t("encoding"));
    }
    setFile({ name: f.name, text });
  };

  const problem = (p: RowProblem | null) => {
    if (!p) return "";
    switch (p.code) {
      case "duplicateInFile":
        return t("problems.duplicateInFile", { row: p.row });
      case "nameTooLong":
      case "collegeTooLong":
        return t(`problems.${p.code}`, { max: p.max });
      case "gradeMismatch":
        return t("problems.gradeMismatch", { grade: p.grade });
      default:
        return t(`problems.${p.code}`);
    }
  };

  const shown = useMemo(() => {
    if (!report) return [];
    const rows =
      filter === "all"
        ? [...report.rows].sort((a, b) => OUTCOMES.indexOf(a.outcome) - OUTCOMES.indexOf(b.outcome) || a.line - b.line)
        : report.rows.filter((r) => r.outcome === filter);
    return rows;
  }, [report, filter]);

  const importable = report ? report.counts.new + report.counts.updated : 0;

  return (
    <div className="space-y-5" data-testid="intake-form">
      <div>
        <Label htmlFor={`${id}-file`}>{t("file")}</Label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={[`${id}-file-hint`, fileError ? `${id}-file-err` : null].filter(Boolean).join(" ")}
          aria-invalid={fileError ? true : undefined}
          className="block w-full max-w-md text-sm text-slate-800 file:mr-3 file:min-h-11 file:rounded-lg file:border-0 file:bg-slate-100 file:px-4 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-200"
          data-testid="intake-file"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <FieldHint id={`${id}-file-hint`}>{t("fileHint", { maxKb: INTAKE_MAX_BYTES / 1024 })}</FieldHint>
        <FieldError id={`${id}-file-err`}>{fileError}</FieldError>
      </div>

      <div className="flex flex-wrap gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={!file || dryRun.pending}
          pending={dryRun.pending}
          pendingLabel={t("checking")}
          onClick={() => file && dryRun.execute({ fileName: file.name, text: file.text })}
          data-testid="intake-dry-run"
        >
          {t("dryRun")}
        </Button>
        <Button
          type="button"
          disabled={!file || !report || importable === 0}
          onClick={() => {
            apply.setErrorMessage(null);
            setConfirming(true);
          }}
          data-testid="intake-apply"
        >
          {t("apply")}
        </Button>
      </div>
      {dryRun.errorMessage ? (
        <p role="alert" className="text-sm font-medium text-red-600" data-testid="intake-error">
          {dryRun.errorMessage}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm font-medium text-green-700" data-testid="intake-done">
          {done}
        </p>
      ) : null}

      {report ? (
        <section aria-labelledby={`${id}-report`} className="space-y-3" data-testid="intake-report">
          <h3 id={`${id}-report`} className="text-base font-semibold text-slate-900">
            {t("reportTitle")}
          </h3>
          <p role="status" className="text-sm text-slate-700" data-testid="intake-counts">
            {t("counts", {
              rows: report.rows.length,
              created: report.counts.new,
              updated: report.counts.updated,
              unchanged: report.counts.unchanged,
              errors: report.counts.error,
            })}
          </p>
          <div className="max-w-xs">
            <Label htmlFor={`${id}-filter`}>{t("filter")}</Label>
            <Select id={`${id}-filter`} value={filter} onChange={(e) => setFilter(e.target.value as Outcome | "all")}>
              <option value="all">{t("filterAll")}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`outcome.${o}`)} ({report.counts[o]})
                </option>
              ))}
            </Select>
          </div>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead numeric>{t("line")}</TableHead>
                <TableHead>{t("studentNo")}</TableHead>
                <TableHead>{t("name")}</TableHead>
                <TableHead>{t("college")}</TableHead>
                <TableHead>{t("result")}</TableHead>
                <TableHead>{t("detail")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.slice(0, SHOWN).map((r) => (
                <TableRow key={r.line} data-testid="intake-row" data-outcome={r.outcome}>
                  <TableCell numeric>{r.line}</TableCell>
                  <TableCell className="tabular-nums">{r.studentNo}</TableCell>
                  <TableCell>{r.name}</TableCell>
                  <TableCell>{r.college ?? ""}</TableCell>
                  <TableCell>
                    <Badge tone={TONE[r.outcome]}>{t(`outcome.${r.outcome}`)}</Badge>
                  </TableCell>
                  <TableCell className="text-sm">
                    {r.outcome === "error" ? problem(r.problem) : r.outcome === "updated" ? r.changes.map((c) => t(`fields.${c}`)).join("、") : ""}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {shown.length > SHOWN ? <p className="text-sm text-slate-600">{t("shownOf", { shown: SHOWN, total: shown.length })}</p> : null}
        </section>
      ) : null}

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("confirmTitle")}
        confirmLabel={t("confirm")}
        onConfirm={() => {
          if (file) apply.execute({ fileName: file.name, text: file.text });
        }}
        pending={apply.pending}
        pendingLabel={t("applying")}
        error={apply.errorMessage}
      >
        {report ? <p>{t("confirmBody", { created: report.counts.new, updated: report.counts.updated, errors: report.counts.error })}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
