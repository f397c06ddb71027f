// Asks for the dashboard's token when the server answers 401, and trades it for a cookie
// (POST /api/login) so fetches and the EventSource are let in. One dialog however many
// requests were refused at once.
import type { LoginRequest } from "../api.js";
import { h } from "./dom.js";

let pending: Promise<void> | undefined;

export function login(): Promise<void> {
  pending ??= askUntilAccepted().finally(() => {
    pending = undefined;
  });
  return pending;
}

function askUntilAccepted(): Promise<void> {
  return new Promise((resolve) => {
    const input = h("input", {
      type: "password",
      name: "token",
      id: "login-token",
      autocomplete: "current-password",
      required: true,
    });
    const error = h("p", { class: "error", role: "alert", "data-testid": "login-error" });
    const form = h(
      "form",
      { method: "dialog" },
      h("h2", {}, "Token needed"),
      h("p", {}, "This dashboard is protected. Enter the token from the watcher's configuration."),
      h("label", { for: "login-token" }, "Token"),
      input,
      error,
      h("button", { type: "submit" }, "Sign in"),
    );
    const dialog = h("dialog", { "aria-labelledby": "login-title", "data-testid": "login" }, form);
    form.querySelector("h2")?.setAttribute("id", "login-title");
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const body: LoginRequest = { token: input.value };
      const res = await fetch("/api/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.ok) {
        dialog.close();
        dialog.remove();
        resolve();
      } else {
        error.textContent =
          res.status === 401 ? "That token was refused." : `Login failed (${res.status}).`;
        input.select();
      }
    });
    // Escape would leave the page with nothing to show: keep the dialog until a token works.
    dialog.addEventListener("cancel", (e) => e.preventDefault());
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
