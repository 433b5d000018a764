// When did the verdict turn, and was it news or revisions? Each quarter's coverage flag as first
// published above its flag with today's data; a quarter whose flag a revision changed is outlined.
import { memo } from "react";
import { ChartError, ChartFrame, ChartSkeleton } from "../../../components/ChartFrame.tsx";
import { liveChart } from "../../../components/chartIslands.ts";
import { followLink } from "../../../lib/navigation.ts";
import { FLAG_COLORS } from "../../../lib/palette.ts";
import { useHistory } from "../api/useHistory.ts";
import { statusMarks, verdictHistoryTable, verdictHistoryTitle } from "../verdictHistory.ts";
import type { VerdictHistoryStripProps } from "./VerdictHistoryStrip.tsx";

const TITLE = "The flag as first published and today";
const VerdictHistoryStrip = liveChart<VerdictHistoryStripProps>(() =>
  import("./VerdictHistoryStrip.tsx").then((m) => m.VerdictHistoryStrip),
);

function VerdictHistoryChartView() {
  const history = useHistory();
  if (history.isPending) return <ChartSkeleton title={TITLE} />;
  if (history.isError) return <ChartError title={TITLE} message={history.error.message} onRetry={() => void history.refetch()} />;

  const { quarters, versions } = history.data;
  const marks = statusMarks(quarters);
  const names = quarters.map((q) => q.quarter);
  const statuses = (["red", "amber", "green", "unknown"] as const).filter((s) => marks.some((m) => m.status === s));
  const onlySeed = versions.length === 1;
  return (
    <ChartFrame
      id="verdict-history"
      title={verdictHistoryTitle(quarters)}
      subtitle="Each quarter's coverage flag with the default settings: above, as the data stood in the first version where the quarter's flag was known; below, with today's data. Outlined: a revision changed it."
      source={`Data versions of this dashboard (${versions.length}): every upload and revert is one; /api/history lists them, /changes shows what each changed.`}
      legend={[
        ...statuses.map((status) => ({ label: status, color: FLAG_COLORS[status] })),
        ...(quarters.some((q) => q.revised) ? [{ label: "outlined: changed by a revision", color: "var(--text)" }] : []),
      ]}
      table={verdictHistoryTable(quarters)}
      tableCaption="Each quarter's coverage flag as first published and with today's data"
      notes={
        <p className="chart-frame__notes">
          {onlySeed
            ? "Only one data version so far (the default data), so every quarter was first published in it and both rows agree; each upload adds a version, and a correction that turns a flag shows here."
            : "A quarter first published in the default data (version 1) counts as published then, even for quarters long past: the dashboard's own history starts with it."}{" "}
          <a href="/changes" onClick={followLink}>
            What changed, version by version
          </a>
        </p>
      }
      chart={<VerdictHistoryStrip marks={marks} names={names} />}
    />
  );
}

/** Reads only the history: drawn again when the data version changes, not when a setting does. */
export const VerdictHistoryChart = memo(VerdictHistoryChartView);
