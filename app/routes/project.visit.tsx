import { FormKey } from "~/components/form-key";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/project.visit";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { LocalizedInput, LocalizedText } from "~/components/localized";
import { Field, FormError } from "~/components/field";
import { LanguageOptions } from "~/components/language-options";
import { VisitForm } from "~/components/visit-form";
import { ZonedTime } from "~/components/zoned-time";
import { Attachments } from "~/components/attachments";
import { attachmentsOf } from "~/files/attachments.server";
import { listLedger } from "~/budget/ledger.server";
import { formatMinor, fromDecimalString } from "~/budget/money";
import { dayIn } from "~/i18n/format";
import { resolveLanguage } from "~/i18n/language.server";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { listProjectOrganisations } from "~/projects/projects.server";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { TranslationRequestControl } from "~/components/translation-request";
import { languages } from "~/i18n/languages";
import { completeLanguages } from "~/translation/request-kinds";
import { openRequestsFor } from "~/translation/requests.server";
import { href } from "~/utils/links";
import { createOnce } from "~/utils/once.server";
import { canWriteNotes } from "~/visits/access.server";
import { VisitActionSchema } from "~/visits/schemas";
import {
  addAgendaItem,
  addParticipant,
  getVisit,
  listMembersForDelegation,
  removeParticipant,
  setMinutesClosed,
  updateVisit,
  type VisitView,
} from "~/visits/visits.server";
import "~/i18n/pages/visits";

export async function loader({ request, params }: Route.LoaderArgs) {
  const access = await requireProjectRole(request, params.projectId);
  const { user, role } = access;
  const visit = await getVisit(params.projectId, params.visitId);
  if (!visit) throw data({ message: "errors:notFound" }, { status: 404 });
  const canEdit = can(role, "project:edit");
  const [organisations, members] = await Promise.all([
    listProjectOrganisations(params.projectId),
    canEdit ? listMembersForDelegation(params.projectId) : Promise.resolve([]),
  ]);
  const target = { kind: "visit" as const, id: visit.id };
  return {
    visit,
    organisations,
    members,
    canEdit,
    canWriteNotes: await canWriteNotes(role, user.id, { id: visit.id, minutesClosedAt: visit.minutesClosedAt }),
    projectId: params.projectId,
    costs: await listLedger(params.projectId, { visitId: visit.id }),
    canRequest: can(role, "comment:write"),
    openRequests: await openRequestsFor({ kind: "visit", id: visit.id }, { id: user.id, role }),
    ...(await attachmentsOf(access, target)),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "project:edit");
  const formData = await readForm(request);
  const form = parseForm(VisitActionSchema, formData);
  if (!form.ok) return data({ errors: form.errors, done: null as string | null }, { status: 400 });
  const input = form.data;
  return createOnce(request, formData, user.id, async () => {
    try {
      switch (input.intent) {
        case "update":
          await updateVisit(user.id, params.projectId, params.visitId, { ...input, lang: await resolveLanguage(request, user) });
          break;
        case "addParticipant":
          await addParticipant(user.id, params.projectId, params.visitId, input);
          break;
        case "removeParticipant":
          await removeParticipant(user.id, params.projectId, params.visitId, input.participantId);
          break;
        case "addItem":
          await addAgendaItem(user.id, params.projectId, params.visitId, { ...input, lang: await resolveLanguage(request, user) });
          break;
        case "closeMinutes":
        case "reopenMinutes":
          await setMinutesClosed(user.id, params.projectId, params.visitId, input.intent === "closeMinutes");
          break;
      }
      return data({ errors: {} as Record<string, string>, done: input.intent as string | null });
    } catch (error) {
      return refusal(error, { done: null as string | null });
    }
  });
}

