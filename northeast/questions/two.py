"""Chapter 3 (book/ch3_causes.ipynb): section Two, why the decline stuck."""

from __future__ import annotations

import pandas as pd

from exercises import (Bank, FrameTask, FunctionTask, Mistake, MultipleChoice, Numeric,
                       Reflection, SingleChoice)
from northeast.chapters import chapter
from northeast.questions._common import PROVINCES, claims, data_mistake, value

CH = "two"
URBAN_GAIN = "urban_population_increase_northeast_1990_2010"
URBAN_PCT = "urban_population_increase_pct_of_jiangsu_1990_2010"
EMP_HLJ, RET_HLJ = "employed_heilongjiang_2022", "retired_heilongjiang_2022"
EMP_GD, RET_GD = "employed_guangdong_2022", "retired_guangdong_2022"
GAP, REVENUE = "pension_gap_heilongjiang_2022", "fiscal_revenue_heilongjiang_2022"


# ------------------------------------------------------------------ reference answers
def _jiangsu_gain() -> float:
    return value(URBAN_GAIN) / (value(URBAN_PCT) / 100)


def _dependency_ratio(employed, retired):
    return employed / retired


def _hlj_ratio() -> float:
    return value(EMP_HLJ) / value(RET_HLJ)


def _gap_pct() -> float:
    return value(GAP) / value(REVENUE) * 100


def _soe_shares() -> pd.DataFrame:
    national = value("soe_share_of_large_enterprises_china")
    shares = [value(f"soe_share_of_large_enterprises_{p}") for p in PROVINCES]
    t = pd.DataFrame({"province": list(PROVINCES), "soe_share": shares})
    t["gap_points"] = t["soe_share"] - national
    t["times_national"] = t["soe_share"] / national
    return t


