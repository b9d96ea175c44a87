"""Chapter 3 (book/ch3_causes.ipynb): section Two, why the decline stuck."""

from __future__ import annotations

import pandas as pd

from exercises import (Bank, FrameTask, FunctionTask, Mistake, MultipleChoice, Numeric,
                       Reflection, SingleChoice)
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
bank = Bank(CH, "Chapter 3: why the decline stuck", [
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
               "handicaps it had from the start? Select all that apply.",
        options=[
            "An unusually dense and stubborn planning system, with tens of thousands of SOEs",
            "A small, early-ageing population with few rural workers",
            "Private firms confined to the gaps the state sector leaves",
            "Hostile and closed neighbours in Northeast Asia",
            "Too little money from the central government",
        ],
        answers=[0, 1],
        explanations={
            2: "That is the handicap Wang says was acquired later, not one the region had from the start.",
            3: "The neighbourhood is a real factor for Wang, but he argues it in section Three, not as a "
               "congenital deficiency.",
            4: "Wang argues that the region received a great deal of money.",
        },
        hints=["The chapter's step 3 lists two inborn handicaps.",
               "One is about the economic system, the other about people."],
        solution="The congenital deficiencies are too much plan (the densest planning system and SOE "
                 "sector in China) and the wrong population (early urbanisation and ageing, a thin "
                 "rural workforce). Confinement of private firms is the acquired weakness.",
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
            2: "The essay's ratio has workers on top: 2.5 workers for each retiree.",
            3: "Both are workers per retiree in the same year, so they compare directly.",
        },
        hints=["Write the ratio as a fraction: what is on top?",
               "See the note 'Ratios point one way or the other' in this chapter."],
        solution="Workers per retiree: a lower number means fewer contributors for each pensioner, so the "
                 "region's 2.5 is a much heavier burden than the national 5.8.",
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
        hints=["If A is 40% of B, then A = 0.4 × B.",
               "So B = A / 0.4."],
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
               "`return employed / retired`"],
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
               "Workers divided by retirees."],
        solution="14.73 / 6.56 ≈ 2.25 workers per retiree, noticeably below the 2.5 the sentence states "
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
