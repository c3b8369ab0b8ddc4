import { Search } from "@/components/icons/lucide/search";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";

/** A plain GET form: works without JavaScript and keeps the query in the URL. */
export async function UserSearchForm({ defaultValue = "" }: { defaultValue?: string }) {
  const t = await getTranslations("admin");
  return (
    <form action="/admin/users" method="get" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="flex-1">
        <Label htmlFor="admin-user-q">{t("search.label")}</Label>
        <Input
          id="admin-user-q"
          name="q"
          defaultValue={defaultValue}
          placeholder={t("search.placeholder")}
          autoComplete="off"
          maxLength={40}
          className="mt-1"
        />
      </div>
      <Button type="submit">
        <Search aria-hidden />
        {t("search.submit")}
      </Button>
    </form>
  );
}
