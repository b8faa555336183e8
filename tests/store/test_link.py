"""Speaker linking: names parsed, one speaker across articles, ambiguous surnames left alone."""

import pytest
from store_helpers import result

from onrecord.store import get_speaker, ingest, search
from onrecord.store.names import parse
from onrecord.store.search import speaker_ids


@pytest.mark.parametrize(
    ("mention", "key", "title"),
    [
        ("Jeff Sessions", "jeff sessions", None),
        ("Attorney General Jeff Sessions", "jeff sessions", "Attorney General"),
        ("Sen. Jeff Sessions", "jeff sessions", "Senator"),
        ("U.S. Attorney General Jeff Sessions", "jeff sessions", "Attorney General"),
        ("Sessions", "~sessions", None),
        ("President Trump", "~trump", "President"),
        ("Donald J. Trump", "donald trump", None),
        ("Donald Trump Jr.", "donald trump jr", None),
        ("Hillary Rodham Clinton", "hillary clinton", None),
        ("Former President Bill Clinton", "bill clinton", "President"),
        ("Rep. Nora Quill, D-Ore.", "nora quill", "Representative"),
        ("Gov. Ada Brandt of Nevada", "ada brandt", "Governor"),
        ("campaign manager Lou Ferrante", "lou ferrante", "Campaign Manager"),
        ("Secretary of State Mara Okafor", "mara okafor", "Secretary of State"),
        ("Mary White", "mary white", None),
        ("But Hillary Clinton", "hillary clinton", None),
        ("José Núñez", "jose nunez", None),
    ],
)
def test_parse_names(mention: str, key: str, title: str | None) -> None:
    name = parse(mention)
    assert name is not None
    assert (name.key, name.title) == (key, title)


@pytest.mark.parametrize("mention", ["he", "the Republican nominee", "officials", ""])
def test_no_name(mention: str) -> None:
    assert parse(mention) is None


SENATOR = (
    'Sen. Jeff Sessions of Alabama spent the afternoon on the floor. "This budget spends money '
    'we do not have and asks our grandchildren to pay for it," Sessions said.'
)
AG = (
    'Attorney General Jeff Sessions met prosecutors in Richmond on Tuesday. "Violent crime is '
    'rising in too many of our cities," Sessions said.'
)
BARE = '"We will enforce the law as written," Sessions told the committee, without elaborating.'


def test_one_speaker_across_articles_with_title_history(db) -> None:
    ingest(
        db,
        [
            result(
                "s1",
                "2016-04-12",
                SENATOR,
                [
                    (
                        SENATOR[SENATOR.index("This") : SENATOR.index("it,") + 3],
                        "Sen. Jeff Sessions",
                    )
                ],
            ),
            result(
                "s2",
                "2017-05-09",
                AG,
                [("Violent crime is rising in too many of our cities,", "Sessions")],
            ),
            result("s3", "2017-06-01", BARE, [("We will enforce the law as written,", "Sessions")]),
        ],
    )
    (sid,) = speaker_ids(db, "Sessions")
    speaker = get_speaker(db, sid)
    assert speaker["name"] == "Jeff Sessions"
    assert speaker["num_quotes"] == 3
    titles = {
        d["value"]: (d["first_seen"], d["last_seen"])
        for d in speaker["descriptors"]
        if d["kind"] == "title"
    }
    assert titles == {
        "Senator": ("2016-04-12", "2016-04-12"),
        "Attorney General": ("2017-05-09", "2017-05-09"),
    }
    assert speaker["title"] == "Attorney General"  # the latest
    assert {"Jeff Sessions", "Sessions"} <= {a["alias"] for a in speaker["aliases"]}
    assert speaker_ids(db, "Attorney General Jeff Sessions") == [sid]


def test_bare_surname_first_then_full_name_folds_into_one(db) -> None:
    ingest(
        db,
        [result("b1", "2017-06-01", BARE, [("We will enforce the law as written,", "Sessions")])],
    )
    ingest(
        db,
        [
            result(
                "b2",
                "2017-05-09",
                AG,
                [
                    (
                        "Violent crime is rising in too many of our cities,",
                        "Attorney General Jeff Sessions",
                    )
                ],
            )
        ],
    )
    rows = db.execute("SELECT name, num_quotes, partial FROM speakers").fetchall()
    assert [tuple(r) for r in rows] == [("Jeff Sessions", 2, 0)]


HILLARY = (
    'Hillary Clinton rallied volunteers in Tampa. "Every vote in this state will count," '
    "Clinton said, before leaving for Orlando."
)
BILL = (
    'Former President Bill Clinton stopped at a diner in Dayton. "Folks here want good jobs '
    'close to home," Clinton said.'
)
BOTH = (
    'Hillary Clinton and Bill Clinton appeared together on Sunday. "We are not done yet," '
    "Clinton said to the crowd."
)
NEITHER = '"The polls will tighten by the end of the month," Clinton said on a call.'
TITLED = '"I signed that bill in a different era," former President Clinton said.'


