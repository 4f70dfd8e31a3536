"""The trainer's pages, under /trainer/. Thin views over classroom.services.

Every view checks on the server who asks: a visitor goes to the trainer login,
a learner (not a trainer) gets 403, and a trainer sees only their own classes
(another trainer's class is a 404); the administrator sees every class. A 보조강사
sees the classes they help and does there what access.py lets them (docs/HELPERS.md).
"""

import functools

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import idle
from accounts.redirects import safe_next
from classroom import messages as classroom_messages
from classroom import results, selectors, services, spreadsheets
from classroom.help_queue import queue as help_queue
from classroom.helpers import helpers_of
from classroom.links import join_url
from classroom.models import Classroom
from classroom.scenarios import SWITCHES, SWITCHES_BY_KEY
from classroom.trainer.access import (
    HELPER_SEAT_ACTIONS,
    classroom_of,
    is_trainer,
    manages,
    may_enter,
    trainer_required,
)
from classroom.trainer.forms import (
    ClassroomForm,
    DrillLaunchForm,
    HelperForm,
    MessageForm,
    ScenarioForm,
    TrainerLoginForm,
)
from issuance.flow.machine import Step

LOGIN_BACKEND = "accounts.backends.LockingModelBackend"


def seat_of(classroom: Classroom, number: int):
    return get_object_or_404(classroom.seats.select_related("scenario"), number=number)


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def trainer_login(request):
    form = TrainerLoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        if may_enter(form.customer):  # a trainer, or a 보조강사 of some class
            login(request, form.customer, backend=LOGIN_BACKEND)
            idle.watch(request)  # a 보조강사 sits by a learner: no 자동 로그아웃
            return HttpResponseRedirect(safe_next(request, "trainer:index"))
        form.add_error(None, classroom_messages.NOT_A_TRAINER)
    return render(request, "classroom/trainer/login.html", {"form": form})


# --- Classes ------------------------------------------------------------------------------


@trainer_required
@require_http_methods(["GET", "POST"])
def index(request):
    creates = is_trainer(request.user)  # a 보조강사 sees the classes they help, no more
    if request.method == "POST" and not creates:
        raise PermissionDenied
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = services.classroom_create(trainer=request.user, **form.cleaned_data)
        return redirect("trainer:dashboard", code=classroom.code)
    classrooms = Classroom.objects.visible_to(request.user).select_related("trainer")
    context = {"form": form, "classrooms": classrooms, "creates": creates}
    return render(request, "classroom/trainer/index.html", context)


def _dashboard_context(request, classroom):
    runs_class = manages(request.user, classroom)
    return {
        "classroom": classroom,
        "manages": runs_class,
        "helpers": helpers_of(classroom) if runs_class else [],
        "help_queue": help_queue(classroom),
        "helper_form": HelperForm(),
        "learner_count": classroom.seats.count(),
        "rows": selectors.dashboard_rows(classroom),
        "join_url": join_url(request, classroom),
        "switches": SWITCHES,
        "drill_form": DrillLaunchForm(),
    }


@trainer_required
@require_GET
def dashboard(request, code):
    classroom = classroom_of(request, code, helper_may=True)
    return render(
        request, "classroom/trainer/dashboard.html", _dashboard_context(request, classroom)
    )


@trainer_required
@require_GET
def rows(request, code):
    """Polled every 2 s: the whole table, one request, a fixed number of queries."""
    classroom = classroom_of(request, code, helper_may=True)
    context = {"classroom": classroom, "rows": selectors.dashboard_rows(classroom)}
    return render(request, "classroom/trainer/_rows.html", context)


@trainer_required
@require_GET
def tasks(request, code):
    """The lesson's grid, learners × tasks, filling live (its body polled every 5 s)."""
    classroom = classroom_of(request, code, helper_may=True)
    context = {"classroom": classroom, "grid": selectors.task_rows(classroom)}
    return render(request, "classroom/trainer/tasks.html", context)


@trainer_required
@require_GET
def task_rows(request, code):
    """Polled: the grid's body, one query per task rule whatever the class size."""
    classroom = classroom_of(request, code, helper_may=True)
    context = {"classroom": classroom, "grid": selectors.task_rows(classroom)}
    return render(request, "classroom/trainer/_task_rows.html", context)


