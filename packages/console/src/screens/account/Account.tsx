import { Page } from "../../ui/page";
import { Loading } from "../../ui/states";

export default function Account() {
  return (
    <Page title="Account">
      <Loading />
    </Page>
  );
}
