import type { Schemas } from "@stakazo/api-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";

const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { RoleForm } from "./role-form";

const MEMBER: Schemas["MemberOut"] = {
  user_id: "0d3b9c8a-2222-4ccc-9ddd-abcdefabcdef", email: "vera@example.com", name: "Vera",
  role: "editor", is_active: true, joined_at: "2026-12-01T09:00:00Z",
};

function renderForm(member = MEMBER, disabled = false) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <RoleForm member={member} disabled={disabled} />
    </QueryClientProvider>,
  );
}

afterEach(() => fetchMock.mockReset());

describe("changing a member's role", () => {
  test("picking a role and saving sends it with the CSRF token", async () => {
    document.cookie = "stakazo_csrf=csrf-123";
    fetchMock.mockResolvedValue(Response.json({ ...MEMBER, role: "viewer" }));
    renderForm();
    expect(screen.queryByRole("button", { name: "Save role" })).not.toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText("Role of vera@example.com"), "viewer");
    await userEvent.click(screen.getByRole("button", { name: "Save role" }));

    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0]![0];
    expect(request.method).toBe("PATCH");
    expect(new URL(request.url).pathname).toBe(`/v1/members/${MEMBER.user_id}`);
    expect(request.headers.get("X-CSRF-Token")).toBe("csrf-123");
    expect(await request.clone().json()).toEqual({ role: "viewer" });
  });

  test("the API's refusal is shown in words", async () => {
    fetchMock.mockResolvedValue(
      Response.json({ error: "last_admin", detail: "The workspace needs at least one admin." }, { status: 409 }),
    );
    renderForm({ ...MEMBER, role: "admin" });
    await userEvent.selectOptions(screen.getByLabelText("Role of vera@example.com"), "editor");
    await userEvent.click(screen.getByRole("button", { name: "Save role" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The workspace needs at least one admin.");
  });

  test("disabled for whoever may not manage members", () => {
    renderForm(MEMBER, true);
    expect(screen.getByLabelText("Role of vera@example.com")).toBeDisabled();
  });
});
