// The frame every queue page shares (/admin/queues/*): header with the way back, an empty state
// when nothing waits, otherwise the queue's own list or table. Each page still checks its caller.
import Link from "@/components/ui/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function QueuePage(props: {
  title: string;
  description: string;
  backLabel: string;
  empty: boolean;
  emptyIcon: ReactNode;
  emptyTitle: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-5">
      <PageHeader title={props.title} description={props.description} backHref="/admin/queues" backLabel={props.backLabel} />
      {props.empty ? (
        <Card>
          <EmptyState icon={props.emptyIcon} title={props.emptyTitle} />
        </Card>
      ) : (
        props.children
      )}
    </div>
  );
}

/** A queue as a table: column heads (a string, or `{ label, numeric, srOnly }`), then the rows. */
export function QueueTable(props: { head: (string | { label: string; numeric?: boolean; srOnly?: boolean })[]; children: ReactNode }) {
  return (
    <Card>
      <Table>
        <TableHeader>
          <TableRow>
            {props.head.map((h, i) => {
              const col = typeof h === "string" ? { label: h } : h;
              return (
                <TableHead key={i} numeric={col.numeric}>
                  {col.srOnly ? <span className="sr-only">{col.label}</span> : col.label}
                </TableHead>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>{props.children}</TableBody>
      </Table>
    </Card>
  );
}

/** The student a queue row is about, linked to their page in the console. */
export function StudentLink({ student, className }: { student: { name: string; studentNo: string }; className?: string }) {
  return (
    <Link href={`/admin/users/${encodeURIComponent(student.studentNo)}`} className={className ?? "text-brand-700 hover:underline"}>
      {student.name} · {student.studentNo}
    </Link>
  );
}
