"""Contradictions: statements about the same thing that cannot both hold.

Four kinds, each found by structured comparison rather than guessed from wording alone
(precision first: a reported contradiction must be a real one):

1. numbers — two figures with the same unit, subject and scope whose intervals (bounds
   included: "more than 10" allows 11, "hundreds" allows "more than 400") do not overlap,
   in sentences about the same thing;
2. claim vs denial — one side asserts, another denies or rejects the same proposition: from
   claim records when attribution provides them, else from sentence cues ("X denied that ...",
   "..., a claim Y has rejected");
3. opposing outcomes — each side says the *other* side's forces were repelled / retreated;
4. dates — two accounts of one event giving different days.

Within-article pairs count as much as cross-article ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.compare.align import Fact, anchors, date_words
from crosswire.compare.units import Similarity, Unit, content_stems, outlet_name, quoted_spans, stem
from crosswire.extract.quantities import MEASURE_UNITS
from crosswire.model import Cite, Claim, Finding, Quantity

ASSERTING = frozenset({"assert", "claim", "accuse", "confirm", "warn", "condemn"})
DENYING = frozenset({"deny", "reject"})
DENIAL_CUE = re.compile(
    r"\b(den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)"
    r"|rebuff(?:s|ed|ing)?|repudiat(?:e|es|ed|ing))\b",
    re.I,
)
# "..., a claim Azerbaijan has rejected" / "..., a claim rejected by Armenian officials" /
# "..., which Moscow denies": the claim and its rejection in one sentence.
REJECTED_CLAIM = re.compile(
    r",\s*(?:(?:a|an|the)\s+(?:claim|allegation|accusation|charge|assertion|report)s?\s+(?:that\s+)?"
    r"|which\s+)(?:(?P<by1>[^,.;]{1,60}?)\s+(?:has\s+|have\s+|had\s+)?)?(?:(?:was|were|is|are|been)\s+)?"
    r"(?P<cue>rejected|denied|denies|deny|dismissed|refuted|disputed|disputes)\b(?:\s+by\s+(?P<by2>[^,.;]{1,60}))?"
    # The claim itself is what is rejected: nothing but an agent or a circumstance follows.
    r"\s*(?:[,.;:)”\"]|$|\s(?:as|on|in|at|last|earlier|later|this)\b)",
    re.I,
)
REPORTING_CUE = re.compile(
    r"\b(said|says|say|claimed|claims|claim|accused|accuses|alleged|alleges|stated|announced|reported|"
    r"according to|confirmed|insisted|told)\b",
    re.I,
)
# Where a denial's content ends: the next clause joined by ", and" or a new reporting verb.
CLAUSE_END = re.compile(r",\s*(?:and|but|while)\s|;|\band\s+(?:said|added|says)\b")
# "rejected the claim that ...", "dismissed the Azerbaijani statement, saying that ...": the
# disputed statement is named first; its content follows.
DISPUTED_OBJECT = re.compile(
    r"^\s*(?:(?:the|a|an|this|that|these|those|its|their)\s+)?(?:[\w’'-]+\s+){0,2}?"
    r"(?:claims?|statements?|allegations?|accusations?|reports?|charges?|assertions?)\b,?\s*"
    r"(?:saying\s+|and\s+said\s+)?(?:that\s+)?",
    re.I,
)
# "claimed earlier on Wednesday that ...", "said in a statement that ...": what precedes the content.
CONTENT_LEAD = re.compile(
    r"^(?:\s*(?:earlier|later|also|on\s+\w+day|\w+day|in\s+(?:a\s+)?statements?|that|,))*\s*", re.I
)
LEAD = re.compile(r"^(?:however|but|meanwhile|in contrast|in response|yet|still|and)\b[,\s]*", re.I)
TRAIL = re.compile(r"(?:\s+(?:has|had|have|was|were|is|also|later|earlier|on \w+day|\w+day))+$", re.I)
# Words naming the disputed statement itself, not its content.
META = frozenset(
    content_stems(
        "claim claims allegation allegations accusation accusations report reports "
        "statement statements charge charges assertion assertions"
    )
)
# Cues that deny a statement only when their object names one ("rejected the claim that ...").
REJECTING = ("reject", "dismiss", "rebuff", "repudiat")
STATEMENT_OBJECT = re.compile(
    r"\s+(?:that\b|as\s+(?:false|untrue|baseless|groundless|unfounded|lies?|fake|propaganda|nonsense)\b"
    r"|(?:(?:the|a|an|this|that|these|those|its|their|any|such|all)\s+)?(?:[\w’'-]+\s+){0,2}?"
    r"(?:claims?|statements?|allegations?|accusations?|reports?|charges?|assertions?|suggestions?"
    r"|assertions?|accounts?|version|narrative|notion|idea)\b)",
    re.I,
)
BE_FORMS = frozenset({"was", "were", "been", "be", "being", "is", "are", "get", "got", "gets"})
# "denied them access", "denied bail": what is withheld, not a statement disputed.
WITHHELD_OBJECTS = frozenset(
    "to access entry permission bail visa visas service them him her us me you parole admission "
    "coverage benefits funding".split()
)
NEGATION_REACH = 10  # words; "Not a single missile, shell or projectile has been fired"
HEDGES = frozenset({"whether", "if", "might", "may", "could", "would", "possibly", "allegedly"})
NEGATORS = frozenset({"not", "no", "never", "none", "nothing", "neither", "nor", "n't", "without", "devoid"})
# Denial content must be mostly (by weight) found in the assertion it contradicts.
DENIAL_COVERAGE = 0.6
MIN_SHARED = 2
# Sentences about the same quantity must be at least this similar.
QUANTITY_CONTEXT = 0.2
# A figure of people or things counted recurs across incidents of one day, unlike a measure
# (hours of talks, dollars of sales): it needs sentences as close as one fact's.
COUNT_CONTEXT = 0.35
# Opposing accounts in one article must sit this close (in sentences) to be about one fight.
OUTCOME_REACH = 3
# Two accounts of one event must be this similar before their dates are compared.
SAME_EVENT = 0.5

ABSOLUTE_DATE = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)
SETBACK = re.compile(
    r"(?P<party>(?:[A-Z][\w’'-]*\s+){1,3}?)(?:forces|troops|units|army|fighters|soldiers|militants|rebels)\s+"
    r"(?:had\s+|have\s+|has\s+|were\s+|was\s+)?(?:been\s+)?(?:forced\s+to\s+)?"
    r"(?P<verb>retreat(?:ed)?|(?<=forced to )withdraw|repelled|repulsed|pushed\s+back|driven\s+back"
    r"|routed|defeated|beaten\s+back)\b"
)


@dataclass
class Statement:
    """What one sentence asserts or denies, and who says it."""

    unit: Unit
    speakers: frozenset[str]
    stems: frozenset[str]
    denial: bool
    speaker_text: str
    content: str
    claim: Claim | None = None


def _speaker_ids(unit: Unit, before: int) -> frozenset[str]:
    """Entity ids mentioned in ``unit`` before character ``before`` (relative to the sentence)."""
    cut = unit.start + before
    return frozenset(m.entity_id for m in unit.mentions if m.entity_id and m.start < cut)


def _unit_of(units_by_article: dict[str, list[Unit]], article_id: str, offset: int) -> Unit | None:
    return next((u for u in units_by_article.get(article_id, []) if u.start <= offset < u.end), None)


def statements(units: list[Unit]) -> list[Statement]:
    """Assertions and denials: from claim records where an article has them, else from cues."""
    by_article: dict[str, list[Unit]] = {}
    for unit in units:
        by_article.setdefault(unit.article_id, []).append(unit)
    out: list[Statement] = []
    covered: set[int] = set()
    articles = {unit.article_id: unit.article for unit in units}
    for article in articles.values():
        for claim in article.claims:
            home = _unit_of(by_article, claim.article_id, claim.start)
            if home is None or not (claim.stance in ASSERTING or claim.stance in DENYING):
                continue
            speaker = claim.speaker.entity_id or claim.speaker.text.lower()
            denial = claim.stance in DENYING
            # A denial is matched on what it denies; an assertion on its whole sentence, which
            # also says where and when (the claim's content may stop short of it).
            stems = content_stems(claim.content) if denial else home.stems
            out.append(
                Statement(
                    home,
                    frozenset({speaker}),
                    frozenset(stems) - META,
                    denial,
                    claim.speaker.text,
                    claim.content,
                    claim,
                )
            )
            covered.add(home.key)
    for unit in units:
        if unit.key in covered or not unit.is_statement or REJECTED_CLAIM.search(unit.text):
            continue
        cue = denial_cue(unit.text)
        if cue is not None:
            rest = DISPUTED_OBJECT.sub("", unit.text[cue.end() :], count=1)
            end = CLAUSE_END.search(rest)
            content = rest[: end.start()] if end else rest
            out.append(
                Statement(
                    unit,
                    _speaker_ids(unit, cue.start()),
                    frozenset(content_stems(content)) - META,
                    True,
                    _speaker_words(unit.text[: cue.start()]),
                    content.strip(" ,."),
                )
            )
            continue
        report = REPORTING_CUE.search(unit.text)
        speakers = _speaker_ids(unit, report.start()) if report else frozenset()
        speaker = _speaker_words(unit.text[: report.start()]) if report else ""
        content = unit.text[report.end() :] if report and speaker else unit.text
        out.append(
            Statement(
                unit,
                speakers,
                frozenset(unit.stems) - META,
                False,
                speaker,
                CONTENT_LEAD.sub("", content).strip(" ,."),
            )
        )
    return out


def denial_cue(text: str) -> re.Match[str] | None:
    """The cue of a denial of a statement in ``text``, if any.

    Not a denial: a negated one ("does not deny that"), a passive one or one with a person as
    object ("was denied bail", "denied to them": withholding, not disputing).
    """
    quotes = quoted_spans(text)
    for match in DENIAL_CUE.finditer(text):
        before = text[: match.start()].lower().split()[-3:]
        rest = text[match.end() :]
        after = rest.lower().split()[:1]
        if any(w.strip(",") in NEGATORS or w in ("refused", "neither", "nor") for w in before):
            return None
        if (before and before[-1] in BE_FORMS) or (after and after[0].strip(",.") in WITHHELD_OBJECTS):
            continue
        if any(start <= match.start() < end for start, end in quotes):
            continue  # a quoted "refute" is the speaker's word for an argument, not a denial
        if match.group(1).lower().startswith(REJECTING) and not STATEMENT_OBJECT.match(rest):
            continue  # "rejected the plan": a proposal turned down, not a statement denied
        return match
    return None


def _speaker_words(text: str) -> str:
    """The speaker phrase before a cue, without discourse openers or trailing auxiliaries."""
    text = LEAD.sub("", text.strip(" ,"))
    return TRAIL.sub("", text).strip(" ,")


def _dates(unit: Unit) -> list[str]:
    return sorted(e[5:] for e in unit.entities if e.startswith("date:"))


def _absolute_dates(unit: Unit) -> list[str]:
    """Day dates written out in the sentence ("Sept. 14", "14 October 2020"), not relative ones."""
    return sorted(
        {
            t.value
            for t in unit.article.times
            if t.value
            and t.type == "DATE"
            and unit.start <= t.start < unit.end
            and ABSOLUTE_DATE.search(t.text)
        }
    )


def _after_publication(assertion: Unit, denial: Unit) -> bool:
    """True when the assertion's event is dated after the denial was published (it cannot answer it)."""
    published = denial.article.published
    if not published:
        return False
    return any(d[:10] > published[:10] for d in _dates(assertion) if len(d) >= 10)


