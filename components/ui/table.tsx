import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/** A scrollable table wrapper; give it an aria-label or a <TableCaption>. */
export function Table({ className, containerClassName, ...props }: ComponentProps<"table"> & { containerClassName?: string }) {
  return (
    <div className={cn("ui-table-container", containerClassName)}>
      <table className={cn("ui-table", className)} {...props} />
    </div>
  );
}

export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return <caption className={cn("ui-table-caption", className)} {...props} />;
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("ui-table-header", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("ui-table-body", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("ui-table-row", className)} {...props} />;
}

type CellAlign = { numeric?: boolean };

export function TableHead({ className, numeric, scope = "col", ...props }: ComponentProps<"th"> & CellAlign) {
  return <th scope={scope} className={cn("ui-table-head", numeric && "text-right", className)} {...props} />;
}

export function TableCell({ className, numeric, ...props }: ComponentProps<"td"> & CellAlign) {
  return <td className={cn("ui-table-cell", numeric && "text-right tabular-nums", className)} {...props} />;
}

/** A full-width row for "no records". */
export function TableEmpty({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-4 py-10 text-center text-sm text-slate-500">
        {children}
      </td>
    </tr>
  );
}