/** The programme by day, days reckoned on the host city's clock. */
function programmeDays(visit: VisitView) {
  const days = new Map<string, VisitView["agendaItems"]>();
  for (const item of visit.agendaItems) {
    const day = dayIn(item.startsAt, visit.host.timeZone);
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  return [...days.entries()];
}

export default function Visit({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId, visitId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const { visit, canEdit, members, organisations } = loaderData;
  const errors = actionData?.errors ?? {};
  const title = pickLocalized(visit.titles, visit.originalLang, format.lang);
  const busy = navigation.state !== "idle";
  const roles = ["delegate", "host", "interpreter"] as const;
  return (
    <>
      <title>{`${title.text} · ${t("appName")}`}</title>
      <p>
        <Link to={href("/projects/:projectId/visits", { projectId })}>
          {t("visits:back")}
        </Link>
      </p>
      <h1>
        <LocalizedText texts={visit.titles} original={visit.originalLang} />
      </h1>
      <dl className="facts">
        <dt>{t("visits:fields.direction")}</dt>
        <dd>{t("visits:direction", { from: format.localized(visit.traveller.names, visit.traveller.originalLang), to: format.localized(visit.host.names, visit.host.originalLang) })}</dd>
        <dt>{t("visits:fields.dates")}</dt>
        <dd>
          {format.calendarDate(visit.startDate)}–{format.calendarDate(visit.endDate)}
        </dd>
        <dt>{t("visits:fields.status")}</dt>
        <dd>
          <span className={`badge visit-status-${visit.status}`}>{t(`visits:status.${visit.status}`)}</span>
        </dd>
        <dt>{t("visits:minutes.label")}</dt>
        <dd>{visit.minutesClosedAt ? t("visits:minutes.closedOn", { date: format.dateTime(visit.minutesClosedAt) }) : t("visits:minutes.open")}</dd>
      </dl>
      {Object.keys(visit.purposes).length > 0 ? (
        <p className="description">
          <LocalizedText texts={visit.purposes} original={visit.originalLang} />
        </p>
      ) : null}
      <TranslationRequestControl
        projectId={projectId}
        target={{ kind: "visit", id: visit.id }}
        langs={languages.filter((lang) => !completeLanguages([visit.titles, visit.purposes]).includes(lang))}
        open={loaderData.openRequests}
        canRequest={loaderData.canRequest}
      />
      <nav className="row-actions" aria-label={t("visits:exports")}>
        <a href={href("/projects/:projectId/visits/:visitId/calendar.ics", { projectId, visitId })} download>
          {t("visits:calendar")}
        </a>
        {/* A plain form: the print page and the .docx load as documents (a client-side navigation
            to the .docx, a file rather than a page, left a blank page). */}
        <form method="get" action={href("/projects/:projectId/visits/:visitId/print", { projectId, visitId })} className="inline-form">
          <label>
            {t("visits:exportLanguages")}{" "}
            <select name="langs" defaultValue={format.lang}>
              <LanguageOptions />
              <option value="sv,zh">{t("visits:sideBySide", { a: format.languageName("sv"), b: format.languageName("zh") })}</option>
              <option value="sv,en">{t("visits:sideBySide", { a: format.languageName("sv"), b: format.languageName("en") })}</option>
              <option value="zh,en">{t("visits:sideBySide", { a: format.languageName("zh"), b: format.languageName("en") })}</option>
            </select>
          </label>{" "}
          <button type="submit">{t("visits:print")}</button>{" "}
          <button type="submit" formAction={href("/projects/:projectId/visits/:visitId/export", { projectId, visitId })}>
            {t("visits:word")}
          </button>
        </form>
      </nav>
      <FormError error={errors.form} />
      {actionData?.done ? (
        <p className="notice" role="status">
          {t(`visits:done.${actionData.done}`)}
        </p>
      ) : null}

      <section aria-labelledby="programme-heading">
        <h2 id="programme-heading">{t("visits:programme")}</h2>
        <p className="hint">{t("visits:hostClock", { city: format.localized(visit.host.names, visit.host.originalLang) })}</p>
        {visit.agendaItems.length === 0 ? <p>{t("visits:noItems")}</p> : null}
        {programmeDays(visit).map(([day, items]) => (
          <section key={day} className="programme-day" aria-label={format.calendarDate(day)}>
            <h3>{format.calendarDate(day)}</h3>
            <ol className="agenda">
              {items.map((item) => {
                const itemTitle = pickLocalized(item.titles, item.originalLang, format.lang);
                return (
                  <li key={item.id} className="agenda-item">
                    <ZonedTime at={item.startsAt} end={item.endsAt} zones={[visit.host.timeZone]} />
                    <div>
                      <Link to={href("/projects/:projectId/visits/:visitId/items/:itemId", { projectId, visitId, itemId: item.id })}>{itemTitle.text}</Link>
                      {itemTitle.fallback ? <span className="muted"> {t("visits:fallback", { language: format.languageName(itemTitle.fallback) })}</span> : null}
                      <div className="muted">
                        {[item.place, item.leader ? t("visits:ledBy", { name: item.leader }) : ""].filter(Boolean).join(" · ")}
                        {item.minutesIn.length > 0 ? ` · ${t("visits:minutesIn", { languages: item.minutesIn.map((lang) => format.languageName(lang)).join(", ") })}` : ""}
                      </div>
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
        {canEdit ? (
          <details className="panel">
            <summary>{t("visits:addItem")}</summary>
            <Form method="post" className="stack" noValidate>
              <FormKey />
              <input type="hidden" name="intent" value="addItem" />
              <div className="field-row">
                <Field label={t("visits:fields.date")} name="date" type="date" min={visit.startDate.slice(0, 10)} max={visit.endDate.slice(0, 10)} defaultValue={visit.startDate.slice(0, 10)} required error={errors.date} />
                <Field label={t("visits:fields.start")} name="start" type="time" required error={errors.start} />
                <Field label={t("visits:fields.end")} name="end" type="time" required error={errors.end} />
              </div>
              <LocalizedInput label={t("visits:fields.itemTitle")} name="title" max={300} required error={errors.title} />
              <div className="field-row">
                <Field label={t("visits:fields.place")} name="place" maxLength={300} error={errors.place} />
                <Field label={t("visits:fields.leader")} name="leader" maxLength={200} error={errors.leader} />
              </div>
              <button type="submit" className="primary" disabled={busy}>
                {t("visits:addItem")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="delegation-heading">
        <h2 id="delegation-heading">{t("visits:delegation")}</h2>
        {roles.map((role) => {
          const people = visit.participants.filter((participant) => participant.role === role);
          return (
            <div key={role}>
              <h3>{t(`visits:roles.${role}`, { count: people.length })}</h3>
              {people.length === 0 ? <p className="muted">—</p> : null}
              <ul className="plain-list">
                {people.map((person) => (
                  <li key={person.id}>
                    {person.name}
                    {person.title ? `, ${person.title}` : ""}
                    {person.memberOrganisation || person.organisation ? (
                      <span className="muted"> · {person.memberOrganisation ? format.localized(person.memberOrganisation.names, person.memberOrganisation.originalLang) : person.organisation}</span>
                    ) : null}
                    {person.isMember ? null : <span className="muted"> ({t("visits:guest")})</span>}
                    {canEdit ? (
                      <Form method="post" className="inline-form">
                        <FormKey />
                        <input type="hidden" name="intent" value="removeParticipant" />
                        <input type="hidden" name="participantId" value={person.id} />
                        <button type="submit" className="link-button" disabled={busy} aria-label={t("visits:removePerson", { name: person.name })}>
                          {t("actions.remove")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        {canEdit ? (
          <details className="panel">
            <summary>{t("visits:addPerson")}</summary>
            <Form method="post" className="stack" noValidate>
              <FormKey />
              <input type="hidden" name="intent" value="addParticipant" />
              <div className="field-row">
                <div className="field">
                  <label htmlFor="participant-role">{t("visits:fields.role")}</label>
                  <select id="participant-role" name="role" defaultValue="delegate">
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {t(`visits:roles.${role}`, { count: 1 })}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="participant-member">{t("visits:fields.member")}</label>
                  <select id="participant-member" name="userId" defaultValue="" aria-invalid={errors.userId ? true : undefined}>
                    <option value="">{t("visits:guestOption")}</option>
                    {members.map((member) => (
                      <option key={member.id} value={member.id}>
                        {member.name}
                        {member.organisation ? ` (${format.localized(member.organisation.names, member.organisation.originalLang)})` : ""}
                      </option>
                    ))}
                  </select>
                  {errors.userId ? (
                    <p className="field-error" role="alert">
                      {t(errors.userId)}
                    </p>
                  ) : null}
                </div>
              </div>
              <fieldset>
                <legend>{t("visits:guestLegend")}</legend>
                <div className="field-row">
                  <Field label={t("visits:fields.name")} name="name" maxLength={200} error={errors.name} />
                  <Field label={t("visits:fields.organisation")} name="organisation" maxLength={200} />
                </div>
              </fieldset>
              <Field label={t("visits:fields.personTitle")} name="title" maxLength={200} />
              <p className="hint">{t("visits:privacyHint")}</p>
              <button type="submit" className="primary" disabled={busy}>
                {t("visits:addPerson")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      <Attachments projectId={loaderData.projectId} target={{ kind: "visit", id: visit.id }} attachments={loaderData.attachments} canAttach={loaderData.canAttach} />

      <section aria-labelledby="costs-heading">
        <h2 id="costs-heading">{t("visits:costs.title")}</h2>
        {loaderData.costs.lines.length === 0 ? (
          <p>{t("visits:costs.none")}</p>
        ) : (
          <>
            <ul className="plain-list">
              {loaderData.costs.lines.map((line) => (
                <li key={line.id}>
                  <Link to={href("/projects/:projectId/budget/expenses/:expenseId", { projectId, expenseId: line.id })}>
                    {line.payee}
                  </Link>{" "}
                  <span className="muted">{t(`common:costCategories.${line.category}`)}</span> {formatMinor(fromDecimalString(line.amountSek), "SEK", format.lang)}
                  {line.ineligible.length > 0 ? <span className="badge translation-missing"> {t("common:notEligible")}</span> : null}
                </li>
              ))}
            </ul>
            <p>
              {t("visits:costs.total", {
                total: formatMinor(fromDecimalString(loaderData.costs.totals.sek), "SEK", format.lang),
                reimbursable: formatMinor(fromDecimalString(loaderData.costs.totals.reimbursable), "SEK", format.lang),
              })}
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="practical-heading">
        <h2 id="practical-heading">{t("visits:practical")}</h2>
        <dl className="facts">
          <dt>{t("visits:fields.accommodation")}</dt>
          <dd className="preserve-lines">{visit.accommodation || "—"}</dd>
          <dt>{t("visits:fields.siteContact")}</dt>
          <dd>{visit.siteContact || "—"}</dd>
          <dt>{t("visits:fields.visaLetters")}</dt>
          <dd>{visit.visaLettersNeeded ? t("visits:visaNeeded") : t("visits:visaNotNeeded")}</dd>
        </dl>
      </section>

      {canEdit ? (
        <section className="panel" aria-labelledby="minutes-state">
          <h2 id="minutes-state">{t("visits:minutes.label")}</h2>
          <p>{visit.minutesClosedAt ? t("visits:minutes.closedHint") : t("visits:minutes.openHint")}</p>
          <Form method="post">
            <FormKey />
            <input type="hidden" name="intent" value={visit.minutesClosedAt ? "reopenMinutes" : "closeMinutes"} />
            <button type="submit" disabled={busy}>
              {visit.minutesClosedAt ? t("visits:minutes.reopen") : t("visits:minutes.close")}
            </button>
          </Form>
        </section>
      ) : null}

      {canEdit ? (
        <details className="panel">
          <summary>{t("visits:edit")}</summary>
          <VisitForm
            intent="update"
            organisations={organisations}
            errors={errors}
            values={{
              titles: visit.titles,
              purposes: visit.purposes,
              originalLang: visit.originalLang,
              travellerOrgId: visit.traveller.id,
              hostOrgId: visit.host.id,
              startDate: visit.startDate.slice(0, 10),
              endDate: visit.endDate.slice(0, 10),
              status: visit.status,
              accommodation: visit.accommodation,
              siteContact: visit.siteContact,
              visaLettersNeeded: visit.visaLettersNeeded,
            }}
          />
        </details>
      ) : null}
    </>
  );
}
