import { useTranslation } from "~/i18n/use-translation";
import { listMentionable } from "~/plan/comments.server";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/project.visit.item";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { minutesDocumentName } from "~/collab/document-name";
import { LocalizedInput, LocalizedText } from "~/components/localized";
import { Field, FormError } from "~/components/field";
import { LanguageColumn, LanguagePickers } from "~/components/language-columns";
import { useRichTextMemory } from "~/components/memory-suggestions";
import { useMachineDrafts } from "~/components/machine-draft";
import { useColumnEditors } from "~/editor/use-column-editors";
import { ZonedTime } from "~/components/zoned-time";
import { Attachments } from "~/components/attachments";
import { LiveHeading } from "~/components/live-heading";
import { attachmentsOf } from "~/files/attachments.server";
import { useCollabSocket, useLiveStatus } from "~/editor/use-collab-socket";
import { writerColor } from "~/editor/writer-color";
import { sideBySide } from "~/editor/side-by-side.server";
import { machineDraftLanguages } from "~/editor/rich-text.server";
import { resolveLanguage } from "~/i18n/language.server";
import { languages, type Lang } from "~/i18n/languages";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { instantToWallTime } from "~/utils/time-zones.server";
import { canWriteNotes } from "~/visits/access.server";
import { confirmMinutesTranslation, getAgendaItem } from "~/visits/minutes.server";
import { AgendaItemActionSchema } from "~/visits/schemas";
import { removeAgendaItem, updateAgendaItem } from "~/visits/visits.server";
import { href } from "~/utils/links";
import { ColumnTranslationRequest } from "~/components/translation-request";
import { openRequestsFor } from "~/translation/requests.server";
import "~/i18n/pages/visits";

// The first HTML preloads the live editor (app/entry.server.tsx).
export const handle = { liveText: true };

