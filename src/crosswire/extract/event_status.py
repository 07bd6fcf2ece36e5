"""An event's status from the attributed claims that carry it.

A claim carries an event when its content span covers the event mention. Who
speaks decides the status: a denial or rejection makes the speaker a denier, a
confirmation a confirmer, an assertion, claim or accusation a claimant. The
event is *confirmed* when anyone confirms it, else *denied* when anyone denies
it, else *claimed* when it rests on a party's word, else simply *reported* by
the outlet itself.
"""

from __future__ import annotations

import re

from crosswire.extract.actors import country_of
from crosswire.model import Claim, Event, EventStatus

_DENY = frozenset({"deny", "reject"})
_CONFIRM = frozenset({"confirm"})
_CLAIM = frozenset({"assert", "claim", "accuse"})
_WORD = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")


_NOT_PARTIES = frozenset({"", "it", "he", "she", "they", "we", "i", "you", "which", "who", "that", "this"})


def claim_party(claim: Claim) -> str | None:
    """Who a claim speaks for: the country its speaker represents, else the speaker as written
    (None for a speaker the attribution stage could not name)."""
    for text in (claim.speaker.text, claim.speaker.role or ""):
        for match in _WORD.finditer(text):
            words = match.group(0).split()
            for size in range(len(words), 0, -1):
                for i in range(len(words) - size + 1):
                    if country := country_of(" ".join(words[i : i + size])):
                        return country
    speaker = claim.speaker.text.strip()
    return None if speaker.lower() in _NOT_PARTIES else speaker


def event_status(event: Event, claims: list[Claim]) -> Event:
    """``event`` with claimed_by / denied_by / confirmed_by, claim_ids and status set from ``claims``."""
    claimed: list[str] = []
    denied: list[str] = []
    confirmed: list[str] = []
    for claim in claims:
        party = claim_party(claim)
        target = (
            denied
            if claim.stance in _DENY
            else confirmed
            if claim.stance in _CONFIRM
            else (claimed if claim.stance in _CLAIM else None)
        )
        if target is not None and party is not None and party not in target:
            target.append(party)
    status: EventStatus = (
        "confirmed" if confirmed else "denied" if denied else "claimed" if claimed else "reported"
    )
    return event.model_copy(
        update={
            "claimed_by": claimed,
            "denied_by": denied,
            "confirmed_by": confirmed,
            "status": status,
            "claim_ids": sorted({c.id for c in claims}),
        }
    )