def _negated(statement: Statement, shared: frozenset[str]) -> bool:
    """Whether the statement negates or only wonders about what it shares with a denial
    ("Not a single missile ... fired", "investigators probing whether the campaign colluded")."""
    tokens = statement.unit.words
    for i, token in enumerate(tokens):
        window = tokens[max(0, i - NEGATION_REACH) : i]
        if stem(token) in shared and any(t in NEGATORS or t in HEDGES for t in window):
            return True
    return False


def _coverage(denial: Statement, assertion: Statement, similarity: Similarity) -> float:
    shared = denial.stems & assertion.stems
    if len(shared) < MIN_SHARED or _negated(assertion, shared):
        return 0.0
    total = sum(similarity.weight(s) for s in denial.stems) or 1.0
    return sum(similarity.weight(s) for s in shared) / total


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split()).strip(" ,.")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _contradiction(summary: str, evidence: list[Cite], details: dict[str, object]) -> Finding:
    """A contradiction finding; the story assigns its id when all findings are collected."""
    return Finding(
        id="", kind="contradiction", sources=0, summary=summary, evidence=evidence, details=details
    )


def claim_denials(units: list[Unit], facts: list[Fact], similarity: Similarity) -> list[Finding]:
    """A denial paired with the assertion it contradicts; denials of one assertion fact merge."""
    said = statements(units)
    fact_of = {u.key: i for i, f in enumerate(facts) for u in f.members}
    fact_articles = {u.key: {m.article_id for m in f.members} for f in facts for u in f.members}
    merged: dict[object, tuple[Statement, list[Statement]]] = {}
    for denial in (s for s in said if s.denial and len(s.stems) >= MIN_SHARED):
        best: tuple[float, Statement] | None = None
        for assertion in said:
            if assertion.denial or assertion.unit.key == denial.unit.key:
                continue
            if denial.speakers and assertion.speakers and denial.speakers & assertion.speakers:
                continue
            if assertion.unit.article_id != denial.unit.article_id and (
                _after_publication(assertion.unit, denial.unit)
                or denial.unit.article_id not in fact_articles.get(assertion.unit.key, ())
            ):
                continue  # across outlets, only a claim the denying article itself reports
            score = _coverage(denial, assertion, similarity)
            if score < DENIAL_COVERAGE:
                continue
            # Prefer the assertion the same article reports, then the nearest one.
            score += 0.2 * (assertion.unit.article_id == denial.unit.article_id)
            score -= 0.01 * abs(assertion.unit.index - denial.unit.index)
            if best is None or score > best[0]:
                best = (score, assertion)
        if best is None:
            continue
        assertion = best[1]
        key = (
            ("fact", fact_of[assertion.unit.key])
            if assertion.unit.key in fact_of
            else ("unit", assertion.unit.key)
        )
        merged.setdefault(key, (assertion, []))[1].append(denial)
    findings = []
    for assertion, denials in merged.values():
        evidence = [assertion.unit.cite()] + [d.unit.cite() for d in denials]
        claimant = assertion.speaker_text or outlet_name(assertion.unit.article)
        deniers = " and ".join(dict.fromkeys(_short(d.speaker_text, 60) or "another source" for d in denials))
        findings.append(
            _contradiction(
                summary=f"{_short(claimant, 60)} says {_short(assertion.content, 100)}; {deniers} "
                f"denies it: {_short(denials[0].content, 90)}.",
                evidence=evidence,
                details={
                    "type": "claim_denial",
                    "claim": assertion.content,
                    "denials": [d.content for d in denials],
                    "claim_ids": [s.claim.id for s in [assertion, *denials] if s.claim is not None],
                },
            )
        )
    return findings


