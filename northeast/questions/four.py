"""Chapter 5 (book/ch5_lessons.ipynb): section Four, what should change."""

from __future__ import annotations

from exercises import (Bank, FunctionTask, Mistake, MultipleChoice, Numeric, Reflection,
                       SingleChoice)
from northeast.chapters import chapter
from northeast.questions._common import data_mistake, value

CH = "four"
PEAK_YEAR = "ageing_peak_forecast_year"
SHARE_2030 = "elderly_increase_pct_of_current_2030"
# The essay gives no head-count for the elderly population, only a comparison of two yearly
# increases, so the numeric tasks measure everything against today's yearly increase: 100 on an
# index, or 1 as a unit ("years' worth of today's increase").
INDEX = 100.0
START = 2023  # the year of the essay


# ------------------------------------------------------------------ reference answers
def _increase_2030(current: float = INDEX) -> float:
    return current * value(SHARE_2030) / 100


def _yearly_increase(current, year, start=START):
    """Straight line from `current` in `start` to the forecast share of it in the forecast year."""
    peak = value(PEAK_YEAR)
    end = current * value(SHARE_2030) / 100
    return current + (end - current) * (year - start) / (peak - start)


def _total_increase() -> float:
    """Growth over START+1 .. the forecast year, in years' worth of today's yearly increase."""
    peak = int(value(PEAK_YEAR))
    return sum(_yearly_increase(1.0, y) for y in range(START + 1, peak + 1))


