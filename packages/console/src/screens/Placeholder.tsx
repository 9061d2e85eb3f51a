import type { ScreenProps } from "../routes";
import { Page } from "../ui/page";
import { Empty } from "../ui/states";

/** Stands in for a work screen that is being built in its own file (see CONTRIBUTING-SCREENS.md). */
export default function Placeholder({ params }: ScreenProps) {
  const what = Object.values(params).join(" ");
  return (
    <Page title={what ? `Coming soon: ${what}` : "Coming soon"}>
      <Empty title="This screen is not built yet">Its data is already available through the API (see /docs).</Empty>
    </Page>
  );
}
