import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/profile";
import { changePassword, emailSetting, partnershipTimeZones, updateProfile, writesLanguagesOf } from "~/accounts/accounts.server";
import { PasswordChangeSchema, ProfileSchema } from "~/accounts/schemas";
import { readSessionId, requireUser } from "~/auth/session.server";
import { calendarFeedOf, renewCalendarFeed } from "~/calendar/feeds.server";
import { Field, FormError } from "~/components/field";
import { languageCookie, resolveLanguage } from "~/i18n/language.server";
import { htmlLang, languageNames, languages } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { timeZoneChoices, type TimeZoneOption } from "~/i18n/time-zone-names";
import { parseForm, readForm } from "~/utils/forms";
import "~/i18n/pages/auth";
import "~/i18n/pages/translationRequests";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const [lang, emailNotifications, partnership, writesLanguages, calendarFeed] = await Promise.all([
    resolveLanguage(request, user),
    emailSetting(user.id),
    partnershipTimeZones(user.organisationId),
    writesLanguagesOf(user.id),
    calendarFeedOf(user.id),
  ]);
  return {
    profile: { name: user.name, email: user.email, language: user.language, timeZone: user.timeZone, emailNotifications, writesLanguages },
    // Named on the server, so that the page and its hydration agree on the names and offsets.
    timeZones: timeZoneChoices(lang, { partnership, current: user.timeZone }),
    calendarFeed,
  };
}

const zoneOptions = (zones: TimeZoneOption[]) =>
  zones.map((zone) => (
    <option key={zone.value} value={zone.value}>
      {zone.label}
    </option>
  ));

type ActionResult = { intent: "profile" | "password" | "calendarFeed"; errors: Record<string, string>; saved?: boolean; renewed?: boolean };

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "calendarFeed") {
    const renewed = (await calendarFeedOf(user.id)) !== null;
    await renewCalendarFeed(user.id);
    return data<ActionResult>({ intent: "calendarFeed", errors: {}, saved: true, renewed });
  }
  if (formData.get("intent") === "password") {
    const form = parseForm(PasswordChangeSchema, formData);
    if (!form.ok) return data<ActionResult>({ intent: "password", errors: form.errors }, { status: 400 });
    const result = await changePassword(user.id, await readSessionId(request), form.data, context.clientAddress);
    if (!result.ok) {
      const status = result.error === "errors:tooManyPasswordAttempts" ? 429 : 400;
      return data<ActionResult>({ intent: "password", errors: { currentPassword: result.error } }, { status });
    }
    return data<ActionResult>({ intent: "password", errors: {}, saved: true });
  }
  const form = parseForm(ProfileSchema, formData);
  if (!form.ok) return data<ActionResult>({ intent: "profile", errors: form.errors }, { status: 400 });
  await updateProfile(user.id, form.data);
  return data<ActionResult>(
    { intent: "profile", errors: {}, saved: true },
    { headers: { "Set-Cookie": await languageCookie.serialize(form.data.language) } },
  );
}

