"""What a new password must not be: short, common, made of the email, or a trivial pattern.

The rules follow NIST SP 800-63B: a length floor and a blocklist of known-bad passwords rather
than composition rules (no "one digit and one symbol"), so a long passphrase always passes.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from importlib import resources

from backend.auth.passwords import MAX_LENGTH, MIN_LENGTH
from backend.errors import InvalidInput

# A local part this short ("al@…") would forbid half the dictionary; it is not a real hint.
_MIN_LOCAL_PART = 4
# "abcabcabcabc", "121212121212": a password that is one short unit repeated.
_MAX_REPEATED_UNIT = 4
_TRAILING_DECORATION = re.compile(r"[\d\W_]+$")


class WeakPassword(InvalidInput):
    code = "weak_password"
    default_message = "This password is too easy to guess. Choose a longer, less common one."


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    text = resources.files("backend.auth").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("# ")
    )


def _is_repetition(password: str) -> bool:
    return any(
        len(password) % size == 0 and password == password[:size] * (len(password) // size)
        for size in range(1, _MAX_REPEATED_UNIT + 1)
    )


def _is_sequence(password: str) -> bool:
    """Each character one step up (or down) from the last: "abcdefghijkl", "987654321098"."""
    pairs = list(itertools.pairwise(password))
    if password.isdigit():
        steps = {(int(after) - int(before)) % 10 for before, after in pairs}
        return steps in ({1}, {9})
    if password.isascii() and password.isalpha():
        steps = {ord(after) - ord(before) for before, after in pairs}
        return steps in ({1}, {-1})
    return False


def check(password: str, email: str | None = None) -> None:
    """Refuse a password a guesser would try early; the message says which rule it broke."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"The password must have at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"The password must have at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    if _is_repetition(lowered) or _is_sequence(lowered):
        raise WeakPassword(
            "The password is a repeated character, a repeated short pattern or a simple "
            "sequence (like 'aaaaaaaaaaaa' or '123456789012'). Choose something less predictable."
        )
    stripped = _TRAILING_DECORATION.sub("", lowered)
    blocklist = common_passwords()
    if lowered in blocklist or (stripped and stripped in blocklist):
        raise WeakPassword(
            "This password is one of the most commonly used passwords (or one with digits or "
            "symbols added at the end), which attackers try first. Choose another."
        )
    if email:
        local_part = email.strip().lower().split("@", 1)[0]
        if len(local_part) >= _MIN_LOCAL_PART and local_part in lowered:
            raise WeakPassword("The password must not contain your email address or its name part.")
