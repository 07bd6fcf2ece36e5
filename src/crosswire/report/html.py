"""The self-contained HTML report: inline CSS, script and SVG map, no request leaves the page.

Jinja2 autoescaping escapes every article-derived string; a Content-Security-Policy
that admits only the bundled style and script (by hash) keeps injected markup inert
even if it ever got through.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from crosswire.model import Dossier
from crosswire.report.context import build_view

FINDING_TITLES = {
    "contradiction": "Contradictions",
    "corroboration": "Corroborated",
    "wire_copy": "Wire copy",
    "unique": "Unique coverage",
    "framing": "Framing by outlet",
}


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("crosswire.report", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        trim_blocks=False,
        lstrip_blocks=False,
    )


@cache
def _asset(name: str) -> str:
    return (resources.files("crosswire.report") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render_html(dossier: Dossier) -> str:
    """The report as one HTML document that needs nothing outside itself."""
    css, js = _asset("report.css"), _asset("report.js")
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            view=build_view(dossier),
            duplicates=[a for a in dossier.articles if a.duplicate_of],
            finding_titles=FINDING_TITLES,
            # The bundled assets are the only markup trusted as is; their hashes are the page's CSP.
            css=Markup(css),
            js=Markup(js),
            style_hash=_csp_hash(css),
            script_hash=_csp_hash(js),
        )
    )