def _speaker_of(db, article_id: str) -> str | None:
    row = db.execute(
        "SELECT s.name FROM occurrences o JOIN articles a ON a.rowid = o.article"
        " LEFT JOIN quotes q ON q.id = o.quote_id LEFT JOIN speakers s ON s.id = q.speaker_id"
        " WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    return row[0]


def test_ambiguous_surname_resolved_from_article_or_left_unresolved(db) -> None:
    ingest(
        db,
        [
            result(
                "h", "2016-10-01", HILLARY, [("Every vote in this state will count,", "Clinton")]
            ),
            result(
                "b", "2016-10-02", BILL, [("Folks here want good jobs close to home,", "Clinton")]
            ),
            result("both", "2016-10-03", BOTH, [("We are not done yet,", "Clinton")]),
            result(
                "neither",
                "2016-10-04",
                NEITHER,
                [("The polls will tighten by the end of the month,", "Clinton")],
            ),
            result(
                "titled",
                "2016-10-05",
                TITLED,
                [("I signed that bill in a different era,", "Clinton", "former President")],
            ),
        ],
    )
    assert _speaker_of(db, "h") == "Hillary Clinton"
    assert _speaker_of(db, "b") == "Bill Clinton"
    assert _speaker_of(db, "both") is None  # two Clintons in the article: unresolved
    assert _speaker_of(db, "neither") is None  # two Clintons known, nothing to choose by
    assert _speaker_of(db, "titled") == "Bill Clinton"  # the title seen with him decides
    assert db.execute("SELECT count(*) FROM speakers WHERE surname = 'clinton'").fetchone()[0] == 2
    found = search(db, speaker="Hillary Clinton")
    assert [r["text"] for r in found["results"]] == ["Every vote in this state will count,"]


def test_first_name_mention_after_full_name(db) -> None:
    text = 'Ivanka Trump spoke in Denver. "Child care is an economic issue," Ivanka said.'
    ingest(db, [result("i", "2016-09-13", text, [("Child care is an economic issue,", "Ivanka")])])
    assert _speaker_of(db, "i") == "Ivanka Trump"


def test_group_speakers_are_not_people(db) -> None:
    text = 'Democrats were unmoved. "He should step down," party leaders said.'
    ingest(
        db,
        [
            result(
                "g",
                "2017-03-02",
                text,
                [("He should step down,", "party leaders", None, "direct", True)],
            )
        ],
    )
    assert db.execute("SELECT count(*) FROM speakers").fetchone()[0] == 0
    row = db.execute("SELECT mention, source_type, link FROM occurrences").fetchone()
    assert tuple(row) == ("party leaders", "group", None)
    (quote,) = search(db, source_type="group")["results"]
    assert quote["speaker"] is None
    assert quote["occurrences"][0]["mention"] == "party leaders"
    assert search(db, source_type="person")["total"] == 0


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Apple", "Apple Inc.", True),
        ("the Ridgeway Corporation", "Ridgeway Corp.", True),
        ("Big Harbor Label Group", "Big Harbor Label Group", True),
        ("Ridgeway Capital", "Ridgeway Corp.", False),
    ],
)
def test_organisations_link_across_articles(db, first: str, second: str, same: bool) -> None:
    a = f'"The product ships in May," {first} said in a statement.'
    b = f'"Sales rose in every region," {second} said.'
    ingest(
        db,
        [
            result("o1", "2019-05-01", a, [("The product ships in May,", first, None, "direct",
                                            "organisation")]),
            result("o2", "2019-06-01", b, [("Sales rose in every region,", second, None,
                                            "direct", "organisation")]),
        ],
    )
    rows = db.execute("SELECT type, num_quotes FROM speakers ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == (
        [("organisation", 2)] if same else [("organisation", 1), ("organisation", 1)]
    )
    assert [r[0] for r in db.execute("SELECT DISTINCT source_type FROM occurrences")] == [
        "organisation"
    ]


def test_anonymous_and_document_sources_stay_off_the_registry(db) -> None:
    text = (
        '"Talks stalled on Friday," said a person familiar with the talks. The filing said the '
        'deal "remains under review." Mayor Lena Park said, "We are ready."'
    )
    ingest(
        db,
        [
            result(
                "a",
                "2019-02-01",
                text,
                [
                    ("Talks stalled on Friday,", "a person familiar with the talks", None,
                     "direct", "anonymous"),
                    ("remains under review.", "The filing", None, "mixed", "document"),
                    ("We are ready.", "Mayor Lena Park"),
                ],
            )
        ],
    )
    assert [r[0] for r in db.execute("SELECT name FROM speakers")] == ["Lena Park"]
    types = {r[0]: r[1] for r in db.execute("SELECT mention, source_type FROM occurrences")}
    assert types == {
        "a person familiar with the talks": "anonymous",
        "The filing": "document",
        "Mayor Lena Park": "person",
    }
    assert search(db, source_type="anonymous")["total"] == 1
