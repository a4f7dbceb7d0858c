"""Sentences of the core that the window says in its language.

A `Message` is the English sentence as a plain `str` (what the command line prints, what tests and
callers compare) that also keeps its template and values, so that `text(tr)` can translate the
template and fill in the same values. Values may be Messages themselves ("in [0, 1]" inside
"must be in [0, 1], got 2"). The core never imports Qt: `tr` comes from the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def same(text: str) -> str:
    """No translation: the English text (the command line's)."""
    return text


LONGEST = 600  # a value (torch's words, a list of choices) quoted in full up to this


def excerpt(text: str, limit: int = LONGEST) -> str:
    """`text`, or its first `limit` characters marked as cut and with the whole length."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text)} characters)"


class Message(str):
    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Message:
        # values are kept as text: an exception kept as such would keep its traceback, its
        # frames and every tensor they hold alive for as long as the message lives
        # and no value is quoted whole past LONGEST characters (a 6,000-character slot)
        values = {k: v if isinstance(v, Message) else excerpt(str(v)) for k, v in values.items()}
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template = template
        self.values = values
        return self

    def text(self, tr: Callable[[str], str] = same) -> str:
        values = {k: say(v, tr) for k, v in self.values.items()}
        t = tr(self.template)
        return t.format(**values) if values else t


LINE = "{field}: {message}"  # a field and what is said of it (not a sentence to translate)


def line(field: str, message: Any) -> Message:
    """`field: message`, or the message alone when no field is named."""
    return Message(LINE, field=field, message=message) if field else _as_message(message)


def _as_message(text: Any) -> Message:
    return text if isinstance(text, Message) else Message(str(text))


def without(prefix_field: str, e_field: str, message: Any) -> Message:
    """The message of an error re-raised under another name: what str(e).removeprefix did."""
    return _as_message(message) if e_field == prefix_field else line(e_field, message)


def split_line(text: Any, tr: Callable[[str], str] = same) -> tuple[str, str]:
    """(field, message in `tr`'s language) of a `field: message` line."""
    if isinstance(text, Message) and text.template == LINE:
        return str(text.values["field"]), say(text.values["message"], tr)
    field, sep, rest = str(text).partition(": ")
    return (field, rest) if sep else ("", str(text))


def say(text: Any, tr: Callable[[str], str] = same) -> str:
    """`text` in the language `tr` translates to; a plain string (torch's words) as it is."""
    return text.text(tr) if isinstance(text, Message) else str(text)
