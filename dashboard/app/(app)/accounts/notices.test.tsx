import type { Schemas } from "@stakazo/api-client";
import { render, screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import { Notices } from "./notices";

function youtube(notifications: Schemas["AccountOut"]["notifications"]): Schemas["AccountOut"] {
  return {
    id: "5f1d3c2b-1111-4aaa-8bbb-123456789abc", platform: "youtube", remote_id: "UCx", username: "acme",
    display_name: null, status: "connected", sandbox: true, access_expires_at: null, last_error: null,
    notifications, created_at: "2026-12-05T10:00:00Z", updated_at: "2026-12-05T10:00:00Z",
  };
}

describe("upload notices on an account", () => {
  test("live once the platform checked back", () => {
    render(<Notices account={youtube({ state: "active", confirmed_at: "2026-12-05T10:00:01Z", error: null })} />);
    expect(screen.getByText(/Upload notices are on/)).toHaveClass("text-slate-700");
  });

  test("accepted but not checked back yet: still being switched on", () => {
    render(<Notices account={youtube({ state: "active", confirmed_at: null, error: null })} />);
    expect(screen.getByText(/being switched on/)).toHaveClass("text-amber-800");
  });

  test("given up: says why and where to retry", () => {
    render(<Notices account={youtube({ state: "dead", confirmed_at: null, error: "hub answered 503" })} />);
    expect(screen.getByText(/could not be switched on: hub answered 503\. Retry them from the outbox\./)).toHaveClass("text-red-700");
  });

  test("nothing for a platform that pushes no notices", () => {
    const { container } = render(<Notices account={youtube(null)} />);
    expect(container).toBeEmptyDOMElement();
  });
});
