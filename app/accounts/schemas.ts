import { z } from "zod";
import { languages } from "~/i18n/languages";

// One schema per form; messages are i18n keys (see parseForm).
export const email = z
  .string("errors:required")
  .trim()
  .toLowerCase()
  .min(1, "errors:required")
  .max(254, "errors:tooLong")
  .pipe(z.email("errors:email"));

export const newPassword = z.string("errors:required").min(10, "errors:passwordTooShort").max(200, "errors:tooLong");

export const personName = z.string("errors:required").trim().min(1, "errors:required").max(120, "errors:tooLong");

export const timeZone = z
  .string("errors:required")
  .refine((value) => Intl.supportedValuesOf("timeZone").includes(value) || value === "UTC", "errors:timeZone");

export const SignInSchema = z.object({
  email,
  password: z.string("errors:required").min(1, "errors:required").max(200, "errors:tooLong"),
  redirectTo: z.string().optional(),
});

export const ProfileSchema = z.object({
  intent: z.literal("profile"),
  name: personName,
  language: z.enum(languages, "errors:invalid"),
  timeZone,
  emailNotifications: z.enum(["each", "daily", "none"], "errors:invalid"),
  // Checkboxes: one ticked arrives as a string, several as a list, none not at all.
  writesLanguages: z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(languages, "errors:invalid")).min(1, "errors:writesLanguagesRequired").max(languages.length, "errors:invalid"),
  ),
});

export const PasswordChangeSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string("errors:required").min(1, "errors:required").max(200, "errors:tooLong"),
    newPassword,
    confirmPassword: z.string("errors:required"),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors:passwordsDiffer",
  });

export const AcceptInvitationSchema = z
  .object({
    name: personName,
    password: newPassword,
    confirmPassword: z.string("errors:required"),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors:passwordsDiffer",
  });

export const AcceptAsExistingSchema = z.object({
  password: z.string("errors:required").min(1, "errors:required").max(200, "errors:tooLong"),
});

export const ResetRequestSchema = z.object({ email });

export const ResetPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: newPassword,
    confirmPassword: z.string("errors:required"),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors:passwordsDiffer",
  });
