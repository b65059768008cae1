// The kinds of the feed's filter, for the browser (the prefixes they stand for are server-side).
export const activityKindNames = ["plan", "comments", "milestones", "members", "project", "visits", "findings", "budget", "files"] as const;
