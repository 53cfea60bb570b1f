"""Write the curriculum notebooks (notebooks/*.ipynb) from the texts below.

The notebooks are committed without outputs; run this after editing the texts:
    .venv/bin/python tools/build_notebooks.py
Objectives come from curriculum/syllabus.yaml and exercises from
curriculum/exercises.yaml at run time, so they are not repeated here.
"""

from __future__ import annotations

from pathlib import Path

import nbformat as nbf
import yaml

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = yaml.safe_load((ROOT / "curriculum" / "solutions" / "answers.yaml").read_text(encoding="utf-8"))
EXERCISES = yaml.safe_load((ROOT / "curriculum" / "exercises.yaml").read_text(encoding="utf-8"))["exercises"]
ILLUSTRATIVE = (
    "*Every number in the simulation is an illustrative training parameter of a fictional institute, "
    "not data from a real enterprise.*"
)

MODULES = {
    "00_start_here": dict(
        reading="""The source paper asks defense-industry enterprises to move from product-oriented to
customer-oriented marketing. Each **customer manager (客户经理)** owns the relationship file (客户关系管理档案) of a
set of customers, grouped by **service branch (军兵种)** and business scope. The relationship is managed over its
whole life: **bidding (投标阶段)**, **project implementation (项目实施阶段)** and **after completion (竣工后阶段)**.
Customers with a project under way get a return visit (定期回访) every one to two weeks; customers after completion
are visited periodically, and the problems found go to after-sales, which must resolve them and record the result.

The model turns these practices into rules: visits take a manager's limited hours, a visit can find an issue
(more likely the longer since the last visit), issues wait for after-sales staff, and satisfaction and loyalty rise
with visits and fixes and fall with neglect and open issues. Loyalty raises the chance of winning bids and of
repeat business. **One run is one possible year, not a forecast**: later modules compare policies over many runs
with confidence intervals.

The course (from `curriculum/syllabus.yaml`):""",
        static="One simulated year of the default institute, with the unit of every result:",
        static_code=[
            "from IPython.display import Markdown\nfrom sim.curriculum import syllabus_table\n\nMarkdown(syllabus_table())",
            "import sim\n\nresults = sim.run()\nprint(results.kpi_table())",
        ],
        lab_intro="Change the number of customer managers and run a year; watch customers move through the stages.",
        lab=[
            'from sim.widgets import PipelineFlowPanel\n\npanel = PipelineFlowPanel(["managers.count"])\npanel.widget'
        ],
        discussion=[
            "Where in your own organisation is a customer's relationship file kept today, and who updates it after "
            "a visit?",
            "The paper asks for a visit every one to two weeks while a project is under way. What does that cost in "
            "manager hours, and what does it buy?",
            "Why do we compare policies on the same random numbers (the same seed)?",
        ],
        summary=[
            "A relationship moves through lead, needs research, bidding, implementation and after completion, and "
            "can fall dormant or be lost.",
            "One run is one possible year; decisions need many runs and confidence intervals.",
            "Fewer managers show first in late and missed visits and lower satisfaction, and only then in orders.",
        ],
    ),
    "01_from_product_to_customer": dict(
        reading="""Defense-industry enterprises have long been organised around their products: design it, make it,
deliver it, and wait for the next order. The paper argues that many losses come from this backward,
product-oriented marketing, and that the enterprise has to become customer-oriented: the customer becomes the
most important link of the value chain.

The paper gives three reasons why customer relationship management pays:

1. **Attention to customers raises revenue.** Knowing each customer's share and value lets the enterprise
   direct its effort, and keeping long-term, stable customers needs dedicated people and time.
2. **Cultivating potential customers (潜在客户) sustains growth**: buyers with the conditions, the ability and
   the willingness to buy can be developed into customers.
3. **Good relationships raise loyalty**: loyal customers come back, and the enterprise wins more of their bids.

The **customer manager (客户经理)** faces the customer outside and coordinates the enterprise's resources inside.""",
        lab_intro="Compare the paper's return visits after completion with much rarer ones. Everything else stays "
        "the same, and both sides face the same customers with the same luck (common random numbers).",
        lab=[
            "from sim.widgets import ComparePanel\n\n"
            "panel = ComparePanel(\n"
            '    ["visit_policy.after_completion.min_days", "visit_policy.after_completion.max_days"],\n'
            '    labels=("paper: every 60-120 days", "rare: every 300-365 days"),\n'
            '    kpis=["order_intake", "satisfaction_mean", "loyalty_mean", "retention"],\n'
            '    setup={"visit_policy.after_completion.min_days": 300.0, "visit_policy.after_completion.max_days": 365.0},\n'
            ")\npanel.widget",
        ],
        static="A first look without pressing any button: one year of the default institute.",
        static_code=["import sim\n\nsim.run().kpi_table().splitlines()[:8]"],
        discussion=[
            "Name one decision in your enterprise last year that was made from the product's point of view. What "
            "would the customer's point of view have changed?",
            "Who in your enterprise 'faces the customer outside and coordinates resources inside' today?",
            "Which of the paper's three reasons matters most for your department, and why?",
        ],
        summary=[
            "Customer orientation puts the customer at the centre of the value chain.",
            "CRM pays through revenue, potential customers and loyalty.",
            "Neglect is slow: satisfaction and loyalty fall first, orders follow.",
        ],
    ),
    "02_customer_value_and_potential": dict(
        reading="""A **potential customer (潜在客户)**, in the paper's words, is a buyer with the **conditions**, the
**ability** and the **willingness** to buy. All three are needed: a unit with budget and technical conditions but no
intention this year is a weak prospect however large it is.

In the model each new prospect gets a score from 0 to 1 for each criterion; its potential is their geometric mean
(so a zero on any one criterion makes it a poor prospect), and the potential raises its chance to qualify for a bid.
A **cultivation policy** decides where needs-research (需求调研) visits go: to every prospect, only to the
top-scored, or only to chosen service branches. Time spent on weak prospects is time not spent elsewhere.""",
        lab_intro="Compare researching every prospect with researching only the top-scored ones.",
        lab=[
            "from sim.widgets import ComparePanel\n\n"
            "panel = ComparePanel(\n"
            '    ["cultivation.policy", "cultivation.min_potential"],\n'
            '    labels=("research all prospects", "research top-scored only"),\n'
            '    kpis=["prospects_cultivated", "prospects_not_cultivated", "lead_to_bid_rate", "order_intake"],\n'
            '    setup={"cultivation.policy": "top_scored"},\n'
            ")\npanel.widget",
        ],
        static="What the three criteria look like across one year's prospects:",
        static_code=[
            "import sim\n\nleads = sim.run().leads\n"
            'leads[leads["source"] != "visit"][["branch", "scope", "potential", "reached_bid", "won"]].round(2).head(10)'
        ],
        discussion=[
            "Pick a prospect you know. Score its conditions, ability and willingness from 0 to 1. What would raise "
            "the weakest score?",
            "When is it right to research prospects with low scores?",
            "Who in your enterprise decides which prospects get needs research today?",
        ],
        summary=[
            "Potential = conditions x ability x willingness; a prospect lacking one is weak.",
            "Cultivation policies trade breadth for depth; the simulation shows the pipeline a year later.",
        ],
    ),
    "03_the_crm_archive_and_lifecycle": dict(
        reading="""The paper asks the marketing department, led by the responsible leader, to take stock of all
existing customers and open a **customer relationship file (客户关系管理档案)** for each, managed centrally, with a
customer manager assigned to each customer. The file tracks how the relationship develops: it is updated
regularly, records the problems found, the action taken, the result and the customer's satisfaction, and leads to
corrections.

The relationship is managed over its whole life in three stages, each treated differently: **bidding (投标阶段)**,
**project implementation (项目实施阶段)** and **after completion (竣工后阶段)**. After delivery the manager keeps
regular contact, meets new needs, offers value-added services, and makes sure of after-sales service (售后服务).""",
        lab_intro="Run one year and watch customers move through the stages; then open one customer's file.",
        lab=[
            "from sim.widgets import ArchiveBrowser, PipelineFlowPanel\n\n"
            'flow = PipelineFlowPanel(["managers.count", "after_sales.staff"])\nflow.widget',
            "# After pressing 'Run one year' above, run this cell to browse one customer's file.\n"
            "ArchiveBrowser(flow.results).widget if flow.results is not None else 'Press Run one year first.'",
        ],
        static="One simulated customer file, as the archive keeps it (visits of one customer):",
        static_code=["import sim\n\nresults = sim.run()\nresults.visits[results.visits['customer'] == 5].round(2)"],
        discussion=[
            "What does your current customer file record about a problem found at a visit? What is missing compared "
            "with the paper (action, result, satisfaction)?",
            "How should a manager treat a customer in bidding differently from one after completion?",
            "Who updates the file after a visit, and how soon?",
        ],
        summary=[
            "One file per customer, managed centrally, one responsible manager.",
            "Three stages, treated differently: bidding, implementation, after completion.",
            "Problems, actions, results and satisfaction are recorded and lead to corrections.",
        ],
    ),
    "04_return_visits": dict(
        reading="""The paper's **regular return visits (定期回访)**: old customers are visited periodically to find
problems left over; problems go to the marketing or after-sales department, which must resolve them, and the
process and result are recorded in the file. Customers whose projects are under way get close attention: **a visit
every one to two weeks**. New customers still being won get contact and **needs research**.

Visits cost a customer manager's limited hours: each takes time on site and travel. In the model a manager works
day by day, earliest deadline first, within the hours and visits of a week; a visit made after its window is late,
one not made at all is missed. Issues are more likely found the longer since the last visit.""",
        lab_intro="Compare the paper's visit policy with an alternative: tighter or looser windows, more or fewer "
        "managers. Watch compliance, satisfaction and orders.",
        lab=["from sim.widgets import visit_policy_comparator\n\npanel = visit_policy_comparator()\npanel.widget"],
        static="The paper's default visit windows by stage (days after the last contact):",
        static_code=["import sim\n\nsim.default_scenario().visit_policy.model_dump()"],
        discussion=[
            "Which customers in your portfolio would you visit weekly, and which every quarter? Why?",
            "What happens to a problem found at a visit today: who gets it, and how is the customer told?",
            "When managers are overloaded, which visits should give way first?",
        ],
        summary=[
            "Projects under way: every 1-2 weeks; after completion: periodic; new customers: needs research.",
            "Visits are limited by manager hours: tighter policies need more managers or cost compliance elsewhere.",
            "Visits find issues; after-sales must have the capacity to close them.",
        ],
    ),
    "05_staffing_against_targets": dict(
        reading="""How many customer managers does a sales target need? The paper's rule: from past sales and past
head-count, fix the sales per person and a growth ratio for it; the number of managers is the new total target
divided by the grown per-person figure:

$$N = \\frac{\\text{target}}{(\\text{past sales} / \\text{past managers}) \\times (1 + \\text{growth})}$$

Three other methods answer different questions: **workload** (the visits the customers need over the visits one
manager can make), **simulation** (the head-count that reaches the target with a chosen probability, with
ramp-up of new managers, departures and replacements) and the **return on one more manager** (break-even sales per
manager, and the three-year return of the last manager added).""",
        lab_intro="Enter a target and last year's figures; press the button to see the four methods side by side "
        "and the risk curve.",
        lab=["from sim.widgets import StaffingExplorer\n\npanel = StaffingExplorer()\npanel.widget"],
        static="The paper's rule and the workload method for the default institute, without simulation:",
        static_code=[
            "from sim.staffing import paper_rule, scenario_workload\nimport sim\n\n"
            "rule = paper_rule(target=2500, past_sales=2300, past_managers=8, growth=0.1)\n"
            "load = scenario_workload(sim.default_scenario())\n"
            "round(rule.managers_exact, 2), rule.managers, round(load.managers_exact, 2), load.managers"
        ],
        discussion=[
            "Which of the four answers would you take to your leadership, and how would you explain the others?",
            "What growth ratio is realistic for your sales per person, and who decides it?",
            "What does an 80% chance of reaching the target mean for the other 20%?",
        ],
        summary=[
            "The paper's rule is quick arithmetic on averages.",
            "Workload sizes the team for the visit policy; simulation prices in risk; the return asks what pays.",
            "Different questions, different answers: say which question you are answering.",
        ],
    ),
    "06_the_biweekly_meeting": dict(
        reading="""The paper's **CRM meeting (例会)** is held every two weeks, usually on Saturday morning, run by
marketing with the responsible leader and key department heads. It reviews the problems of the last period, shares
project leads, uses personal networks to find **acquaintances (熟人)** who can get the enterprise into projects
faster, and then **assigns leads by service branch (军兵种) and business scope** to customer managers, who follow
them and report back regularly. **Anyone who materially helps win a new project is rewarded.**

In the model, leads come from published procurement requirements, from staff of other departments, and from new
needs found at return visits. They wait for the next meeting; without meetings they are passed on ad hoc and some
go stale.""",
        lab_intro="Compare meeting cadences, assignment rules and rewards.",
        lab=[
            "from sim.widgets import ComparePanel\n\n"
            "panel = ComparePanel(\n"
            '    ["meeting.cadence_days", "meeting.assignment_rule", "leads.reward_per_win_wan_cny"],\n'
            '    labels=("paper: biweekly", "alternative"),\n'
            '    kpis=["lead_wait_days_mean", "lead_win_rate", "order_intake", "reward_cost"],\n'
            '    setup={"meeting.cadence_days": 28},\n'
            ")\npanel.widget",
        ],
        static="Where one year's leads came from and how long they waited:",
        static_code=[
            "import sim\n\nleads = sim.run().leads\n"
            'leads.groupby("source")[["wait_days", "reached_bid", "won"]].mean().round(2)'
        ],
        discussion=[
            "Where do your enterprise's project leads come from today, and how long do they wait before someone "
            "follows them up?",
            "Who has acquaintances at your key customers? How are they brought in?",
            "What reward would make colleagues in other departments pass on leads, and what could go wrong?",
        ],
        summary=[
            "Leads wait for the meeting about half its cadence; no meeting loses leads.",
            "Acquaintances get into projects faster and win more often.",
            "Assign by service branch and business scope; reward whoever helps win.",
        ],
    ),
    "07_the_training_plan": dict(
        reading="""The paper's **relationship-marketing training plan (关系营销培训)**: marketing proposes it from its
needs, agrees content, requirements and expected results with HR, and HR designs and runs it **in phases**:
relationship-marketing **theory**, **concepts**, **successful cases** and **selling skills**. The audience is the
customer managers and the department heads and deputies, who then study with their own staff, so that the whole
enterprise serves the customer.

In the model, training takes hours from visiting on the days it happens; afterwards skill ramps in and fades
without refreshers. Skill raises the satisfaction a visit brings, the chance to find issues and new needs, and the
win probability; staff who were taught share more leads.""",
        lab_intro="Design a plan: which phases, how long, who attends. The panel compares the year with and "
        "without the plan on the same random numbers and shows the return on the training cost.",
        lab=["from sim.widgets import TrainingPlanPanel\n\npanel = TrainingPlanPanel()\npanel.widget"],
        static="A four-phase plan as the scenario holds it:",
        static_code=[
            "import sim\n\nplan = [\n"
            '    {"phase": p, "start_day": 14 + 28 * i, "days": 1, "hours_per_day": 4, "audience": ["customer_managers"]}\n'
            '    for i, p in enumerate(["theory", "concepts", "successful_cases", "selling_skills"])\n]\n'
            'sim.default_scenario().with_values({"training.phases": plan}).training.phases[0]'
        ],
        discussion=[
            "Which phase does your enterprise skip most often, and what does that cost?",
            "How will department heads pass on what they learned to their staff?",
            "How would you know, a year later, whether the training paid?",
        ],
        summary=[
            "Four phases: theory, concepts, successful cases, selling skills.",
            "Training costs visiting time now and pays through better visits later.",
            "Effects fade: plan refreshers.",
        ],
    ),
    "08_capstone_cases": dict(
        reading="""Four case studies bring the modules together. Each has a narrative (public facts only, cited; the
companies are fictional) and a scenario. **Every rate, probability and amount in a case is an illustrative
training parameter.**

Work in groups: read the case, answer its questions, then use the lab to test your answers. Present one
recommendation with the evidence from the simulation, including its confidence interval.""",
        lab_intro="Choose a case, read it, run its scenario, change one thing at a time.",
        lab=["from sim.widgets import CasePanel\n\npanel = CasePanel()\npanel.widget"],
        static="The cases and their scenarios:",
        static_code=[
            "from sim.curriculum import case_keys, load_case\n\n"
            "[(key, load_case(key).scenario.sales_target_wan_cny) for key in case_keys()]"
        ],
        discussion=[
            "Which practice of the paper mattered most in your case, and what evidence from the simulation shows it?",
            "What would you need to know about your own enterprise to trust the simulation's answer?",
            "What will you do differently next month?",
        ],
        summary=[
            "The paper's practices work together: files, visits, meetings, staffing and training.",
            "Evidence means intervals over many runs, compared on the same random numbers.",
        ],
    ),
}


