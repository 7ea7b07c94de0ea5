from interfirm.search.text import fts5_query, normalise, query_words, tsquery, words


def test_words_fold_accents_and_case() -> None:
    assert words("Séchage SOLAIRE de crème-brûlée") == ["sechage", "solaire", "de", "creme", "brulee"]


def test_normalise_joins_the_words_of_every_text() -> None:
    assert normalise("Café, thé!", "Straße_42") == "cafe the strasse 42"


def test_query_words_drop_operators_quotes_and_repeats() -> None:
    assert query_words('"AND OR ( mango* NEAR(mango) -x') == ["and", "or", "mango", "near", "x"]


def test_query_words_keep_at_most_twelve_words() -> None:
    assert len(query_words(" ".join(f"w{i}" for i in range(30)))) == 12


def test_fts5_query_quotes_each_term_and_prefixes_the_longer_ones() -> None:
    assert fts5_query(["solar", "dr", "3d"]) == '"solar"* "dr" "3d"'


def test_tsquery_ands_the_terms_and_prefixes_the_longer_ones() -> None:
    assert tsquery(["solar", "dr"]) == "'solar':* & 'dr'"


def test_words_keep_a_letter_typed_with_a_combining_accent_whole() -> None:
    assert words("Se\u0301chage") == ["sechage"]


def test_words_split_what_folding_decomposes() -> None:
    assert words("ﬁne ½") == ["fine", "1", "2"]
