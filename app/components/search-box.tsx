import { useId } from "react";
import { Search } from "lucide-react";
import { useTranslation } from "~/i18n/use-translation";
import { Form } from "react-router";
import { href } from "~/utils/links";

/** The project's search box over its pages: a plain GET form, so it works before scripts arrive. */
export function SearchBox({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Form method="get" action={href("/projects/:projectId/search", { projectId })} role="search" aria-label={t("search:box.landmark")} className="inline-form">
      <label htmlFor={id} className="visually-hidden">
        {t("search:box.label")}
      </label>
      <input id={id} type="search" name="q" maxLength={500} enterKeyHint="search" placeholder={t("search:box.placeholder")} />
      <button type="submit" className="secondary">
        <Search aria-hidden="true" size={18} />
        <span className="header-label">{t("search:box.submit")}</span>
      </button>
    </Form>
  );
}
