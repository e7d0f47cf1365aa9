from loaders.mentions import MentionFinder, fold, make_nlp, mentions_in


def finder(gaz):
    nlp = make_nlp()
    return nlp, MentionFinder(nlp, gaz)


def ids(ms):
    return [(m.id, m.text) for m in ms]


def test_fold_strips_diacritics_and_curly_quotes():
    assert fold("Władysław Gomułka’s") == "Wladyslaw Gomulka's"
    assert fold("Sino–Soviet") == "Sino-Soviet"


def test_variants_with_and_without_diacritics(mini_gazetteer):
    nlp, f = finder(mini_gazetteer)
    (ms,) = mentions_in(nlp, f, ["Gomulka, then Gomułka, then Władisław Gomułka’s return."])
    assert ids(ms) == [("wladyslaw-gomulka", "Gomulka"), ("wladyslaw-gomulka", "Gomułka"), ("wladyslaw-gomulka", "Władisław Gomułka")]


def test_longest_match_wins_for_nested_names(mini_gazetteer):
    nlp, f = finder(mini_gazetteer)
    (ms,) = mentions_in(nlp, f, ["The Communist Party of the Soviet Union and the Party of Labour of Albania; the Soviet Union and Albania."])
    assert ids(ms) == [
        ("communist-party-of-the-soviet-union", "Communist Party of the Soviet Union"),
        ("party-of-labour-of-albania", "Party of Labour of Albania"),
        ("soviet-union", "Soviet Union"),
        ("albania", "Albania"),
    ]


def test_curly_apostrophe_and_abbreviation(mini_gazetteer):
    nlp, f = finder(mini_gazetteer)
    (ms,) = mentions_in(nlp, f, ["the Polish United Workers’ Party (PUWP) and the USSR"])
    assert ids(ms) == [("polish-united-workers-party", "Polish United Workers’ Party"), ("polish-united-workers-party", "PUWP"), ("soviet-union", "USSR")]


def test_long_names_match_in_any_case_short_ones_do_not(mini_gazetteer):
    nlp, f = finder(mini_gazetteer)
    (ms,) = mentions_in(nlp, f, ["THE COMMUNIST PARTY OF THE SOVIET UNION met albania and the puwp."])
    assert ids(ms) == [("communist-party-of-the-soviet-union", "COMMUNIST PARTY OF THE SOVIET UNION")]


def test_offsets_are_absolute(mini_gazetteer):
    nlp, f = finder(mini_gazetteer)
    doc = nlp("xx USSR")
    (m,) = f.find(doc, offset=100)
    assert (m.start, m.end) == (103, 107)


def test_mentions_keep_source_offsets_and_sentence(extractor, corpus_dir):
    from loaders.reader import read_document

    doc = read_document(corpus_dir / "000_e9b5b5c157e9008d.txt")
    ((_, parsed),) = list(extractor.parse([doc]))
    hoxha = [m for p in parsed for m in p.mentions if m.id == "enver-hoxha" and "October 26" in doc.text[m.sentence[0] : m.sentence[1]]]
    (m,) = hoxha
    assert m.source == doc.id and doc.text[m.start : m.end] == m.text == "Enver Hoxha"
    assert doc.text[m.sentence[0] : m.sentence[1]].startswith("The Albanian leader Enver Hoxha had published a statement on October 26, 1957")


def test_superscript_footnote_numbers_end_sentences():
    nlp = make_nlp()
    doc = nlp("He attacked Mao Zedong personally.³ Peng Zhen rejected the charges.¹² It was “a fraud”.⁴ Moscow¹ agreed.")
    assert [s.text for s in doc.sents] == [
        "He attacked Mao Zedong personally.³",
        "Peng Zhen rejected the charges.¹²",
        "It was “a fraud”.⁴",
        "Moscow¹ agreed.",
    ]
    assert "Moscow" in [t.text for t in doc]
