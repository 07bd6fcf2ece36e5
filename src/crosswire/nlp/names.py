"""Corpus-wide entity canonicalisation: one :class:`Entity` per real-world thing.

Mentions are grouped by a *key* that survives the ways outlets spell the same
thing differently:

- places: the gazetteer id the geocoder resolved (Stepanakert = Khankendi), and
  demonyms/adjectives to their country (Azeri, Azerbaijani → Azerbaijan);
- people: a transliteration skeleton of first and last name, with fuzzy matching
  of the surname (Stepanyan = Stepanian), and bare surnames attached to the full
  name seen in the same article (or the only one in the corpus);
- organisations: country + content words, after British/American spelling and
  word order are normalised ("Armenia's defense ministry" = "the Armenian
  Defence Ministry"); a bare "Ministry of Defense" takes the country of the
  nearby text when that is unambiguous;
- anything else: the skeleton of its name, whatever label the small model gave
  each mention (cross-document label consistency: the majority label wins).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

from crosswire.model import Article, Claim, Entity, EntityRef, Mention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"})

# Transliteration variants collapsed in a name skeleton (order matters: digraphs first).
_TRANSLIT = [
    ("kh", "h"),
    ("ph", "f"),
    ("gh", "g"),
    ("zh", "j"),
    ("dzh", "j"),
    ("ck", "k"),
    ("ou", "u"),
    ("ie", "i"),
    ("yi", "i"),
    ("y", "i"),
    ("w", "v"),
    ("q", "k"),
    ("x", "ks"),
    ("c", "k"),
]
# British → American spellings, applied to key words only (display keeps the source's spelling).
_SPELLING = [
    (re.compile(p), r)
    for p, r in [
        (r"ence$", "ense"),
        (r"isation(s?)$", r"ization\1"),
        (r"ise$", "ize"),
        (r"our$", "or"),
        (r"tre$", "ter"),
        (r"mme$", "m"),
        (r"ll(ed|ing)$", r"l\1"),
    ]
]
_ORG_STOP = frozenset(
    {
        "the",
        "of",
        "s",
        "and",
        "for",
        "on",
        "in",
        "de",
        "la",
        "statement",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "official",
        "officials",
    }
)
# Words of generic institution names: only such names ("Ministry of Defense", "the army") take
# their country from the surrounding text; proper names keep their own identity.
_INSTITUTION_WORDS = frozenset(
    {
        "ministry",
        "minister",
        "defense",
        "foreign",
        "affairs",
        "interior",
        "home",
        "office",
        "army",
        "forces",
        "force",
        "armed",
        "military",
        "navy",
        "air",
        "police",
        "government",
        "parliament",
        "council",
        "presidency",
        "president",
        "committee",
        "service",
        "services",
        "security",
        "health",
        "justice",
        "finance",
        "economy",
        "prosecutor",
        "prosecutors",
        "general",
        "department",
        "agency",
        "embassy",
        "state",
        "national",
        "guard",
        "border",
        "intelligence",
        "emergency",
        "emergencies",
        "situations",
        "staff",
        "command",
        "high",
        "supreme",
        "court",
        "central",
        "bank",
        "electoral",
        "commission",
        "administration",
        "cabinet",
        "assembly",
        "congress",
        "senate",
        "spokesperson",
    }
)
_HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "president",
        "prime",
        "minister",
        "gen",
        "general",
        "col",
        "lt",
        "sgt",
        "sen",
        "rep",
        "gov",
        "mayor",
        "king",
        "queen",
        "prince",
    }
)


def name_words(text: str) -> list[str]:
    """Lower-case ASCII words of a name, without possessives or punctuation."""
    text = unidecode(text).lower().replace("'s ", " ").removesuffix("'s")
    return re.findall(r"[a-z0-9]+", text)


def skeleton(word: str) -> str:
    """A transliteration-insensitive form of a word: Stepanyan and Stepanian agree."""
    out = unidecode(word).lower()
    out = re.sub(r"[^a-z0-9]", "", out)
    for old, new in _TRANSLIT:
        out = out.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", out)


def american(word: str) -> str:
    for pattern, replacement in _SPELLING:
        if len(word) > 5 and pattern.search(word):
            return pattern.sub(replacement, word)
    return word


CountryOf = Callable[[str], str | None]


@lru_cache(maxsize=20_000)
def gazetteer_country(name: str) -> str | None:
    """The country a name, demonym or code denotes ("Azeri" → Azerbaijan), by the gazetteer."""
    from crosswire.nlp import gazetteer

    index = gazetteer.load()
    matches = [
        m for m in index.lookup(name) if m.place.level == gazetteer.COUNTRY and m.kind != gazetteer.SHORT
    ]
    matches = matches or [m for m in index.demonym(name) if m.place.level == gazetteer.COUNTRY]
    if not matches:
        return None
    return max(matches, key=lambda m: (m.kind == gazetteer.NAME, m.place.population)).place.name


@dataclass
class _Item:
    article: Article
    mention: Mention
    key: tuple[str, ...]
    label: str
    display: str


@dataclass
class _Group:
    items: list[_Item] = field(default_factory=list)
    name: str | None = None


class Canonicalizer:
    """Groups the mentions of a corpus into entities."""

    def __init__(self, country_of: CountryOf | None = None) -> None:
        self.country_of = country_of or gazetteer_country

    # -------------------------------------------------------------- keys

    def country_in(self, words: list[str]) -> tuple[str | None, list[str]]:
        """The country a name names or qualifies, and the remaining words."""
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                country = self.country_of(" ".join(words[i : i + size]))
                if country:
                    return country, words[:i] + words[i + size :]
        return None, words

    def org_key(self, words: list[str], context_country: str | None) -> tuple[str, ...]:
        country, rest = self.country_in(words)
        content = sorted({american(w) for w in rest if w not in _ORG_STOP})
        if not content:
            return ("org", country or "", *words)
        generic = all(w in _INSTITUTION_WORDS for w in content)
        return ("org", country or (context_country if generic else None) or "", *content)

    def place_key(self, article: Article, mention: Mention) -> tuple[str, ...] | None:
        for place in article.places:
            if place.place_id and place.start < mention.end and mention.start < place.end:
                return ("place", place.place_id)
        return None

    # -------------------------------------------------------------- grouping

    def canonicalize(self, articles: list[Article]) -> list[Entity]:
        harmonize_labels(articles)
        items = [item for article in articles for item in self._items(article)]
        label_votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        groups: dict[tuple[str, ...], _Group] = defaultdict(_Group)
        for item in items:
            groups[item.key].items.append(item)
            label_votes[item.key][item.label] += 1
        self._merge_people(groups)
        entities = self._entities(groups, label_votes)
        link_claims(articles, entities)
        return entities

    def _items(self, article: Article) -> Iterable[_Item]:
        person_keys: dict[str, tuple[str, ...]] = {}  # surname skeleton → full-name key in this article
        countries_seen: list[tuple[int, str]] = []
        pending_orgs: list[tuple[Mention, list[str]]] = []
        items: list[_Item] = []
        for mention in sorted(article.mentions, key=lambda m: m.start):
            if mention.label not in NAME_LABELS:
                continue
            words = name_words(mention.text)
            if words and words[0] == "the":
                words = words[1:]
            if not words:
                continue
            display = re.sub(r"^(the|The)\s+", "", mention.text).removesuffix("'s").removesuffix("’s")
            # A name that is exactly a country or its demonym is the country, whatever the label.
            country = self.country_of(" ".join(words))
            key: tuple[str, ...] | None
            if country:
                countries_seen.append((mention.start, country))
                key, display = ("country", country), country
            elif (key := self.place_key(article, mention)) is not None:
                pass
            elif mention.label == "PERSON":
                words = [w for w in words if w not in _HONORIFICS] or words
                if len(words) >= 2:
                    key = ("person", skeleton(words[0]), skeleton(words[-1]))
                    person_keys[skeleton(words[-1])] = key
                else:
                    key = person_keys.get(skeleton(words[0]), ("person", "", skeleton(words[0])))
            elif mention.label == "ORG":
                pending_orgs.append((mention, words))
                continue
            else:
                key = ("name", *(skeleton(w) for w in words))
            items.append(_Item(article, mention, key, mention.label, display))
        for mention, words in pending_orgs:
            context = _nearby_country(article, mention, countries_seen)
            display = re.sub(r"^(the|The)\s+", "", mention.text)
            items.append(_Item(article, mention, self.org_key(words, context), "ORG", display))
        return items

    def _merge_people(self, groups: dict[tuple[str, ...], _Group]) -> None:
        """Merge person groups whose names are transliterations of each other."""
        full = [k for k in groups if k[0] == "person" and k[1]]
        for i, a in enumerate(full):
            for b in full[i + 1 :]:
                if a in groups and b in groups and _same_person(a, b):
                    groups[a].items += groups.pop(b).items
        for key in [k for k in groups if k[0] == "person" and not k[1]]:
            matches = [k for k in groups if k[0] == "person" and k[1] and fuzz.ratio(k[2], key[2]) >= 88]
            if len(matches) == 1:
                groups[matches[0]].items += groups.pop(key).items

    def _entities(
        self, groups: dict[tuple[str, ...], _Group], label_votes: dict[tuple[str, ...], Counter[str]]
    ) -> list[Entity]:
        entities: list[Entity] = []
        used_ids: set[str] = set()
        for key, group in groups.items():
            votes = label_votes.get(key) or Counter(i.label for i in group.items)
            label = _entity_type(votes, key)
            surfaces = Counter(item.display for item in group.items)
            name = _best_name(surfaces, key)
            entity_id = _unique(f"{label.lower()}:{'-'.join(name_words(name)) or 'x'}", used_ids)
            for item in group.items:
                item.mention.entity_id = entity_id
            aliases = sorted(
                {s for s in surfaces if s != name} | {i.mention.text for i in group.items} - {name}
            )
            entities.append(
                Entity(
                    id=entity_id,
                    name=name,
                    type=label,
                    aliases=aliases,
                    country=key[1] if key[0] == "country" else None,
                    mentions=[
                        EntityRef(article_id=i.article.id, start=i.mention.start, end=i.mention.end)
                        for i in group.items
                    ],
                )
            )
        return sorted(entities, key=lambda e: (-len(e.mentions), e.id))


def harmonize_labels(articles: list[Article]) -> None:
    """Cross-document NER consistency: every mention of a name takes the name's majority label.

    The small model labels the same name differently from sentence to sentence
    (a country as ORG, a region as PERSON); the corpus as a whole is a better judge.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for mention in article.mentions:
            votes[_name_skeleton(mention.text)][mention.label] += 1
    for article in articles:
        for mention in article.mentions:
            counts = votes[_name_skeleton(mention.text)]
            label, count = counts.most_common(1)[0]
            if count > counts[mention.label]:
                mention.label = label


