"""Attribution stage: claims, speakers, stance, offsets."""

from __future__ import annotations

import pytest

from crosswire.extract.attribution import tag_claims
from crosswire.model import Article, Claim
from crosswire.nlp.parse import parse


def claims_of(text: str) -> tuple[Article, list[Claim]]:
    article = tag_claims(Article(id="t", source="t", text=text), parse(text))
    return article, article.claims


def find(claims: list[Claim], fragment: str) -> Claim:
    hits = [c for c in claims if fragment in c.content]
    assert hits, f"no claim with content {fragment!r} in {[c.content for c in claims]}"
    return hits[0]


def test_indirect_speech() -> None:
    text = (
        "Kenya's Interior Ministry said on Thursday that floods had cut the main road to Garissa, "
        "leaving thousands of people stranded."
    )
    _, claims = claims_of(text)
    claim = find(claims, "floods had cut the main road")
    assert "Interior Ministry" in claim.speaker.text
    assert claim.cue == "said"
    assert claim.stance == "assert"
    assert not claim.direct


def test_multi_sentence_quote_closed_by_said_on_twitter_and_pronoun_speaker() -> None:
    text = (
        "Regional health ministry spokeswoman Maria Okafor confirmed the clinic had been evacuated.\n\n"
        "“We moved every patient before midnight. Nobody was left inside the building,” "
        "she said on Twitter.\n\n"
        "Officials said the fire started in a storage room."
    )
    _, claims = claims_of(text)
    quote = find(claims, "We moved every patient")
    assert "Nobody was left inside the building" in quote.content
    assert quote.direct
    assert quote.speaker.text == "Maria Okafor"
    assert quote.speaker.start is not None and text[quote.speaker.start : quote.speaker.end] == "she"
    confirmed = find(claims, "the clinic had been evacuated")
    assert confirmed.stance == "confirm"
    assert confirmed.speaker.text == "Maria Okafor"
    assert "spokeswoman" in (confirmed.speaker.role or "")


def test_claim_rejected_by_another_speaker() -> None:
    text = "Rebel commanders said their fighters had captured the airport, a claim the army has rejected."
    _, claims = claims_of(text)
    rejections = [c for c in claims if c.stance in ("reject", "deny")]
    assert rejections, [c.model_dump() for c in claims]
    assert "captured the airport" in rejections[0].content
    assert "army" in rejections[0].speaker.text
    assert any(c.stance == "assert" and "Rebel commanders" in c.speaker.text for c in claims)


def test_according_to() -> None:
    text = "According to the national weather service, the storm will reach the coast by Sunday evening."
    _, claims = claims_of(text)
    claim = find(claims, "the storm will reach the coast")
    assert "weather service" in claim.speaker.text
    assert claim.cue.lower().startswith("according")


def test_dismissed_saying_is_a_rejection() -> None:
    text = "Army spokesman John Mbeki dismissed the report, saying that no soldiers had crossed the border."
    _, claims = claims_of(text)
    claim = find(claims, "no soldiers had crossed the border")
    assert claim.stance in ("reject", "deny")
    assert claim.speaker.text == "John Mbeki"


def test_social_post_credit_line() -> None:
    text = (
        "The mayor also posted on social media.\n"
        "Roads in the north of the city remain closed after the storm. Please stay at home tonight.\n"
        "— Jane Doe (@janedoe) March 3, 2021\n"
        "Schools will reopen on Monday."
    )
    _, claims = claims_of(text)
    post = find(claims, "Roads in the north of the city remain closed")
    assert post.speaker.text == "Jane Doe"
    assert post.direct


