"""ACLED's event taxonomy and the trigger lexicon derived from its definitions.

ACLED codes every event with one of 6 event types and 25 sub-event types; each
sub-event type belongs to exactly one event type. The trigger lexicon maps the
words that, per the ACLED codebook definitions, signal a sub-event type (by
lemma, so "shelled", "shelling" and "shells" all hit) to that sub-event type.
A sentence holding a trigger is an event mention; its type follows ACLED's
coding precedence over the triggers it holds (the means of an attack before the
harm it did, a protest's repression before the protest, a specific event before
a generic one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": BATTLES,
    "Government regains territory": BATTLES,
    "Non-state actor overtakes territory": BATTLES,
    "Chemical weapon": EXPLOSIONS,
    "Air/drone strike": EXPLOSIONS,
    "Suicide bomb": EXPLOSIONS,
    "Shelling/artillery/missile attack": EXPLOSIONS,
    "Remote explosive/landmine/IED": EXPLOSIONS,
    "Grenade": EXPLOSIONS,
    "Sexual violence": VIOLENCE_AGAINST_CIVILIANS,
    "Attack": VIOLENCE_AGAINST_CIVILIANS,
    "Abduction/forced disappearance": VIOLENCE_AGAINST_CIVILIANS,
    "Peaceful protest": PROTESTS,
    "Protest with intervention": PROTESTS,
    "Excessive force against protesters": PROTESTS,
    "Violent demonstration": RIOTS,
    "Mob violence": RIOTS,
    "Agreement": STRATEGIC,
    "Arrests": STRATEGIC,
    "Change to group/activity": STRATEGIC,
    "Disrupted weapons use": STRATEGIC,
    "Headquarters or base established": STRATEGIC,
    "Looting/property destruction": STRATEGIC,
    "Non-violent transfer of territory": STRATEGIC,
    "Other": STRATEGIC,
}
EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(SUB_EVENT_TYPES.values()))

# Single-word triggers by lemma (lower case) → the sub-event type they most often signal.
_WORD_TRIGGERS: dict[str, str] = {}
for _sub, _words in {
    "Armed clash": (
        "clash fighting fight battle firefight gunfight shootout skirmish ambush engage "
        "repel repulse offensive assault exchange infiltrate raid"
    ),
    "Government regains territory": "recapture retake regain liberate",
    "Non-state actor overtakes territory": "overrun seize capture",
    "Chemical weapon": "chlorine sarin",
    "Air/drone strike": (
        "airstrike airstrikes air-strike bombing bomb drone warplane warplanes jet bombard bombardment"
    ),
    "Suicide bomb": "svbied",
    "Shelling/artillery/missile attack": (
        "shell shelling artillery mortar rocket missile howitzer projectile launcher"
    ),
    "Remote explosive/landmine/IED": "ied landmine mine explosion explode blast detonate explosive",
    "Grenade": "grenade",
    "Sexual violence": "rape sexually",
    "Attack": (
        "kill murder shoot stab behead assassinate torture beat attack massacre lynch shot "
        "wound injure execute strangle dead body"
    ),
    "Abduction/forced disappearance": "abduct kidnap abduction kidnapping hostage disappear",
    "Peaceful protest": (
        "protest protester protestor demonstrate demonstration demonstrator rally "
        "march sit-in picket vigil motorcade caravan blockade barricade block"
    ),
    "Protest with intervention": "disperse",
    "Violent demonstration": "riot rioter rioting vandalize vandalise",
    "Mob violence": "mob",
    "Agreement": "agreement ceasefire cease-fire truce accord",
    "Arrests": "arrest detain apprehend",
    "Change to group/activity": (
        "deploy defect recruit reinforce reinforcement reinforcements curfew lockdown "
        "patrol fortification fortifications"
    ),
    "Disrupted weapons use": "defuse dismantle intercept",
    "Looting/property destruction": "loot looting arson torch demolish raze destroy burn confiscate uproot",
    "Non-violent transfer of territory": "withdraw handover",
    # Generic attack words: the other triggers of the sentence decide what kind of event they report.
    "Other": "talks negotiation strike hit target fire",
}.items():
    for _word in _words.split():
        _WORD_TRIGGERS[_word] = _sub

# Multi-word triggers (regular expressions over the lower-cased sentence), checked before words.
_PHRASE_TRIGGERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), sub)
    for p, sub in [
        (r"\bchemical (weapon|attack|agent)s?\b|\bgas attack|\bnerve agent", "Chemical weapon"),
        (r"\bsuicide (bomb|attack|car|vest|belt|blast)", "Suicide bomb"),
        (
            r"\b(air|drone) (strike|raid|attack)s?\b|\bfighter jets?\b|\bhelicopter gunships?\b",
            "Air/drone strike",
        ),
        (
            r"\bgrenade launchers?\b|\brocket[- ]propelled grenades?\b|\brpgs?\b",
            "Shelling/artillery/missile attack",
        ),
        (
            r"\b(improvised explosive|roadside bomb|car bomb|explosive device|land ?mine|booby[- ]trap)",
            "Remote explosive/landmine/IED",
        ),
        (r"\bsexual(ly)? (assault|abuse|violence|harass)|\bgang[- ]raped?\b", "Sexual violence"),
        (
            r"\b(tear ?gas|water cannons?|rubber bullets|baton[- ]charged?|lathi[- ]charged?)",
            "Protest with intervention",
        ),
        (
            r"\b(fired|opened fire) (on|at|into) (the )?(protesters|demonstrators|crowd)",
            "Excessive force against protesters",
        ),
        (
            r"\b(set|sets|setting) (\w+ ){0,3}(on fire|ablaze)|\bthrew stones|\bpelted",
            "Violent demonstration",
        ),
        (r"\b(found dead|(bod(y|ies)|remains) (was |were )?found|shot dead|gunned down)", "Attack"),
        (r"\bsigned an? (\w+ )?(deal|agreement|accord)|\bcease-fire\b", "Agreement"),
        (r"\b(took|taken|take|takes|seized|gained) control\b", "Non-state actor overtakes territory"),
        (
            r"\b(handed|hand|hands) over (control|the (town|city|area|base))",
            "Non-violent transfer of territory",
        ),
        (
            r"\b(established|set up|setting up) (a |an |new )?(base|headquarters|camp|outpost)",
            "Headquarters or base established",
        ),
        (
            r"\b(weapons?|arms|ammunition|explosives) (cache|depot)"
            r"|\bseized (\w+ ){0,2}(weapons|arms|explosives)",
            "Disrupted weapons use",
        ),
        (r"\bshot down\b|\bdowned (a |an )?(drone|aircraft|jet|helicopter)", "Disrupted weapons use"),
        (
            r"\b(exchanged|exchange of) (heavy )?(fire|gunfire)|\bopened fire\b|\bshoot-? ?outs?\b"
            r"|\bbursts? of (gun)?fire\b|\bsmall arms\b|\b(heavy )?machine ?guns?\b|\bsniper",
            "Armed clash",
        ),
        (r"\b(set|sets|setting) fire\b|\bset (\w+ )?alight\b", "Looting/property destruction"),
    ]
]

# Lemmas that signal an event only as a verb (or only as a noun): "strike" the labour action
# vs. an attack is left to context, "march" the month is not a protest.
_VERB_ONLY = frozenset(
    "hit target burn engage exchange raid shoot beat fight destroy capture seize deploy withdraw reinforce "
    "repel repulse disappear march kill wound injure execute stab torch demonstrate explode detonate "
    "block".split()
)
_NOUN_ONLY = frozenset(
    "mine jet body shell rocket missile projectile mob bomb talks offensive explosive hostage dead".split()
)
# An agreement is an event when it is reached, not when it is violated or hoped for.
_AGREEMENT_NOUNS = frozenset({"agreement", "ceasefire", "cease-fire", "truce", "accord", "deal"})
_AGREE_VERBS = frozenset(
    {
        "agree",
        "reach",
        "sign",
        "broker",
        "conclude",
        "announce",
        "seal",
        "strike",
        "declare",
        "enter",
        "take",
        "end",
    }
)
_IRREALIS_MODIFIERS = frozenset({"future", "possible", "potential", "planned", "proposed", "new"})
# "Dead" and "body" only count next to a victim verb or noun ("found dead", "a body"), not "dead end".
_ADJ_OK = frozenset({"dead"})


@dataclass(frozen=True)
class Trigger:
    """A word or phrase in a sentence that signals an event, with the sub-event type it suggests."""

    start: int  # character offsets into the article
    end: int
    text: str
    sub_event_type: str
    token_i: int  # index of the trigger's head token in the doc
    lemma: str


def _token_trigger(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    word = token.lower_
    sub = _WORD_TRIGGERS.get(lemma) or _WORD_TRIGGERS.get(word)
    if sub is None:
        return None
    pos = token.pos_
    if pos not in ("VERB", "NOUN", "PROPN", "ADJ"):
        return None
    if pos == "ADJ" and lemma not in _ADJ_OK and word not in ("shot",):
        return None
    if lemma in _VERB_ONLY and pos != "VERB":
        return None
    if lemma in _NOUN_ONLY and pos == "VERB" and lemma not in ("shell", "bomb"):
        return None
    if lemma == "march" and token.text[0].isupper() and not token.is_sent_start:
        return None  # the month
    if any(c.dep_ == "amod" and c.lower_ in _IRREALIS_MODIFIERS for c in token.children) and pos != "VERB":
        return None  # "future peace talks"
    if lemma in _AGREEMENT_NOUNS and not _reached(token):
        return None
    return sub


def _reached(noun: Token) -> bool:
    """Whether an agreement noun is the thing agreed, reached or signed ("a truce agreed at the weekend")."""
    near = [noun.head, noun.head.head, *noun.children]
    if noun.head.pos_ == "ADP":  # "talks that ended with a ceasefire deal"
        near.append(noun.head.head.head)
    return any(t.lemma_.lower() in _AGREE_VERBS and t.pos_ == "VERB" for t in near)


def find_triggers(sentence: Span) -> list[Trigger]:
    """Event triggers in one parsed sentence, phrases first, in text order."""
    triggers: list[Trigger] = []
    lowered = sentence.text.lower()
    covered: set[int] = set()
    base = sentence.start_char
    for pattern, sub in _PHRASE_TRIGGERS:
        for match in pattern.finditer(lowered):
            span = sentence.doc.char_span(base + match.start(), base + match.end(), alignment_mode="expand")
            if span is None or any(t.i in covered for t in span):
                continue
            if sub == "Agreement" and "fire" in span.text.lower() and not any(_reached(t) for t in span):
                continue  # a cease-fire violated or hoped for is no agreement event
            covered.update(t.i for t in span)
            triggers.append(
                Trigger(span.start_char, span.end_char, span.text, sub, span.root.i, span.root.lemma_.lower())
            )
    for token in sentence:
        if token.i in covered:
            continue
        word_sub = _token_trigger(token)
        if word_sub is not None:
            triggers.append(
                Trigger(
                    token.idx,
                    token.idx + len(token.text),
                    token.text,
                    word_sub,
                    token.i,
                    token.lemma_.lower(),
                )
            )
    return sorted(triggers, key=lambda t: t.start)


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to."""
    return SUB_EVENT_TYPES[sub_event_type]


