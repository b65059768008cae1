import { BookOpen } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, useNavigation, useParams } from "react-router";
import type { Route } from "./+types/project.plan";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { FormError } from "~/components/field";
import { ExportLanguageFields } from "~/components/export-languages";
import { SectionTitleText, useSectionTitle } from "~/components/section-title";
import { TranslationBadge } from "~/components/translation-badge";
import { resolveLanguage } from "~/i18n/language.server";
import { languages } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { addSection, listSections, moveSection, removeSection, renameSection } from "~/plan/plan.server";
import { PlanActionSchema } from "~/plan/schemas";
import { createSnapshot, listSnapshots } from "~/plan/versions.server";
import { parseForm, readForm } from "~/utils/forms";
import { createOnce } from "~/utils/once.server";
import { refusal } from "~/utils/domain-error";
import { href } from "~/utils/links";
import { FormKey } from "~/components/form-key";
import { CreateDialog } from "~/components/create-dialog";
import { ConfirmButton } from "~/components/confirm-button";
import { LocalizedInput } from "~/components/localized";
import "~/i18n/pages/export";
import "~/i18n/pages/milestones";
import "~/i18n/pages/plan";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { role } = await requireProjectRole(request, params.projectId);
  const [sections, snapshots] = await Promise.all([listSections(params.projectId), listSnapshots(params.projectId)]);
  return { sections, snapshots, canEdit: can(role, "plan:edit") };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "plan:edit");
  const formData = await readForm(request);
  const form = parseForm(PlanActionSchema, formData);
  // Whether the add form answered: its refusal is shown in its dialog (decision 027).
  const adding = formData.get("intent") === "add";
  if (!form.ok) return data({ errors: form.errors, snapshot: null, added: null as string | null, adding }, { status: 400 });
  const lang = await resolveLanguage(request, user);
  return createOnce(request, formData, user.id, async () => {
    try {
      switch (form.data.intent) {
        case "add": {
          // A new key, so each addition closes the dialog and is announced (decision 027).
          await addSection(user.id, params.projectId, { title: form.data.title, lang });
          return data({ errors: {} as Record<string, string>, snapshot: null, added: crypto.randomUUID() as string | null, adding });
        }
        case "rename":
          await renameSection(user.id, params.projectId, form.data.sectionId, { title: form.data.title, lang });
          break;
        case "move":
          await moveSection(user.id, params.projectId, form.data.sectionId, form.data.direction);
          break;
        case "remove":
          await removeSection(user.id, params.projectId, form.data.sectionId);
          break;
        case "snapshot":
          await createSnapshot(user.id, params.projectId, form.data.name);
          return data({ errors: {} as Record<string, string>, snapshot: form.data.name, added: null, adding });
      }
      return data({ errors: {} as Record<string, string>, snapshot: null, added: null, adding });
    } catch (error) {
      return refusal(error, { snapshot: null, added: null, adding });
    }
  });
}

