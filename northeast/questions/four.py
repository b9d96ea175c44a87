"""Chapter 5 (book/ch5_lessons.ipynb): section Four, what should change."""

from __future__ import annotations

from exercises import (Bank, FunctionTask, Mistake, MultipleChoice, Numeric, Reflection,
                       SingleChoice)
from northeast.questions._common import data_mistake, value

CH = "four"
PEAK_YEAR = "ageing_peak_forecast_year"
SHARE_2030 = "elderly_increase_pct_of_current_2030"
CURRENT = 800.0  # an illustrative yearly increase, thousand people (not from the essay)
START = 2023  # the year of the essay


# ------------------------------------------------------------------ reference answers
def _increase_2030(current: float = CURRENT) -> float:
    return current * value(SHARE_2030) / 100


def _yearly_increase(current, year, start=START):
    """Straight line from `current` in `start` to the forecast share of it in the forecast year."""
    peak = value(PEAK_YEAR)
    end = current * value(SHARE_2030) / 100
    return current + (end - current) * (year - start) / (peak - start)


def _total_increase() -> float:
    peak = int(value(PEAK_YEAR))
    return sum(_yearly_increase(CURRENT, y) for y in range(START + 1, peak + 1))


# ------------------------------------------------------------------ the bank
bank = Bank(CH, "Chapter 5: what should change", [
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
            4: "Wang wants a second round of SOE reform, not protection.",
        },
        hints=["Each lesson begins with 'It teaches us that…'.",
               "The lessons line up with sections One, Two and Three."],
        solution="Wang's three lessons: give up revival by central 'transfusions' in favour of fundamental "
                 "reform; create new (incremental) growth rather than reshuffle the old; and see the "
                 "region within Northeast Asia.",
    ),
    SingleChoice(
        id="four_soe_reform",
        chapter=CH,
        prompt="Which proposal does Wang say the region's revival cannot do without?",
        options=[
            "A new round of central transfers",
            "A second round of reform of SOEs and state assets",
            "Moving the provincial capitals to the coast",
            "Closing the border with Russia",
        ],
        answer=1,
        explanations={
            0: "Wang's first lesson is to stop relying on central money.",
            2: "No such proposal appears in the essay.",
            3: "He proposes the opposite: a free trade zone towards Vladivostok.",
        },
        hints=["Wang says that without it there will be no revitalisation.",
               "It finishes what the reforms around 2000 left undone."],
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
        },
        hints=["Match each proposal to a cause, then see which cause is left over.",
               "The chapter's section 'Reading the proposals critically' does this matching."],
        solution="Demography (part of the congenital deficiencies) gets no proposal; Wang only notes that "
                 "ageing is about to peak.",
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
        prompt="Suppose, purely for illustration, that the region's elderly population is growing by 800 "
               "thousand people a year now. If Wang's forecast for 2030 holds, by how many **thousand** "
               "people will it grow in 2030?",
        answer=_increase_2030,
        tolerance=0.5,
        unit="thousand people",
        mistakes=[
            Mistake.value(0.0, "halving the growth doesn't stop it: the elderly population still rises, "
                               "only more slowly."),
            data_mistake("value", lambda: CURRENT,
                         "that is today's increase; the forecast says the 2030 increase will be smaller."),
            data_mistake("value", lambda: CURRENT / (value(SHARE_2030) / 100),
                         "you divided by the fraction; the 2030 increase is a fraction of today's, so "
                         "multiply."),
            Mistake.scale(1000, "that is in people; the question asks in thousands (or type the word "
                                "'thousand')."),
        ],
        hints=["The forecast compares the yearly increase in 2030 with today's yearly increase.",
               "Half of today's increase."],
        solution="Half of 800 thousand is 400 thousand a year. The elderly population keeps growing; only "
                 "the speed of growth halves.",
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
        cases=[((800, 2023), {}), ((800, 2030), {}), ((800, 2027), {}), ((1000, 2026), {"start": 2024}),
               ((350, 2029), {})],
        reference=_yearly_increase,
        hints=["In `start` the answer is `current`; in 2030 it is `current × 50 / 100`. In between, move "
               "the same amount each year.",
               "`current + (end - current) * (year - start) / (2030 - start)`, with `end` the 2030 level."],
        solution="A straight line between two points: the increase drops by the same amount every year, "
                 "from `current` in `start` to half of it in 2030. This is our simplifying assumption; Wang "
                 "gives only the end point.",
        source_ids=[PEAK_YEAR, SHARE_2030],
    ),
    Numeric(
        id="four_total_increase",
        chapter=CH,
        prompt="With an illustrative increase of 800 thousand a year in 2023 and the straight-line path of "
               "the previous task, by how many **thousand** people does the elderly population grow in "
               "total over 2024-2030 (seven yearly increases)? Compute it directly, without calling "
               "`yearly_increase` from the previous task, and store it in `total_increase`.",
        answer=_total_increase,
        tolerance=0.5,
        unit="thousand people",
        mistakes=[
            data_mistake("value", lambda: CURRENT * (value(PEAK_YEAR) - START),
                         "that keeps the increase at today's level every year; it should shrink "
                         "towards 2030."),
            data_mistake("value", lambda: _increase_2030() * (value(PEAK_YEAR) - START),
                         "that halves the increase from the first year on; the path falls gradually."),
            data_mistake("value", lambda: _total_increase() + CURRENT,
                         "that includes 2023 as well: count the seven years 2024 to 2030."),
            Mistake.scale(1000, "that is in people; the question asks in thousands."),
        ],
        hints=["Write the straight-line formula for one year, then add it up for y = 2024 … 2030.",
               "With a straight line the yearly increases drop by 400 / 7 each year; sum the seven values."],
        solution="The seven increases fall from about 743 to 400 thousand and add up to 4,000 thousand, "
                 "i.e. about 4 million more elderly people by 2030, even though the growth rate halves.",
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