# ACLED's coding precedence: a sentence holding triggers of several sub-event types is coded as
# the first of them here. Weapons define remote violence whatever harm they did ("a missile
# destroyed a house" is a missile attack); repression of a protest outranks the protest; an
# abduction or a territorial change outranks the clash around it; violence against civilians
# ranks below the clash words (ACLED codes an attack on armed forces as a battle).
PRECEDENCE: tuple[str, ...] = (
    "Chemical weapon",
    "Suicide bomb",
    "Sexual violence",
    "Excessive force against protesters",
    "Protest with intervention",
    "Violent demonstration",
    "Mob violence",
    "Grenade",
    "Remote explosive/landmine/IED",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Agreement",
    "Abduction/forced disappearance",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
    "Peaceful protest",
    "Armed clash",
    "Arrests",
    "Disrupted weapons use",
    "Attack",
    "Looting/property destruction",
    "Headquarters or base established",
    "Change to group/activity",
    "Other",
)
_RANK = {sub: float(i) for i, sub in enumerate(PRECEDENCE)}
# Words that name an explosion but not its means rank after the means ("a shell exploded").
_UNSPECIFIED_EXPLOSION = frozenset({"explosion", "explode", "blast", "detonate", "explosive"})
# Gunfire between two sides is a clash even when heavier weapons are fired too (ACLED codes the
# exchange); it outranks shelling but not a strike from the air.
_FIREFIGHT_RANK = _RANK["Air/drone strike"] + 0.5
# An attack on armed men is a battle, not violence against civilians.
_ARMED = frozenset(
    "soldier troop force militant militia militiaman fighter rebel insurgent personnel army military "
    "police policeman officer jihadist combatant position base patrol convoy".split()
)
_VICTIM_DEPS = frozenset({"dobj", "nsubjpass", "obj"})