# ------------------------------------------------------------------ the bank
bank = Bank(CH, chapter(CH).heading, [
    # ---------------------------------------------------------- check your understanding
    MultipleChoice(
        id="four_lessons",
        chapter=CH,
        prompt="Which of these are among the three lessons Wang draws from the past twenty years? Select "
               "all that apply.",
        options=[
            "Stop trying to revive the region with transfusions of central money, and reform it so that "
            "the economy has room to grow.",
            "Raise central transfers until the region catches up.",
            "Create new growth instead of reshuffling old industries and firms.",
            "Treat the Northeast as part of Northeast Asia, whose own place in globalisation has to be "
            "solved too.",
            "Shield the region's SOEs from outside competition until they recover.",
        ],
        answers=[0, 2, 3],
        explanations={
            1: "This is the approach Wang says must be abandoned.",
            0: "The first lesson: give up transfusions from the centre for fundamental reform.",
            2: "The second lesson: create incremental growth rather than shuffle the deck.",
            3: "The third lesson: look at the region from the level of Northeast Asia as a whole.",
            4: "Wang wants a second round of SOE reform, not protection.",
        },
        hints=["Each lesson begins with 'It teaches us that…'.",
               "Each lesson answers one of the essay's first sections: the money, the causes at home, "
               "the neighbourhood."],
        solution="Wang's three lessons: give up revival by central 'transfusions' in favour of fundamental "
                 "reform; create new (incremental) growth rather than reshuffle the old; and see the "
                 "region within Northeast Asia.",
    ),
    SingleChoice(
        id="four_soe_reform",
        chapter=CH,
        prompt="Which proposal does Wang say the region's revival cannot do without?",
        options=[
            "A free trade zone joining the border region, the Tumen River delta and Vladivostok",
            "A second round of reform of SOEs and state assets",
            "A better business environment in the three provinces",
            "Central transfers kept at their present level until growth returns",
        ],
        answer=1,
        explanations={
            0: "Wang offers the free trade zone as 'another possibility', one example among others, not "
               "as a condition for revival.",
            1: "Right: Wang says that if the problems left by the reforms at the turn of the century are "
               "not handled well, there will be no revitalisation.",
            2: "Section Two calls the business environment an important part of the answer but not a "
               "decisive one, and section Four does not make it a condition.",
            3: "Wang's first lesson is to give up revival by transfusions of central money.",
        },
        hints=["Look for the one proposal that Wang follows with a sentence about what happens if it is "
               "not done.",
               "Which proposals are offered 'for example' or as 'another possibility'?"],
        solution="A second wave of SOE and state-asset reform, to deal with problems the reforms at the "
                 "turn of the century did not resolve; without it, Wang says, there will be no revival.",
    ),
    SingleChoice(
        id="four_match_ftz",
        chapter=CH,
        prompt="The proposed free trade zone joining the border region, the Tumen River delta and "
               "Vladivostok answers which problem diagnosed earlier in the essay?",
        options=[
            "The acquired weakness of private firms (section Two)",
            "The early ageing of the population (section Two)",
            "The region's isolation as an 'island' in Northeast Asia (section Three)",
            "The falling share of national GDP (section One)",
        ],
        answer=2,
        explanations={
            0: "The answer to the acquired weakness is the second SOE reform.",
            1: "No proposal in section Four addresses ageing directly.",
            2: "Right: Vladivostok and the Tumen come up in section Three, where the neighbours resist "
               "integration and the free-trade corridor has barely moved.",
            3: "The GDP share is a symptom measured in section One, not a cause.",
        },
        hints=["Where in the essay do Vladivostok and the Tumen River come up?",
               "Which section describes neighbours that resist economic integration?"],
        solution="The free trade zone is the answer to section Three's 'island': a region cut off from "
                 "world trade by closed neighbours.",
    ),
    SingleChoice(
        id="four_unmatched",
        chapter=CH,
        prompt="Which cause from the earlier sections has no matching proposal in section Four, beyond "
               "waiting for it to pass?",
        options=[
            "The dominance of SOEs",
            "The closed neighbourhood in Northeast Asia",
            "The missed waves of new industry",
            "The thin, early-ageing population",
        ],
        answer=3,
        explanations={
            0: "The second SOE reform addresses it.",
            1: "The free trade zone towards Vladivostok addresses it.",
            2: "Building one or two strong industries or central cities addresses it.",
            3: "Right: for the population half of the congenital deficiencies Wang offers only the "
               "expectation that ageing will soon peak.",
        },
        hints=["Match each proposal to a cause, then see which cause is left over.",
               "The chapter's section 'Reading the proposals critically' does this matching."],
        solution="The population half of the congenital deficiencies (the other half is the planning "
                 "system, which the SOE reform addresses) gets no proposal; Wang only notes that ageing "
                 "is about to peak.",
    ),
    SingleChoice(
        id="four_opportunity",
        chapter=CH,
        prompt="Which of these does Wang **not** list as a turn of history in the region's favour?",
        options=[
            "A worldwide push for reindustrialisation and economic sovereignty",
            "Digital technology strengthening manufacturing",
            "Ageing in the region being about to peak",
            "A new wave of central transfers",
        ],
        answer=3,
        explanations={
            0: "Wang does list this, which sits oddly with the translator's reading.",
            1: "Wang does list the digital economy empowering manufacturing.",
            2: "Wang does list it, with a forecast for 2030.",
            3: "Right: more central money is what Wang's first lesson says to move away from.",
        },
        hints=["Wang's list begins 'Throughout the world…'.",
               "Which option contradicts his first lesson?"],
        solution="Wang's opportunities are reindustrialisation and economic sovereignty, digital "
                 "manufacturing, and the coming peak of ageing. More central money is what he wants to "
                 "move away from.",
    ),
    SingleChoice(
        id="four_tension",
        chapter=CH,
        prompt="Where does section Four sit uneasily with the translator's reading of the essay?",
        options=[
            "Ownby hears a caution against national economic sovereignty, yet Wang counts the worldwide "
            "turn towards it as an opportunity for the region.",
            "Ownby thinks the essay favours markets, yet section Four calls for more central planning.",
            "Ownby says Wang ignores Russia, yet section Four proposes a zone with Russia.",
            "Ownby sees no warning for China as a whole, yet section Four ends with one.",
        ],
        answer=0,
        explanations={
            1: "Section Four calls for reform and new growth, which fits Ownby's market reading.",
            2: "Ownby stresses Russia and North Korea; he does not say Wang ignores them.",
            3: "Ownby names the warning for all of China as one of his three reasons.",
            0: "Right: Wang lists the worldwide emphasis on economic sovereignty among the trends that "
               "might favour the region.",
        },
        hints=["Re-read the last sentence of Ownby's introduction.",
               "Then look at Wang's list of favourable trends."],
        solution="Ownby reads the essay as a plea not to embrace economic sovereignty, but Wang lists the "
                 "global emphasis on economic sovereignty among the trends that might favour the region.",
    ),
    SingleChoice(
        id="four_lucky",
        chapter=CH,
        prompt="In what sense, according to Wang, was the Northeast 'lucky' in its decline?",
        options=[
            "Its decline was slower than that of other rust belts.",
            "It declined while the rest of China was rising, so the centre could afford to bail it out.",
            "Its neighbours helped it through the worst years.",
            "Its shrinking population meant fewer people were affected.",
        ],
        answer=1,
        explanations={
            0: "Wang compares the timing, not the speed, and calls the region slow to revive.",
            2: "Wang says the neighbours hindered rather than helped.",
            1: "Right: the centre had the money to bail the region out because the rest of the country "
               "was rising.",
            3: "Wang doesn't present population decline as good fortune.",
        },
        hints=["The luck concerns who could pay for the rescue.",
               "The essay's last paragraph warns that future cases may not be so lucky."],
        solution="The region declined while the rest of the country boomed, so Beijing had the money for a "
                 "rescue. Cities that decline when the whole country slows may not get one.",
    ),
    Numeric(
        id="four_elderly_2030",
        chapter=CH,
        prompt="The essay gives no head-count for the elderly population, only a forecast comparing two "
               "yearly increases. Write today's yearly increase as an index of 100. If Wang's forecast "
               "for 2030 holds, what is the yearly increase in 2030 on the same index?",
        answer=_increase_2030,
        tolerance=0.01,
        unit="",
        mistakes=[
            Mistake.value(0.0, "a smaller increase doesn't stop the growth: the elderly population still "
                               "rises in 2030, only more slowly."),
            data_mistake("value", lambda: INDEX,
                         "that is today's increase; the forecast says the 2030 increase will be smaller."),
            data_mistake("value", lambda: INDEX / (value(SHARE_2030) / 100),
                         "you divided by the fraction; the 2030 increase is a fraction of today's, so "
                         "multiply."),
        ],
        hints=["The forecast is about the yearly increase of the elderly population, not about the "
               "elderly population itself.",
               "Apply the forecast's percentage (claim `elderly_increase_pct_of_current_2030`) to "
               "today's index."],
        solution="Half of 100 is 50: in 2030 the elderly population still grows, by half as much a year "
                 "as now. Ageing 'peaks' only in the sense that its speed is past its highest; the number "
                 "of elderly people keeps rising.",
        source_ids=[SHARE_2030, PEAK_YEAR],
    ),
    # ---------------------------------------------------------- data tasks
    FunctionTask(
        id="four_yearly_increase",
        chapter=CH,
        prompt="Assume the yearly increase of the region's elderly population falls in a straight line "
               "from `current` in the year `start` to the level Wang forecasts for 2030 (half of the "
               "current increase; read the year from claim `ageing_peak_forecast_year` and the percentage "
               "from claim `elderly_increase_pct_of_current_2030`). Write `yearly_increase(current, year, "
               "start=2023)` returning the increase in `year`, for years from `start` to 2030.",
        cases=[((100, 2023), {}), ((100, 2030), {}), ((100, 2027), {}), ((1, 2026), {"start": 2024}),
               ((64.1, 2029), {})],
        reference=_yearly_increase,
        hints=["In `start` the answer is `current`; in 2030 it is the forecast's share of `current`. In "
               "between, the increase moves by the same amount each year.",
               "Work out the total fall from `start` to 2030 and divide it by the number of years; then "
               "count how many of those steps `year` is past `start`."],
        solution="A straight line between two points: the increase drops by the same amount every year, "
                 "from `current` in `start` to half of it in 2030. This is our simplifying assumption; Wang "
                 "gives only the end point.",
        source_ids=[PEAK_YEAR, SHARE_2030],
    ),
    Numeric(
        id="four_total_increase",
        chapter=CH,
        prompt="Take today's (2023) yearly increase of the elderly population as the unit: 1 means one "
               "year's worth of today's increase. On the straight-line path of the previous task, how "
               "much does the elderly population grow in total over 2024-2030 (seven yearly increases), "
               "in that unit? Compute it directly, without calling `yearly_increase` from the previous "
               "task, and store it in `total_increase`.",
        answer=_total_increase,
        tolerance=0.01,
        unit="",
        mistakes=[
            data_mistake("value", lambda: float(value(PEAK_YEAR) - START),
                         "that keeps the increase at today's level every year; it should shrink "
                         "towards 2030."),
            data_mistake("value", lambda: _increase_2030(1.0) * (value(PEAK_YEAR) - START),
                         "that halves the increase from the first year on; the path falls gradually."),
            data_mistake("value", lambda: _total_increase() + 1.0,
                         "that includes 2023 as well: count the seven years 2024 to 2030."),
            Mistake.scale(100, "that looks like the index of 100 per year; give the total in years' "
                               "worth of today's increase (today's increase = 1)."),
        ],
        hints=["Write the straight-line formula for one year with `current = 1`, then add it up for "
               "y = 2024 … 2030.",
               "Each year the increase falls by the same step: the whole fall to 2030 divided by the "
               "seven years. Add the seven values."],
        solution="The seven increases fall from about 0.93 to 0.5 of today's and add up to 5: in seven "
                 "years the elderly population grows by five years' worth of today's increase, even "
                 "though the yearly increase halves. Wang's 'peak' is a peak in the speed of ageing, "
                 "not in the number of elderly people.",
        source_ids=[PEAK_YEAR, SHARE_2030],
    ),
    # ---------------------------------------------------------- reflection
    Reflection(
        id="four_reflect_warning",
        chapter=CH,
        prompt="Wang closes by warning that the Northeast previews the future of badly run cities elsewhere "
               "in China. Is the comparison convincing? Name one way other regions resemble the Northeast "
               "and one way they differ, and say what that means for the warning.",
        model_answer=(
            "Partly. Many inland and northern cities share the Northeast's ageing: births have fallen "
            "everywhere, and cities built around one industry, such as coal or steel, face the same loss "
            "of their economic base. In that respect the warning is well founded. But most of them differ "
            "in the two causes Wang stressed most. Few have as dense a state sector, and few sit beside "
            "neighbours as closed as North Korea and the Russian Far East; a city in the Yangtze basin can "
            "still reach world markets. So the Northeast is a preview of the demographic and fiscal "
            "pressures, not necessarily of the whole decline. The sharper part of the warning is the last "
            "one: the next declining cities may not find a central government rich enough to rescue them."
        ),
        hints=["Sort Wang's causes into those specific to the Northeast and those shared with the rest of "
               "China.",
               "Think about who would pay for the next rescue."],
    ),
])
