import { useTranslation } from "~/i18n/use-translation";
import { Form, redirect } from "react-router";
import type { Route } from "./+types/logout";
import { destroySession, getUser } from "~/auth/session.server";
import { href } from "~/utils/links";
import "~/i18n/pages/auth";

export async function loader({ request }: Route.LoaderArgs) {
  if (!(await getUser(request))) return redirect(href("/login"));
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  return redirect(href("/login"), { headers: { "Set-Cookie": await destroySession(request) } });
}

export default function Logout() {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <title>{t("auth:logout.title")}</title>
      <h1>{t("auth:logout.title")}</h1>
      <p>{t("auth:logout.question")}</p>
      <Form method="post" reloadDocument>
        <button type="submit" className="primary">
          {t("nav.signOut")}
        </button>
      </Form>
    </div>
  );
}
