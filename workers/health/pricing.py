"""What a model call costs, estimated from its token counts, and the caps that stop asking.

Prices are US dollars per million tokens (input, output), from the providers' public price lists
at the time of writing; a model not listed is priced as an expensive one, so that the caps err
on the side of stopping. docs/ai-health.md, "Costs and caps".
"""

from __future__ import annotations

from dataclasses import dataclass

PRICES_PER_MILLION: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gemini-2.0-flash": (0.10, 0.40),
    "gemini-2.0-flash-lite": (0.075, 0.30),
    "gemini-2.5-flash": (0.30, 2.50),
    "gemini-2.5-pro": (1.25, 10.00),
    "gemini-1.5-flash": (0.075, 0.30),
}
UNKNOWN_MODEL_PRICE = (5.00, 15.00)
# A rough count: about four characters of English or JSON per token.
CHARS_PER_TOKEN = 4
# The most a single answer may be (max_tokens of every call), which a cap check must assume.
MAX_OUTPUT_TOKENS = 1500


def price(model: str) -> tuple[float, float]:
    """Longest known prefix wins: "gpt-4o-mini-2024-07-18" is priced as gpt-4o-mini."""
    name = model.lower().removeprefix("models/")
    matches = [known for known in PRICES_PER_MILLION if name.startswith(known)]
    return PRICES_PER_MILLION[max(matches, key=len)] if matches else UNKNOWN_MODEL_PRICE


def cost(model: str, tokens_in: int, tokens_out: int) -> float:
    per_in, per_out = price(model)
    return (tokens_in * per_in + tokens_out * per_out) / 1_000_000


def estimate_tokens(text: str) -> int:
    return len(text) // CHARS_PER_TOKEN + 1


class CapReached(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # cost_cap_run or cost_cap_day


@dataclass
class Budget:
    """The run's spending against its caps: the day's, shared by every run of the instance,
    was ``spent_before`` when this run began."""

    cap_run: float
    cap_day: float
    spent_before: float
    spent: float = 0.0
    tokens_in: int = 0
    tokens_out: int = 0

    def check(self, model: str, prompt_chars: int) -> None:
        """Raises before a call whose worst case would pass a cap."""
        worst = cost(model, prompt_chars // CHARS_PER_TOKEN + 1, MAX_OUTPUT_TOKENS)
        if self.spent + worst > self.cap_run:
            raise CapReached("cost_cap_run")
        if self.spent_before + self.spent + worst > self.cap_day:
            raise CapReached("cost_cap_day")

    def add(self, model: str, tokens_in: int, tokens_out: int) -> None:
        self.tokens_in += tokens_in
        self.tokens_out += tokens_out
        self.spent += cost(model, tokens_in, tokens_out)
