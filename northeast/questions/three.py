"""Chapter 4 (book/ch4_northeast_asia.ipynb): section Three, an island in Northeast Asia."""

from __future__ import annotations

import pandas as pd

from exercises import (Bank, FrameTask, FunctionTask, Mistake, MultipleChoice, Numeric,
                       Reflection, SingleChoice)
from northeast.chapters import chapter
from northeast.questions._common import RATE_ID, claims, data_mistake, rate, value

CH = "three"
TD_NE, TD_CN, TD_HJ = ("trade_dependence_northeast_2022", "trade_dependence_china_2022",
                       "trade_dependence_heilongjiang_jilin_2022")
EXP_HJ, EXP_XJ = "exports_heilongjiang_jilin_2022", "exports_xinjiang_2022"


# ------------------------------------------------------------------ reference answers
def _trade_gap() -> float:
    return value(TD_CN) - value(TD_NE)


def _implied_total(part, pct):
    return part / (pct / 100)


def _implied_table() -> pd.DataFrame:
    from northeast.views import implied_totals_from_fdi
    t = implied_totals_from_fdi(claims())
    return pd.DataFrame({
        "comparator": t["comparator"].astype(object).to_numpy(),
        "northeast_pct": t["northeast_pct"].astype(float).to_numpy(),
        "implied_total": t["implied_total_billion_usd"].astype(float).to_numpy(),
    })


def _exports_pct() -> float:
    return value(EXP_HJ) / value(EXP_XJ) * 100


def _xinjiang_usd() -> float:
    return value(EXP_XJ) / rate()


