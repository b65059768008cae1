import { redirect } from "react-router";
import type { Route } from "./+types/project.budget.rates";
import { requireProjectRole } from "~/auth/project-access.server";
import { href } from "~/utils/links";

// The exchange-rate table lives on the ledger's page; its own address (people bookmark it) leads
// there, for members only like every project address.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { projectId } = await requireProjectRole(request, params.projectId);
  return redirect(`${href("/projects/:projectId/budget/expenses", { projectId })}#rates`);
}
