"""Tasks and lessons as data: an admin edits the words, the order and which rule ticks
a task (the rules themselves are code: lessons/rules.py)."""

from django.contrib import admin

from lessons.models import Lesson, LessonTask, Task


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("order", "title", "rule", "practises", "active")
    list_display_links = ("title",)
    list_filter = ("rule", "practises", "active")
    search_fields = ("title", "key", "english")


class LessonTaskInline(admin.TabularInline):
    model = LessonTask
    extra = 1
    autocomplete_fields = ("task",)


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("order", "title", "minutes", "active")
    list_display_links = ("title",)
    inlines = [LessonTaskInline]
    search_fields = ("title", "key")
