// Time and memory of preparing a long text for the search index. One length per process, so that
// its memory is measured alone:
//   /usr/bin/time -f "%M KB" npx tsx scripts/bench/segment.ts 200000
//     a run of Chinese characters without punctuation (a pasted report)
//   npx tsx scripts/bench/segment.ts 90000 sv
//     Swedish plan text, its compounds split (app/search/compounds.server.ts): the dictionary's
//     first reading, then the text as a plan is written (words recur) and as a text of distinct
//     words taken from the dictionary (each word split once: the worst case)
import dictionary from "dictionary-sv";
import { swedishCompounds } from "~/search/compounds.server";
import { prepareForIndex } from "~/search/segment";
import { seededRandom } from "./support";

const length = Number(process.argv[2] ?? 20_000);
const sized = (sample: string) => sample.repeat(Math.ceil(length / sample.length)).slice(0, length);
const timed = (label: string, work: () => unknown) => {
  const started = performance.now();
  work();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms, ${Math.round(process.memoryUsage().rss / 1e6)} MB resident`);
};

if (process.argv[3] === "sv") {
  const started = performance.now();
  const compounds = await swedishCompounds();
  console.log(`dictionary read: ${Math.round(performance.now() - started)} ms (in slices), ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB heap`);
  const plan =
    "Västerås stad och Jinan har samarbetat om invånardialog sedan 2015. Kontaktcenterchefen leder arbetsgruppen, som rapporterar till " +
    "kommunstyrelsen och styrgruppen. Medborgardialogen om gatubelysningen och vinterväghållningen följs upp i kvartersbudgeten, och " +
    "kontaktcentrets medarbetare tar emot invånarnas synpunkter på äldreomsorgen, kollektivtrafiken och stadsbyggnadskontorets planer. ";
  timed(`${length} characters of plan text`, () => prepareForIndex(sized(plan), { compounds }));
  const random = seededRandom(7);
  const words = new TextDecoder().decode(dictionary.dic).split("\n").map((line) => line.split("/")[0]!).filter((word) => /^\p{L}{3,}$/u.test(word));
  let distinct = "";
  while (distinct.length < length) distinct += `${words[Math.floor(random() * words.length)]} `;
  timed(`${length} characters of distinct dictionary words`, () => prepareForIndex(distinct.slice(0, length), { compounds }));
  timed(`${length} characters of plan text, without splitting`, () => prepareForIndex(sized(plan)));
} else {
  timed(`${length} characters`, () => prepareForIndex(sized("济南市人民政府与韦斯特罗斯市在公民对话和联络中心方面开展合作市民热线服务质量持续提高数字化转型经验交流代表团访问")));
}
