import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/notifications";
import { requireUser } from "~/auth/session.server";
import { useFormat } from "~/i18n/use-format";
import { notificationMessage } from "~/notifications/message";
import { listNotifications, markRead } from "~/notifications/notifications.server";
import { parseForm, readForm } from "~/utils/forms";
import { FormError } from "~/components/field";

const ReadSchema = z.object({ notificationId: z.union([z.literal("all"), z.string().min(1).max(64)]) });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(user.id) };
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
  const { notifications } = loaderData;
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
        {t("notifications:settingsHint")} <Link to="/profile">{t("notifications:settingsLink")}</Link>
      </p>
      {notifications.length === 0 ? <p>{t("notifications:empty")}</p> : null}
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
