// How much script a page makes the browser download on a first visit, counted from the production
// build (`react-router build`): the one way the size test (tests/unit/client-script.test.ts) and
// the page benchmark (scripts/bench/pages.ts) count it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { ServerBuild } from "react-router";
import { languages } from "~/i18n/languages";

/** Compressed script on a page without an editor (issue 13, docs/product.md). */
export const SCRIPT_BUDGET_BYTES = 150 * 1024;

/** Pages with a live editor (their routes' ids): the editor's code may load there, and only there. */
export const EDITOR_ROUTES: readonly string[] = ["routes/project.plan.section", "routes/project.visit.item", "routes/project.finding"];

export type ScriptFile = { file: string; raw: number; gzip: number };
export type PageScript = {
  /** The route's id, e.g. "routes/project.budget.expenses". */
  routeId: string;
  /** The page's address pattern, e.g. "/projects/:projectId/budget/expenses". */
  path: string;
  editor: boolean;
  /** Largest first. */
  files: ScriptFile[];
  /** The page's script files but translations: the entry's and its routes' modules. */
  modules: string[];
  /** The page namespaces its modules load (app/i18n/pages/, decision 025). */
  namespaces: string[];
  raw: number;
  gzip: number;
};

type Manifest = ServerBuild["assets"];
/** A route of the browser's manifest; only defined entries (the type allows holes). */
type ManifestRoute = NonNullable<Manifest["routes"][string]>;

/**
 * Every page of the route map (a route without children that renders something; resource routes,
 * which answer with a file or a redirect, are not pages) with the script its first visit loads:
 * the client entry and, for the page's route and every layout above it, the route module and its
 * static imports (what React Router's manifest lists and the page modulepreloads), plus the
 * translations the entry fetches for the reader's language (the largest of the three languages).
 * Sizes are gzip at level 6, as the server's compression middleware sends them.
 */
export async function pageScripts(buildDir = "build"): Promise<PageScript[]> {
  const serverBuild = (await import(pathToFileURL(path.resolve(buildDir, "server/index.js")).href)) as ServerBuild;
  const manifest = serverBuild.assets;
  const clientDir = path.resolve(buildDir, "client");
  const sizes = new Map<string, ScriptFile>();
  const size = (file: string): ScriptFile => {
    let known = sizes.get(file);
    if (!known) {
      const body = readFileSync(path.join(clientDir, file));
      known = { file, raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
      sizes.set(file, known);
    }
    return known;
  };

  const translations = translationFiles(clientDir, manifest);
  const routes = Object.values(manifest.routes).filter((route): route is ManifestRoute => route !== undefined);
  const withParents = (route: ManifestRoute): ManifestRoute[] => {
    const parent = route.parentId ? manifest.routes[route.parentId] : undefined;
    return parent ? [...withParents(parent), route] : [route];
  };
  const hasChildren = new Set(routes.map((route) => route.parentId));

  const pages: PageScript[] = [];
  for (const route of routes) {
    // A page renders something; a resource route (a file, a redirect) has no component.
    if (hasChildren.has(route.id) || !serverBuild.routes[route.id]?.module.default) continue;
    const chain = withParents(route);
    const modules = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
    for (const layer of chain) {
      for (const file of [layer.module, ...(layer.imports ?? []), layer.clientActionModule, layer.clientLoaderModule, layer.clientMiddlewareModule, layer.hydrateFallbackModule]) {
        if (file) modules.add(file);
      }
    }
    // The reader gets one language: its core chunk and the page namespaces the page's modules load
    // (decision 025); count the heaviest language.
    const namespaces = [...modules].flatMap((file) => namespaceFiles(clientDir, file));
    const language = languages
      .map((lang) => [...new Set([...(translations.get(lang) ?? []), ...namespaces.filter((found) => found.lang === lang).flatMap((found) => withStaticImports(clientDir, found.file))])])
      .map((files) => files.filter((file) => !modules.has(file)).map(size))
      .sort((a, b) => total(b, "gzip") - total(a, "gzip"))[0] ?? [];
    const files = [...[...modules].map((file) => size(file)), ...language].sort((a, b) => b.gzip - a.gzip);
    pages.push({
      routeId: route.id,
      path: `/${chain.map((layer) => layer.path ?? "").filter(Boolean).join("/")}`,
      editor: EDITOR_ROUTES.includes(route.id),
      files,
      modules: [...modules],
      namespaces: [...new Set(namespaces.map((found) => found.namespace))],
      raw: total(files, "raw"),
      gzip: total(files, "gzip"),
    });
  }
  return pages;
}

function total(files: ScriptFile[], key: "raw" | "gzip") {
  return files.reduce((sum, file) => sum + file[key], 0);
}

/**
 * What the entry fetches before the page hydrates: the reader's core translations, one of its
 * dynamic imports (app/i18n/resources.ts: one per language), with that chunk's own static imports.
 * Read from the entry's chunks' `"./translations/<lang>.ts": () => …import("./chunk.js")` entries.
 */
function translationFiles(clientDir: string, manifest: Manifest): Map<string, string[]> {
  const found = new Map<string, string[]>();
  // In the entry's chunk or one it imports (the framework chunk, which holds app/i18n/resources.ts).
  for (const file of withStaticImports(clientDir, manifest.entry.module)) {
    const code = readFileSync(path.join(clientDir, file), "utf8");
    for (const match of code.matchAll(/translations\/(\w+)\.ts["']\s*:\s*\(\)\s*=>[^,]*?import\(\s*["']\.\/([^"']+\.js)["']\s*\)/g)) {
      found.set(match[1] as string, withStaticImports(clientDir, path.posix.join(path.posix.dirname(file), match[2] as string)));
    }
  }
  // One chunk per language is what makes "the heaviest one" the right count; if the translations
  // are ever split otherwise, this count must change with them.
  if (languages.some((lang) => !found.has(lang))) throw new Error(`The client entry loads core translations for ${[...found.keys()].join(", ")}, expected ${languages.join(", ")}: see app/i18n/resources.ts`);
  return found;
}

/**
 * The page namespaces a chunk loads (app/i18n/pages/<namespace>.ts, decision 025), one chunk per
 * language: `"…/locales/<lang>/<namespace>.json": () => …import("./chunk.js")`.
 */
function namespaceFiles(clientDir: string, file: string): { lang: string; namespace: string; file: string }[] {
  const code = readFileSync(path.join(clientDir, file), "utf8");
  return [...code.matchAll(/locales\/(\w+)\/(\w+)\.json["']\s*:\s*\(\)\s*=>[^,]*?import\(\s*["']\.\/([^"']+\.js)["']\s*\)/g)].map((match) => ({
    lang: match[1] as string,
    namespace: match[2] as string,
    file: path.posix.join(path.posix.dirname(file), match[3] as string),
  }));
}

/** A chunk and every chunk it imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function withStaticImports(clientDir: string, file: string, found = new Set<string>()): string[] {
  if (found.has(file)) return [...found];
  found.add(file);
  const code = readFileSync(path.join(clientDir, file), "utf8");
  for (const match of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    withStaticImports(clientDir, path.posix.join(path.posix.dirname(file), match[1] as string), found);
  }
  return [...found];
}

export const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
