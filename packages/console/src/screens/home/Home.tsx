import { Page } from "../../ui/page";
import { Loading } from "../../ui/states";

export default function Home() {
  return (
    <Page title="Home">
      <Loading />
    </Page>
  );
}