# ------------------------------------------------------------------ the bank
bank = Bank(CH, chapter(CH).heading, [
    # ---------------------------------------------------------- check your understanding
    SingleChoice(
        id="two_counterexamples",
        chapter=CH,
        prompt="Why does Wang treat the usual explanations (the legacy of planning, a poor business "
               "climate) as important but not decisive?",
        options=[
            "Because economists have shown that planning left no lasting effects.",
            "Because the Northeast was never a planned economy.",
            "Because other old planning and heavy-industry centres, such as Beijing, Nanjing, Xi'an and "
            "Wuhan, have prospered since.",
            "Because the Northeast's business climate is in fact better than elsewhere.",
        ],
        answer=2,
        explanations={
            0: "Wang complains that economists have hardly discussed the question; he cites no such proof.",
            1: "On the contrary: he calls it China's most thoroughly planned region.",
            2: "Right: Wang asks how the planning story could explain why these cities, equally part of "
               "the planned economy, have moved on to prosperity.",
            3: "He accepts that the business climate is a real part of the story.",
        },
        hints=["Wang asks a rhetorical question with a list of cities in it.",
               "If planning alone explained decline, what should have happened to other planned centres?"],
        solution="If the plan's legacy were decisive, other former planning centres should have declined "
                 "too. Beijing, Nanjing, Xi'an and Wuhan did not, so something else must explain the "
                 "Northeast.",
    ),
    SingleChoice(
        id="two_incremental",
        chapter=CH,
        prompt="In the incremental-reform view that Wang borrows from Ronald Coase and Wu Jinglian, where "
               "did the growth of China's reform era mainly come from?",
        options=[
            "From modernising the big state enterprises first",
            "From new forces at the edge of the system, such as private firms and foreign investment, "
            "while the state sector lagged",
            "From central transfers to the poorer provinces",
            "From the heavy industry built under the plan",
        ],
        answer=1,
        explanations={
            0: "In this view the state sector is what lagged behind, not what drove growth.",
            1: "Right: both credit new incremental or marginal forces, such as private firms and foreign "
               "investment, while the old state core lagged.",
            2: "Transfers redistribute growth; they are not the 'marginal' forces the theory is about.",
            3: "The plan's heavy industry is the old core, which in this view grew slowest.",
        },
        hints=["'Incremental' and 'marginal' both point to what was added at the edges.",
               "Which provinces grew fastest in Wang's telling, and what did they have?"],
        solution="Coase's 'marginal revolution' and Wu's incremental reform both credit growth to new "
                 "activity outside the old core (private firms, foreign capital) while the state sector "
                 "lagged. Where such activity took hold, provinces grew fast.",
    ),
    MultipleChoice(
        id="two_congenital",
        chapter=CH,
        prompt="Which of these belong to what Wang calls the region's 'congenital deficiencies', the "
               "handicaps it had from the start of reform? Select all that apply.",
        options=[
            "An unusually dense and stubborn planning system, with tens of thousands of SOEs",
            "A small, early-ageing population with few rural workers",
            "Private firms confined to the gaps the state sector leaves",
            "Hostile and closed neighbours in Northeast Asia",
            "Too little money from the central government",
        ],
        answers=[0, 1],
        explanations={
            0: "The planning system is the first of the two points Wang gives for why incremental reform "
               "fared worst in the Northeast.",
            1: "The size and structure of the population is the second point; the thin rural workforce, "
               "the little room for urban growth and the weak pull for foreign investors all follow "
               "from it.",
            2: "That is the handicap Wang says was acquired later, not one the region had from the start.",
            3: "The neighbourhood is a real factor for Wang, but he argues it in section Three, not as a "
               "congenital deficiency.",
            4: "Wang argues that the region received a great deal of money.",
        },
        hints=["Go back to Wang's answer to 'Why is this?' at the start of his argument about incremental "
               "reform: he gives his reasons in one sentence, and names them later.",
               "Wang's label comes with the word 'from the outset': which handicaps did the region have "
               "before the reforms began, and which grew up afterwards or came from outside?"],
        solution="The congenital deficiencies are the two points Wang gives for why incremental reform did "
                 "worst in the Northeast: a dense and stubborn planning system (China's most planned "
                 "economy, some 28,000 SOEs in the mid-1990s) and a population whose size and structure "
                 "left little room for new private and foreign activity (early urbanisation and ageing, "
                 "a thin rural workforce, slow urban growth, little pull for foreign investors). The "
                 "confinement of private firms is the acquired weakness.",
    ),
    SingleChoice(
        id="two_acquired",
        chapter=CH,
        prompt="What does Wang call the region's 'acquired weakness'?",
        options=[
            "The ageing of its population",
            "The loss of access to the sea after the Korean War",
            "A private sector that can only grow in the gaps the state sector leaves, so no competitive "
            "clusters form",
            "The 1994 tax-sharing reform",
        ],
        answer=2,
        explanations={
            0: "Ageing is part of the inborn, demographic handicap and of the 'two olds'.",
            2: "Right: Wang says the private economy can only 'grow in the cracks' the state leaves, and "
               "calls this the acquired weakness.",
            1: "That is part of the geopolitical story in section Three.",
            3: "The tax reform appears in section One, as the starting point of the self-sufficiency "
               "comparison.",
        },
        hints=["Wang quotes a phrase about growing 'in the cracks'.",
               "It concerns the relation between private firms and SOEs after 1998-2002."],
        solution="Even after the 1998-2002 restructuring, SOEs control the main resources; private firms "
                 "exist as their suppliers and grow only in the cracks, so no competitive clusters form.",
    ),
    SingleChoice(
        id="two_two_olds",
        chapter=CH,
        prompt="What are the 'two olds' that, in Wang's account, keep draining the region's resources?",
        options=[
            "Old industries and old cities",
            "Old state-owned enterprises and an old population",
            "Old leaders and old plans",
            "Old debts and old infrastructure",
        ],
        answer=1,
        explanations={
            0: "The essay's examples are loss-making SOEs and pension costs, not cities.",
            1: "Right: the many old SOEs and the ageing population; the examples that follow are SOE "
               "losses and the pension gap.",
            2: "The phrase refers to the economy and the population, not to leadership.",
            3: "Debt comes up in section One (the 2006 write-off), but not as one of the two olds.",
        },
        hints=["The examples that follow are SOE losses and the pension burden.",
               "One 'old' is a kind of firm, the other a kind of people."],
        solution="The two olds are old SOEs (losses, low returns, small tax payments) and an old "
                 "population (few workers per retiree, a large pension gap).",
    ),
    SingleChoice(
        id="two_faw",
        chapter=CH,
        prompt="What is the comparison of Changchun's FAW with Shanghai's SAIC and Guangzhou's GAC meant to "
               "show?",
        options=[
            "FAW is more profitable than the other two.",
            "SAIC and GAC are private companies, FAW a state one.",
            "FAW makes most of its parts itself, leaving little room for private suppliers to grow "
            "around it.",
            "China's car industry began in the Yangtze River Delta.",
        ],
        answer=2,
        explanations={
            0: "The essay says nothing about the firms' profits.",
            2: "Right: FAW keeps its own supply chain (over 80% self-made in the planning era), so "
               "Changchun has shaped little of the private car industry.",
            1: "All three are state-owned; that is the point of comparing them.",
            3: "The essay says the industry began in Changchun, almost seventy years ago.",
        },
        hints=["All three companies are state-owned. What differs is where their parts come from.",
               "Compare 90% bought from outside with over 80% made in-house."],
        solution="SAIC and GAC buy about 90% of their supply chains from private and foreign firms, which "
                 "lets a private ecosystem grow around them. FAW made most parts itself, so Changchun, "
                 "the industry's birthplace, shaped little of the private car industry.",
    ),
    SingleChoice(
        id="two_ratio_direction",
        chapter=CH,
        prompt="The essay measures the pension burden in workers per retiree: 2.5 in the region and 5.8 "
               "nationally in 2022. Which reading is right?",
        options=[
            "A higher number means a heavier burden.",
            "A lower number means a heavier burden: fewer workers support each retiree.",
            "2.5 means 2.5 retirees for every worker.",
            "The two numbers can't be compared.",
        ],
        answer=1,
        explanations={
            0: "That is true of the usual demographers' ratio (dependants per worker), but the essay turns "
               "it round.",
            1: "Right: the essay's ratio has workers on top, so the region's 2.5 means fewer contributors "
               "for each pensioner than the national 5.8.",
            2: "The essay's ratio has workers on top: 2.5 workers for each retiree.",
            3: "Both are workers per retiree in the same year, so they compare directly.",
        },
        hints=["Write the ratio as a fraction: what is on top?",
               "See the note 'Ratios point one way or the other' in this chapter."],
        solution="Workers per retiree: a lower number means fewer contributors for each pensioner, so the "
                 "region's 2.5 is a much heavier burden than the national 5.8.",
    ),
    SingleChoice(
        id="two_timeline",
        chapter=CH,
        prompt="If the congenital deficiencies were there from the start of reform, how could the "
               "provinces still rank 8th, 13th and 10th in GDP per person in 2003? Which answer fits "
               "Wang's own argument best?",
        options=[
            "The 2003 ranks must be wrong; the essay's later figures show the region was always poor.",
            "The handicaps only appeared after 2003, when the revitalisation money arrived.",
            "The handicaps held back the *new* growth of the reform era; the old planned industries kept "
            "the region's level high for a while, so the handicaps show up as a slide, not as a low "
            "starting point.",
            "Central transfers raised the region's output in 2003 above what it produced itself.",
        ],
        answer=2,
        explanations={
            0: "Wang relies on the 2003 ranks himself, and he says the region was once near the top; "
               "nothing in the essay questions them.",
            1: "Wang says the region lacked the conditions for private growth 'from the outset' of "
               "reform, long before 2003.",
            2: "Right: in the incremental-reform lens, a region with a big old core and little new "
               "activity starts high and falls behind as others add new growth. Wang says the same of "
               "the belt's decline, which came late because industrialisation did.",
            3: "The transfers of section One start in 2003; the essay gives no reason to think they "
               "inflated the starting level.",
        },
        hints=["In the incremental-reform lens, what do the handicaps stop: existing output, or new "
               "growth?",
               "Think of a level and a growth rate: which of the two do the handicaps act on?"],
        solution="The congenital deficiencies, as Wang describes them, stopped new (incremental) activity "
                 "from taking root; they did not destroy the old planned industry, which had made the "
                 "region rich. So the region could start the period high and slide as the rest of China "
                 "added new growth. The timeline holds together, but it also means the 2003 ranks "
                 "partly reflect the very planned economy Wang blames.",
        source_ids=["per_capita_gdp_rank_liaoning_2003", "per_capita_gdp_rank_jilin_2003",
                    "per_capita_gdp_rank_heilongjiang_2003"],
    ),
    SingleChoice(
        id="two_faw_typical",
        chapter=CH,
        prompt="The FAW comparison rests on a single company. Which further evidence would do most to "
               "show that it is typical of the region's acquired weakness?",
        options=[
            "FAW's profits over the past twenty years",
            "For the region's large SOEs in general, the share of their inputs bought from private "
            "suppliers, set beside the same share for SOEs in other provinces",
            "A third coastal car maker that buys most of its parts from private firms",
            "The number of years since FAW was founded",
        ],
        answer=1,
        explanations={
            0: "Profits say how FAW is doing, not how much room it leaves for private suppliers, which "
               "is the point of the comparison.",
            1: "Right: the claim is about the whole region, so it needs the same measure across many "
               "SOEs, and a comparison group outside the region.",
            2: "Another coastal example strengthens the coastal side of the contrast, not the claim that "
               "FAW is typical of the Northeast.",
            3: "Wang already gives FAW's age (almost seventy years); it says nothing about other firms.",
        },
        hints=["The claim is about the region's SOEs and private firms in general. What does one firm "
               "fail to show?",
               "A typical case needs a measure across many firms, and something to compare it with."],
        solution="To show that FAW is typical, you need the same measure (how much of the SOEs' supply "
                 "chain is left to private firms) across the region's large SOEs, compared with SOEs "
                 "elsewhere. One vivid case illustrates an argument; it cannot establish a pattern.",
    ),
    Numeric(
        id="two_jiangsu_urban",
        chapter=CH,
        prompt="Net of out-migration, the Northeast's towns gained about 16 million people in 1990-2010, "
               "which the essay says was 40% of Jiangsu's gain. How large a gain, in **million people**, "
               "does that imply for Jiangsu?",
        answer=_jiangsu_gain,
        tolerance=0.5,
        unit="million people",
        mistakes=[
            data_mistake("value", lambda: value(URBAN_GAIN) * value(URBAN_PCT) / 100,
                         "you multiplied by the percentage. If the Northeast's gain is only part of "
                         "Jiangsu's, Jiangsu's gain is the larger number, so divide."),
            data_mistake("value", lambda: value(URBAN_GAIN) * value(URBAN_PCT),
                         "you multiplied by the percentage as a whole number. Turn the percentage into a "
                         "fraction first, then divide by it."),
            data_mistake("value", lambda: value(URBAN_GAIN),
                         "that is the Northeast's own gain; the question asks about Jiangsu."),
            Mistake.scale(1e6, "that is in people; the question asks for millions of people (or type "
                               "the word 'million')."),
        ],
        hints=["If A is p% of B, then A = (p / 100) × B.",
               "Which gain is bigger? If the Northeast's gain is only part of Jiangsu's, your answer must "
               "be larger than the Northeast's own figure."],
        solution="16 / 0.40 = 40 million: Jiangsu's towns gained some 40 million people, two and a half "
                 "times as many as the whole Northeast's.",
        source_ids=[URBAN_GAIN, URBAN_PCT],
    ),
    # ---------------------------------------------------------- data tasks
    FunctionTask(
        id="two_dependency_ratio",
        chapter=CH,
        prompt="Write a function `dependency_ratio(employed, retired)` that returns workers per retiree, "
               "the way the essay reads the ratio. Both arguments are counts in the same unit (for "
               "example million people).",
        cases=[((14.73, 6.56), {}), ((70.39, 7.52), {}), ((5.0, 2.0), {}), ((29.0, 5.0), {})],
        reference=_dependency_ratio,
        hints=["Workers per retiree: which count goes on top?",
               "Try your function on Guangdong's counts (70.39 million workers, 7.52 million retirees): "
               "the result should be well above the national 5.8."],
        solution="Divide workers by retirees. Heilongjiang's 14.73 / 6.56 ≈ 2.25; Guangdong's "
                 "70.39 / 7.52 ≈ 9.4.",
    ),
    Numeric(
        id="two_hlj_ratio",
        chapter=CH,
        prompt="Compute Heilongjiang's workers per retiree in 2022 from the counts in the claims "
               "`employed_heilongjiang_2022` and `retired_heilongjiang_2022`. Store it in `hlj_ratio`.",
        answer=_hlj_ratio,
        tolerance=0.005,
        unit="",
        mistakes=[
            data_mistake("value", lambda: value("employee_retiree_ratio_northeast_2022"),
                         "that is the ratio the sentence states for the region; compute one from "
                         "Heilongjiang's own counts."),
            data_mistake("value", lambda: value(RET_HLJ) / value(EMP_HLJ),
                         "that is retirees per worker, upside down. The essay counts workers per retiree."),
            data_mistake("wrong_province", lambda: value(EMP_GD) / value(RET_GD),
                         "that is Guangdong's ratio; the question asks about Heilongjiang."),
            data_mistake("value", lambda: value("employee_retiree_ratio_china_2022"),
                         "that is the national ratio the essay states, not Heilongjiang's."),
        ],
        hints=["Select the two counts by id, e.g. with `claims.set_index('id')['value']`.",
               "The essay reads the ratio as workers per retiree; make sure yours reads the same way."],
        solution="14.73 / 6.56 ≈ 2.245 workers per retiree, noticeably below the 2.5 the sentence states "
                 "for the region. Chapter 6 discusses why the example does not illustrate the claim.",
        source_ids=[EMP_HLJ, RET_HLJ],
    ),
    Numeric(
        id="two_pension_gap_pct",
        chapter=CH,
        prompt="Heilongjiang's pension gap in 2022 is said to equal nearly half of its fiscal revenue. "
               "Compute the gap as a percentage of revenue from the claims "
               "`pension_gap_heilongjiang_2022` and `fiscal_revenue_heilongjiang_2022` (both in billion "
               "yuan), and store it in `gap_pct`.",
        answer=_gap_pct,
        tolerance=0.05,
        unit="%",
        mistakes=[
            data_mistake("value", lambda: value(REVENUE) / value(GAP) * 100,
                         "that is revenue as a percentage of the gap, upside down."),
            data_mistake("value", lambda: value("pension_gap_pct_of_fiscal_revenue_heilongjiang_2022"),
                         "that is the essay's 'nearly half' as a round number; compute the exact share "
                         "from the two amounts."),
        ],
        hints=["Part divided by whole, times 100.",
               "The gap is the part; revenue is the whole."],
        solution="64.1 / 129 × 100 ≈ 49.7%: 'nearly half' is fair.",
        source_ids=[GAP, REVENUE],
    ),
    FrameTask(
        id="two_soe_share_gap",
        chapter=CH,
        prompt="The share of SOEs among larger firms averaged 27% nationally. Build a DataFrame "
               "`soe_gap` with one row per province and the columns `province` (entity ids), `soe_share` "
               "(in %), `gap_points` (the province's share minus the national one, in percentage points) "
               "and `times_national` (the province's share divided by the national one). Use the claims "
               "whose `indicator` is `soe_share_of_large_enterprises`; the row order doesn't matter.",
        expected=_soe_shares,
        check_index=False,
        sort=True,
        hints=["The national figure is the row whose entity is `china`; the other three are the provinces.",
               "Take the national value out as a number first, then compute both columns from "
               "`soe_share`."],
        solution="Liaoning 43% (16 points above the national 27%, 1.6 times), Jilin 51% (24 points, "
                 "1.9 times), Heilongjiang 65% (38 points, 2.4 times).",
        source_ids=["soe_share_of_large_enterprises_china",
                    *[f"soe_share_of_large_enterprises_{p}" for p in PROVINCES]],
    ),
    # ---------------------------------------------------------- reflection
    Reflection(
        id="two_reflect_counterexamples",
        chapter=CH,
        prompt="Wang's counter-examples, Beijing, Nanjing, Xi'an and Wuhan, were planning centres that "
               "later prospered. Do they also differ from the Northeast in population and location, his "
               "other explanations? Does that strengthen or weaken his case against the planning "
               "explanation?",
        model_answer=(
            "They differ a great deal. All four are large cities inside densely settled provinces with big "
            "rural hinterlands, so they had the reservoir of cheap rural labour and the room for "
            "urbanisation that Wang says the Northeast lacked. Beijing is also the capital and Nanjing "
            "sits in the Yangtze delta, close to the coast and to foreign investors. So the comparison "
            "does show that planning alone cannot explain decline, which is what Wang wants it to show. "
            "But it cannot show that planning played no part: the four cities may have escaped the plan's "
            "legacy precisely because they had what the Northeast lacked. That actually fits his larger "
            "argument, that several causes worked together, but it means the counter-examples do not "
            "isolate any single one of them."
        ),
        hints=["List what the four cities have that the Northeast lacks, using Wang's own factors.",
               "A good counter-example differs in one factor only. Do these?"],
    ),
])
