import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/notifications";
import { requireUser } from "~/auth/session.server";
import { useFormat } from "~/i18n/use-format";
import { notificationMessage } from "~/notifications/message";
import { resolveLanguage } from "~/i18n/language.server";
import { listAgendaForPage } from "~/home/agenda.server";
import { AgendaList } from "~/components/agenda";
import { listNotifications, markRead } from "~/notifications/notifications.server";
import { parseForm, readForm } from "~/utils/forms";
import { href } from "~/utils/links";
import { FormError } from "~/components/field";
import "~/i18n/pages/milestones";
import "~/i18n/pages/notifications";
import "~/i18n/pages/translationRequests";
import "~/i18n/pages/home";

const ReadSchema = z.object({ notificationId: z.union([z.literal("all"), z.string().min(1).max(64)]) });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  // What awaits the person (decision 026) above the notices: the bell counts both.
  const [agenda, notifications] = await Promise.all([listAgendaForPage(user.id, await resolveLanguage(request, user)), listNotifications(user.id)]);
  return { agenda, notifications };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const form = parseForm(ReadSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  await markRead(user.id, form.data.notificationId);
  return data({ errors: {} as Record<string, string> });
}

export default function Notifications({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { agenda, notifications } = loaderData;
  const unread = notifications.filter((notification) => !notification.read).length;
  return (
    <div className="page">
      <title>{`${t("notifications:title")} · ${t("appName")}`}</title>
      <div className="page-heading">
        <h1>{t("notifications:title")}</h1>
        <FormError error={actionData?.errors.form} />
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="notificationId" value="all" />
            <button type="submit">{t("notifications:markAllRead")}</button>
          </Form>
        ) : null}
      </div>
      <p className="muted">
        {t("notifications:settingsHint")} <Link to={href("/profile")}>{t("notifications:settingsLink")}</Link>
      </p>
      {agenda.length > 0 ? (
        <section aria-labelledby="awaiting-heading" className="panel agenda-panel">
          <h2 id="awaiting-heading">{t("home:heading")}</h2>
          <AgendaList items={agenda} headingLevel={3} emptyText={t("home:empty")} />
        </section>
      ) : null}
      {notifications.length === 0 && agenda.length === 0 ? <p>{t("notifications:empty")}</p> : null}
      <ol className="events notifications">
        {notifications.map((notification) => {
          return (
            <li key={notification.id} className={notification.read ? "read" : "unread"}>
              <span className="muted">{format.dateTime(notification.createdAt)}</span>{" "}
              <Link to={notification.link}>{notificationMessage(t, notification.kind, notification.params)}</Link>
              {notification.params.detail ? <p className="comment-body">{notification.params.detail}</p> : null}
              {!notification.read ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="notificationId" value={notification.id} />
                  <button type="submit" className="link-button">
                    {t("notifications:markRead")}
                  </button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
