"""What a learner has done of a lesson (the "오늘의 할 일" panel) and what a class has
done of it (the trainer's grid): ticked from real events by ``lessons/rules.py``, one
query per rule whatever the number of learners."""

from dataclasses import dataclass, field

from lessons.checklist import CHECKLIST, PRACTISES, Item
from lessons.models import Lesson, Task
from lessons.rules import done_by


@dataclass(frozen=True)
class Tick:
    key: str
    title: str
    why: str
    done: bool
    practises: Item | None = None


@dataclass(frozen=True)
class Checklist:
    lesson: Lesson | None
    tasks: list[Tick]
    items: list[Tick]  # the seed's ten

    @property
    def done_count(self) -> int:
        return sum(tick.done for tick in self.tasks)

    @property
    def complete(self) -> bool:
        return bool(self.tasks) and all(tick.done for tick in self.tasks)

    @property
    def next_task(self) -> Tick | None:
        return next((tick for tick in self.tasks if not tick.done), None)


def checklist(lesson: Lesson | None, customer_ids) -> Checklist:
    """The lesson's tasks and the seed's checklist, each ticked or not, for the learner
    whose customers (a class persona, or the customers this browser holds) are these."""
    tasks = lesson.ordered_tasks() if lesson else []
    rules = [task.rule for task in tasks] + [item.rule for item in CHECKLIST]
    done: set[str] = set().union(*done_by(rules, customer_ids).values())
    return Checklist(
        lesson=lesson,
        tasks=[
            Tick(
                task.key, task.name, task.why_said, task.rule in done, PRACTISES.get(task.practises)
            )
            for task in tasks
        ],
        items=[
            Tick(item.key, str(item.title), str(item.why), item.rule in done) for item in CHECKLIST
        ],
    )


@dataclass(frozen=True)
class Grid:
    tasks: list[Task]
    done: dict[int, list[bool]] = field(default_factory=dict)  # customer → one per task

    def count(self, customer_id: int) -> int:
        return sum(self.done.get(customer_id, ()))


def task_grid(lesson: Lesson | None, customer_ids) -> Grid:
    """Learners × tasks: which of the lesson's tasks each customer did."""
    tasks = lesson.ordered_tasks() if lesson else []
    ids = list(customer_ids)
    if not tasks:
        return Grid(tasks=[], done={pk: [] for pk in ids})
    by_customer = done_by([task.rule for task in tasks], ids)
    return Grid(
        tasks=tasks,
        done={pk: [task.rule in by_customer.get(pk, set()) for task in tasks] for pk in ids},
    )