def rejected_in_sentence(units: list[Unit], facts: list[Fact]) -> list[Finding]:
    """ "X said Y, a claim Z has rejected": the sentence states both sides."""
    fact_of = {u.key: f for f in facts for u in f.members}
    findings = []
    for unit in units:
        match = REJECTED_CLAIM.search(unit.text)
        if match is None:
            continue
        rejector = (match.group("by1") or match.group("by2") or "").strip()
        claim_text = unit.text[: match.start()]
        evidence = [unit.cite()]
        if unit.key in fact_of:  # other reports of the same claim
            evidence += [u.cite() for u in fact_of[unit.key].members if u.key != unit.key]
        findings.append(
            _contradiction(
                summary=f"{_short(claim_text)} — a claim {rejector or 'the other side'} "
                f"{match.group('cue').lower()}.",
                evidence=evidence,
                details={"type": "claim_denial", "claim": claim_text.strip(), "rejected_by": rejector},
            )
        )
    return findings


def _interval(q: Quantity) -> tuple[float, float]:
    low = q.low if q.low is not None else q.value if q.value is not None else float("-inf")
    high = q.high if q.high is not None else (float("inf") if q.bound == "at_least" else q.value)
    return low if low is not None else float("-inf"), high if high is not None else float("inf")


def _comparable(a: Quantity, b: Quantity) -> bool:
    """Same unit, same counted thing (noun and event), same scope: only then can figures disagree."""
    return a.unit == b.unit and a.subject == b.subject and a.scope == b.scope and " " in a.subject