# ------------------------------------------------------------------ the bank
bank = Bank(CH, chapter(CH).heading, [
    # ---------------------------------------------------------- check your understanding
    SingleChoice(
        id="three_late_decline",
        chapter=CH,
        prompt="Why, according to Wang, did the Northeast's heavy-industry belt decline some twenty years "
               "after the American Great Lakes and Germany's Ruhr?",
        options=[
            "Because central transfers held the decline off for twenty years",
            "Because the Korean War postponed it",
            "Because its coal and iron deposits lasted longer",
            "Because it had industrialised about twenty years later",
        ],
        answer=3,
        explanations={
            0: "The transfers began in 2003, long after the decline had started.",
            1: "The war worsened the region's position; Wang doesn't say it delayed the decline.",
            2: "Wang says nothing about how long the deposits lasted.",
            3: "Right: the decline came twenty years later because the original industrialisation was "
               "twenty years later as well.",
        },
        hints=["Wang explains the delay with a symmetry: the decline came late because something else "
               "came late.",
               "Compare when each belt started its heavy industry."],
        solution="Wang's explanation is symmetrical: the region's heavy industrialisation came about twenty "
                 "years after that of the older belts, so its decline did too.",
    ),
    MultipleChoice(
        id="three_conditions",
        chapter=CH,
        prompt="Which of these conditions for new industries does Wang say the Northeast lacked? Select all "
               "that apply.",
        options=[
            "A free and lightly regulated setting",
            "A mild climate",
            "A well-developed education system",
            "Easy connections by sea and air",
            "Rich deposits of coal and iron",
        ],
        answers=[0, 1, 2, 3],
        explanations={
            0: "Wang names a free and loosely regulated environment first.",
            1: "'Favourable climatic conditions' are on his list.",
            2: "A well-developed education system is on his list.",
            3: "Convenient sea and air transport closes his list.",
            4: "The region had these: coal and iron are why heavy industry grew there in the first place. "
               "They served the old industries, not the new ones.",
        },
        hints=["The conditions are listed in a single sentence, at the start of the paragraph on the "
               "development of new industries.",
               "For each option ask whether the new industries needed it or the old heavy industry did; "
               "only the first kind can belong."],
        solution="Wang names four conditions (freedom and light regulation, a favourable climate, good "
                 "education, easy sea and air links) and says the Northeast had none. Coal and iron, which "
                 "it had, fed the old industries.",
    ),
    SingleChoice(
        id="three_aigun",
        chapter=CH,
        prompt="How does Wang use the Treaty of Aigun (1858) in his argument?",
        options=[
            "As the moment China gained a port on the Sea of Japan",
            "As the start of a brief regional opening: Chinese ships could use the Heilongjiang (Amur) "
            "and Ussuri rivers, and goods left through Russian and Korean ports",
            "As the treaty that handed Vladivostok to China",
            "As the founding of a customs union of the Soviet Far East, the Northeast and North Korea",
        ],
        answer=1,
        explanations={
            0: "The essay describes river navigation rights, not a new Chinese port.",
            1: "Right: Wang cites the treaty for free navigation on the two rivers and the trade network "
               "through Russian and Korean ports that fed the region's pillar industries.",
            2: "The essay has Chinese merchants working in Vladivostok, a Russian city.",
            3: "That describes the short-lived arrangement of the early People's Republic, a century later.",
        },
        hints=["The treaty is Wang's evidence for the prosperity around 1900.",
               "What did Chinese ships and traders gain under it?"],
        solution="Under the treaty, as Wang tells it, Chinese ships could sail the Heilongjiang and Ussuri; "
                 "over 100,000 Chinese traders gathered in Vladivostok, and the region's goods reached the "
                 "world through Russian and Korean ports. Openness, in his account, brought prosperity.",
    ),
    SingleChoice(
        id="three_island",
        chapter=CH,
        prompt="What does Wang mean by calling the Northeast an 'island'?",
        options=[
            "Mountains cut it off from the rest of China.",
            "It has become a separate customs territory.",
            "Despite its coast, it is hemmed in by neighbours that take little part in world trade, so "
            "its own trade and foreign investment stay low.",
            "Most of its people live on the coast.",
        ],
        answer=2,
        explanations={
            0: "The 'island' is about economic links abroad, not physical barriers inside China.",
            2: "Right: the region is surrounded by the barrier of North Korea and Russia, and despite a "
               "coastline it takes little part in world trade and technology.",
            1: "Nothing in the essay suggests a separate customs status.",
            3: "The point is how little the region trades, not where its people live.",
        },
        hints=["Wang uses the word right after discussing North Korea and Russia.",
               "What evidence follows the word: trade dependence and foreign capital."],
        solution="Surrounded by poor, inward-looking neighbours (North Korea, the Russian Far East), the "
                 "region barely joins world trade despite its coastline: low trade dependence and little "
                 "foreign capital.",
    ),
    SingleChoice(
        id="three_trade_dependence",
        chapter=CH,
        prompt="For 2022 the essay gives a trade dependence of 19% for the three provinces together and "
               "about 10% for Heilongjiang and Jilin. What do these two figures imply about Liaoning?",
        options=[
            "Liaoning's trade dependence must also be about 10%.",
            "Liaoning's trade dependence must be well above 19%, since the other two pull the regional "
            "figure down to 19%.",
            "Nothing: trade dependences of different places can't be combined.",
            "Liaoning's trade dependence must be below 10%, because the region's figure is lower than "
            "the national 34%.",
        ],
        answer=1,
        explanations={
            0: "Then the three together would also be about 10%, not 19%.",
            1: "Right: trade dependence is trade divided by GDP, so the region's figure is an average of "
               "the provinces' figures weighted by their GDP. With two provinces at about 10%, the third "
               "must be well above 19%. The 'island' is above all Heilongjiang and Jilin; coastal "
               "Liaoning, with Dalian, trades much more.",
            2: "They combine as a weighted average: the region's trade over the region's GDP.",
            3: "The national figure is not part of the calculation; two provinces at 10% and a region at "
               "19% fix which side of 19% the third must be.",
        },
        hints=["Trade dependence is exports plus imports divided by GDP. How does the region's figure "
               "relate to its provinces' figures?",
               "If two of three parts of an average are below the average, where must the third be?"],
        solution="The region's trade dependence is its total trade over its total GDP, a GDP-weighted "
                 "average of the three provinces' figures. If Heilongjiang and Jilin are at about 10% and "
                 "the region at 19%, Liaoning must be well above 19%. The 'island' describes the two "
                 "inland provinces far better than coastal Liaoning.",
    ),
    Numeric(
        id="three_trade_gap",
        chapter=CH,
        prompt="In 2022 the three provinces' trade dependence was 19%, against 34% for China as a whole. By "
               "how many **percentage points** did the region fall short of the national figure?",
        answer=_trade_gap,
        tolerance=0.05,
        unit="percentage points",
        mistakes=[
            data_mistake("points_vs_percent", lambda: _trade_gap() / value(TD_CN) * 100,
                         "that is the gap relative to the national figure (a percent). The question asks "
                         "for the difference in percentage points."),
            data_mistake("value", lambda: value(TD_NE) / value(TD_CN) * 100,
                         "that is the region's figure as a percentage of the national one, not the gap."),
            data_mistake("wrong_province", lambda: value(TD_CN) - value(TD_HJ),
                         "that uses the figure for Heilongjiang and Jilin only; the question is about all "
                         "three provinces."),
        ],
        hints=["A gap in percentage points is a subtraction.",
               "Make sure you use the figure for all three provinces, not the one for two of them."],
        solution="34 − 19 = 15 percentage points. Relative to the national figure, the region's trade "
                 "dependence is about 44% lower.",
        source_ids=[TD_NE, TD_CN],
    ),
    SingleChoice(
        id="three_counterfactual",
        chapter=CH,
        prompt="Wang writes that, had the Northeast faced a peaceful and open Northeast Asia, its fate "
               "could have been very different. Which evidence in section Three comes closest to "
               "supporting this counterfactual?",
        options=[
            "The region's trade dependence of 19% in 2022, against 34% for China",
            "The two earlier spells of openness, around 1900 and in the first years of the People's "
            "Republic, when in Wang's account the region prospered",
            "The 3.6 billion US dollars of foreign capital the region used in 2020",
            "North Korea's nuclear tests and the rivalry of the great powers in the region",
        ],
        answer=1,
        explanations={
            0: "This describes the closed present; it fits the story but can't show what openness would "
               "have done.",
            1: "Right: only the past offers an open Northeast Asia to look at. But those spells differ "
               "from today in much else (no plan, another world economy), so they support the claim "
               "without testing it.",
            2: "Another measure of the closed present, not of an open alternative.",
            3: "These explain why the neighbourhood stayed closed; they say nothing about what openness "
               "would have brought.",
        },
        hints=["A counterfactual asks about a world that did not happen. Where in section Three does an "
               "open Northeast Asia actually appear?",
               "Separate evidence about the closed present from evidence about times when the "
               "neighbourhood was open."],
        solution="Figures about the present (trade dependence, foreign capital, tensions) show how closed "
                 "the region is, not what openness would do. The nearest evidence is historical: Wang's "
                 "two spells of regional openness, around 1900 and in the early 1950s, when the region "
                 "did well. They are suggestive, not a test, because much else differed then.",
    ),
    SingleChoice(
        id="three_great_recession",
        chapter=CH,
        prompt="The translation says a 'Great Recession' began in the Great Lakes and the Ruhr. What does "
               "the phrase mean here?",
        options=[
            "The financial crisis of 2008",
            "The Great Depression of the 1930s",
            "The long decline of the old heavy-industry belts from the 1960s on",
            "The collapse of the Soviet Union",
        ],
        answer=2,
        explanations={
            0: "That is the usual meaning of the name, but the sentence is about a process that began in "
               "the 1960s.",
            2: "Right: the sentence before it dates the decline of the mid-temperate heavy-industry belt "
               "from the 1960s.",
            1: "The sentence follows the rise of electronics after the 1960s, decades after the Depression.",
            3: "Wang links the Soviet collapse to this decline, but it is a consequence, not the thing named.",
        },
        hints=["Read the sentence before it: from which decade does the decline start?",
               "The chapter's geography paragraph warns about this wording."],
        solution="Here the phrase names the long industrial decline of the mid-temperate heavy-industry "
                 "belts from the 1960s, not the 2008 crisis.",
    ),
    # ---------------------------------------------------------- data tasks
    FunctionTask(
        id="three_implied_total",
        chapter=CH,
        prompt="Write a function `implied_total(part, pct)` that returns the total implied when `part` is "
               "said to be `pct` percent of it. For example, `implied_total(3.6, 2.5)` is the national "
               "figure implied by the Northeast's 3.6 billion dollars being 2.5% of it.",
        cases=[((3.6, 2.5), {}), ((3.6, 8), {}), ((104.7, 50), {}), ((16, 40), {}), ((7, 100), {})],
        reference=_implied_total,
        hints=["If part = pct% of total, then part = total × pct / 100.",
               "Check your function on the chapter's worked example: 3.6 at 2.5% should give 144."],
        solution="Turn the percentage into a fraction and divide: total = part / (pct / 100).",
    ),
    FrameTask(
        id="three_implied_totals",
        chapter=CH,
        prompt="Each percentage in the foreign-capital sentence compares the Northeast's 3.6 billion US "
               "dollars (2020) with another place's total: China (2.5%), Jiangsu (8%), Beijing (26%), "
               "Sichuan (36%) and Shaanxi (43%). Build a DataFrame `implied` with columns `comparator` "
               "(`china`, `jiangsu`, `beijing`, `sichuan`, `shaanxi`), `northeast_pct` (the printed "
               "percentage) and `implied_total` (the total it implies, in billion US dollars). Read the "
               "numbers from `claims`; the row order doesn't matter.",
        expected=_implied_table,
        check_index=False,
        sort=True,
        hints=["The percentages are the rows whose `indicator` starts with `foreign_capital_utilised_` "
               "and whose unit is `percent`; the 3.6 is `foreign_capital_utilised_northeast_2020`.",
               "The comparator is the end of the indicator after `_pct_of_`; the national row's indicator "
               "ends in `share_of_national` instead. Then implied_total = 3.6 / (pct / 100)."],
        solution="China ≈ 144, Jiangsu ≈ 45, Beijing ≈ 13.8, Sichuan = 10 and Shaanxi ≈ 8.4 billion "
                 "dollars. The implied Jiangsu figure is almost a third of China's total, worth checking "
                 "against outside statistics before trusting the 8%.",
        source_ids=["foreign_capital_utilised_northeast_2020",
                    "foreign_capital_utilised_share_of_national_2020"],
    ),
    Numeric(
        id="three_exports_pct",
        chapter=CH,
        prompt="The essay says Heilongjiang and Jilin together exported only half as much as Xinjiang in "
               "2022. Compute their exports as a percentage of Xinjiang's from the claims "
               "`exports_heilongjiang_jilin_2022` and `exports_xinjiang_2022`, and store it in "
               "`exports_pct`.",
        answer=_exports_pct,
        tolerance=0.05,
        unit="%",
        mistakes=[
            data_mistake("value", lambda: value(EXP_XJ) / value(EXP_HJ) * 100,
                         "that is Xinjiang's exports as a percentage of the two provinces', upside down."),
            data_mistake("value", lambda: value(EXP_HJ) / (value(EXP_HJ) + value(EXP_XJ)) * 100,
                         "that is the two provinces' share of the combined total; the question compares "
                         "them with Xinjiang alone."),
        ],
        hints=["Part divided by the comparison figure, times 100.",
               "Which of the two amounts is being compared with which? The essay's 'half' tells you "
               "roughly what to expect."],
        solution="104.7 / 209.1 × 100 ≈ 50.1%: 'half' is accurate.",
        source_ids=[EXP_HJ, EXP_XJ],
    ),
    Numeric(
        id="three_xinjiang_usd",
        chapter=CH,
        prompt="Check one of the translator's conversions: convert Xinjiang's 2022 exports (claim "
               "`exports_xinjiang_2022`, in billion yuan) into **billion US dollars** at the rate in claim "
               "`exchange_rate_rmb_per_usd`, without rounding. Store it in `xinjiang_usd`. Does it match "
               "the 29.5 billion printed in the translation?",
        answer=_xinjiang_usd,
        tolerance=0.01,
        unit="billion USD",
        mistakes=[
            data_mistake("value", lambda: float(claims().set_index("id").loc[EXP_XJ, "usd_printed_billion"]),
                         "that is the figure the translation prints; recompute it from the yuan amount."),
            data_mistake("value", lambda: value(EXP_XJ) * rate(),
                         "you multiplied by the rate; divide yuan by yuan-per-dollar to get dollars."),
            Mistake.scale(1000, "about 1,000 times too large: that looks like millions of dollars. Give "
                                "billions."),
            Mistake.scale(0.001, "about 1,000 times too small: that looks like trillions of dollars. "
                                 "Give billions."),
        ],
        hints=["Dollars = yuan / (yuan per dollar).",
               "Both numbers are in the `value` column; pick them by id and keep every decimal."],
        solution="209.1 / 7.14 ≈ 29.29 billion dollars. The translation prints 29.5, more than rounding "
                 "allows; Chapter 6 lists this among the conversions that miss the stated rate.",
        source_ids=[EXP_XJ, RATE_ID],
    ),
    # ---------------------------------------------------------- reflection
    Reflection(
        id="three_reflect_test",
        chapter=CH,
        prompt="Wang argues that in a peaceful, open Northeast Asia the region's fate could have been very "
               "different. A counterfactual can't be observed. Propose a comparison (another region, "
               "another period) that would come closest to testing the claim, and say what result would "
               "support or undermine it.",
        model_answer=(
            "One test is within the region's own history, which Wang already uses: compare growth in the "
            "open spells (around 1900, the early 1950s) with the closed decades after the Korean War. If "
            "growth rose and fell with openness, even after allowing for wars and the plan, that supports "
            "him. A second test compares the Northeast with a similar border region whose neighbourhood "
            "opened up. Eastern Germany and western Poland after 1990, or China's own south-west as "
            "trade with South-East Asia grew, are candidates. If such regions revived as their borders "
            "opened while their industrial legacy stayed similar, his claim gains weight; if they stayed "
            "stuck despite open borders, the planning legacy and demography matter more than geopolitics. "
            "Neither test is clean, because many things change at once."
        ),
        hints=["Look for a place or period where the neighbourhood changed but the industrial legacy did "
               "not.",
               "Wang's own history (around 1900, the early 1950s) offers one comparison."],
    ),
])
