"""The starting tasks and lessons, as plain data (``lessons.json`` beside this module):
the migration loads them, then an admin edits the rows. ``problems()`` checks the data.

Seed lessons (issue #24): "처음 발급" (45 min), "발급과 활용" (90 min), "안전하게 쓰기",
"금융인증서". Each task and lesson carries its ``translations`` (vi, zh-hans; the
English title is its own field). Each task names the rule that ticks it and the seed's
checklist item or strategy it practises.
"""

import json
from pathlib import Path

DATA = json.loads((Path(__file__).parent / "lessons.json").read_text(encoding="utf-8"))
TASKS: tuple[dict, ...] = tuple(DATA["tasks"])
LESSONS: tuple[dict, ...] = tuple(DATA["lessons"])


def load(task_model, lesson_model, lesson_task_model) -> int:
    """Put the seed's tasks and lessons into these models' tables (the migration's
    historical models, or the app's); rows already there are updated, a lesson's task
    list is set to the seed's."""
    tasks = {}
    for order, data in enumerate(TASKS, start=1):
        tasks[data["key"]], _created = task_model.objects.update_or_create(
            key=data["key"], defaults={**_known(task_model, data), "order": order}
        )
    for order, data in enumerate(LESSONS, start=1):
        fields = _known(lesson_model, data)
        lesson, _created = lesson_model.objects.update_or_create(
            key=data["key"], defaults={**fields, "order": order}
        )
        lesson_task_model.objects.filter(lesson=lesson).delete()
        lesson_task_model.objects.bulk_create(
            lesson_task_model(lesson=lesson, task=tasks[key], order=position)
            for position, key in enumerate(data["tasks"], start=1)
        )
    return len(LESSONS)


def translations_fill(task_model, lesson_model) -> int:
    """For rows an admin may have edited since they were seeded: the seed's translations
    where the row has none. Nothing else of the row changes."""
    filled = 0
    for model, seeded in ((task_model, TASKS), (lesson_model, LESSONS)):
        for data in seeded:
            filled += model.objects.filter(key=data["key"], translations={}).update(
                translations=data.get("translations", {})
            )
    return filled


def _known(model, data: dict) -> dict:
    """The data's fields this (historical) model has: an older migration's model has
    no ``translations`` yet."""
    names = {field.name for field in model._meta.concrete_fields}
    return {name: value for name, value in data.items() if name in names}


def problems(rule_keys, practise_keys) -> list[str]:
    """What is wrong with the data, given the known rules and checklist/strategy keys."""
    found = []
    keys = [task["key"] for task in TASKS]
    if len(set(keys)) != len(keys):
        found.append("duplicate task key")
    for task in TASKS:
        if task["rule"] not in rule_keys:
            found.append(f"task {task['key']}: unknown rule {task['rule']!r}")
        if task["practises"] not in practise_keys:
            found.append(f"task {task['key']}: unknown practises {task['practises']!r}")
        for field, limit in (("title", 120), ("english", 160), ("why", 200)):
            if not task[field] or len(task[field]) > limit:
                found.append(f"task {task['key']}: {field} empty or longer than {limit}")
    for lesson in LESSONS:
        unknown = [key for key in lesson["tasks"] if key not in keys]
        if unknown:
            found.append(f"lesson {lesson['key']}: unknown tasks {', '.join(unknown)}")
        if not lesson["tasks"]:
            found.append(f"lesson {lesson['key']}: no task")
    return found
