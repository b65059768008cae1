import { index, route, type RouteConfig } from "@react-router/dev/routes";

// Addresses are stable (DESIGN.md): people bookmark and share them.
export default [
  index("routes/index.ts"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("language", "routes/language.ts"),
  route("invite/:token", "routes/invite.tsx"),
  route("reset-password", "routes/reset-password.tsx"),
  route("profile", "routes/profile.tsx"),
  route("notifications", "routes/notifications.tsx"),
  route("projects", "routes/projects.tsx"),
  route("projects/new", "routes/projects.new.tsx"),
  route("projects/:projectId", "routes/project.tsx", [
    index("routes/project.overview.tsx"),
    route("members", "routes/project.members.tsx"),
    route("milestones", "routes/project.milestones.tsx"),
    route("milestones/:milestoneId", "routes/project.milestone.tsx"),
    route("settings", "routes/project.settings.tsx"),
    route("activity", "routes/project.activity.tsx"),
    route("audit", "routes/project.audit.tsx"),
    route("audit/csv", "routes/project.audit.csv.ts"),
    route("plan", "routes/project.plan.tsx"),
    route("plan/glossary", "routes/project.plan.glossary.tsx"),
    route("plan/snapshots/:snapshotId", "routes/project.plan.snapshot.tsx"),
    route("plan/export", "routes/project.plan.export.ts"),
    route("plan/print", "routes/project.plan.print.tsx"),
    route("plan/:sectionId/history", "routes/project.plan.history.tsx"),
    route("plan/:sectionId", "routes/project.plan.section.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
