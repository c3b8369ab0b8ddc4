"use client";

import { Printer } from "@/components/icons/lucide/printer";
import { useTranslations } from "next-intl";
import { Button, type ButtonProps } from "@/components/ui/button";

/** Opens the browser's print dialog (the receipt's print styles hide everything else). */
export function PrintButton(props: Omit<ButtonProps, "onClick" | "children">) {
  const t = useTranslations("recharge.receipt");
  return (
    <Button {...props} onClick={() => window.print()} data-testid="print-receipt">
      <Printer aria-hidden />
      {t("print")}
    </Button>
  );
}
