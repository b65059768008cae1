// locales/<lang>/<namespace>.json
export const namespaces = ["common", "auth", "projects", "errors", "plan", "export", "milestones"] as const;
export const defaultNamespace = "common";