def _name_skeleton(text: str) -> str:
    words = name_words(text)
    return "".join(skeleton(w) for w in (words[1:] if words[:1] == ["the"] else words))


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    first_ok = a[1] == b[1] or a[1][:1] == b[1][:1] and min(len(a[1]), len(b[1])) == 1
    return first_ok and fuzz.ratio(a[2], b[2]) >= 88


def _nearby_country(article: Article, mention: Mention, countries: list[tuple[int, str]]) -> str | None:
    """The single country named in the mention's sentence or the two before it, if unambiguous."""
    sentence_starts = [s.start for s in article.sentences if s.start <= mention.start]
    window_start = sentence_starts[-3] if len(sentence_starts) >= 3 else 0
    nearby = Counter(c for pos, c in countries if window_start <= pos < mention.end)
    if not nearby:
        return None
    (top, count), *rest = nearby.most_common()
    return top if not rest or rest[0][1] < count else None


def _entity_type(votes: Counter[str], key: tuple[str, ...]) -> str:
    if key[0] in ("place", "country"):
        return "GPE"
    if key[0] == "person":
        return "PERSON"
    if key[0] == "org":
        return "ORG"
    return votes.most_common(1)[0][0]


def _best_name(surfaces: Counter[str], key: tuple[str, ...]) -> str:
    if key[0] == "country":
        return key[1]
    # The most frequent form; among equals the longest (full names beat surnames).
    return max(surfaces, key=lambda s: (len(s.split()) > 1, surfaces[s], len(s)))