@pytest.mark.parametrize(
    "text",
    [
        "Kenya's Interior Ministry said on Thursday that floods had cut the main road to Garissa.",
        "“We will not leave,” the union leader said. “Not until the wages are paid.” Talks resume on Monday.",
    ],
)
def test_offsets_slice_exactly(text: str) -> None:
    article, claims = claims_of(text)
    assert claims
    for claim in claims:
        sentences = article.text[claim.start : claim.end]
        assert sentences == sentences.strip() and sentences
        assert claim.cue_span and article.text[claim.cue_span[0] : claim.cue_span[1]] == claim.cue
        assert (
            claim.content_span
            and article.text[claim.content_span[0] : claim.content_span[1]] == claim.content
        )
        assert claim.start <= claim.content_span[0] and claim.content_span[1] <= claim.end
        assert claim.id.startswith("t:c")
    assert len({c.id for c in claims}) == len(claims)


def test_direct_quote_stops_at_its_closing_mark_and_next_quote_paragraph_continues() -> None:
    text = (
        "Port authority spokeswoman Amina Diallo confirmed the ferry had been held in the harbour.\n\n"
        "“The crossing was cancelled because the forecast showed gales over the strait,” "
        "she said on Twitter.\n\n"
        "“No passenger was at risk at any time. Every vessel stayed in port.”\n\n"
        "Ferries are expected to sail again on Friday."
    )
    _, claims = claims_of(text)
    quote = find(claims, "The crossing was cancelled")
    assert quote.content == "“The crossing was cancelled because the forecast showed gales over the strait,”"
    assert quote.direct and quote.speaker.text == "Amina Diallo"
    continued = find(claims, "No passenger was at risk")
    assert continued.speaker.text == "Amina Diallo" and continued.direct
    assert "Ferries" not in continued.content


def test_straight_quotes_with_apostrophes() -> None:
    text = (
        "Officials denied the report. \"The strike hit the city's port and the army's depot,\" "
        "navy spokesman Carlos Ortega said on Monday."
    )
    _, claims = claims_of(text)
    quote = find(claims, "The strike hit")
    assert quote.content.startswith('"The strike hit the city')
    assert quote.content.endswith('depot,"')
    assert quote.speaker.text == "Carlos Ortega"


def test_statement_speaks_for_its_owner() -> None:
    text = (
        "Troops moved into the valley overnight.\n\n"
        "“Operations against armed groups in the valley are continuing,” "
        "read a Ministry of Interior statement published on Wednesday."
    )
    _, claims = claims_of(text)
    quote = find(claims, "Operations against armed groups")
    assert quote.speaker.text == "Ministry of Interior"
    assert quote.content.startswith("“Operations") and quote.content.endswith("continuing,”")


def test_quote_interrupted_by_its_cue_keeps_both_parts() -> None:
    text = (
        "“We have asked for more inspectors,” the union leader said on Monday. "
        "“Nobody has answered our letters.”"
    )
    _, claims = claims_of(text)
    quote = find(claims, "We have asked for more inspectors")
    assert quote.content_parts is not None and len(quote.content_parts) == 2
    first, second = (text[a:b] for a, b in quote.content_parts)
    assert first == "“We have asked for more inspectors,”"
    assert second == "“Nobody has answered our letters.”"


def test_transcript_turns() -> None:
    text = (
        "Part of the interview follows.\n\n"
        "HOST: Will the minister attend the summit next week?\n\n"
        "GUEST: She will not attend. The talks were moved to Geneva.\n\n"
        "HOST: Will she send a deputy?\n\n"
        "GUEST: That has not been decided."
    )
    _, claims = claims_of(text)
    turn = find(claims, "She will not attend")
    assert turn.speaker.text == "GUEST"
    assert turn.content == "She will not attend. The talks were moved to Geneva."


def test_pull_quote_credit_after_inner_quote_and_no_break_space() -> None:
    text = (
        "Readers sent their views.\n"
        "“He spreads ‘so much’ anger. It is a disgrace.”\u00a0― Maria Lopez\u00a0\n"
        "“We need better schools.” ― Ana Ruiz."
    )
    _, claims = claims_of(text)
    first = find(claims, "He spreads")
    assert first.content.startswith("“He spreads") and first.speaker.text == "Maria Lopez"
    second = find(claims, "We need better schools")
    assert second.speaker.text == "Ana Ruiz"
