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
        "repel repulse rout thwart offensive exchange infiltrate raid"
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
        "kill murder shoot stab behead assassinate torture beat attack assault massacre lynch shot "
        "wound injure execute strangle dead body"
    ),
    "Abduction/forced disappearance": "abduct kidnap abduction kidnapping hostage disappear",
    "Peaceful protest": (
        "protest protester protestor demonstrate demonstration demonstrator rally "
        "march sit-in picket vigil motorcade caravan blockade barricade block"
    ),
    "Protest with intervention": "disperse",
    "Violent demonstration": "riot rioter rioting vandalize vandalise",
    "Mob violence": "mob brawl",
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
            r"\b(set|sets|setting) (\w+ ){0,3}(on fire|ablaze)"
            r"|\b(threw|throwing|hurled|hurling) (stones|rocks)"
            r"|\bpelted|\bstone[- ]pelting|\b(burn\w*|torch\w*|set fire to) (\w+ ){0,2}(tires|tyres)\b"
            r"|\bburning (objects|barricades|debris)\b",
            "Violent demonstration",
        ),
        (r"\b(found dead|(bod(y|ies)|remains) (was |were )?found|shot dead|gunned down)", "Attack"),
        # Explosive remnants of a past war hurting someone are no attack by anyone.
        (
            r"\bunexploded (\w+ )?(ordnance|shells?|mines?|bombs?|devices?)|\b(explosive )?remnants? of war"
            r"|\blaid during\b|\baccidentally (stepped|detonated|triggered)",
            "Other",
        ),
        # Opening fire is one-sided: an attack, a battle when it is aimed at armed men.
        (r"\bopened fire\b", "Attack"),
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
            r"|\bseized (\w+ ){0,3}(weapons|arms|explosives|munitions|ammunition|rifles|guns)",
            "Disrupted weapons use",
        ),
        (r"\bshot down\b|\bdowned (a |an )?(drone|aircraft|jet|helicopter)", "Disrupted weapons use"),
        (
            r"\bcaches? of (weapons|arms|explosives|ammunition)|\bexploded prematurely\b"
            r"|\bcontrolled (explosion|detonation)|\bwhile (planting|making|assembling|handling)\b",
            "Disrupted weapons use",
        ),
        (r"\b(fired|shot) back\b|\breturned fire\b|\bin both directions\b", "Armed clash"),
        (r"\bheavy machine ?guns?\b", "Shelling/artillery/missile attack"),
        (
            r"\b(exchanged|exchange of) (heavy )?(fire|gunfire)|\bshoot-? ?outs?\b"
            r"|\bbursts? of (gun)?fire\b|\bsmall arms\b|\bmachine ?guns?\b|\bsniper",
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
# Seizing words: their object tells a territorial change from looting or a capture of people.
_TAKE_WORDS = frozenset({"seize", "capture", "raid"})
_TERRITORY = frozenset(
    "town city village area territory position base district hill control region post outpost airport "
    "checkpoint camp road bridge border front frontline neighbourhood neighborhood headquarters".split()
)
_PEOPLE = frozenset(
    "person people man woman child operative member fighter militant soldier civilian suspect leader "
    "commander official".split()
)
_FIGHT_WORDS = frozenset({"fight", "combat"})
_GATHER_WORDS = frozenset({"gather", "assemble", "congregate", "converge"})
_DEMAND_WORDS = frozenset({"demand", "protest", "condemn", "denounce", "oppose", "decry"})
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
    if sub == "Abduction/forced disappearance" and token.dep_ == "compound":
        return None  # "a kidnapping suspect"
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    if lemma in _TAKE_WORDS:
        # Taking ground is a territorial change; taking goods is looting; taking people is no battle.
        if not objects or any(_territory(o) for o in objects):
            return sub
        if any(o.ent_type_ in ("PERSON", "NORP", "ORG") or o.lemma_.lower() in _PEOPLE for o in objects):
            return None
        return "Looting/property destruction"
    if lemma in _FIGHT_WORDS and objects and not any(_opponent(o) for o in objects):
        return None  # "to fight the pandemic"
    return sub


def _territory(noun: Token) -> bool:
    return noun.ent_type_ in ("GPE", "LOC", "FAC") or noun.lemma_.lower() in _TERRITORY


def _opponent(noun: Token) -> bool:
    return (
        noun.ent_type_ in ("PERSON", "NORP", "ORG", "GPE")
        or noun.lemma_.lower() in _ARMED
        or noun.lemma_.lower() in _CROWD
        or noun.lemma_.lower() in ("other", "them", "they", "enemy", "each")
    )


def _gathering_protest(token: Token) -> bool:
    """A gathering that makes a demand is a protest ("villagers gathered ... demanding the switch",
    "workers gathered to demand"); so is a demand a crowd makes ("workers demanded their pay")."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB":
        return False
    if lemma in _GATHER_WORDS:
        return any(t.lemma_.lower() in _DEMAND_WORDS for t in token.subtree if t.i > token.i)
    if lemma in _DEMAND_WORDS:
        return any(_crowd(a) for a in _agents(token))
    return False


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
        word_sub = _token_trigger(token) or ("Peaceful protest" if _gathering_protest(token) else None)
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
# destroyed a house" is a missile attack); demonstrators' own violence makes a riot whatever
# the police did; repression of a peaceful protest outranks the protest; an
# abduction or a territorial change outranks the clash around it; violence against civilians
# ranks below the clash words (ACLED codes an attack on armed forces as a battle).
PRECEDENCE: tuple[str, ...] = (
    "Chemical weapon",
    "Suicide bomb",
    "Sexual violence",
    "Violent demonstration",
    "Excessive force against protesters",
    "Protest with intervention",
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
# Gunfire between two sides — an exchange of fire, small arms, snipers — is a clash even when
# heavier weapons are fired too (ACLED codes the exchange); it outranks shelling but not a strike
# from the air.
_FIREFIGHT_RANK = _RANK["Air/drone strike"] + 0.5
_EXCHANGE = re.compile(r"exchang|shoot-? ?out|small arms|sniper|back\b|returned fire|both directions")
# An attack on armed men is a battle, not violence against civilians.
_ARMED = frozenset(
    "soldier troop force militant militia militiaman fighter rebel insurgent personnel army military "
    "police policeman officer jihadist combatant position base patrol convoy commander guard security "
    "unit battalion brigade".split()
)
_VICTIM_DEPS = frozenset({"dobj", "nsubjpass", "obj"})
# Explosion words that name no device: with no weapon named they are coded as shelling.
_BARE_EXPLOSION = frozenset({"explosion", "explode", "blast"})
# Ordinary people acting as a crowd (ACLED's rioters) and words marking an armed organised group.
_CROWD = frozenset(
    "villager local resident mob crowd youth people person student worker volunteer supporter neighbour "
    "neighbor relative family member farmer trader driver vendor inhabitant citizen man woman group "
    "labourer laborer community demonstrator protester protestor rioter".split()
)
# What a crowd does with bare hands, sticks and stones; shooting is an armed group's attack.
_MOB_HARM = frozenset("attack beat assault lynch clash torture injure wound stab".split())
_PROTEST_KINDS = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)
# What demonstrators do that makes their demonstration violent.
_RIOT_ACTS = frozenset({"Violent demonstration", "Looting/property destruction", "Mob violence"})
# Harm done to people: with it, violence that also destroyed property is coded by the harm.
_HARM = frozenset(
    "kill murder shoot shot stab behead beat assault torture injure wound dead body lynch rape "
    "rioter riot".split()
)
_KILLING = frozenset("kill murder execute behead dead body shot shoot strangle".split())
_QUANTITY = frozenset("dozen hundred thousand score number some several many".split())
_FIREARM = frozenset("shoot shooting shot gun gunfire firearm rifle pistol bullet".split())
_ARMED_AGENTS = frozenset(
    "armed arm gunman gunmen militant militia militiaman militiamen gang cartel rebel insurgent "
    "soldier troop force police army "
    "unidentified unknown suspected alleged assailant attacker fighter".split()
)


def _victims(token: Token) -> list[Token]:
    """Who a harm word befalls: its object or passive subject, an "attack on X", with conjuncts."""
    heads = [c for c in token.children if c.dep_ in _VICTIM_DEPS]
    if not heads and token.dep_ == "conj" and token.head.pos_ == "VERB":  # "pursued and killed 3 militants"
        heads = [c for c in token.head.children if c.dep_ in _VICTIM_DEPS]
    holders = [token, *(c for c in token.children if c.dep_ == "dobj" and c.lower_ == "fire")]
    for prep in (
        c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "at")
    ):
        heads += [c for c in prep.children if c.dep_ == "pobj"]
    return [t for head in heads for t in (head, *head.conjuncts)]


def _armed_victim(triggers: list[Trigger], doc: Doc) -> bool:
    """Whether an attack befalls armed men: "killed 3 IS militants", "a member of the Elite forces
    was killed", "a security personnel commander"."""
    return any(
        w.lemma_.lower() in _ARMED and not _off_duty(v)
        for t in triggers
        if t.sub_event_type == "Attack"
        for v in _victims(doc[t.token_i])
        for w in _noun_phrase(v)
    )


def _off_duty(noun: Token) -> bool:
    """An off-duty or former member of the forces is a civilian to ACLED."""
    text = " ".join(t.lower_ for t in noun.subtree)
    return "off-duty" in text or "off duty" in text or "off - duty" in text or "former" in text


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun with its modifiers and its "of" phrase: "a member of the Elite forces"."""
    words = [t for t in noun.subtree if t.i <= noun.i]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            words += [t for t in obj.subtree if t.i <= obj.i]
    return words


def _rank(trigger: Trigger) -> float:
    if trigger.lemma in _UNSPECIFIED_EXPLOSION:
        return _RANK["Shelling/artillery/missile attack"] + 0.5
    if trigger.sub_event_type == "Armed clash" and _EXCHANGE.search(trigger.text.lower()):
        return _FIREFIGHT_RANK
    return _RANK[trigger.sub_event_type]


@dataclass(frozen=True)
class EventKind:
    event_type: str
    sub_event_type: str


def _agents(token: Token) -> list[Token]:
    """Who does what a verb says: its active subject or passive "by" agent, with conjuncts."""
    heads = [c for c in token.children if c.dep_ == "nsubj"]
    for agent in (c for c in token.children if c.dep_ == "agent"):
        heads += [c for c in agent.children if c.dep_ == "pobj"]
    if not heads and token.dep_ in ("conj", "xcomp") and token.head.pos_ == "VERB":
        return _agents(token.head)
    if not heads and token.dep_ == "acl" and token.tag_ in ("VBD", "VBG"):
        heads = [token.head]  # "a group of youths clashed with ...", "militants attacking a village"
    return [t for head in heads for t in (head, *head.conjuncts)]


def _crowd(noun: Token) -> bool:
    """A crowd or group of ordinary people, not an armed organised one ("villagers", "a mob", "five
    persons"; not "armed men", "a gang")."""
    # The words before the noun and its "of" phrase: "five persons", "a group of BJP workers".
    words = [
        t
        for t in noun.subtree
        if t.i <= noun.i or any(a.dep_ == "prep" and a.lower_ == "of" for a in t.ancestors)
    ]
    if {w for t in words for w in (t.lemma_.lower(), t.lower_)} & _ARMED_AGENTS:
        return False
    # A named group (a party's workers, a caste's members) is organised: its violence is an attack.
    if any(
        t.ent_type_ == "ORG" or (t.pos_ == "PROPN" and t.ent_type_ not in ("NORP", "GPE", "LOC"))
        for t in words
    ):
        return False
    if noun.lemma_.lower() in _QUANTITY or noun.pos_ == "NUM":  # "dozens of youths"
        return any(
            _crowd(o) for p in noun.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"
        )
    return noun.lemma_.lower() in _CROWD


def _crowd_violence(triggers: list[Trigger], doc: Doc, sub: str) -> bool:
    """Whether the violence a trigger reports is done by a crowd of ordinary people (with no gun
    in sight: shooting is an armed group's attack)."""
    if any(t.lemma_.lower() in _FIREARM for trigger in triggers for t in doc[trigger.token_i].sent):
        return False
    return any(
        _crowd(agent)
        for t in triggers
        if t.sub_event_type in ("Attack", "Armed clash") and t.lemma in _MOB_HARM
        for agent in _agents(doc[t.token_i])
    )


def _done(token: Token) -> bool:
    """Whether a trigger tells what the people in the sentence did, not a cause or a background:
    "burned tires", "rioters blocked"; not "accused of vandalising", "youths who clashed",
    "protests against looting"."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    return token.pos_ == "VERB" and token.dep_ not in ("relcl", "acl", "pcomp", "advcl", "amod")


def classify(triggers: list[Trigger], doc: Doc) -> EventKind:
    """The event type and sub-event type a set of triggers in ``doc`` reports, by ACLED's precedence.

    Beyond the precedence, three codebook distinctions: an explosion whose weapon is not
    named is coded as shelling (a device — IED, mine — is named when there was one; an
    unidentified blast between armed sides is fire from afar); violence against armed men
    is a battle; violence by a crowd of ordinary people is a riot — mob violence, or a
    violent demonstration when demonstrators turn violent.
    """
    best = min(triggers, key=_rank)
    sub = best.sub_event_type
    if best.lemma in _BARE_EXPLOSION:
        sub = "Shelling/artillery/missile attack"
    kinds = {t.sub_event_type for t in triggers}
    if (
        any(t.sub_event_type == "Other" and " " in t.text for t in triggers)
        and event_type_of(sub) == EXPLOSIONS
    ):
        return EventKind(STRATEGIC, "Other")  # a remnant of war went off
    if event_type_of(sub) == EXPLOSIONS and "Disrupted weapons use" in kinds:
        return EventKind(STRATEGIC, "Disrupted weapons use")  # shot down, defused, blew up its makers
    # What happens at a protest is told in the sentence telling of the protest.
    protest_sentences = {doc[t.token_i].sent.start for t in triggers if t.sub_event_type in _PROTEST_KINDS}
    at_protest = [t for t in triggers if doc[t.token_i].sent.start in protest_sentences]
    if any(
        (t.sub_event_type in _RIOT_ACTS or t.lemma in ("clash", "brawl")) and _done(doc[t.token_i])
        for t in at_protest
    ):
        return EventKind(RIOTS, "Violent demonstration")  # demonstrators burned, vandalised, clashed
    if (
        "Looting/property destruction" in kinds
        and sub in ("Attack", "Violent demonstration")
        and not kinds & _PROTEST_KINDS
        and not any(
            t.lemma in _HARM or t.lemma == "attack" and doc[t.token_i].pos_ == "VERB" for t in triggers
        )
    ):
        # Fire set to property, an "arson attack" hurting nobody: property destruction.
        return EventKind(STRATEGIC, "Looting/property destruction")
    if sub in ("Attack", "Armed clash") and _crowd_violence(triggers, doc, sub):
        protest = any(event_type_of(t.sub_event_type) in (PROTESTS, RIOTS) for t in triggers)
        sub = "Violent demonstration" if protest else "Mob violence"
    elif sub == "Attack" and _armed_victim(triggers, doc):
        sub = "Armed clash"
    elif sub == "Peaceful protest" and any(
        t.sub_event_type == "Arrests" and doc[t.token_i].pos_ == "VERB" and doc[t.token_i].dep_ != "relcl"
        for t in at_protest
    ):
        sub = "Protest with intervention"  # protesters were arrested (not "against the arrest of")
    elif sub == "Abduction/forced disappearance" and any(t.lemma in _KILLING for t in triggers):
        sub = "Attack"  # an abduction ending in the victim's death is coded as the killing
    return EventKind(event_type_of(sub), sub)
