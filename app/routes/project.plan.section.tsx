import { useMemo, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/project.plan.section";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { planDocumentName } from "~/collab/document-name";
import { CommentThreads } from "~/components/comment-threads";
import { FormError } from "~/components/field";
import { LanguageColumn, LanguagePickers } from "~/components/language-columns";
import { useRichTextMemory } from "~/components/memory-suggestions";
import { useMachineDrafts } from "~/components/machine-draft";
import { useColumnEditors } from "~/editor/use-column-editors";
import { LiveHeading } from "~/components/live-heading";
import type { NewAnchor } from "~/editor/comment-anchors";
import { useCollabSocket, useCommentAnchors, useLiveStatus } from "~/editor/use-collab-socket";
import { writerColor } from "~/editor/writer-color";
import { SectionTitleText } from "~/components/section-title";
import { sideBySide } from "~/editor/side-by-side.server";
import { machineDraftLanguages } from "~/editor/rich-text.server";
import { resolveLanguage } from "~/i18n/language.server";
import { languageNames, languages, type Lang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { listMentionable, listThreads, reply, setResolved, startThread } from "~/plan/comments.server";
import { listGlossary } from "~/plan/glossary.server";
import { confirmTranslation, getSection, setSourceLanguage } from "~/plan/plan.server";
import { SectionActionSchema } from "~/plan/schemas";
import { parseForm, readForm } from "~/utils/forms";
import { createOnce } from "~/utils/once.server";
import { listFindingsForSection } from "~/findings/findings.server";
import { pickLocalized } from "~/i18n/localized";
import { refusal } from "~/utils/domain-error";
import { href } from "~/utils/links";
import { planDocumentHref } from "~/plan/document-links";
import { ColumnTranslationRequest } from "~/components/translation-request";
import { openRequestsFor } from "~/translation/requests.server";
import "~/i18n/pages/findings";
import "~/i18n/pages/plan";


// The first HTML preloads the live editor (app/entry.server.tsx).
export const handle = { liveText: true };

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const section = await getSection(params.projectId, params.sectionId);
  if (!section) throw data({ message: "errors:notFound" }, { status: 404 });
  const { left, right, html } = sideBySide(request, await resolveLanguage(request, user), section.sourceLang, section.content);
  const [glossary, threads, members, findings, openRequests, machineDrafts] = await Promise.all([
    listGlossary(params.projectId),
    listThreads(params.projectId, { sectionId: section.id }, [left, right], { id: user.id, role }),
    listMentionable(params.projectId),
    listFindingsForSection(params.projectId, section.id, { id: user.id, role }),
    openRequestsFor({ kind: "plan_section", id: section.id }, { id: user.id, role }),
    machineDraftLanguages({ sectionId: section.id }),
  ]);
  return {
    openRequests,
    findings,
    glossary,
    threads,
    members,
    canComment: can(role, "comment:write"),
    section: { id: section.id, title: section.title, sourceLang: section.sourceLang, status: section.status },
    html,
    left,
    right,
    canEdit: can(role, "plan:edit"),
    machineDrafts,
    writer: { name: user.name, color: writerColor(user.id) },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const formData = await readForm(request);
  const form = parseForm(SectionActionSchema, formData);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const input = form.data;
  // Editing rights for the text's status; commenting rights for comments (docs/roles.md).
  const needed = input.intent === "confirm" || input.intent === "setSource" ? "plan:edit" : "comment:write";
  if (!can(role, needed)) throw data({ message: "errors:forbidden" }, { status: 403 });
  return createOnce(request, formData, user.id, async () => {
    try {
      switch (input.intent) {
        case "confirm":
          await confirmTranslation(user.id, params.projectId, params.sectionId, input.lang);
          break;
        case "setSource":
          await setSourceLanguage(user.id, params.projectId, params.sectionId, input.lang);
          break;
        case "comment":
          await startThread(user.id, params.projectId, { sectionId: params.sectionId }, { ...input, writerLang: await resolveLanguage(request, user) });
          break;
        case "reply":
          await reply(user.id, params.projectId, { sectionId: params.sectionId }, input.threadId, { body: input.body, writerLang: await resolveLanguage(request, user) });
          break;
        case "resolve":
        case "reopen":
          await setResolved({ id: user.id, role }, params.projectId, { sectionId: params.sectionId }, input.threadId, input.intent === "resolve");
          break;
      }
      return data({ errors: {} as Record<string, string> });
    } catch (error) {
      return refusal(error);
    }
  });
}

export default function PlanSection({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId, sectionId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const { section, left, right, canEdit, writer, html, glossary, threads, members, canComment } = loaderData;
  const [pendingComment, setPendingComment] = useState<{ lang: Lang; anchor: NewAnchor } | null>(null);
  const anchorsFor = useCommentAnchors(threads);
  // Each text highlights the glossary's terms in its own language, explained in the others.
  const glossaryFor = useMemo(() => {
    const byLang = {} as Record<Lang, { term: string; explanation: string }[]>;
    for (const lang of languages) {
      byLang[lang] = glossary
        .filter((term) => term[lang])
        .map((term) => ({
          term: term[lang],
          explanation: [...languages.filter((other) => other !== lang && term[other]).map((other) => `${languageNames[other]}: ${term[other]}`), term.note]
            .filter(Boolean)
            .join(" · "),
        }));
    }
    return byLang;
  }, [glossary]);
  const navigation = useNavigation();
  const { websocket, connection } = useCollabSocket();

  const [status, onStatus] = useLiveStatus(section.status);

  const columns = useMemo(() => [left, right] as Lang[], [left, right]);
  const columnEditors = useColumnEditors();
  const memory = useRichTextMemory(section.sourceLang, canEdit, columnEditors.editors);
  const drafts = useMachineDrafts({ kind: "section", id: section.id }, { sourceLang: section.sourceLang, status, editable: canEdit, marked: loaderData.machineDrafts }, columnEditors.editors);
  const busy = navigation.state !== "idle";
  return (
    <>
      <p className="row-actions">
        <Link to={href("/projects/:projectId/plan", { projectId })}>
          {t("plan:editor.backToPlan")}
        </Link>
        <Link to={planDocumentHref(projectId, [left, right], sectionId)}>{t("plan:document.backToDocument")}</Link>
        <Link to={href("/projects/:projectId/plan/:sectionId/history", { projectId, sectionId })}>
          {t("plan:editor.history")}
        </Link>
        <Link to={href("/projects/:projectId/plan/glossary", { projectId })}>
          {t("plan:glossary.title")}
        </Link>
      </p>
      <LiveHeading connection={connection}>
        <SectionTitleText title={section.title} />
      </LiveHeading>
      {!canEdit ? <p className="notice">{t("plan:editor.readOnly")}</p> : null}
      {loaderData.findings.length > 0 ? (
        <aside className="panel" aria-labelledby="section-findings">
          <h2 id="section-findings">{t("findings:onSection")}</h2>
          <ul className="plain-list">
            {loaderData.findings.map((finding) => (
              <li key={finding.id}>
                <Link to={href("/projects/:projectId/findings/:findingId", { projectId, findingId: finding.id })}>
                  {pickLocalized(finding.titles, finding.originalLang, format.lang).text}
                </Link>
                {finding.state === "draft" ? <span className="muted"> ({t("findings:state.draft")})</span> : null}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      <FormError error={actionData?.errors.form} />
      <LanguagePickers left={left} right={right} />
      <div className="side-by-side">
        {columns.map((lang) => (
          <LanguageColumn
            key={lang}
            lang={lang}
            status={status[lang]}
            sourceLang={section.sourceLang}
            canConfirm={canEdit}
            websocket={websocket}
            documentName={planDocumentName(section.id, lang)}
            writer={writer}
            editable={canEdit}
            label={t("plan:editor.textIn", { language: format.languageName(lang) })}
            html={html[lang]}
            onStatus={onStatus}
            glossary={glossaryFor[lang]}
            anchors={anchorsFor[lang]}
            onComment={canComment ? (anchor) => setPendingComment({ lang, anchor }) : undefined}
            onEditor={columnEditors.onEditor(lang)}
            members={members}
            headerExtra={
              <>
                {drafts.controls(lang)}
                {canEdit && lang !== section.sourceLang ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="setSource" />
                    <input type="hidden" name="lang" value={lang} />
                    <button type="submit" className="link-button" disabled={busy}>
                      {t("plan:editor.makeSource", { language: format.languageName(lang) })}
                    </button>
                  </Form>
                ) : null}
                <ColumnTranslationRequest
                  projectId={projectId}
                  target={{ kind: "plan_section", id: section.id }}
                  lang={lang}
                  sourceLang={section.sourceLang}
                  status={status}
                  open={loaderData.openRequests}
                  canRequest={canComment}
                />
              </>
            }
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
    </>
  );
}
