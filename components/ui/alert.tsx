import { CircleAlert } from "@/components/icons/lucide/circle-alert";
import { CircleCheck } from "@/components/icons/lucide/circle-check";
import { Info } from "@/components/icons/lucide/info";
import { TriangleAlert } from "@/components/icons/lucide/triangle-alert";
import type { ReactNode } from "react";
import { cn } from "./cn";

export type AlertTone = "info" | "warning" | "error" | "success";

const tones: Record<AlertTone, { box: string; icon: ReactNode }> = {
  info: { box: "ui-alert-info", icon: <Info className="text-brand-700" /> },
  warning: { box: "ui-alert-warning", icon: <TriangleAlert className="text-amber-600" /> },
  error: { box: "ui-alert-error", icon: <CircleAlert className="text-red-600" /> },
  success: { box: "ui-alert-success", icon: <CircleCheck className="text-emerald-600" /> },
};

export type AlertProps = {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
};

/** Errors and warnings are announced (role="alert"); info and success politely (role="status"). */
export function Alert({ tone = "info", title, children, action, className }: AlertProps) {
  const { box, icon } = tones[tone];
  return (
    <div role={tone === "error" || tone === "warning" ? "alert" : "status"} className={cn("ui-alert", box, className)}>
      <span aria-hidden className="mt-px [&_svg]:size-5">
        {icon}
      </span>
      <div className="min-w-0 flex-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={cn(title && "mt-1", "opacity-90")}>{children}</div> : null}
        {action ? <div className="mt-3">{action}</div> : null}
      </div>
    </div>
  );
}
