"""What a cue says about the speaker's stance: verb lemmas mapped to :data:`model.Stance`.

The cue *model* decides whether a word is an attribution cue; this lexicon only
colours the cues it finds. Words not listed report a plain assertion.
"""

from __future__ import annotations

from crosswire.model import Stance

STANCE_OF_LEMMA: dict[str, Stance] = {
    **dict.fromkeys(["deny", "refute", "dispute", "disavow", "rebut", "contradict", "disclaim"], "deny"),
    **dict.fromkeys(["reject", "dismiss", "rebuff", "repudiate", "decline", "scoff"], "reject"),
    **dict.fromkeys(["confirm", "acknowledge", "admit", "concede", "verify", "corroborate"], "confirm"),
    **dict.fromkeys(["claim", "allege", "insist", "contend", "maintain", "purport", "assert"], "claim"),
    **dict.fromkeys(["accuse", "blame", "charge", "fault", "implicate"], "accuse"),
    **dict.fromkeys(["warn", "caution", "threaten", "alert"], "warn"),
    **dict.fromkeys(["urge", "appeal", "plead", "implore", "demand", "request", "beg", "exhort"], "appeal"),
    **dict.fromkeys(
        [
            "condemn",
            "denounce",
            "criticize",
            "criticise",
            "decry",
            "deplore",
            "slam",
            "blast",
            "lambast",
            "castigate",
        ],
        "condemn",
    ),
    **dict.fromkeys(["welcome", "praise", "applaud", "hail", "commend", "laud", "salute"], "welcome"),
    **dict.fromkeys(["question", "ask", "wonder", "doubt", "query", "challenge"], "question"),
    **dict.fromkeys(["promise", "pledge", "vow", "guarantee", "swear", "commit"], "promise"),
}

# Nouns naming a statement, so that "a claim X rejected" can be read and "a ministry statement
# said" credited to the ministry.
STATEMENT_NOUNS = frozenset(
    {
        "claim",
        "allegation",
        "accusation",
        "assertion",
        "report",
        "statement",
        "charge",
        "suggestion",
        "contention",
        "release",
        "communique",
        "announcement",
        "bulletin",
        "tweet",
        "post",
        "message",
        "letter",
    }
)

# Participles that pass the stance of the verb they hang on ("dismissed it, saying ...").
ELABORATING_CUES = frozenset({"say", "add", "note", "explain", "write", "tell", "insist", "argue", "stress"})


def stance_of(lemma: str) -> Stance:
    """The stance a cue lemma expresses (the first word of a multi-word cue that has one)."""
    for word in lemma.split():
        if word in STANCE_OF_LEMMA:
            return STANCE_OF_LEMMA[word]
    return "assert"