def _victims(token: Token) -> list[Token]:
    """Who a harm word befalls: its object or passive subject, an "attack on X", with conjuncts."""
    heads = [c for c in token.children if c.dep_ in _VICTIM_DEPS]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "against")):
        heads += [c for c in prep.children if c.dep_ == "pobj"]
    return [t for head in heads for t in (head, *head.conjuncts)]


def _armed_victim(triggers: list[Trigger], doc: Doc) -> bool:
    return any(
        v.lemma_.lower() in _ARMED
        for t in triggers
        if t.sub_event_type == "Attack"
        for v in _victims(doc[t.token_i])
    )


def _rank(trigger: Trigger) -> float:
    if trigger.lemma in _UNSPECIFIED_EXPLOSION:
        return _RANK["Shelling/artillery/missile attack"] + 0.5
    if trigger.sub_event_type == "Armed clash" and " " in trigger.text.strip():  # a phrase trigger
        return _FIREFIGHT_RANK
    return _RANK[trigger.sub_event_type]


@dataclass(frozen=True)
class EventKind:
    event_type: str
    sub_event_type: str


def classify(triggers: list[Trigger], doc: Doc) -> EventKind:
    """The event type and sub-event type a set of triggers in ``doc`` reports, by ACLED's precedence."""
    sub = min(triggers, key=_rank).sub_event_type
    if sub == "Attack" and _armed_victim(triggers, doc):
        sub = "Armed clash"
    return EventKind(event_type_of(sub), sub)
