import { z } from "zod";

/** Where the two cities' clocks are: Västerås and Jinan. */
export const partnerTimeZones = ["Europe/Stockholm", "Asia/Shanghai"] as const;
export type PartnerTimeZone = (typeof partnerTimeZones)[number];

/** A time on a city's clock as the datetime-local field sends it (YYYY-MM-DDTHH:mm); 25:00 or 30 February is refused. */
export const wallTime = z
  .string("errors:required")
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors:dateTime")
  .refine((value) => {
    const date = new Date(`${value}:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 16) === value;
  }, "errors:dateTime");

export const partnerTimeZone = z.enum(partnerTimeZones, "errors:invalid");
