import { api, must } from "../../api/client";
import { date, label, money } from "../../ui/format";
import { Empty, Loaded } from "../../ui/states";
import { useApi } from "../../ui/use-api";

/** What the patient was sent, and when: each statement of the cycle (or issued by hand) with its PDF. */
export function StatementHistory({
  practiceId,
  patientId,
  tick,
}: {
  practiceId: string;
  patientId: string;
  tick: number;
}) {
  const list = useApi(
    () =>
      must(
        api.GET("/v1/practices/{practiceId}/patients/{patientId}/statements", {
          params: { path: { practiceId, patientId } },
        }),
      ),
    [patientId, tick],
  );
  return (
    <>
      <h3 className="section-title">Statements sent</h3>
      <Loaded state={list} what="Loading the statements">
        {(data) =>
          data.items.length ? (
            <table className="table table-compact">
              <caption className="visually-hidden">Statements sent</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Amount due
                  </th>
                  <th scope="col">Due by</th>
                  <th scope="col">PDF</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((s) => (
                  <tr key={s.statementId}>
                    <td>{date(s.statementDate)}</td>
                    <td>
                      {s.kind === "reminder"
                        ? `Reminder ${s.sequence - 1}`
                        : label(s.kind === "on_demand" ? "by hand" : s.kind)}
                    </td>
                    <td className="num">{money(s.amountDueCents)}</td>
                    <td>{date(s.dueDate)}</td>
                    <td>
                      <a href={s.pdfUrl} target="_blank" rel="noopener noreferrer">
                        Open
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty title="No statement sent yet">Statements go out with the practice&rsquo;s statement runs.</Empty>
          )
        }
      </Loaded>
    </>
  );
}
