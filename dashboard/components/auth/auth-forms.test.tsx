import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { beforeEach, describe, expect, test, vi } from "vitest";

// The generated client takes fetch when it is made (at import): stub it before that.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { RegisterForm } from "./register-form";
import { SignInForm } from "./signin-form";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function wrap(node: ReactNode) {
  const client = new QueryClient();
  return render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

const requests: { method: string; path: string; body: unknown }[] = [];

beforeEach(() => {
  requests.length = 0;
  fetchMock.mockReset();
});

function answer(byPath: Record<string, Response | (() => Response)>) {
  fetchMock.mockImplementation(async (request: Request) => {
    const path = new URL(request.url).pathname;
    const text = await request.text();
    requests.push({ method: request.method, path, body: text ? JSON.parse(text) : null });
    const found = byPath[`${request.method} ${path}`];
    if (!found) return json(404, { error: "not_found", detail: "No such route." });
    return typeof found === "function" ? found() : found.clone();
  });
}

describe("sign-in form", () => {
  test("says what is missing, in words, and sends nothing", async () => {
    const signedIn = vi.fn();
    wrap(<SignInForm onSignedIn={signedIn} />);
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter your email address.")).toBeInTheDocument();
    expect(screen.getByText("Enter your password.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter your email address.");
    await userEvent.type(screen.getByLabelText("Email"), "not-an-email");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter an email address like name@example.com.")).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(signedIn).not.toHaveBeenCalled();
  });

  test("shows the API's refusal in words", async () => {
    answer({
      "POST /v1/auth/session": json(401, { error: "invalid_credentials", detail: "Email or password is incorrect." }),
    });
    const signedIn = vi.fn();
    wrap(<SignInForm onSignedIn={signedIn} />);
    await userEvent.type(screen.getByLabelText("Email"), "olivia@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "wrong password here");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Email or password is incorrect.");
    expect(requests).toEqual([
      { method: "POST", path: "/v1/auth/session", body: { email: "olivia@example.com", password: "wrong password here" } },
    ]);
    expect(signedIn).not.toHaveBeenCalled();
  });

  test("too many attempts and an unreachable server are said in words too", async () => {
    answer({
      "POST /v1/auth/session": json(429, { error: "too_many_attempts", detail: "Too many failed sign-ins. Try again in 60 seconds." }),
    });
    wrap(<SignInForm onSignedIn={vi.fn()} />);
    await userEvent.type(screen.getByLabelText("Email"), "olivia@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "whatever it is");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many failed sign-ins. Try again in 60 seconds.");
    fetchMock.mockImplementation(async () => {
      throw new TypeError("Failed to fetch");
    });
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("The server cannot be reached."));
  });

  test("a session, then on", async () => {
    answer({ "POST /v1/auth/session": json(200, { csrf_token: "c5rf", expires_in: 900 }) });
    const signedIn = vi.fn();
    wrap(<SignInForm onSignedIn={signedIn} />);
    await userEvent.type(screen.getByLabelText("Email"), "  olivia@example.com ");
    await userEvent.type(screen.getByLabelText("Password"), "plum-orbit-lantern-42");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(signedIn).toHaveBeenCalledOnce());
    expect(requests[0]?.body).toEqual({ email: "olivia@example.com", password: "plum-orbit-lantern-42" });
  });
});

describe("registration form", () => {
  async function fill() {
    await userEvent.type(screen.getByLabelText("Your name"), "Olivia Owner");
    await userEvent.type(screen.getByLabelText("Email"), "olivia@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "plum-orbit-lantern-42");
    await userEvent.type(screen.getByLabelText("Workspace name"), "Acme");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
  }

  test("a short password is refused before asking the server", async () => {
    wrap(<RegisterForm onRegistered={vi.fn()} />);
    await userEvent.type(screen.getByLabelText("Password"), "short");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("Use at least 12 characters.")).toBeInTheDocument();
    expect(screen.getByText("Enter your name.")).toBeInTheDocument();
    expect(screen.getByText("Name your workspace (your brand or team).")).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  test("registers, signs in, and goes on", async () => {
    answer({
      "POST /v1/auth/register": json(201, { user: { id: "u" }, workspace: { workspace_id: "w" } }),
      "POST /v1/auth/session": json(200, { csrf_token: "c5rf", expires_in: 900 }),
    });
    const registered = vi.fn();
    wrap(<RegisterForm onRegistered={registered} />);
    await fill();
    await waitFor(() => expect(registered).toHaveBeenCalledOnce());
    expect(requests.map((r) => r.path)).toEqual(["/v1/auth/register", "/v1/auth/session"]);
    expect(requests[0]?.body).toEqual({
      name: "Olivia Owner",
      email: "olivia@example.com",
      password: "plum-orbit-lantern-42",
      workspace_name: "Acme",
    });
  });

  test("when sign-up is closed it says so and points to sign in", async () => {
    answer({
      "POST /v1/auth/register": json(403, {
        error: "signup_closed",
        detail: "Sign-up is closed here. Ask an admin of your workspace to add you.",
      }),
    });
    const registered = vi.fn();
    wrap(<RegisterForm onRegistered={registered} />);
    await fill();
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("sign-up is closed");
    expect(screen.getByRole("link", { name: "Go to sign in" })).toHaveAttribute("href", "/signin");
    expect(registered).not.toHaveBeenCalled();
  });

  test("a password the server refuses is shown as it says", async () => {
    answer({
      "POST /v1/auth/register": json(422, {
        error: "invalid_request",
        detail: "password: This password is too common.",
        fields: [],
      }),
    });
    wrap(<RegisterForm onRegistered={vi.fn()} />);
    await fill();
    expect(await screen.findByRole("alert")).toHaveTextContent("This password is too common.");
  });
});
