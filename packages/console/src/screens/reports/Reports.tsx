import { Page } from "../../ui/page";
import { Loading } from "../../ui/states";

export default function Reports() {
  return (
    <Page title="Reports">
      <Loading />
    </Page>
  );
}
