import { AtSign, CircleCheck, Flag, Gavel, Languages, NotebookPen } from "lucide-react";
import { Link } from "react-router";
import { LocalizedText } from "~/components/localized";
import { groupAgenda, type AgendaItem, type AgendaKind } from "~/home/agenda";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import { href } from "~/utils/links";
import "~/i18n/pages/home";

// "What needs me" (decision 026): the home page, a project's overview and the notifications page
// show the same list, grouped by kind, each item one click from the place to act.

const icons = { decision: Gavel, translation: Languages, milestone: Flag, minutes: NotebookPen, mention: AtSign } satisfies Record<AgendaKind, unknown>;

function ItemFacts({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const facts: string[] = [];
  if (item.kind === "translation" && item.language) facts.push(t("home:item.into", { language: format.languageName(item.language) }));
  if (item.kind === "minutes") facts.push(t("home:item.minutes"));
  if (item.detail === "changes_requested") facts.push(t("home:item.changesRequested"));
  if (item.by) facts.push(t(item.kind === "decision" ? "home:item.by" : "home:item.askedBy", { name: item.by }));
  return facts.length > 0 ? <span className="muted">{facts.join(" · ")}</span> : null;
}

export function AgendaList({ items, headingLevel = 2, showProject = true, emptyText }: { items: AgendaItem[]; headingLevel?: 2 | 3; showProject?: boolean; emptyText: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (items.length === 0) {
    return (
      <p className="agenda-empty">
        <CircleCheck aria-hidden="true" size={20} /> <span>{emptyText}</span>
      </p>
    );
  }
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="agenda">
      {groupAgenda(items).map((group) => {
        const Icon = icons[group.kind];
        return (
          <section key={group.kind} className="agenda-group" aria-labelledby={`agenda-${group.kind}`}>
            <Heading id={`agenda-${group.kind}`}>
              <Icon aria-hidden="true" size={18} /> {t(`home:groups.${group.kind}`)} <span className="badge">{group.items.length}</span>
            </Heading>
            <ul className="agenda-items">
              {group.items.map((item) => (
                <li key={item.key} className={item.overdue ? "agenda-item overdue" : "agenda-item"}>
                  <Link to={item.link} className="agenda-title">
                    {item.kind === "mention" ? t("home:item.mentionedBy", { name: item.by ?? "" }) : <LocalizedText texts={item.titles} original={item.original} withOriginal={false} />}
                  </Link>
                  {item.kind === "mention" && item.titles[format.lang] ? <q className="agenda-quote">{item.titles[format.lang]}</q> : null}
                  <span className="agenda-meta">
                    {item.kind === "mention" ? null : <ItemFacts item={item} />}
                    {item.due ? (
                      <span className={item.overdue ? "agenda-due overdue-label" : "agenda-due"}>
                        {t(item.overdue ? "home:item.overdue" : "home:item.due", { date: format.calendarDate(item.due) })}
                      </span>
                    ) : null}
                    {showProject ? (
                      <Link to={href("/projects/:projectId", { projectId: item.project.id })} className="agenda-project">
                        {format.localized(item.project.titles, item.project.original)}
                      </Link>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