def solution_cell(exercise: dict) -> nbf.NotebookNode:
    """A facilitator-only cell with the reference answer (tagged; left out of the trainee release)."""
    answer = ANSWERS.get(exercise["id"])
    if answer is not None:
        text = f"**Reference answer ({exercise['id']}):** {answer['text']}. {exercise.get('explanation', '')}"
    else:
        text = (
            f"**Reference answer ({exercise['id']}):** computed by the check from fixed-seed replications "
            f"(see the accepted range it prints). {exercise.get('explanation', '')}"
        )
    cell = nbf.v4.new_markdown_cell(text)
    cell.metadata["tags"] = ["solution"]
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False, "grade_id": exercise["id"]}
    return cell


def build(module_id: str, spec: dict) -> nbf.NotebookNode:
    syllabus = yaml.safe_load((ROOT / "curriculum" / "syllabus.yaml").read_text(encoding="utf-8"))
    info = next(m for m in syllabus["modules"] if m["id"] == module_id)
    md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
    number = module_id[:2]
    cells = [
        md(
            f"# {number} · {info['title']}\n\n{info['title_zh']}\n\n{ILLUSTRATIVE}\n\n"
            "Run the cells from top to bottom (Shift+Enter). You do not need to change any code."
        ),
        md("## Objectives"),
        code(f'from sim.curriculum import show_objectives\n\nshow_objectives("{module_id}")'),
        md("## Reading\n\n" + spec["reading"]),
        md(f"{spec['static']}"),
        *[code(c) for c in spec["static_code"]],
        md(
            "## Lab\n\n" + spec["lab_intro"] + " Change the settings, then press the button; the run takes a few "
            "seconds. Invalid settings show a message instead of results."
        ),
        *[code(c) for c in spec["lab"]],
        md(
            "## Exercises\n\nAnswer in the boxes and press **Check**. Answers that come from the simulation are "
            "accepted within a confidence band from fixed-seed replications. **Hint** gives a nudge."
        ),
    ]
    for exercise in (e for e in EXERCISES if e["module"] == module_id):
        cells.append(code(f'from sim.widgets import ExerciseWidget\n\nExerciseWidget("{exercise["id"]}").widget'))
        cells.append(solution_cell(exercise))
    cells.append(md("## Discussion (for the facilitator)\n\n" + "\n".join(f"- {q}" for q in spec["discussion"])))
    cells.append(md("## Summary\n\n" + "\n".join(f"- {s}" for s in spec["summary"])))
    nb = nbf.v4.new_notebook()
    nb["cells"] = cells
    nb["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def main() -> None:
    for module_id, spec in MODULES.items():
        nbf.write(build(module_id, spec), ROOT / "notebooks" / f"{module_id}.ipynb")
        print("wrote", module_id)


if __name__ == "__main__":
    main()
