// locales/<lang>/<namespace>.json
export const namespaces = ["common", "auth", "projects", "errors", "plan", "export", "milestones", "activity", "notifications", "visits", "findings", "files", "search", "budget", "reports", "results", "translationRequests", "ui", "nav", "home", "editor"] as const;
export const defaultNamespace = "common";
export type Namespace = (typeof namespaces)[number];

/**
 * What the site's and the project's frame use (header, navigation, search, error pages, forms'
 * messages): fetched with the reader's language before any page (app/i18n/translations/<lang>.ts).
 * Every other namespace comes with the pages that use it (app/i18n/pages/, decision 025).
 */
export const coreNamespaces = ["common", "errors", "projects", "search", "ui", "nav"] as const satisfies readonly Namespace[];
