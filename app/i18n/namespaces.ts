// locales/<lang>/<namespace>.json
export const namespaces = ["common", "auth", "projects", "errors", "plan", "export", "milestones", "activity", "notifications", "visits", "findings", "files", "search", "budget", "reports", "results", "translationRequests", "editor"] as const;
export const defaultNamespace = "common";