export async function loader({ request, params }: Route.LoaderArgs) {
  const access = await requireProjectRole(request, params.projectId);
  const { user, role } = access;
  const item = await getAgendaItem(params.projectId, params.visitId, params.itemId);
  if (!item) throw data({ message: "errors:notFound" }, { status: 404 });
  const { left, right, html } = sideBySide(request, await resolveLanguage(request, user), item.minutesLang, item.content);
  const start = instantToWallTime(new Date(item.startsAt), item.visit.host.timeZone);
  return {
    // Suggested after an @ in the minutes (decision 029).
    members: await listMentionable(params.projectId),
    item: { ...item, content: undefined },
    form: { date: start.slice(0, 10), start: start.slice(11), end: instantToWallTime(new Date(item.endsAt), item.visit.host.timeZone).slice(11) },
    html,
    left,
    right,
    canEdit: can(role, "project:edit"),
    canWrite: await canWriteNotes(role, user.id, { id: item.visit.id, minutesClosedAt: item.visit.minutesClosedAt }),
    // Closed minutes are read-only: no translation can be written, so none is asked for.
    canRequest: can(role, "comment:write") && !item.visit.minutesClosedAt,
    openRequests: await openRequestsFor({ kind: "agenda_item", id: item.id }, { id: user.id, role }),
    machineDrafts: await machineDraftLanguages({ agendaItemId: item.id }),
    writer: { name: user.name, color: writerColor(user.id) },
    projectId: params.projectId,
    ...(await attachmentsOf(access, { kind: "agenda_item", id: item.id })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const form = parseForm(AgendaItemActionSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const input = form.data;
  if (input.intent === "confirm") {
    // Confirming a translation is part of writing the minutes.
    const item = await getAgendaItem(params.projectId, params.visitId, params.itemId);
    if (!item) throw data({ message: "errors:notFound" }, { status: 404 });
    if (!(await canWriteNotes(role, user.id, { id: item.visit.id, minutesClosedAt: null }))) throw data({ message: "errors:forbidden" }, { status: 403 });
  } else if (!can(role, "project:edit")) {
    throw data({ message: "errors:forbidden" }, { status: 403 });
  }
  try {
    switch (input.intent) {
      case "update":
        await updateAgendaItem(user.id, params.projectId, params.visitId, params.itemId, { ...input, lang: await resolveLanguage(request, user) });
        break;
      case "remove":
        await removeAgendaItem(user.id, params.projectId, params.visitId, params.itemId);
        // Relative: an address the server builds never takes its host from the request.
        return redirect(href("/projects/:projectId/visits/:visitId", { projectId: params.projectId, visitId: params.visitId }), 303);
      case "confirm":
        await confirmMinutesTranslation(user.id, params.projectId, params.visitId, params.itemId, input.lang);
        break;
    }
    return data({ errors: {} as Record<string, string> });
  } catch (error) {
    return refusal(error);
  }
}

export default function AgendaItemPage({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId, visitId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const { item, left, right, html, canEdit, canWrite, writer } = loaderData;
  const { websocket, connection } = useCollabSocket();
  const errors = actionData?.errors ?? {};
  const title = pickLocalized(item.titles, item.originalLang, format.lang);
  const visitTitle = pickLocalized(item.visit.titles, item.visit.originalLang, format.lang);
  const busy = navigation.state !== "idle";
  const [status, onStatus] = useLiveStatus(item.status);
  const columnEditors = useColumnEditors();
  const memory = useRichTextMemory(item.minutesLang, canWrite, columnEditors.editors);
  const drafts = useMachineDrafts({ kind: "minutes", id: item.id }, { sourceLang: item.minutesLang, status, editable: canWrite, marked: loaderData.machineDrafts }, columnEditors.editors);
  return (
    <>
      <p>
        <Link to={href("/projects/:projectId/visits/:visitId", { projectId, visitId })}>
          {t("visits:backToVisit", { title: visitTitle.text })}
        </Link>
      </p>
      <LiveHeading connection={connection}>
        <LocalizedText texts={item.titles} original={item.originalLang} />
      </LiveHeading>
      <dl className="facts">
        <dt>{t("visits:fields.time")}</dt>
        <dd>
          <ZonedTime at={item.startsAt} end={item.endsAt} zones={[item.visit.host.timeZone]} withDate />
        </dd>
        {item.place ? (
          <>
            <dt>{t("visits:fields.place")}</dt>
            <dd>{item.place}</dd>
          </>
        ) : null}
        {item.leader ? (
          <>
            <dt>{t("visits:fields.leader")}</dt>
            <dd>{item.leader}</dd>
          </>
        ) : null}
      </dl>
      <FormError error={errors.form} />

      <h2>{t("visits:minutes.title")}</h2>
      {item.visit.minutesClosedAt ? <p className="notice">{t("errors:minutesClosed")}</p> : !canWrite ? <p className="notice">{t("visits:minutes.readOnly")}</p> : null}
      <LanguagePickers left={left} right={right} />
      <div className="side-by-side">
        {([left, right] as Lang[]).map((lang) => (
          <LanguageColumn
            key={lang}
            lang={lang}
            status={status[lang]}
            sourceLang={item.minutesLang}
            canConfirm={canWrite}
            headingLevel={3}
            websocket={websocket}
            documentName={minutesDocumentName(item.id, lang)}
            writer={writer}
            editable={canWrite}
            label={t("visits:minutes.textIn", { language: format.languageName(lang) })}
            html={html[lang]}
            onStatus={onStatus}
            headerExtra={
              <>
                {drafts.controls(lang)}
                <ColumnTranslationRequest
                  projectId={projectId}
                  target={{ kind: "agenda_item", id: item.id }}
                  lang={lang}
                  sourceLang={item.minutesLang}
                  status={status}
                  open={loaderData.openRequests}
                  canRequest={loaderData.canRequest}
                />
              </>
            }
            onEditor={columnEditors.onEditor(lang)}
            members={loaderData.members}
          >
            {memory.panel(lang)}
          </LanguageColumn>
        ))}
      </div>

      <Attachments projectId={loaderData.projectId} target={{ kind: "agenda_item", id: item.id }} attachments={loaderData.attachments} canAttach={loaderData.canAttach} />

      {canEdit ? (
        <details className="panel">
          <summary>{t("visits:editItem")}</summary>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="update" />
            <p className="hint">{t("visits:hostClock", { city: format.localized(item.visit.host.names, item.visit.host.originalLang) })}</p>
            <div className="field-row">
              <Field label={t("visits:fields.date")} name="date" type="date" defaultValue={loaderData.form.date} required error={errors.date} />
              <Field label={t("visits:fields.start")} name="start" type="time" defaultValue={loaderData.form.start} required error={errors.start} />
              <Field label={t("visits:fields.end")} name="end" type="time" defaultValue={loaderData.form.end} required error={errors.end} />
            </div>
            <LocalizedInput label={t("visits:fields.itemTitle")} name="title" values={item.titles} original={item.originalLang} max={300} required error={errors.title} />
            <div className="field-row">
              <Field label={t("visits:fields.place")} name="place" defaultValue={item.place} maxLength={300} />
              <Field label={t("visits:fields.leader")} name="leader" defaultValue={item.leader} maxLength={200} />
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {t("actions.save")}
            </button>
          </Form>
          <Form method="post" onSubmit={(event) => (!confirm(t("visits:removeItemConfirm")) ? event.preventDefault() : undefined)}>
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="danger" disabled={busy}>
              {t("visits:removeItem")}
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}
