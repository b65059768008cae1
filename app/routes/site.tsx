import { Outlet } from "react-router";
import type { Route } from "./+types/site";
import { ErrorPage } from "~/components/error-page";

/**
 * Every page sits under this layout so that a failed action has a boundary below the root: React
 * Router runs the loaders above the boundary only, so with the boundary here the root's loader
 * still runs and the error page keeps the reader's language and the signed-in header.
 */
export default function Site() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />;
}