def _unique(candidate: str, used: set[str]) -> str:
    entity_id, n = candidate, 2
    while entity_id in used:
        entity_id, n = f"{candidate}-{n}", n + 1
    used.add(entity_id)
    return entity_id


def link_claims(articles: list[Article], entities: list[Entity]) -> None:
    """Point each claim's speaker at the entity of the mention it overlaps (or names)."""
    by_name: dict[str, str] = {}
    for entity in entities:
        for name in [entity.name, *entity.aliases]:
            by_name.setdefault(" ".join(name_words(name)), entity.id)
    for article in articles:
        for claim in article.claims:
            claim.speaker.entity_id = _speaker_entity(article, claim, by_name)


def _speaker_entity(article: Article, claim: Claim, by_name: dict[str, str]) -> str | None:
    speaker = claim.speaker
    if speaker.start is not None and speaker.end is not None:
        inside = [
            m for m in article.mentions if m.entity_id and speaker.start <= m.start and m.end <= speaker.end
        ]
        people = [m for m in inside if m.label == "PERSON"]
        chosen = (people or inside)[-1:] if inside else []
        if chosen:
            return chosen[0].entity_id
    return by_name.get(" ".join(name_words(speaker.text)))


def canonicalize(articles: list[Article]) -> list[Entity]:
    """One entity per real-world thing across ``articles``; sets mention and speaker entity ids."""
    return Canonicalizer().canonicalize(articles)
