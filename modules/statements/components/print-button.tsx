"use client";

import { Printer } from "@/components/icons/lucide/printer";
import { Button } from "@/components/ui/button";

/** 打印 / 保存为 PDF: the browser's print dialog, where "save as PDF" is one of the printers. */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button variant="secondary" size="sm" onClick={() => window.print()} data-testid="statement-print" className="print:hidden">
      <Printer aria-hidden className="size-4" />
      {label}
    </Button>
  );
}
