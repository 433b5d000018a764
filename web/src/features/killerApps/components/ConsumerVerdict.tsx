// Beside the coverage flag, the column's own test: has AI found its consumer killer app (the
// killer-app watch's verdict), and what consumers spend on AI apps against the build-out.
import { sourceUrl } from "../../../../../server/domain/catalog.ts";
import type { ThesisResponse } from "../../../lib/api.ts";
import { formatPercent, formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import { followLink } from "../../../lib/navigation.ts";
import { useKillerApps } from "../api/useKillerApps.ts";
import { killerAppsPath } from "../killerAppView.ts";

interface Props {
  consumerShare: ThesisResponse["consumerShare"];
  /** The data version or date the watch is read as of (null: the latest). */
  asOf: string | null;
  nameOf: (id: string) => string;
}

export function ConsumerVerdict({ consumerShare, asOf, nameOf }: Props) {
  const watch = useKillerApps(asOf ? { asOf } : {});
  return (
    <div className="scorecard__consumer">
      <h2 className="scorecard__label">Consumer killer app</h2>
      <p className="scorecard__explanation" data-killer-app-verdict={watch.data?.killerApps.join(",") ?? ""}>
        {watch.data ? watch.data.verdict : watch.isError ? "The killer-app watch could not be loaded." : "Loading the killer-app watch..."}
      </p>
      {consumerShare?.estimates.map((estimate) => {
        const href = sourceUrl(estimate.source);
        return (
          <p key={estimate.entity} className="scorecard__share" data-consumer-share={estimate.share}>
            In {consumerShare.year} consumers spent {formatUsdBillions(estimate.spending)} on AI apps ({nameOf(estimate.entity)}
            {estimate.basis === "estimate" ? ", an estimate" : ""}): <strong>{formatPercent(estimate.share)}</strong> of the{" "}
            {formatUsdBillions(consumerShare.capexTtm)} of capex in the year to {formatPeriod(consumerShare.quarter)}.
            {href && (
              <>
                {" "}
                <a href={href} target="_blank" rel="noreferrer">
                  Source
                </a>
              </>
            )}
          </p>
        );
      })}
      <p>
        <a href={killerAppsPath(asOf)} onClick={followLink}>
          Reach, time and money of the AI apps against the earlier killer apps
        </a>
      </p>
    </div>
  );
}
