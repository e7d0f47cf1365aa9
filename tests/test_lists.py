"""The meeting article's two delegation lists, exactly as written."""

import pytest

MEETING = "international-meeting-1957"
CONFERENCE = "conference-of-socialist-countries-parties-1957"


def delegations(g, event):
    out = {}
    for n, d in g.nodes(data=True):
        if d["label"] != "Delegation":
            continue
        events = [v for _, v, e in g.out_edges(n, data=True) if e["type"] == "ATTENDED"]
        if events != [event]:
            continue
        (party,) = [v for _, v, e in g.out_edges(n, data=True) if e["type"] == "REPRESENTED"]
        heads = sorted(u for u, _, e in g.in_edges(n, data=True) if e["type"] == "HEADED")
        members = sorted(u for u, _, e in g.in_edges(n, data=True) if e["type"] == "DELEGATE_IN")
        out[party] = (heads, members)
    return out


@pytest.fixture(scope="module")
def meeting(sample_graph):
    return delegations(sample_graph, MEETING)


def test_all_64_parties_attended_the_meeting(meeting):
    assert len(meeting) == 64


def test_twelve_attended_the_conference_too(sample_graph, meeting):
    conf = delegations(sample_graph, CONFERENCE)
    assert len(conf) == 12
    assert set(conf) <= set(meeting)
    assert conf["chinese-communist-party"] == (["mao-zedong"], ["deng-xiaoping"])
    assert "league-of-communists-of-yugoslavia" not in conf


@pytest.mark.parametrize(
    "party, heads, members",
    [
        ("party-of-labour-of-albania", ["enver-hoxha"], []),
        ("chinese-communist-party", ["mao-zedong"], ["deng-xiaoping"]),
        ("socialist-unity-party-of-germany", ["walter-ulbricht"], ["otto-grotewohl"]),
        ("hungarian-socialist-workers-party", ["janos-kadar"], []),
        ("mongolian-peoples-revolutionary-party", ["dashiin-damba"], ["yumjaagiin-tsedenbal"]),
        ("romanian-workers-party", ["gheorghe-gheorghiu-dej"], ["nicolae-ceausescu"]),
        ("workers-party-of-vietnam", ["ho-chi-minh"], ["le-duan", "pham-hung"]),
        ("league-of-communists-of-yugoslavia", ["aleksandar-rankovic", "edvard-kardelj"], []),
        ("communist-party-of-israel", [], ["moshe-sneh", "tawfik-toubi"]),
        ("communist-party-of-japan", [], ["korehito-kurahara", "yoshio-shiga"]),
        ("communist-party-of-malaya", [], ["musa-ahmad", "siu-cheong"]),
        ("communist-party-of-new-zealand", [], ["alec-ostler"]),
        ("communist-party-of-the-netherlands", ["paul-de-groot"], []),
        ("communist-party-of-indonesia", ["sudisman"], []),
        ("algerian-communist-party", [], []),
    ],
)
def test_heads_and_members_as_listed(meeting, party, heads, members):
    assert meeting[party] == (heads, members)


def test_no_invented_heads(sample_graph, meeting):
    headed = [p for p, (h, _) in meeting.items() if h]
    assert len(headed) == 22  # all 12 of the first list, 10 of the second
    people = {u for u, _, e in sample_graph.edges(data=True) if e["type"] in ("HEADED", "DELEGATE_IN")}
    assert "antonin-zapotocky" not in people


def test_evidence_is_the_list_item(sample_graph):
    rels = [d for u, v, d in sample_graph.edges(data=True) if d["type"] == "HEADED" and u == "enver-hoxha"]
    assert rels and all(d["quote"] == "Party of Labour of Albania, delegation headed by Enver Hoxha." for d in rels)
    assert all(d["method"] == "list" and d["section"].startswith("Delegations > Present for both") for d in rels)
