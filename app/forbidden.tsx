import { ForbiddenPage } from "@/components/shell/forbidden";

export default function Forbidden() {
  return <ForbiddenPage />;
}
