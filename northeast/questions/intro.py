"""Chapter 1 (book/ch1_introduction.ipynb): the translator's introduction and the six summary points."""

from __future__ import annotations

from exercises import (Bank, FrameTask, FunctionTask, Mistake, MultipleChoice, Numeric,
                       Reflection, SingleChoice)
from northeast.questions._common import claims, data_mistake, rate, value

CH = "intro"
LOW, HIGH = "support_total_estimate_summary_low", "support_total_estimate_summary_high"


# ------------------------------------------------------------------ reference answers
def _upper_usd() -> float:
    return value(HIGH) / rate()


def _midpoint_rmb() -> float:
    return (value(LOW) + value(HIGH)) / 2


def _midpoint_usd() -> float:
    return _midpoint_rmb() / rate()


def _per_section():
    return claims().groupby("section").size()


def _rmb_to_usd_reference(billion_rmb, **options):
    given = options.get("rate")
    return billion_rmb / (rate() if given is None else given)


# ------------------------------------------------------------------ the bank
bank = Bank(CH, "Chapter 1: the essay and its six claims", [
    # ---------------------------------------------------------- check your understanding
    SingleChoice(
        id="intro_author",
        chapter=CH,
        prompt="Who is Wang Mingyuan, the author of the essay?",
        options=[
            "An economist at a university in the Northeast who studies SOE reform",
            "A law professor at Tsinghua University who directs a centre for environmental, "
            "natural-resources and energy law",
            "The historian who translated the essay and added the dollar figures",
            "A former Party secretary of Heilongjiang province",
        ],
        answer=1,
        explanations={
            0: "The essay is full of economic statistics, but its author is not an economist, and he "
               "works in Beijing, not in the Northeast.",
            1: "Worth remembering: a lawyer, not an economist, is marshalling all these statistics.",
            2: "That describes David Ownby, the translator. Wang wrote the original in Chinese.",
            3: "The introduction presents the author through his university post, not a political one.",
        },
        hints=["The translator's introduction begins by saying who the author is and where he works.",
               "Look at the first numbered item of the chapter's reading guide, 'The author'."],
        solution="Ownby introduces Wang as a law professor at Tsinghua University and executive director "
                 "of its centre for environmental, natural-resources and energy law. He is not an "
                 "economist, which is worth keeping in mind when the essay turns to statistics.",
    ),
    SingleChoice(
        id="intro_dollars",
        chapter=CH,
        prompt="The translation gives US dollar amounts in brackets after Wang's yuan figures. "
               "Whose are they, and at what rate were they worked out?",
        options=[
            "Wang's own, at the exchange rate of 2003, when the strategy began",
            "Wang's own, at 7.14 yuan per dollar",
            "The translator's, at 7.14 yuan per dollar, the rate on the day he corrected them "
            "(20 December 2023)",
            "The translator's, at the average rate over 2003-2022",
        ],
        answer=2,
        explanations={
            0: "Wang's original gives yuan only; the dollar figures were added in translation.",
            1: "The rate is right, but Wang's Chinese text has no dollar figures at all.",
            2: "Ownby also admits that his first version got many of these conversions wrong.",
            3: "Ownby names a single day's rate, not an average over the period.",
        },
        hints=["Read the note at the end of the translator's introduction.",
               "The chapter's context box on yuan and trillions gives the rate and the date."],
        solution="Every dollar figure is the translator's. David Ownby converted at 7.14 yuan per dollar, "
                 "the rate on 20 December 2023, when he corrected the conversions of the first published "
                 "version.",
    ),
    MultipleChoice(
        id="intro_ownby_reasons",
        chapter=CH,
        prompt="Which of the following does Ownby give as reasons why he found the essay interesting? "
               "Select all that apply.",
        options=[
            "Wang blames much of the region's weakness on central planning and state firms that occupy "
            "the room markets should fill.",
            "The essay reads as a warning that China as a whole, with falling births and slower growth, "
            "may follow the Northeast.",
            "Wang argues that the region has been held back by neighbours (Russia, North Korea) that stand "
            "outside the liveliest parts of the world economy.",
            "Wang shows that the region's cold climate is the main cause of its decline.",
            "Wang urges China's leaders to put national economic sovereignty first.",
        ],
        answers=[0, 1, 2],
        explanations={
            3: "Ownby says nothing about climate; it appears in the essay only in passing, among the "
               "conditions new industries need.",
            4: "Ownby reads the essay the other way round: as a quiet plea to stay with reform and opening "
               "rather than embrace economic sovereignty.",
        },
        hints=["Ownby lists his reasons with 'First', 'Second' and 'Finally'.",
               "Two of the options contradict the chapter's section 'The translator's framing'."],
        solution="Ownby's three reasons: the weight of central planning and SOEs, the warning for China as "
                 "a whole, and the drag of isolated neighbours. He hears in the last a caution against "
                 "'national economic sovereignty', so the final option has it backwards; climate is not "
                 "among his reasons.",
    ),
    SingleChoice(
        id="intro_thesis",
        chapter=CH,
        prompt="Which statement best sums up the essay's central claim?",
        options=[
            "The Northeast declined because Beijing sent it too little money after 2003.",
            "One factor explains the decline: the region's poor business environment.",
            "Two decades of central money eased the region's hardship but did not restart growth that "
            "sustains itself, because the deeper causes were left in place.",
            "The revitalisation strategy worked, and the region has become China's fourth growth pole.",
        ],
        answer=2,
        explanations={
            0: "Wang stresses the opposite: the support was vast, 10-20 trillion yuan by his estimate.",
            1: "Summary point 3 insists there is no single explanation, and section Two calls the "
               "business-climate story important but not decisive.",
            3: "Becoming a 'fourth pole' is exactly the aim that, in Wang's account, was not achieved.",
        },
        hints=["Combine summary points 1, 2 and 3: how much money, what result, why.",
               "The chapter's Summary restates the thesis in one sentence."],
        solution="Points 1-3 together: huge support (point 1) relieved urgent problems but the region's "
                 "capacity to grow on its own kept shrinking (point 2), because many causes piled up "
                 "(point 3) and were not addressed.",
    ),
    SingleChoice(
        id="intro_range",
        chapter=CH,
        prompt="Summary point 1 puts central support since 2003 at 'no less than 10-20 trillion' yuan. "
               "What can you safely conclude from this range?",
        options=[
            "Support was exactly 15 trillion yuan, the middle of the range.",
            "Support was at least 20 trillion yuan.",
            "Support was of the order of ten trillion yuan, but the amount itself is uncertain: the top "
            "of the range is twice the bottom.",
            "Official statistics put support at 10 trillion yuan; the 20 trillion adds inflation.",
        ],
        answer=2,
        explanations={
            0: "A range gives no reason to prefer its midpoint; nothing in the text says 15 trillion.",
            1: "'No less than' applies to the range as a whole; read literally it guarantees only the "
               "lower end, and section One calls the same range a rough estimate.",
            3: "Wang says he lacks data on all the measures; the range is his own estimate, not an "
               "official figure plus inflation.",
        },
        hints=["Ask how far apart the two ends are.",
               "Section One presents the same range as a rough guess made without complete data."],
        solution="The range tells you the order of magnitude (ten-odd trillion yuan) but not the amount: "
                 "its upper end is double its lower end, and section One admits the estimate is rough "
                 "because data on all forms of support are missing.",
    ),
    SingleChoice(
        id="intro_hegang",
        chapter=CH,
        prompt="Summary point 6 warns that badly run cities risk 'turning into Hegang'. What does the "
               "phrase refer to?",
        options=[
            "A city growing so fast that housing becomes unaffordable",
            "A city that has lost its economic reason to exist, like a declining coal-mining city in "
            "Heilongjiang",
            "A border city that depends on trade with Russia",
            "A city that has refused central transfers",
        ],
        answer=1,
        explanations={
            0: "Hegang became known for the opposite: flats selling for the price of a used car.",
            2: "Hegang is in Heilongjiang, but its story is the exhaustion of its mines, not border trade.",
            3: "Nothing in the essay says that; the warning is about decline, not refusing help.",
        },
        hints=["The translator explains Hegang in square brackets in point 6.",
               "See also the context box on Hegang in Chapter 5."],
        solution="Hegang is a coal-mining city in Heilongjiang that has declined with its mines; 'turning "
                 "into Hegang' is shorthand for a city that has lost its economic base.",
    ),
    SingleChoice(
        id="intro_point_mismatch",
        chapter=CH,
        prompt="A summary promises what the body will show, with the same numbers. Which summary point "
               "gives a figure that the body of the essay later states differently?",
        options=[
            "Point 1, the money: the range of central support",
            "Point 4, the state sector: SOE profits and taxes compared with Shanghai's",
            "Point 5, the neighbourhood: Northeast Asia as a source of division",
            "Point 6, the warning: getting old before getting rich",
        ],
        answer=1,
        explanations={
            0: "Section One repeats the same 10-20 trillion range; only the wording around it "
               "(firm in the summary, rough in the body) changes.",
            2: "Point 5 makes an argument but gives no figure to compare.",
            3: "Point 6 is a warning with no number in it.",
        },
        hints=["Only points with numbers can disagree with the body; list the numbers each point gives.",
               "Compare point 4 with the SASAC figures in section Two."],
        solution="Point 4 says the region's SOEs made profits and taxes below 1% of Shanghai's SOEs in "
                 "2020; section Two puts the same comparison at 4%. Chapter 6 discusses the mismatch.",
    ),
    Numeric(
        id="intro_upper_usd",
        chapter=CH,
        prompt="The top of Wang's range for central support is 20 trillion yuan. At the translator's "
               "rate of 7.14 yuan per dollar, how much is that in **billion** US dollars?",
        answer=_upper_usd,
        tolerance=1.5,
        unit="billion USD",
        mistakes=[
            Mistake.scale(0.001, "about 1,000 times too small: that looks like trillions. The question "
                                 "asks for billions (a trillion is a thousand billion)."),
            data_mistake("value", lambda: value(HIGH) * rate(),
                         "you multiplied by the rate. Yuan per dollar means you divide the yuan amount "
                         "by 7.14 to get dollars."),
            data_mistake("value", lambda: value(HIGH),
                         "that is still the amount in yuan (20 trillion = 20,000 billion); convert it "
                         "to dollars."),
            data_mistake("value", lambda: value(LOW) / rate(),
                         "that converts the bottom of the range; the question asks about the top."),
        ],
        hints=["Write 20 trillion as billions first: a trillion is a thousand billion.",
               "Dollars = yuan / 7.14, because 7.14 yuan buy one dollar."],
        solution="20 trillion yuan = 20,000 billion yuan; 20,000 / 7.14 ≈ 2,801 billion dollars, which "
                 "the translator prints as 2.8 trillion USD.",
        source_ids=[HIGH, "exchange_rate_rmb_per_usd"],
    ),
    # ---------------------------------------------------------- data tasks
    FrameTask(
        id="intro_numbers_per_section",
        chapter=CH,
        prompt="Each row of `claims` is one number printed in the essay, and the `section` column says "
               "where it appears (`introduction`, `summary`, `one` … `four`). Build a Series "
               "`per_section` indexed by section that counts the numbers (rows) in each part. Any row "
               "order is accepted.",
        expected=_per_section,
        sort=True,
        hints=["Count how often each value of the `section` column occurs.",
               "`claims['section'].value_counts()` does it in one step; so does "
               "`claims.groupby('section').size()`."],
        solution="Count the rows per value of `section`. The summary holds only a handful of numbers; "
                 "section One holds the most, because that is where Wang sets out the money and the "
                 "results.",
    ),
    FunctionTask(
        id="intro_rmb_to_usd",
        chapter=CH,
        prompt="Write a function `rmb_to_usd(billion_rmb, rate=7.14)` that converts an amount in billion "
               "yuan into billion US dollars at `rate` yuan per dollar.",
        cases=[((20000,), {}), ((548,), {}), ((1.015,), {}), ((130,), {"rate": 7.10}), ((0,), {})],
        reference=_rmb_to_usd_reference,
        hints=["The rate says how many yuan buy one dollar.",
               "So divide: `return billion_rmb / rate`."],
        solution="Dividing by the rate turns yuan into dollars; the unit (billion) stays the same.",
    ),
    Numeric(
        id="intro_midpoint_usd",
        chapter=CH,
        prompt="Compute the midpoint of Wang's 10-20 trillion yuan range from the claims "
               "`support_total_estimate_summary_low` and `support_total_estimate_summary_high` (their "
               "`value` is in billion yuan), and convert it to **billion US dollars** at the translator's "
               "rate, which is also in the table (claim `exchange_rate_rmb_per_usd`). Store the result "
               "in `midpoint_usd`.",
        answer=_midpoint_usd,
        tolerance=1.0,
        unit="billion USD",
        mistakes=[
            Mistake.scale(0.001, "about 1,000 times too small: that looks like trillions of dollars. "
                                 "Give the answer in billions."),
            data_mistake("value", lambda: _midpoint_rmb() * rate(),
                         "you multiplied by the rate; divide the yuan amount by the yuan-per-dollar rate."),
            data_mistake("value", _midpoint_rmb,
                         "that is the midpoint in yuan; it still needs converting to dollars."),
            data_mistake("value", lambda: value(HIGH) / rate(),
                         "that converts the top of the range, not its midpoint."),
            data_mistake("value", lambda: value(LOW) / rate(),
                         "that converts the bottom of the range, not its midpoint."),
        ],
        hints=["Select a row with `claims.loc[claims['id'] == '...', 'value']` and take `.item()`.",
               "Midpoint = (low + high) / 2; then divide by the rate."],
        solution="The midpoint is (10,000 + 20,000) / 2 = 15,000 billion yuan; at 7.14 yuan per dollar "
                 "that is about 2,101 billion dollars. The midpoint is a convenience, not a better "
                 "estimate: nothing in the essay favours it over either end.",
        source_ids=[LOW, HIGH, "exchange_rate_rmb_per_usd"],
    ),
    # ---------------------------------------------------------- reflection
    Reflection(
        id="intro_reflect_evidence",
        chapter=CH,
        prompt="Choose one of the six summary points. What evidence would you need to see before "
               "accepting it, and what kind of evidence (statistics, comparisons with other regions, "
               "history, argument) does the summary itself offer? Write a short paragraph.",
        model_answer=(
            "Take point 2, that the region slid from near the top to near the bottom while leaning more "
            "and more on Beijing. To accept it I would want the same measures at both ends of the period, "
            "for the three provinces and for the rest of the country: output per person, the share of "
            "national output, and how much of each provincial budget is paid for by transfers. I would "
            "also want to know whether the slide shows up on several measures or only on the one that "
            "looks worst. The summary offers no evidence at all; it is a promise. Section One keeps part "
            "of it with shares, ranks and self-sufficiency rates for 2002-2003 and 2022, but it says "
            "little about the years in between, so it shows where the region ended up rather than when "
            "or why it fell."
        ),
        hints=["A claim about a fall needs the same measure at two dates, and a comparison group.",
               "Check which of the six points contain any number at all."],
    ),
])
