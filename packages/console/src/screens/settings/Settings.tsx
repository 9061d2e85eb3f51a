import { Page } from "../../ui/page";
import { Loading } from "../../ui/states";

export default function Settings() {
  return (
    <Page title="Settings">
      <Loading />
    </Page>
  );
}
