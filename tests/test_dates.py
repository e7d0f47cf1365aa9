"""Dates in text -> ISO prefixes, as precise as the text, with the year carried from context."""

import pytest

from loaders.dates import DateContext, find_dates, parse_date


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("On 21 October 1956 Gomułka was put back in charge", "1956-10-21", None),
        ("in June 1953, just three months after", "1953-06", None),
        ("on October 26, 1957, condemning", "1957-10-26", None),
        ("held in Moscow, Soviet Union, November 16–19, 1957.", "1957-11-16", "1957-11-19"),
        ("on 23 and 26 March 1956.", "1956-03-23", "1956-03-26"),
        ("between mid-February and mid-April 1956", "1956-02", "1956-04"),
        ("in the late 1950s", "1956", "1959"),
        ("in the early 1960s", "1960", "1963"),
        ("the 1980s", "1980", "1989"),
        ("By the summer of 1956 one could", "1956-06", "1956-08"),
        ("from late spring 1956, in the face", "1956-03", "1956-05"),
        ("by mid-1956, as the", "1956", None),
        ("agreed in 1949–50, wherein", "1949", "1950"),
        ("in Korea and Indochina in 1953–4.", "1953", "1954"),
        ("At 4 a.m. on 6 March 1953, Radio Moscow", "1953-03-06", None),
        ("In 1956 Nikita Khrushchev denounced Stalin", "1956", None),
    ],
)
def test_dates_become_iso_prefixes(text, first, last):
    (d, *_) = find_dates(text, DateContext())
    assert (d.first, d.last) == (first, last)


def test_the_year_is_carried_from_the_narrative():
    ctx = DateContext()
    find_dates("On 23 October 1956 students and workers poured into the streets.", ctx)
    assert [d.first for d in find_dates("By 4 November, Soviet forces were in Budapest.", ctx)] == ["1956-11-04"]
    assert [d.first for d in find_dates("Two days before that, on 19 October, a delegation arrived.", ctx)] == ["1956-10-19"]
    assert [d.first for d in find_dates("forcing him to resign in July.", ctx)] == ["1956-07"]


def test_a_year_named_in_passing_does_not_move_the_narrative():
    ctx = DateContext()
    find_dates("On 30 October 1956 Khrushchev decided to resolve the crisis.", ctx)
    find_dates("He violated the division of responsibilities that he and Stalin had agreed in 1949–50.", ctx)
    assert ctx.year == 1956
    assert [d.first for d in find_dates("Liu Shaoqi led a delegation to Moscow in October.", ctx)] == ["1956-10"]


def test_a_year_opening_a_sentence_anchors_it():
    ctx = DateContext()
    find_dates("In 1964, however, Khrushchev was ousted from power.", ctx)
    assert ctx.year == 1964


def test_no_year_anywhere_gives_no_date():
    assert find_dates("He resigned in July.", DateContext()) == []


def test_not_dates():
    assert find_dates("the effect (p. 142) that Stalin had been responsible", DateContext()) == []
    assert find_dates("the 40th anniversary of the October Revolution", DateContext()) == []
    assert find_dates("He may go. They might.", DateContext()) == []


def test_offsets_cut_the_date_out():
    text = "Mao Zedong addressed the meeting on November 18, 1957, at which he spoke."
    (d,) = find_dates(text, DateContext())
    assert text[d.start : d.end] == d.text == "November 18, 1957"


def test_parse_date_with_a_given_year():
    assert parse_date("by 4 November", 1956).first == "1956-11-04"
    assert parse_date("nothing here") is None


def test_month_without_year_at_the_start_of_a_sentence():
    from loaders.dates import DateContext, find_dates

    ctx = DateContext(1968)
    assert [d.first for d in find_dates("In July the parties met in Warsaw.", ctx)] == ["1968-07"]
    assert [d.first for d in find_dates("By October the troops were gone.", ctx)] == ["1968-10"]
    assert [d.first for d in find_dates("During August nothing moved.", ctx)] == ["1968-08"]


def test_a_year_from_the_narrative_is_marked_as_such():
    ctx = DateContext(1960)
    (d,) = find_dates("On 17 October he spoke.", ctx)
    assert d.first == "1960-10-17" and not d.year_given
    (d,) = find_dates("On 17 October 1961 he spoke.", ctx)
    assert d.year_given
