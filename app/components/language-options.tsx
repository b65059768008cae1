import { htmlLang, languageNames, languages } from "~/i18n/languages";

/** The three languages as <option>s, each named in its own language. */
export function LanguageOptions() {
  return (
    <>
      {languages.map((code) => (
        <option key={code} value={code} lang={htmlLang[code]}>
          {languageNames[code]}
        </option>
      ))}
    </>
  );
}