def _quantities(unit: Unit) -> list[Quantity]:
    return [q for q in unit.article.quantities if unit.start <= q.start < unit.end]


def _agrees_within(unit: Unit, other: Quantity) -> bool:
    """Whether ``unit`` states a figure with ``other``'s unit that is consistent with it."""
    low, high = _interval(other)
    for q in _quantities(unit):
        qlow, qhigh = _interval(q)
        if q.unit == other.unit and not (qhigh < low or high < qlow):
            return True
    return False


def number_conflicts(units: list[Unit], facts: list[Fact], similarity: Similarity) -> list[Finding]:
    """Figures for the same quantity whose allowed intervals do not overlap."""
    fact_of = {u.key: i for i, f in enumerate(facts) for u in f.members}
    with_numbers = [(u, q) for u in units for q in _quantities(u) if q.subject and " " in q.subject]
    findings = []
    for i, (ua, qa) in enumerate(with_numbers):
        for ub, qb in with_numbers[i + 1 :]:
            if ua.key == ub.key or not _comparable(qa, qb):
                continue
            (la, ha), (lb, hb) = _interval(qa), _interval(qb)
            if not (ha < lb or hb < la):
                continue
            if _agrees_within(ua, qb) or _agrees_within(ub, qa):
                continue  # the other sentence also carries this figure: the two differ in what they count
            same_fact = ua.key in fact_of and fact_of.get(ua.key) == fact_of.get(ub.key)
            shared_date = set(_dates(ua)) & set(_dates(ub)) or date_words(ua, ub)
            context = QUANTITY_CONTEXT if qa.unit in MEASURE_UNITS else COUNT_CONTEXT
            if not same_fact and not (similarity(ua, ub) >= context and shared_date):
                continue
            pa, pb = ua.article.published, ub.article.published
            if pa and pb and pa[:10] != pb[:10] and not shared_date:
                continue  # a running figure reported on different days is an update, not a conflict
            findings.append(
                _contradiction(
                    summary=f"{outlet_name(ua.article)} gives {qa.text} and {outlet_name(ub.article)} gives "
                    f"{qb.text} for the same {qa.subject}: the figures cannot both hold.",
                    evidence=[ua.cite(), ub.cite()],
                    details={
                        "type": "number",
                        "subject": qa.subject,
                        "unit": qa.unit,
                        "a": qa.model_dump(),
                        "b": qb.model_dump(),
                    },
                )
            )
    return findings


