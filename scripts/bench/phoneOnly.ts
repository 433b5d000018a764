// npm run bench:phone: only the phone and control-change measures of npm run bench (about two minutes).
import { phoneBench } from "./phone.ts";
import { renderTable } from "./table.ts";

console.log(renderTable(await phoneBench()));