@trainer_required
@require_GET
def project(request, code):
    """The join code, URL and QR code, large enough to project."""
    classroom = classroom_of(request, code, helper_may=True)
    context = {"classroom": classroom, "join_url": join_url(request, classroom)}
    return render(request, "classroom/trainer/project.html", context)


@trainer_required
@require_GET
def join_qr(request, code):
    classroom = classroom_of(request, code, helper_may=True)
    image = qrcode.make(join_url(request, classroom), image_factory=qrcode.image.svg.SvgPathImage)
    return HttpResponse(image.to_string(), content_type="image/svg+xml")


@trainer_required
@require_GET
def results_csv(request, code):
    """One row per persona (classroom/results.py), safe to open in a spreadsheet."""
    classroom = classroom_of(request, code)
    return spreadsheets.csv_response(
        results.table(classroom), filename=f"class-{classroom.code}.csv"
    )


@trainer_required
@require_GET
def results_xlsx(request, code):
    """The same table as an Excel workbook (.xlsx)."""
    classroom = classroom_of(request, code)
    return spreadsheets.xlsx_response(
        results.table(classroom),
        filename=f"class-{classroom.code}.xlsx",
        title=_("수업 결과 %(code)s") % {"code": classroom.code},
    )


CLASS_ACTIONS = {
    "close": (services.classroom_close, gettext_lazy("참여를 마감했습니다.")),
    "end": (
        services.classroom_end,
        gettext_lazy("수업을 마쳤습니다. 학습자의 진행 중인 발급이 끝났습니다."),
    ),
    "reset": (
        services.classroom_reset,
        gettext_lazy("모든 학습자에게 새 페르소나를 배정했습니다."),
    ),
    "takehome-on": (
        functools.partial(services.classroom_takehome, on=True),
        gettext_lazy("학습자가 이어 하기 카드로 집에서 이어 할 수 있습니다."),
    ),
    "takehome-off": (
        functools.partial(services.classroom_takehome, on=False),
        gettext_lazy("집에서 이어 하기를 껐습니다. 만든 카드도 쓸 수 없습니다."),
    ),
}
# Class-wide actions that undo every learner's work: a page names how many it reaches
# and asks again before they run (a click beside 참여 마감 must never do it).
CONFIRMED_ACTIONS = {
    "end": (
        gettext_lazy("수업 마치기"),
        gettext_lazy(
            "학습자 %(count)d명 모두의 진행 중인 발급이 끝나고, 새로 참여할 수 없습니다. "
            "결과는 남습니다."
        ),
    ),
    "reset": (
        gettext_lazy("모두 새 페르소나로"),
        gettext_lazy(
            "학습자 %(count)d명 모두가 새 페르소나로 처음부터 다시 시작합니다. "
            "진행 중인 발급이 끝나고, 지금까지의 기록은 결과에 남습니다."
        ),
    ),
}


def _drill_launch(request, seats) -> None:
    form = DrillLaunchForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return
    data = form.cleaned_data
    count = services.drill_launch(
        seats=seats, drill=data["drill"], when=data["when"], at_step=data["at_step"]
    )
    messages.success(
        request,
        _("금융사기 예방 연습 「%(title)s」을(를) 학습자 %(count)d명에게 보냈습니다.")
        % {"title": data["drill"].title, "count": count},
    )


NEW_DEVICE_DONE = _(
    "금융인증서 기기 연결을 초기화했습니다: 다음 사용 때 클라우드에 다시 연결해야 합니다."
)


@trainer_required
@require_POST
def class_action(request, code, action):
    classroom = classroom_of(request, code)
    if action == "delete":
        if request.POST.get("confirm") != classroom.code:
            messages.error(request, _("삭제하려면 참여 코드를 그대로 입력하세요."))
            return redirect("trainer:dashboard", code=code)
        services.classroom_delete(classroom=classroom)
        messages.success(request, _("수업을 삭제했습니다."))
        return redirect("trainer:index")
    if action == "forget-password":
        services.password_forget(seats=classroom.seats.select_related("scenario"))
        messages.success(request, _("모든 학습자가 인증서 암호를 잊었습니다: 재발급해야 합니다."))
        return redirect("trainer:dashboard", code=code)
    if action == "new-device":
        services.cloud_devices_reset(seats=classroom.seats.select_related("scenario"))
        messages.success(request, NEW_DEVICE_DONE)
        return redirect("trainer:dashboard", code=code)
    if action == "drill":
        _drill_launch(request, classroom.seats.all())
        return redirect("trainer:dashboard", code=code)
    if action not in CLASS_ACTIONS:
        raise PermissionDenied
    if action in CONFIRMED_ACTIONS and request.POST.get("confirm") != "1":
        title, consequence = CONFIRMED_ACTIONS[action]
        count = classroom.seats.count()
        context = {
            "classroom": classroom,
            "action": action,
            "title": title,
            "consequence": consequence % {"count": count},
            "count": count,
        }
        return render(request, "classroom/trainer/confirm.html", context)
    service, done = CLASS_ACTIONS[action]
    service(classroom=classroom)
    messages.success(request, done)
    return redirect("trainer:dashboard", code=code)


