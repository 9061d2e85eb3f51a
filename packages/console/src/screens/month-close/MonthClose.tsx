import { Page } from "../../ui/page";
import { Loading } from "../../ui/states";

export default function MonthClose() {
  return (
    <Page title="MonthClose">
      <Loading />
    </Page>
  );
}
