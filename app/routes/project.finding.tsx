import { useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { data, Link, useNavigation } from "react-router";
import type { Route } from "./+types/project.finding";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { CommentThreads } from "~/components/comment-threads";
import type { NewAnchor } from "~/editor/comment-anchors";
import { listMentionable, listThreads, reply, setResolved, startThread } from "~/plan/comments.server";
import { findingDocumentName } from "~/collab/document-name";
import { FormError } from "~/components/field";
import { FindingForm } from "~/components/finding-form";
import { LanguageColumn, LanguagePickers } from "~/components/language-columns";
import { useRichTextMemory } from "~/components/memory-suggestions";
import { useMachineDrafts } from "~/components/machine-draft";
import { useColumnEditors } from "~/editor/use-column-editors";
import { SectionTitleText } from "~/components/section-title";
import { Attachments } from "~/components/attachments";
import { LiveHeading } from "~/components/live-heading";
import { attachmentsOf } from "~/files/attachments.server";
import { useCollabSocket, useCommentAnchors, useLiveStatus } from "~/editor/use-collab-socket";
import { writerColor } from "~/editor/writer-color";
import { confirmFindingTranslation, findingChoices, getFinding, mayEditFinding, updateFinding } from "~/findings/findings.server";
import { FindingActionSchema } from "~/findings/schemas";
import { sideBySide } from "~/editor/side-by-side.server";
import { machineDraftLanguages } from "~/editor/rich-text.server";
import { resolveLanguage } from "~/i18n/language.server";
import { languages, type Lang } from "~/i18n/languages";
import { pickLocalized, type Localized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { href, withQuery } from "~/utils/links";
import { createOnce } from "~/utils/once.server";
import { ColumnTranslationRequest } from "~/components/translation-request";
import { openRequestsFor } from "~/translation/requests.server";
import { LocalizedText } from "~/components/localized";
import "~/i18n/pages/findings";

// The first HTML preloads the live editor (app/entry.server.tsx).
export const handle = { liveText: true };

export async function loader({ request, params }: Route.LoaderArgs) {
  const access = await requireProjectRole(request, params.projectId);
  const { user, role } = access;
  const viewer = { id: user.id, role };
  // A draft the reader may not see is, for them, not there.
  const finding = await getFinding(params.projectId, params.findingId, viewer);
  if (!finding) throw data({ message: "errors:notFound" }, { status: 404 });
  const { left, right, html } = sideBySide(request, await resolveLanguage(request, user), finding.sourceLang, finding.content);
  const canEdit = await mayEditFinding(viewer, { visitId: finding.visit?.id ?? null });
  const [threads, members, openRequests, machineDrafts] = await Promise.all([
    listThreads(params.projectId, { findingId: finding.id }, [left, right], viewer),
    listMentionable(params.projectId),
    openRequestsFor({ kind: "finding", id: finding.id }, viewer),
    machineDraftLanguages({ findingId: finding.id }),
  ]);
  return {
    openRequests,
    threads,
    members,
    canComment: can(role, "comment:write"),
    finding: { ...finding, content: undefined },
    html,
    left,
    right,
    canEdit,
    machineDrafts,
    choices: await findingChoices(params.projectId),
    writer: { name: user.name, color: writerColor(user.id) },
    projectId: params.projectId,
    ...(await attachmentsOf(access, { kind: "finding", id: finding.id })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const formData = await readForm(request);
  const form = parseForm(FindingActionSchema, formData);
  if (!form.ok) return data({ errors: form.errors, done: null as string | null }, { status: 400 });
  const input = form.data;
  const viewer = { id: user.id, role };
  // Editing needs the right to write findings; comments the right to comment, on a finding one may read.
  const commenting = input.intent !== "update" && input.intent !== "confirm";
  if (!can(role, commenting ? "comment:write" : "finding:write")) throw data({ message: "errors:forbidden" }, { status: 403 });
  if (commenting && !(await getFinding(params.projectId, params.findingId, viewer))) throw data({ message: "errors:notFound" }, { status: 404 });
  const target = { findingId: params.findingId };
  return createOnce(request, formData, user.id, async () => {
    try {
      switch (input.intent) {
        case "update":
          await updateFinding(viewer, params.projectId, params.findingId, { ...input, lang: await resolveLanguage(request, user) });
          break;
        case "confirm":
          await confirmFindingTranslation(viewer, params.projectId, params.findingId, input.lang);
          break;
        case "comment":
          await startThread(user.id, params.projectId, target, { ...input, writerLang: await resolveLanguage(request, user) });
          break;
        case "reply":
          await reply(user.id, params.projectId, target, input.threadId, { body: input.body, writerLang: await resolveLanguage(request, user) });
          break;
        case "resolve":
        case "reopen":
          await setResolved(viewer, params.projectId, target, input.threadId, input.intent === "resolve");
          break;
      }
      return data({ errors: {} as Record<string, string>, done: input.intent === "update" || input.intent === "confirm" ? (input.intent as string) : null });
    } catch (error) {
      return refusal(error, { done: null as string | null });
    }
  });
}

export default function FindingPage({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const { finding, left, right, html, canEdit, choices, writer } = loaderData;
  const { websocket, connection } = useCollabSocket();
  const errors = actionData?.errors ?? {};
  const local = (texts: Localized, originalLang: string) => pickLocalized(texts, originalLang as never, format.lang);
  const title = local(finding.titles, finding.originalLang);
  const [status, onStatus] = useLiveStatus(finding.status);
  const columnEditors = useColumnEditors();
  const memory = useRichTextMemory(finding.sourceLang, canEdit, columnEditors.editors);
  const drafts = useMachineDrafts({ kind: "finding", id: finding.id }, { sourceLang: finding.sourceLang, status, editable: canEdit, marked: loaderData.machineDrafts }, columnEditors.editors);
  const tags = choices.tags.filter((tag) => finding.tagIds.includes(tag.id));
  const { threads, members, canComment } = loaderData;
  const [pendingComment, setPendingComment] = useState<{ lang: Lang; anchor: NewAnchor } | null>(null);
  const anchorsFor = useCommentAnchors(threads);
  return (
    <>
      <p>
        <Link to={href("/projects/:projectId/findings", { projectId })}>
          {t("findings:back")}
        </Link>
      </p>
      <LiveHeading connection={connection}>
        <LocalizedText texts={finding.titles} original={finding.originalLang} />
      </LiveHeading>
      <dl className="facts">
        <dt>{t("findings:fields.state")}</dt>
        <dd>
          <span className={`badge finding-${finding.state}`}>{t(`findings:state.${finding.state}`)}</span>
        </dd>
        {finding.organisation ? (
          <>
            <dt>{t("findings:fields.organisation")}</dt>
            <dd>{format.localized(finding.organisation.names, finding.organisation.originalLang)}</dd>
          </>
        ) : null}
        {finding.visit ? (
          <>
            <dt>{t("findings:fields.visit")}</dt>
            <dd>
              <Link to={href("/projects/:projectId/visits/:visitId", { projectId, visitId: finding.visit.id })}>
                {local(finding.visit.titles, finding.visit.originalLang).text}
              </Link>
              {finding.agendaItem ? (
                <>
                  {" · "}
                  <Link to={href("/projects/:projectId/visits/:visitId/items/:itemId", { projectId, visitId: finding.visit.id, itemId: finding.agendaItem.id })}>
                    {local(finding.agendaItem.titles, finding.agendaItem.originalLang).text}
                  </Link>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {finding.author ? (
          <>
            <dt>{t("findings:fields.author")}</dt>
            <dd>{finding.author.name}</dd>
          </>
        ) : null}
        {tags.length > 0 ? (
          <>
            <dt>{t("findings:fields.tags")}</dt>
            <dd>
              {tags.map((tag) => (
                <Link key={tag.id} to={withQuery(href("/projects/:projectId/findings", { projectId }), { tag: tag.id })} className="chip">
                  {local(tag.names, "sv").text}
                </Link>
              ))}
            </dd>
          </>
        ) : null}
        {finding.sectionIds.length > 0 ? (
          <>
            <dt>{t("findings:fields.sections")}</dt>
            <dd>
              {choices.sections
                .filter((section) => finding.sectionIds.includes(section.id))
                .map((section) => (
                  <Link key={section.id} to={href("/projects/:projectId/plan/:sectionId", { projectId, sectionId: section.id })} className="chip">
                    <SectionTitleText title={section.title} />
                  </Link>
                ))}
            </dd>
          </>
        ) : null}
      </dl>
      <FormError error={errors.form} />
      {actionData?.done ? (
        <p className="notice" role="status">
          {t(`findings:done.${actionData.done}`)}
        </p>
      ) : null}
      <LanguagePickers left={left} right={right} />
      <div className="side-by-side">
        {([left, right] as Lang[]).map((lang) => (
          <LanguageColumn
            key={lang}
            lang={lang}
            status={status[lang]}
            sourceLang={finding.sourceLang}
            canConfirm={canEdit}
            websocket={websocket}
            documentName={findingDocumentName(finding.id, lang)}
            writer={writer}
            editable={canEdit}
            label={t("findings:textIn", { language: format.languageName(lang) })}
            html={html[lang]}
            onStatus={onStatus}
            anchors={anchorsFor[lang]}
            onComment={canComment ? (anchor) => setPendingComment({ lang, anchor }) : undefined}
            headerExtra={
              <>
                {drafts.controls(lang)}
                <ColumnTranslationRequest
                  projectId={projectId}
                  target={{ kind: "finding", id: finding.id }}
                  lang={lang}
                  sourceLang={finding.sourceLang}
                  status={status}
                  open={loaderData.openRequests}
                  canRequest={canComment}
                />
              </>
            }
            onEditor={columnEditors.onEditor(lang)}
            members={members}
          >
            {memory.panel(lang)}
            <CommentThreads
              lang={lang}
              threads={threads.filter((thread) => thread.lang === lang)}
              members={members}
              canComment={canComment}
              pending={pendingComment?.lang === lang ? pendingComment.anchor : null}
              onCancel={() => setPendingComment(null)}
            />
          </LanguageColumn>
        ))}
      </div>
      <Attachments projectId={loaderData.projectId} target={{ kind: "finding", id: finding.id }} attachments={loaderData.attachments} canAttach={loaderData.canAttach} />

      {canEdit ? (
        <details className="panel">
          <summary>{t("findings:edit")}</summary>
          <FindingForm
            intent="update"
            choices={choices}
            errors={errors}
            values={{
              titles: finding.titles,
              originalLang: finding.originalLang,
              organisationId: finding.organisation?.id ?? null,
              visitId: finding.visit?.id ?? null,
              agendaItemId: finding.agendaItem?.id ?? null,
              tagIds: finding.tagIds,
              sectionIds: finding.sectionIds,
              state: finding.state,
            }}
          />
        </details>
      ) : null}
    </>
  );
}
