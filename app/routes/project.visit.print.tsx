import { Fragment } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { data, Link } from "react-router";
import type { Route } from "./+types/project.visit.print";
import { requireProjectRole } from "~/auth/project-access.server";
import { PrintColumns, PrintText } from "~/components/print-text";
import { parseVisitExportQuery, visitPrint, type Line, type VisitPrint as VisitPrintData } from "~/visits/export.server";
import printStyles from "~/styles/print.css?url";
import { href } from "~/utils/links";
import "~/i18n/pages/export";
import "~/i18n/pages/visits";

// A visit's programme with its minutes to print or save as PDF: ?langs=sv or ?langs=sv,zh side by side.

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { projectId } = await requireProjectRole(request, params.projectId);
  const query = parseVisitExportQuery(new URL(request.url));
  if (!query.success) throw data({ message: "errors:badRequest" }, { status: 400 });
  const visit = await visitPrint(projectId, params.visitId, query.data.langs);
  if (!visit) throw data({ message: "errors:notFound" }, { status: 404 });
  return { projectId, visitId: params.visitId, visit };
}

export default function VisitPrint({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { projectId, visitId, visit } = loaderData;
  const twoColumns = visit.columns.length > 1;
  const { programme } = visit;
  return (
    <>
      <title>{`${t("visits:export.printTitle")} · ${visit.fileTitle}`}</title>
      <div className="print-toolbar">
        <Link to={href("/projects/:projectId/visits/:visitId", { projectId, visitId })}>{t("visits:backToVisit", { title: visit.fileTitle })}</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t("export:print.print")}
        </button>
        <p className="hint">{t("export:print.hint")}</p>
      </div>
      <article className={`print-plan${twoColumns ? " print-plan-two" : ""}`}>
        <header className="print-heading">
          <h1>
            <Lines lines={visit.title} />
          </h1>
          <p className="print-subtitle">
            <Lines lines={visit.subtitle} />
          </p>
          <Facts facts={visit.facts} />
        </header>

        {visit.purpose ? (
          <section className="print-section" aria-labelledby="print-purpose">
            <h2 id="print-purpose">
              <Lines lines={visit.purpose.label} />
            </h2>
            <PrintColumns columns={visit.columns}>
              {(lang) => {
                const line = visit.purpose!.texts.find((entry) => entry.lang === lang)!;
                return (
                  <p>
                    <Lines lines={[line]} />
                  </p>
                );
              }}
            </PrintColumns>
          </section>
        ) : null}

        {visit.delegation.groups.length > 0 ? (
          <section className="print-section" aria-labelledby="print-delegation">
            <h2 id="print-delegation">
              <Lines lines={visit.delegation.label} />
            </h2>
            {visit.delegation.groups.map((group) => (
              <Fragment key={group.role}>
                <h3>
                  <Lines lines={group.label} />
                </h3>
                <ul>
                  {group.people.map((person, index) => (
                    <li key={index}>{person}</li>
                  ))}
                </ul>
              </Fragment>
            ))}
          </section>
        ) : null}

        <section className="print-section" aria-labelledby="print-programme">
          <h2 id="print-programme">
            <Lines lines={programme.label} />
          </h2>
          <p className="print-missing">
            <Lines lines={programme.hostClock} />
          </p>
          {programme.empty ? (
            <p>
              <Lines lines={programme.empty} />
            </p>
          ) : null}
          {programme.days.map((day) => (
            <Fragment key={day.day}>
              <h3>
                <Lines lines={day.label} />
              </h3>
              {day.items.map((item) => (
                <section key={item.id} aria-labelledby={`print-${item.id}`}>
                  <h4 id={`print-${item.id}`}>
                    <time>{item.time}</time> <Lines lines={item.titles} />
                  </h4>
                  <Facts facts={item.facts} />
                  {item.minutes ? (
                    <>
                      <p>
                        <strong>
                          <Lines lines={programme.minutesLabel} />
                        </strong>
                      </p>
                      <PrintColumns columns={visit.columns}>{(lang) => <PrintText cell={item.minutes!.find((cell) => cell.lang === lang)!} />}</PrintColumns>
                    </>
                  ) : (
                    <p className="print-missing">
                      <Lines lines={item.noMinutes} />
                    </p>
                  )}
                </section>
              ))}
            </Fragment>
          ))}
        </section>
      </article>
    </>
  );
}

/** Texts in the chosen languages, " / " between them, each marked with its language. */
function Lines({ lines }: { lines: Line[] }) {
  return lines.map((line, index) => (
    <Fragment key={line.lang}>
      {index > 0 ? " / " : null}
      <span lang={line.htmlLang}>{line.text}</span>
      {line.note ? (
        <span className="muted print-note" lang={line.noteLang}>
          {" "}
          {line.note}
        </span>
      ) : null}
    </Fragment>
  ));
}

function Facts({ facts }: { facts: VisitPrintData["facts"] }) {
  return facts.map((fact, index) => (
    <p key={index}>
      <strong>
        <Lines lines={fact.label} />:
      </strong>{" "}
      <Lines lines={fact.value} />
    </p>
  ));
}
