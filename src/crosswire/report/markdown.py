"""The Markdown report: the HTML report's content as plain Markdown.

Article-derived text passes through :func:`escape_markdown`, so it can neither
inject markup (raw HTML is entity-escaped) nor break the Markdown structure.
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader

from crosswire.model import Dossier
from crosswire.report.context import build_view
from crosswire.report.html import FINDING_TITLES

# Characters with a Markdown meaning anywhere in a line, and markers that only matter at its start.
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
LINE_START = re.compile(r"^([-+#]|\d+(?=[.)]))")


def escape_markdown(value: object) -> str:
    """One line of text, with HTML entities escaped and Markdown punctuation backslashed."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = INLINE_SPECIAL.sub(r"\\\1", text)
    match = LINE_START.match(text)
    if match is None:
        return text
    if match.group(1).isdigit():  # "1. " would start a numbered list
        return text[: match.end()] + "\\" + text[match.end() :]
    return "\\" + text


def _quote_block(value: object) -> str:
    """Multi-line text as a Markdown block quote, each line escaped."""
    lines = str(value).splitlines() or [""]
    return "\n".join("> " + escape_markdown(line) if line.strip() else ">" for line in lines)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("crosswire.report", "templates"),
        autoescape=False,  # Markdown, not HTML: every untrusted value goes through the `md` filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["quote"] = _quote_block
    return env


def render_markdown(dossier: Dossier) -> str:
    """The report as Markdown: summary, contested points, timeline, claims, findings, places, articles."""
    return (
        environment()
        .get_template("report.md.j2")
        .render(
            view=build_view(dossier),
            duplicates=[a for a in dossier.articles if a.duplicate_of],
            finding_titles=FINDING_TITLES,
        )
    )
