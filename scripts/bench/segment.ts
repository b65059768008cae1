// Time and memory of preparing a long run of Chinese characters (no punctuation: a pasted report)
// for the search index. One length per process, so that its memory is measured alone:
//   /usr/bin/time -f "%M KB" npx tsx scripts/bench/segment.ts 200000
import { prepareForIndex } from "~/search/segment";

const sample = "济南市人民政府与韦斯特罗斯市在公民对话和联络中心方面开展合作市民热线服务质量持续提高数字化转型经验交流代表团访问";
const length = Number(process.argv[2] ?? 20_000);
const text = sample.repeat(Math.ceil(length / sample.length)).slice(0, length);
const started = performance.now();
prepareForIndex(text);
console.log(`${length} characters: ${Math.round(performance.now() - started)} ms, ${Math.round(process.memoryUsage().rss / 1e6)} MB resident`);
