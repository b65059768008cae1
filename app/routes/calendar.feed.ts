import type { Route } from "./+types/calendar.feed";
import { feedLookupsBlocked, personalCalendar, recordUnknownFeed } from "~/calendar/feeds.server";
import { calendarHeaders } from "~/calendar/ical.server";
import { refusalResponse } from "~/files/http.server";

// A person's calendar, for calendar apps that subscribe to it: no session, the secret address is
// the authorization (decision 037). An unknown, renewed or malformed address gets the same 404.
export async function loader({ request, params, context }: Route.LoaderArgs) {
  if (await feedLookupsBlocked(context.clientAddress)) return refusalResponse(request, 429, "errors:tooManyRequests");
  const ics = await personalCalendar(params.token);
  if (ics === null) {
    await recordUnknownFeed(context.clientAddress);
    return refusalResponse(request, 404, "errors:notFound");
  }
  return new Response(ics, { headers: calendarHeaders("partnership.ics") });
}