def _stem5(word: str) -> str:
    return word.lower().strip("’'")[:5]


def opposing_outcomes(units: list[Unit], similarity: Similarity) -> list[Finding]:
    """Each side reports the other's forces repelled or retreating: opposing accounts of one fight."""
    accounts = []
    for unit in units:
        match = SETBACK.search(unit.text)
        report = REPORTING_CUE.search(unit.text)
        if match is None or report is None or report.start() > match.start():
            continue
        loser = {_stem5(w) for w in match.group("party").split()}
        speaker = {
            _stem5(w) for w in re.findall(r"[A-Z][\w’'-]+", _speaker_words(unit.text[: report.start()]))
        }
        accounts.append((unit, loser, speaker, _speaker_ids(unit, report.start()), match))
    findings = []
    for i, (ua, loser_a, speaker_a, ids_a, ma) in enumerate(accounts):
        for ub, loser_b, speaker_b, ids_b, mb in accounts[i + 1 :]:
            if loser_a & loser_b or not ids_a or not ids_b or ids_a & ids_b:
                continue
            if not (loser_b & speaker_a or loser_a & speaker_b):
                continue  # one side must name the other as the loser
            nearby = ua.article_id == ub.article_id and abs(ua.index - ub.index) <= OUTCOME_REACH
            if not nearby and not (anchors(ua, ub) and similarity(ua, ub) >= QUANTITY_CONTEXT):
                continue  # two setbacks far apart may well be two different battles
            findings.append(
                _contradiction(
                    summary=f"Opposing accounts of the fighting: one says {ma.group(0).strip()}, "
                    f"the other says {mb.group(0).strip()}.",
                    evidence=[ua.cite(), ub.cite()],
                    details={"type": "outcome", "a": ma.group(0), "b": mb.group(0)},
                )
            )
    return findings


def date_conflicts(facts: list[Fact], similarity: Similarity) -> list[Finding]:
    """Two close accounts of one event, each with one full date, and the dates differ."""
    findings = []
    for fact in facts:
        for i, ua in enumerate(fact.members):
            for ub in fact.members[i + 1 :]:
                da, db = _absolute_dates(ua), _absolute_dates(ub)
                if len(da) != 1 or len(db) != 1 or len(da[0]) != 10 or len(db[0]) != 10 or da == db:
                    continue
                if similarity(ua, ub) < SAME_EVENT:
                    continue
                findings.append(
                    _contradiction(
                        summary=f"{outlet_name(ua.article)} dates this to {da[0]}, {outlet_name(ub.article)} "
                        f"to {db[0]}.",
                        evidence=[ua.cite(), ub.cite()],
                        details={"type": "date", "a": da[0], "b": db[0]},
                    )
                )
    return findings


def contradictions(units: list[Unit], facts: list[Fact], similarity: Similarity) -> list[Finding]:
    """Every contradiction in one story's articles; ``sources`` counts the articles on either side."""
    found = (
        number_conflicts(units, facts, similarity)
        + claim_denials(units, facts, similarity)
        + rejected_in_sentence(units, facts)
        + opposing_outcomes(units, similarity)
        + date_conflicts(facts, similarity)
    )
    for finding in found:
        finding.sources = len({c.article_id for c in finding.evidence})
    return found
