"""Labels in other languages and wordings (issue 13, Deliver 3).

Matching ignores case, accents and spaces; presets read their standard wordings in sixteen
languages; ``Scale(wordings=...)`` and ``Scale.with_wording`` add more; labels that run
against the numbers are refused.
"""

from __future__ import annotations

import pickle
import unicodedata

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from satisfy import Scale, Tally, scales
from satisfy._coding import normalize_label
from satisfy._wordings import FAMILIES, LANGUAGES
from satisfy.errors import InvalidScoreError, ScaleError

PRESET_OF_FAMILY = {
    family: [scales.PRESETS[name] for name in presets]
    for family, (_, presets, _) in FAMILIES.items()
}


def _strip_accents(text: str) -> str:
    """The text without its accents, as a user typing on an English keyboard writes it
    (an independent spelling of the rule: NFD, then drop nonspacing marks)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _cases() -> list[tuple[str, str, int, tuple[str, ...]]]:
    return [
        (family, language, w, wording)
        for family, (table, _, _) in FAMILIES.items()
        for language, wordings in table.items()
        for w, wording in enumerate(wordings)
    ]


CASES = _cases()
IDS = [f"{family}-{language}-{w}" for family, language, w, _ in CASES]


def test_the_issue_example_danish_and_german_are_five_on_csat5():
    # issue 13: "Meget tilfreds" and "Sehr zufrieden" are refused by the presets (on main)
    assert scales.CSAT5.parse(["Meget tilfreds", "Sehr zufrieden"]).tolist() == [5.0, 5.0]
    assert scales.CSAT5.parse(["meget utilfreds", "SEHR UNZUFRIEDEN"]).tolist() == [1.0, 1.0]


def test_every_family_has_every_language():
    for family, (table, _, _) in FAMILIES.items():
        assert set(table) == set(LANGUAGES), family


@pytest.mark.parametrize(("family", "language", "w", "wording"), CASES, ids=IDS)
def test_every_wording_encodes_to_its_points(family, language, w, wording):
    expected = list(range(len(wording)))
    for scale in PRESET_OF_FAMILY[family]:
        for form in (str.upper, str.lower, str.title, _strip_accents, lambda x: f"  {x} "):
            answers = [form(label) for label in wording]
            assert scale.encode(answers).tolist() == expected, (scale.name, answers)
        # accents stripped and upper case at once, and as labelled numbers
        shouted = [_strip_accents(label).upper() for label in wording]
        assert scale.encode(shouted).tolist() == expected
        numbered = [f"{p:g} - {label}" for p, label in zip(scale.points, wording, strict=True)]
        assert scale.encode(numbered).tolist() == expected


@pytest.mark.parametrize(("family", "language", "w", "wording"), CASES, ids=IDS)
def test_a_labelled_number_must_agree_with_its_wording(family, language, w, wording):
    scale = PRESET_OF_FAMILY[family][0]
    wrong = f"{scale.low:g} ({wording[-1]})"  # the lowest number with the highest label
    assert scale.code(wrong) == -2


@pytest.mark.parametrize(("family", "language", "w", "wording"), CASES, ids=IDS)
def test_every_wording_reversed_is_refused(family, language, w, wording):
    best_end = FAMILIES[family][2]
    # effort: low is good, so a reversed effort wording is wrong when lower is better
    higher_is_better = best_end != "first"
    k = len(wording)
    backwards = tuple(reversed(wording))
    with pytest.raises(ScaleError, match=r"against the numbers|at the lowest number"):
        Scale(1, k, labels=backwards, higher_is_better=higher_is_better)
    with pytest.raises(ScaleError, match=r"against the numbers.*wording 0"):
        Scale(1, k, wordings=[backwards], higher_is_better=higher_is_better)
    # partly known (more than half the labels): still refused
    partial = ("Bof", *backwards[1:-1], "Hmm") if k > 4 else backwards
    with pytest.raises(ScaleError):
        Scale(1, k, labels=partial, higher_is_better=higher_is_better)


@pytest.mark.parametrize(("family", "language", "w", "wording"), CASES, ids=IDS)
def test_a_reversed_wording_fits_a_scale_whose_direction_says_so(family, language, w, wording):
    # "Very satisfied" is 1 and lower is better: consistent, so accepted
    best_end = FAMILIES[family][2]
    higher_is_better = best_end == "first"
    k = len(wording)
    scale = Scale(1, k, labels=tuple(reversed(wording)), higher_is_better=higher_is_better)
    assert scale.encode([wording[-1], wording[0]]).tolist() == [0, k - 1]


def test_reversed_danish_csat_is_refused_with_a_way_out():
    danish = FAMILIES["satisfaction"][0]["da"][0]
    with pytest.raises(ScaleError) as info:
        Scale(1, 5, labels=danish[::-1])
    message = str(info.value)
    assert "from best to worst against the numbers" in message
    assert "'Meget tilfreds' is 1" in message
    assert "6 - x" in message
    assert "higher_is_better=False" in message


def test_reversed_english_csat_is_refused():
    with pytest.raises(ScaleError, match="'Very satisfied' is 1 and 'Very dissatisfied' is 5"):
        Scale(1, 5, labels=scales.CSAT5.labels[::-1])


def test_satisfaction_labels_with_lower_is_better_are_refused():
    with pytest.raises(ScaleError, match="higher_is_better=False says lower is better"):
        Scale(1, 5, labels=scales.CSAT5.labels, higher_is_better=False)


def test_effort_labels_need_lower_is_better():
    with pytest.raises(ScaleError, match="say higher_is_better=False"):
        Scale(1, 5, labels=scales.CES5.labels)
    assert not Scale(1, 5, labels=scales.CES5.labels, higher_is_better=False).higher_is_better


def test_shorter_scales_are_read_against_the_known_order():
    with pytest.raises(ScaleError, match="best to worst"):
        Scale(1, 3, labels=["Satisfied", "Neutral", "Dissatisfied"])
    assert Scale(1, 3, labels=["Dissatisfied", "Neutral", "Satisfied"]).n_points == 3
    with pytest.raises(ScaleError, match="agree to disagree"):
        Scale(0, 1, labels=["Agree", "Disagree"])


def test_unknown_and_mostly_unknown_labels_pass():
    Scale(1, 4, labels=["Excellent", "Good", "Fair", "Poor"])  # unknown wording
    Scale(1, 5, labels=["Very satisfied", "Satisfied", "a", "b", "c"])  # 2 of 5 known
    Scale(1, 3, labels=["Satisfied", "Very satisfied", "Dissatisfied"])  # shuffled


# -- normalize_label ------------------------------------------------------------------


@given(st.text())
def test_normalize_label_is_idempotent(text):
    key = normalize_label(text)
    assert normalize_label(key) == key


_LETTERS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzøæłåäöüéèàçñš"))
_MARKS = st.sampled_from(["\u0301", "\u0300", "\u0308", "\u030a", "\u0327", "\u030c", ""])


@given(st.lists(st.tuples(_LETTERS, _MARKS, st.sampled_from(["", " ", "  ", "\u00a0"]))))
def test_case_accents_and_spaces_do_not_change_the_key(parts):
    plain = "".join(letter for letter, _, _ in parts)
    dressed = "".join(
        (letter.upper() if i % 2 else letter) + mark + space
        for i, (letter, mark, space) in enumerate(parts)
    )
    assert normalize_label(dressed) == normalize_label(plain)


@given(st.text(st.sampled_from(list("abcdeéèêë ")), min_size=1).filter(str.strip))
def test_two_labels_differing_only_in_case_accents_or_spaces_collide(word):
    other = _strip_accents(word).upper() + " "
    if normalize_label(word) == normalize_label(other) and word != other:
        with pytest.raises(ScaleError, match="are the same"):
            Scale(1, 3, labels=[word, "zzz", other])


def test_letters_of_their_own_stay_themselves():
    assert normalize_label("før") != normalize_label("for")
    assert normalize_label("Bæ") != normalize_label("Bae")
    assert normalize_label("Łódź") != normalize_label("Lodz")
    assert normalize_label("Weiß nicht") == normalize_label("WEISS NICHT")
    assert normalize_label("Très satisfait") == normalize_label("tres  satisfait")
    assert normalize_label("Don\u2019t know") == normalize_label("Don't know")
    assert normalize_label("Ne apmierināts") == normalize_label("ne apmierinats")


def test_labels_that_read_alike_are_refused_naming_both():
    with pytest.raises(ScaleError, match=r"'Très bien' and 'tres bien'"):
        Scale(1, 3, labels=["Très bien", "tres bien", "Mal"])


# -- wordings ---------------------------------------------------------------------------


CZECH = (
    "Velmi nespokojen",
    "Nespokojen",
    "Ani spokojen, ani nespokojen",
    "Spokojen",
    "Velmi spokojen",
)


def test_with_wording_adds_a_language():
    cs = scales.CSAT5.with_wording(CZECH)
    assert cs.encode(["velmi spokojen", "NESPOKOJEN", "Meget tilfreds", 3]).tolist() == [
        4,
        1,
        4,
        2,
    ]
    assert cs.wordings[-1] == CZECH
    assert scales.CSAT5.code("Velmi spokojen") == -2  # the preset is unchanged
    assert cs == scales.CSAT5
    assert hash(cs) == hash(scales.CSAT5)


def test_a_scale_with_more_wordings_tallies_with_its_wordings():
    # the coder of a scale must not be the cached one of an equal scale without them
    Tally.from_scores(["Very satisfied"], scale=scales.CSAT5)
    cs = scales.CSAT5.with_wording(CZECH)
    tally = Tally.from_scores(["Velmi spokojen", "Spokojen", "Sehr zufrieden"], scale=cs)
    assert tally.counts.tolist() == [0, 0, 0, 1, 2]
    with pytest.raises(InvalidScoreError):
        Tally.from_scores(["Velmi spokojen"], scale=scales.CSAT5)


def test_tallies_of_a_scale_and_its_wording_merge():
    cs = scales.CSAT5.with_wording(CZECH)
    total = Tally.from_scores(["Velmi spokojen"], scale=cs) + Tally.from_scores(
        ["Very satisfied"], scale=scales.CSAT5
    )
    assert total.counts.tolist() == [0, 0, 0, 0, 2]


def test_wordings_on_a_custom_scale():
    s = Scale(
        1,
        3,
        labels=["Poor", "Fair", "Good"],
        wordings=[["Dårlig", "Middel", "God"], ["Schlecht", "Mittel", "Gut"]],
    )
    assert s.encode(["darlig", "MITTEL", "gut", "2 - Middel"]).tolist() == [0, 1, 2, 1]
    assert s.code("1 - Gut") == -2


def test_a_label_meaning_two_points_across_wordings_is_refused_naming_both():
    with pytest.raises(ScaleError) as info:
        scales.CSAT5.with_wording(["Bad", "Satisfied", "Meh", "Good", "Great"])
    message = str(info.value)
    assert "'Satisfied' (point 2 in the new wording)" in message
    assert "'Satisfied' (point 4 in labels)" in message
    with pytest.raises(ScaleError, match=r"'tilfreds' \(point 1 in wording 0\).*'Tilfreds'"):
        Scale(
            1,
            2,
            labels=["Nope", "Tilfreds"],
            wordings=[["tilfreds", "Yes"]],
        )


def test_a_label_meaning_two_points_across_languages_is_refused():
    with pytest.raises(ScaleError, match="read alike"):
        scales.LIKERT5.with_wording(["Helt uenig", "Enig", "x", "y", "z"])


@pytest.mark.parametrize(
    ("wordings", "match"),
    [
        ("abc", "sequence of label sets"),
        (["a", "b", "c"], "wording 0 must be a sequence of labels"),
        ([["a", "b"]], "needs 3 labels, got 2 in wording 0"),
        ([["a", 2, "c"]], "label 1 of wording 0 must be text"),
        ([["a", "", "c"]], "label 1 is empty in wording 0"),
        ([["a", "4", "c"]], "reads as a number"),
        ([["a", "b", "A"]], "labels 0 and 2 of wording 0 are the same"),
    ],
)
def test_bad_wordings_are_refused(wordings, match):
    with pytest.raises(ScaleError, match=match):
        Scale(1, 3, labels=["x", "y", "z"], wordings=wordings)


def test_with_wording_refuses_a_string_and_a_wrong_count():
    with pytest.raises(ScaleError, match="sequence of labels"):
        scales.CSAT5.with_wording("Meget tilfreds")
    with pytest.raises(ScaleError, match="needs 5 labels, got 2 in the new wording"):
        scales.CSAT5.with_wording(["a", "b"])


def test_a_scale_with_wordings_pickles():
    cs = scales.CSAT5.with_wording(CZECH)
    back = pickle.loads(pickle.dumps(cs))
    assert back.wordings == cs.wordings
    assert back.code("Velmi spokojen") == 4


def test_wordings_are_in_the_accepted_description():
    assert "other wordings" in scales.CSAT5.accepted_description()
    with pytest.raises(InvalidScoreError, match="other wordings"):
        scales.CSAT5.encode(["Ekstremt tilfreds"])


def test_presets_keep_their_labels_and_repr():
    assert scales.CSAT5.labels[-1] == "Very satisfied"
    assert repr(scales.CSAT5) == "Scale(CSAT5: 1-5, labels Very dissatisfied..Very satisfied)"


# -- non-answers ------------------------------------------------------------------------


def test_dont_know_holds_the_common_wordings_once_each():
    keys = [normalize_label(x) for x in scales.DONT_KNOW]
    assert len(keys) == len(set(keys))
    for word in ("N/A", "Don't know", "Vet ikke", "Ved ikke", "Weiß nicht", "Nezinu"):
        assert normalize_label(word) in keys
    for word in ("Ei oska öelda", "Ne sais pas", "No sé", "Nie wiem", "En osaa sanoa"):
        assert normalize_label(word) in keys


def test_dont_know_is_no_label_of_a_preset():
    keys = {normalize_label(x) for x in scales.DONT_KNOW}
    for scale in scales.PRESETS.values():
        for wording in ([scale.labels] if scale.labels else []) + list(scale.wordings):
            assert not keys & {normalize_label(x) for x in wording}, scale.name
    assert all(scales.CSAT5.code(x) == -2 for x in scales.DONT_KNOW)


def test_matching_stays_vectorised_over_repeated_answers():
    # repeated labels in any spelling code together (one parse per distinct answer)
    answers = np.array(["Meget tilfreds", "tres satisfait", None] * 1000, dtype=object)
    assert np.bincount(scales.CSAT5.encode(answers) + 1).tolist() == [1000, 0, 0, 0, 0, 2000]