export default function Profile({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { profile, timeZones, calendarFeed } = loaderData;
  const profileErrors = actionData?.intent === "profile" ? actionData.errors : {};
  const passwordErrors = actionData?.intent === "password" ? actionData.errors : {};
  return (
    <div className="page narrow">
      <title>{`${t("auth:profile.title")} · ${t("appName")}`}</title>
      <h1>{t("auth:profile.title")}</h1>
      <p className="muted">{profile.email}</p>

      <section aria-labelledby="profile-heading" className="panel">
        <h2 id="profile-heading">{t("auth:profile.details")}</h2>
        {actionData?.intent === "profile" && actionData.saved ? (
          <p className="notice" role="status">
            {t("auth:profile.saved")}
          </p>
        ) : null}
        <FormError error={profileErrors.form} />
        {/* A full reload after saving, so a changed language takes effect everywhere. */}
        <Form method="post" className="stack" reloadDocument>
          <input type="hidden" name="intent" value="profile" />
          <Field label={t("auth:fields.name")} name="name" defaultValue={profile.name} required autoComplete="name" error={profileErrors.name} />
          <div className="field">
            <label htmlFor="profile-language">{t("auth:fields.language")}</label>
            <select id="profile-language" name="language" defaultValue={profile.language}>
              {languages.map((lang) => (
                <option key={lang} value={lang}>
                  {languageNames[lang]}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field" aria-describedby="profile-writes-hint">
            <legend>{t("translationRequests:profile.writes")}</legend>
            <p id="profile-writes-hint" className="hint">
              {t("translationRequests:profile.writesHint")}
            </p>
            {languages.map((lang) => (
              <label key={lang} className="checkbox">
                <input type="checkbox" name="writesLanguages" value={lang} defaultChecked={profile.writesLanguages.includes(lang)} /> <span lang={htmlLang[lang]}>{languageNames[lang]}</span>
              </label>
            ))}
            {profileErrors.writesLanguages ? (
              <p className="field-error" role="alert">
                {t(profileErrors.writesLanguages)}
              </p>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor="profile-timezone">{t("auth:fields.timeZone")}</label>
            <select id="profile-timezone" name="timeZone" defaultValue={profile.timeZone}>
              {timeZones.partnership.length > 0 ? (
                <>
                  <optgroup label={t("auth:profile.partnershipTimeZones")}>{zoneOptions(timeZones.partnership)}</optgroup>
                  <optgroup label={t("auth:profile.otherTimeZones")}>{zoneOptions(timeZones.others)}</optgroup>
                </>
              ) : (
                zoneOptions(timeZones.others)
              )}
            </select>
            {profileErrors.timeZone ? (
              <p className="field-error" role="alert">
                {t(profileErrors.timeZone)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="profile-email-notifications">{t("auth:fields.emailNotifications")}</label>
            <select id="profile-email-notifications" name="emailNotifications" defaultValue={profile.emailNotifications}>
              {(["each", "daily", "none"] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`auth:emailNotifications.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("actions.save")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="password-heading" className="panel">
        <h2 id="password-heading">{t("auth:profile.password")}</h2>
        {actionData?.intent === "password" && actionData.saved ? (
          <p className="notice" role="status">
            {t("auth:profile.passwordChanged")}
          </p>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="password" />
          <Field label={t("auth:fields.currentPassword")} name="currentPassword" type="password" autoComplete="current-password" required error={passwordErrors.currentPassword} />
          <Field label={t("auth:fields.newPassword")} name="newPassword" type="password" autoComplete="new-password" required hint={t("auth:passwordRule")} error={passwordErrors.newPassword} />
          <Field label={t("auth:fields.confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" required error={passwordErrors.confirmPassword} />
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("auth:profile.changePassword")}
          </button>
        </Form>
      </section>

      <CalendarFeedSection feed={calendarFeed} result={actionData?.intent === "calendarFeed" ? actionData : undefined} />
    </div>
  );
}

/** The person's calendar address: to copy into a calendar app, and to renew when it has been shared too far. */
function CalendarFeedSection({ feed, result }: { feed: { address: string; createdAt: string } | null; result?: ActionResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  // Without PUBLIC_URL the address is relative: the browser completes it from the page it is on.
  const [address, setAddress] = useState(feed?.address ?? "");
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setAddress(feed ? new URL(feed.address, window.location.href).href : "");
    setCopied(false);
  }, [feed]);
  return (
    <section aria-labelledby="calendar-heading" className="panel">
      <h2 id="calendar-heading">{t("auth:calendar.title")}</h2>
      <p>{t("auth:calendar.intro")}</p>
      {result?.saved ? (
        <p className="notice" role="status">
          {t(result.renewed ? "auth:calendar.renewed" : "auth:calendar.created")}
        </p>
      ) : null}
      {feed ? (
        <div className="stack">
          <div className="field">
            <label htmlFor="calendar-address">{t("auth:calendar.address")}</label>
            <input id="calendar-address" type="text" readOnly value={address} onFocus={(event) => event.currentTarget.select()} aria-describedby="calendar-secret" />
            <p id="calendar-secret" className="hint">
              {t("auth:calendar.secret")}
            </p>
            <p className="hint">{t("auth:calendar.madeOn", { date: format.date(feed.createdAt) })}</p>
          </div>
          <p className="actions">
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(address).then(() => setCopied(true));
              }}
            >
              {copied ? t("auth:calendar.copied") : t("auth:calendar.copy")}
            </button>{" "}
            <a href={feed.address} download>
              partnership.ics
            </a>
          </p>
        </div>
      ) : (
        <p className="muted">{t("auth:calendar.none")}</p>
      )}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="calendarFeed" />
        {feed ? <p className="hint">{t("auth:calendar.renewHint")}</p> : null}
        <button type="submit" disabled={navigation.state === "submitting"}>
          {feed ? t("auth:calendar.renew") : t("auth:calendar.create")}
        </button>
      </Form>
    </section>
  );
}
