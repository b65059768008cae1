// locales/<lang>/<namespace>.json
export const namespaces = ["common", "auth", "projects", "errors", "plan", "export", "milestones", "activity"] as const;
export const defaultNamespace = "common";
