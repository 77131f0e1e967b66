"""Reading a sandbox consent page the way a browser does, and PKCE pairs for the flows."""

from __future__ import annotations

import base64
import hashlib
import secrets
from html.parser import HTMLParser


class ConsentForm(HTMLParser):
    """The page's form: where it posts, its fields, and its Allow button (name, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}
        self.allow: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "form" and not self.action:
            self.action = values.get("action", "")
        elif tag == "input" and values.get("name") and values.get("type") != "submit":
            self.fields[values["name"]] = values.get("value", "")
        elif tag in ("button", "input") and values.get("name"):
            label = (values.get("value") or "").lower()
            if any(word in label for word in ("allow", "authorize", "accept")):
                self.allow = (values["name"], values.get("value", ""))


def read_consent_form(page: str) -> ConsentForm:
    form = ConsentForm()
    form.feed(page)
    return form


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
