"""News-agency credits: sign-off lines ("kmm, jsi/aw (AFP, Reuters)") and datelines ("LONDON (Reuters) -").

Only names of real wire services count: "BAKU (Dispatches) –" credits no agency.
"""

from __future__ import annotations

import re

# Canonical name for each spelling of the major international and national wire services.
_AGENCIES: dict[str, str] = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "epd": "epd",
    "kna": "KNA",
    "apa": "APA",
    "sda": "SDA",
    "ansa": "ANSA",
    "efe": "EFE",
    "upi": "UPI",
    "bloomberg": "Bloomberg",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "tass": "TASS",
    "itar-tass": "TASS",
    "interfax": "Interfax",
    "ria novosti": "RIA Novosti",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "aa": "Anadolu",
    "pti": "PTI",
    "ani": "ANI",
    "ians": "IANS",
    "aap": "AAP",
    "cp": "CP",
    "canadian press": "CP",
    "the canadian press": "CP",
    "pa": "PA",
    "pa media": "PA",
    "press association": "PA",
    "bernama": "Bernama",
    "antara": "Antara",
    "wam": "WAM",
    "spa": "SPA",
    "irna": "IRNA",
    "mena": "MENA",
    "sana": "SANA",
    "kuna": "KUNA",
    "qna": "QNA",
    "ukrinform": "Ukrinform",
    "unian": "UNIAN",
    "armenpress": "Armenpress",
    "azertac": "AZERTAC",
    "apa.az": "APA",
    "ips": "IPS",
    "cna": "CNA",
    "pap": "PAP",
    "ctk": "CTK",
    "mti": "MTI",
    "belga": "Belga",
    "anp": "ANP",
    "tt": "TT",
    "ntb": "NTB",
    "ritzau": "Ritzau",
    "stt": "STT",
    "ana-mpa": "ANA-MPA",
    "hina": "HINA",
    "agerpres": "Agerpres",
    "bta": "BTA",
}

_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b|;|\+)\s*", re.IGNORECASE)
# Editors' initials before the credit, as German and other outlets sign: "kmm, jsi/aw".
_INITIALS = r"(?:[a-z]{1,4}(?:\s*[,/]\s*[a-z]{1,4})*\s*)?"
_SIGNOFF = re.compile(rf"^[-–—\s]*{_INITIALS}\((?P<credit>[^()]{{2,80}})\)[\s.]*$")
_BARE = re.compile(r"^[-–—\s]*(?P<credit>[A-Za-z][A-Za-z .&/,-]{0,60}?)[\s.]*$")
_DATELINE = re.compile(
    r"^[\"“]?[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Za-z0-9 .'’,-]{1,40})?\s*\((?P<credit>[^()]{2,60})\)\s*[-–—:]"
)
_LEADING_CREDIT = re.compile(r"^\((?P<credit>[^()]{2,60})\)\s*[-–—:]")


def canonical_agencies(credit: str) -> list[str]:
    """The agencies named in a credit such as "AFP, Reuters"; [] if any part is not an agency."""
    parts = [p.strip(" .") for p in _SPLIT.split(credit.strip()) if p.strip(" .")]
    names = [_AGENCIES.get(p.lower()) for p in parts]
    if not names or any(name is None for name in names):
        return []
    return list(dict.fromkeys(n for n in names if n))


def signoff_agencies(line: str, bare: bool = True) -> list[str]:
    """Agencies credited by a sign-off line: "kmm, jsi/aw (AFP, Reuters)", "(AP)", "— Reuters".

    With ``bare=False`` a line naming agencies without parentheses ("ASSOCIATED PRESS",
    often a photo credit inside the story) does not count.
    """
    match = _SIGNOFF.match(line) or (_BARE.match(line) if bare else None)
    return canonical_agencies(match.group("credit")) if match else []


def dateline_agencies(line: str) -> list[str]:
    """Agencies credited in a dateline opening a paragraph: "LONDON, Oct 14 (Reuters) - ..."."""
    match = _DATELINE.match(line) or _LEADING_CREDIT.match(line)
    return canonical_agencies(match.group("credit")) if match else []