export default function Plan({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const { lang } = format;
  const titleOf = useSectionTitle();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const errors = actionData?.errors ?? {};
  // The add form's errors, for its dialog: a refused addition sends its title field back.
  const addErrors = actionData?.adding ? errors : undefined;
  const { sections, canEdit } = loaderData;
  return (
    <>
      <div className="page-head">
        <h1>{t("plan:title")}</h1>
        {canEdit ? (
          <CreateDialog id="new-section" label={t("plan:list.add")} created={t("plan:list.added")} errors={addErrors} createdHere={actionData?.added}>
            <Form method="post" className="stack" noValidate>
              <FormKey />
              <input type="hidden" name="intent" value="add" />
              <FormError error={addErrors?.form} />
              <LocalizedInput label={t("plan:list.addTitle")} name="title" max={200} required error={addErrors?.title} />
              <button type="submit" className="primary" disabled={busy}>
                {t("plan:list.addSubmit")}
              </button>
            </Form>
          </CreateDialog>
        ) : null}
      </div>
      <p className="muted">{t("plan:list.intro")}</p>
      <div className="plan-doc-invite">
        <Link to={href("/projects/:projectId/plan/document", { projectId })} className="button">
          <BookOpen aria-hidden="true" size={18} /> {t("plan:document.readWhole")}
        </Link>
        <p className="hint">{t("plan:document.readWholeHint")}</p>
      </div>
      <p>
        <Link to={href("/projects/:projectId/plan/glossary", { projectId })}>
          {t("plan:glossary.title")}
        </Link>
      </p>
      {addErrors ? null : <FormError error={errors.form} />}
      {actionData?.snapshot ? (
        <p className="notice" role="status">
          {t("plan:snapshot.saved", { name: actionData.snapshot })}
        </p>
      ) : null}
      {canEdit ? (
        <details className="panel">
          <summary>{t("plan:snapshot.title")}</summary>
          <Form method="post" className="inline-form snapshot-form">
            <FormKey />
            <input type="hidden" name="intent" value="snapshot" />
            <label htmlFor="snapshot-name">{t("plan:snapshot.name")}</label>
            <input id="snapshot-name" name="name" required maxLength={200} placeholder={t("plan:snapshot.placeholder")} />
            <button type="submit" disabled={busy}>
              {t("plan:snapshot.submit")}
            </button>
          </Form>
        </details>
      ) : null}
      {loaderData.snapshots.length > 0 ? (
        <section aria-labelledby="snapshots-heading">
          <h2 id="snapshots-heading">{t("plan:snapshot.list")}</h2>
          <ul className="plain-list">
            {loaderData.snapshots.map((snapshot) => (
              <li key={snapshot.id}>
                <Link to={href("/projects/:projectId/plan/snapshots/:snapshotId", { projectId, snapshotId: snapshot.id })}>{snapshot.name}</Link> <span className="muted">{format.dateTime(snapshot.createdAt)}</span>{" "}
                {snapshot.approval ? <span className={`badge request-${snapshot.approval}`}>{t(`milestones:requestStatus.${snapshot.approval}`)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {sections.length === 0 ? <p>{t("plan:list.empty")}</p> : null}
      <ol className="section-list">
        {sections.map((section, index) => {
          const title = titleOf(section.title).text;
          return (
            <li key={section.id} className="section-row">
              <div className="section-main">
                <Link to={href("/projects/:projectId/plan/:sectionId", { projectId, sectionId: section.id })} className="section-link">
                  <SectionTitleText title={section.title} />
                </Link>
                <span className="visually-hidden">{t("plan:list.languages")}:</span>
                <span className="badges">
                  {languages.map((code) => (
                    <TranslationBadge key={code} lang={code} status={section.status[code]} />
                  ))}
                </span>
              </div>
              {canEdit ? (
                <div className="row-actions">
                  <Form method="post">
                    <FormKey />
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="sectionId" value={section.id} />
                    <button type="submit" name="direction" value="up" disabled={busy || index === 0} aria-label={t("plan:list.moveUpNamed", { title })}>
                      ↑
                    </button>
                    <button type="submit" name="direction" value="down" disabled={busy || index === sections.length - 1} aria-label={t("plan:list.moveDownNamed", { title })}>
                      ↓
                    </button>
                  </Form>
                  <details className="rename">
                    <summary aria-label={t("plan:list.renameNamed", { title })}>{t("plan:list.rename")}</summary>
                    <Form method="post" className="inline-form">
                      <FormKey />
                      <input type="hidden" name="intent" value="rename" />
                      <input type="hidden" name="sectionId" value={section.id} />
                      <LocalizedInput
                        label={t("plan:list.newTitle", { language: format.languageName(lang) })}
                        name="title"
                        values={section.title.kind ? { [lang]: title } : (section.title.titles ?? {})}
                        original={section.title.titleLang}
                        max={200}
                        required
                      />
                      <button type="submit" disabled={busy}>
                        {t("actions.save")}
                      </button>
                    </Form>
                  </details>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="sectionId" value={section.id} />
                    <ConfirmButton
                      className="danger"
                      disabled={busy}
                      label={t("plan:list.remove")}
                      accessibleName={t("plan:list.removeNamed", { title })}
                      title={t("plan:list.confirmRemoveTitle")}
                      message={t("plan:list.confirmRemove", { title })}
                      confirmLabel={t("plan:list.confirmRemoveButton")}
                    />
                  </Form>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {sections.length > 0 ? <ExportPanel sections={sections} /> : null}
    </>
  );
}

/** The plan as a .docx download or a print page, in one language or two side by side (GET, any member). */
function ExportPanel({ sections }: { sections: Route.ComponentProps["loaderData"]["sections"] }) {
  const { t } = useTranslation();
  const { projectId } = useParams() as { projectId: string };
  const [error, setError] = useState<string | undefined>();
  const exportUrl = href("/projects/:projectId/plan/export", { projectId });
  const check = (event: FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    const problem =
      form.getAll("sections").length === 0
        ? "export:panel.chooseSection"
        : form.get("second") === form.get("lang")
          ? "export:panel.sameLanguage"
          : undefined;
    if (problem) event.preventDefault();
    setError(problem);
  };
  return (
    <section className="panel stack" aria-labelledby="export-title">
      <h2 id="export-title">{t("export:panel.title")}</h2>
      <p className="muted">{t("export:panel.intro")}</p>
      <form method="get" action={exportUrl} className="stack" onSubmit={check}>
        <ExportLanguageFields idPrefix="export" />
        <fieldset className="field">
          <legend>{t("export:panel.sections")}</legend>
          {sections.map((section) => (
            <label key={section.id} className="checkbox">
              <input type="checkbox" name="sections" value={section.id} defaultChecked />
              <span>
                <SectionTitleText title={section.title} />
              </span>
            </label>
          ))}
        </fieldset>
        <FormError error={error} />
        <div className="row-actions">
          <button type="submit" className="primary" formAction={exportUrl}>
            {t("export:panel.download")}
          </button>
          <button type="submit" formAction={href("/projects/:projectId/plan/print", { projectId })}>
            {t("export:panel.printPage")}
          </button>
        </div>
      </form>
    </section>
  );
}
