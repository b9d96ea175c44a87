"""Chapter 1 (book/ch1_introduction.ipynb): the translator's introduction and the six summary points."""

from __future__ import annotations

from exercises import (Bank, FrameTask, FunctionTask, Mistake, MultipleChoice, Numeric,
                       Reflection, SingleChoice)
from northeast.chapters import chapter
from northeast.questions._common import RATE_ID, claims, data_mistake, rate, value

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
bank = Bank(CH, chapter(CH).heading, [
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
            1: "Right: Ownby introduces him by his Tsinghua post and his law centre. Worth remembering: a "
               "lawyer, not an economist, is marshalling all these statistics.",
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
               "Whose are these bracketed amounts, and at what rate were they worked out?",
        options=[
            "Wang's own, at the exchange rate of 2003, when the strategy began",
            "Wang's own, at 7.14 yuan per dollar",
            "The translator's, at 7.14 yuan per dollar, the rate on the day he corrected them "
            "(20 December 2023)",
            "The translator's, at the average rate over 2003-2022",
        ],
        answer=2,
        explanations={
            0: "The bracketed amounts are added in translation, and Ownby's note names the rate he used: "
               "a rate of 2023, not of 2003.",
            1: "The rate is right, but the bracketed conversions are Ownby's: his note says he corrected "
               "them himself. (Wang does give one dollar figure of his own, in the text rather than in "
               "brackets.)",
            2: "Right: Ownby's note gives the rate and the day, and admits that his first version got many "
               "conversions wrong. Not every dollar figure is his, though: section Three's 3.6 billion US "
               "dollars of foreign capital is Wang's own, printed without a yuan amount.",
            3: "Ownby names a single day's rate, not an average over the period.",
        },
        hints=["Read the note at the end of the translator's introduction.",
               "Ask who says he corrected the conversions, and on which day."],
        solution="The bracketed dollar amounts are the translator's: David Ownby converted at 7.14 yuan per "
                 "dollar, the rate on 20 December 2023, when he corrected the conversions of the first "
                 "published version. One dollar figure is Wang's own: the 3.6 billion US dollars of "
                 "foreign capital used in 2020 (section Three), which stands in the text with no yuan "
                 "amount and no bracket.",
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
            0: "This is Ownby's first reason.",
            1: "This is his second reason, the warning for China as a whole.",
            2: "This is his last reason, about Russia and North Korea.",
            3: "Ownby says nothing about climate; it appears in the essay only in passing, among the "
               "conditions new industries need.",
            4: "Ownby reads the essay the other way round: as a quiet plea to stay with reform and opening "
               "rather than embrace economic sovereignty.",
        },
        hints=["The reasons are in the paragraph that begins 'I found Wang's argument interesting'.",
               "For each option, find the sentence of that paragraph it restates. An option with no such "
               "sentence, or one that turns a sentence round, doesn't belong."],
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
            "Most of the central money was wasted by loss-making SOEs, so the region would have done "
            "better with less of it.",
            "The legacy of central planning explains the decline, and the support never dismantled it.",
            "Two decades of central money eased the region's hardship but did not restart growth that "
            "sustains itself, because the deeper causes were left in place.",
            "The decline comes mainly from the closed neighbourhood in Northeast Asia; reform at home "
            "can do little until the neighbours open up.",
        ],
        answer=2,
        explanations={
            0: "Wang grants that the money relieved real hardship (section One) and never argues that less "
               "of it would have been better; SOE losses are one burden among several.",
            1: "Section Two calls the planning explanation an important part of the answer, not a decisive "
               "one, and summary point 3 insists that no single cause explains the decline.",
            2: "Right: point 1 gives the money, point 2 the result (problems solved, independent capacity "
               "lost) and point 3 the many causes behind it.",
            3: "The neighbourhood is one cause among several, and Wang still calls for a second SOE reform "
               "at home (point 4).",
        },
        hints=["Combine summary points 1, 2 and 3: how much money, what result, why.",
               "Check each option against point 3 (how many causes?) and point 4 (is reform at home still "
               "needed?)."],
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
            2: "Right: a range whose ends differ by a factor of two fixes the order of magnitude, not the "
               "amount, and section One calls it a rough estimate.",
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
            1: "Right: the translator's bracket calls it a mining centre in Heilongjiang that has fallen "
               "into decline.",
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
            "Point 1: the 10-20 trillion yuan of central support",
            "Point 4: nearly 10,000 local SOEs, where section Two speaks of some 28,000 SOEs",
            "Point 4: SOE profits and taxes compared with those of Shanghai's SOEs",
            "Point 2: the slide from near the top of China's regions to near the bottom",
        ],
        answer=2,
        explanations={
            0: "Section One repeats the same 10-20 trillion range; only the wording around it "
               "(firm in the summary, rough in the body) changes.",
            1: "Not the same figure: the 28,000 are all SOEs in the mid-1990s, the nearly 10,000 are "
               "local SOEs in 2020. A different date and scope is not a mismatch.",
            2: "Right: the summary puts the region's SOE profits and taxes below 1% of Shanghai's; "
               "section Two, citing SASAC, puts the same comparison at 4%.",
            3: "Section One backs this with ranks (8th, 13th and 10th in 2003; 19th, 27th and 30th in "
               "2022); no figure in the body contradicts it.",
        },
        hints=["Only points with numbers can disagree with the body; list the numbers each point gives.",
               "For each option, find the same quantity in the body: the same thing, for the same year. "
               "A different year or scope is not a mismatch."],
        solution="Point 4 says the region's SOEs made profits and taxes below 1% of Shanghai's SOEs in "
                 "2020; section Two puts the same comparison at 4%. Chapter 6 discusses the mismatch.",
    ),
    SingleChoice(
        id="intro_test_rank_claim",
        chapter=CH,
        prompt="Summary point 2 says that in twenty years the region slid from near the top of China's "
               "regions to near the bottom. Which evidence in section One tests that claim most "
               "directly?",
        options=[
            "The fall of the three provinces' share of national GDP from 11.4% to 4.8%",
            "The provinces' ranks by GDP per person: 8th, 13th and 10th in 2003, 19th, 27th and 30th in "
            "2022",
            "The fall in the number of top-500 enterprises from 17, 6 and 9 to 4, 1 and 1",
            "The estimate of 10-20 trillion yuan of central support",
        ],
        answer=1,
        explanations={
            0: "A share measures the region's size against the whole country, and it depends on how many "
               "people live there. It shows relative decline, but not where the region stands among the "
               "other regions.",
            1: "Right: 'near the top' and 'near the bottom' are positions in a ranking, and these are the "
               "only ranks of the provinces themselves, on a per-person measure that allows for size.",
            2: "Counts of big firms show the loss of large enterprises, one part of the story, not the "
               "region's place among all regions.",
            3: "The support is what went in, not a measure of the result.",
        },
        hints=["Ask what kind of measure 'near the top' and 'near the bottom' describe.",
               "Which option places each province among all the others, on a measure that allows for "
               "population?"],
        solution="The claim is about position, so the test is a ranking on a measure that allows for size: "
                 "the provinces' ranks by GDP per person, which fell from 8th, 13th and 10th (2003) to "
                 "19th, 27th and 30th (2022). The GDP share and the top-500 counts show relative decline "
                 "but not position, and the support figure is an input. Even the ranks compare only two "
                 "end years.",
    ),
    SingleChoice(
        id="intro_invited_inference",
        chapter=CH,
        prompt="Summary points 1 and 2 set a vast sum of central support beside a region that kept "
               "falling behind. Which conclusion do they invite without establishing it?",
        options=[
            "The centre sent the three provinces a very large amount of money after 2003.",
            "The region fell behind the rest of China over the same twenty years.",
            "The money did little to change the region's course: without it, the region would have "
            "fared about the same.",
            "The region now relies more on central subsidies than it used to.",
        ],
        answer=2,
        explanations={
            0: "Point 1 states this directly, with a range, and section One gives its parts.",
            1: "Point 2 states this directly, and section One gives the shares and ranks.",
            2: "Right: this is a claim about a world without the support, which neither point, and no "
               "figure in the essay, can show. The decline might have been steeper without the money, "
               "and money may have gone where the decline was worst.",
            3: "Point 2 says so, and section One backs it with falling self-sufficiency rates.",
        },
        hints=["Three of the options are things the summary says outright. Which one is a step beyond "
               "what it says?",
               "Which option would need a comparison with what did not happen?"],
        solution="Points 1 and 2 report two facts side by side: much money went in, and the region fell "
                 "behind. The reader is invited to conclude that the money made little difference, but "
                 "that needs a counterfactual (the region without the support) that the essay never "
                 "offers. The other three options are stated, and backed with figures, in section One.",
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
        source_ids=[HIGH, RATE_ID],
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
               "pandas has a Series method that counts the occurrences of each distinct value, and "
               "`groupby` with `size` does the same."],
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
               "Test your function on a case you can do in your head: at 7 yuan per dollar, 14 billion "
               "yuan should come out as 2 billion dollars."],
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
        source_ids=[LOW, HIGH, RATE_ID],
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
