import { redirect } from "react-router";
import type { Route } from "./+types/index";
import { getUser } from "~/auth/session.server";
import { href } from "~/utils/links";

export async function loader({ request }: Route.LoaderArgs) {
  return redirect((await getUser(request)) ? href("/projects") : href("/login"));
}