@trainer_required
@require_POST
def class_scenario(request, code):
    classroom = classroom_of(request, code)
    form = ScenarioForm(request.POST)
    if form.is_valid():
        key, on = form.cleaned_data["key"], form.cleaned_data["on"]
        count = services.scenario_switch(
            seats=classroom.seats.select_related("scenario"), key=key, on=on
        )
        done = (
            _("%(switch)s: %(count)d명에게 켰습니다.")
            if on
            else _("%(switch)s: %(count)d명에게 껐습니다.")
        )
        messages.success(request, done % {"switch": SWITCHES_BY_KEY[key].label, "count": count})
    return redirect("trainer:dashboard", code=code)


# --- One learner --------------------------------------------------------------------------


@trainer_required
@require_GET
def seat_detail(request, code, number):
    classroom = classroom_of(request, code, helper_may=True)
    seat = seat_of(classroom, number)
    persona = selectors.current_persona(seat)
    step = selectors.seat_step(seat)
    context = {
        "classroom": classroom,
        "manages": manages(request.user, classroom),
        "seat": seat,
        "persona": persona,
        "handout": selectors.wallet(persona) if persona else None,
        "trail": selectors.seat_trail(seat),
        "certificates": selectors.seat_certificates(seat),
        "switches": [(switch, switch.is_on(seat.scenario)) for switch in SWITCHES],
        "message_form": MessageForm(),
        "drill_form": DrillLaunchForm(),
        "step": Step(step) if step else None,
        "step_hints": selectors.step_hints(step) if step else [],
    }
    return render(request, "classroom/trainer/seat.html", context)


@trainer_required
@require_POST
def seat_action(request, code, number, action):
    classroom = classroom_of(request, code, helper_may=action in HELPER_SEAT_ACTIONS)
    seat = seat_of(classroom, number)
    back = redirect("trainer:seat", code=code, number=number)
    if action == "scenario":
        form = ScenarioForm(request.POST)
        if form.is_valid():
            services.scenario_switch(
                seats=[seat], key=form.cleaned_data["key"], on=form.cleaned_data["on"]
            )
            messages.success(
                request, _("시나리오를 바꿨습니다. 학습자의 다음 단계부터 적용됩니다.")
            )
    elif action == "message":
        form = MessageForm(request.POST)
        if form.is_valid():
            services.message_send(seat=seat, text=form.cleaned_data["message"])
            messages.success(request, _("학습자 화면에 도움말을 보냈습니다."))
        else:
            messages.error(request, next(iter(form.errors.values()))[0])
    elif action == "reset":
        services.seat_reset(seat=seat)
        messages.success(request, _("새 페르소나를 배정했습니다."))
    elif action == "unlock":
        services.seat_unlock(seat=seat)
        messages.success(request, _("잠긴 항목을 모두 오류 해제했습니다."))
    elif action == "forget-password":
        services.password_forget(seats=[seat])
        messages.success(request, _("학습자가 인증서 암호를 잊었습니다: 재발급해야 합니다."))
    elif action == "new-device":
        services.cloud_devices_reset(seats=[seat])
        messages.success(request, NEW_DEVICE_DONE)
    elif action == "drill":
        _drill_launch(request, [seat])
    elif action == "renewal-window":
        moved = services.seat_into_renewal_window(seat=seat)
        if moved:
            messages.success(
                request,
                _("인증서 %(n)d개가 20일 뒤 만료됩니다: 갱신할 수 있습니다.") % {"n": moved},
            )
        else:
            messages.error(request, _("옮길 유효한 인증서가 없습니다. 먼저 인증서를 발급하세요."))
    else:
        raise PermissionDenied
    return back
