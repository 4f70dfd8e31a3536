"""Browser tests: Playwright (pytest-playwright) drives the SYSTEM Chromium against
pytest-django's ``live_server``.

Without a browser (no pytest-playwright, or no Chromium at ``E2E_CHROMIUM`` /
``/usr/bin/chromium`` / ``chromium`` on PATH) every test here is skipped with the
reason; with ``REQUIRE_BROWSER=1`` (CI, see .ci/run) the same situation is a
failure, so CI can never pass by silently skipping the browser.

Playwright's own browser download is not used (``playwright install`` is never
needed): ``browser_type_launch_args`` points at the system Chromium.
"""

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.support import DESKTOP, WAIT_MS, Learner, Screens

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ARTIFACTS = ROOT / "test-artifacts"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """``E2E_CHROMIUM`` if set (tests point it at a missing path), else the system one."""
    configured = os.environ.get("E2E_CHROMIUM")
    if configured:
        return configured
    if Path(DEFAULT_CHROMIUM).exists():
        return DEFAULT_CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browser_problem(config: pytest.Config) -> str | None:
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("pytest_playwright") is None:
        return "pytest-playwright is not installed (pip install -e '.[dev]')"
    if not config.pluginmanager.hasplugin("playwright"):
        return "the pytest-playwright plugin is disabled (-p no:playwright)"
    path = chromium_path()
    if not path:
        return (
            f"no Chromium: neither {DEFAULT_CHROMIUM} nor 'chromium' on PATH "
            "(apt-get install chromium fonts-nanum)"
        )
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return f"no Chromium at {path} (E2E_CHROMIUM or apt-get install chromium fonts-nanum)"
    return None


def pytest_configure(config: pytest.Config) -> None:
    # pytest-playwright's artifacts (e.g. --screenshot only-on-failure) go under the
    # git-ignored test-artifacts/, not into a test-results/ folder at the top.
    if getattr(config.option, "output", None) == "test-results":
        config.option.output = str(ARTIFACTS / "playwright")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _browser_available(request: pytest.FixtureRequest) -> None:
    """Skip every browser test without a browser; fail instead under REQUIRE_BROWSER=1."""
    problem = browser_problem(request.config)
    if problem is None:
        from playwright.sync_api import expect

        # The phone and the step pages poll every 2 s; a step can take a poll or two, and a
        # loaded 2-core CI machine more (one run timed out at 10 s, never reproduced).
        expect.set_options(timeout=WAIT_MS)
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but the browser tests cannot run: {problem}", pytrace=False)
    pytest.skip(f"browser tests skipped: {problem}")


# --- pytest-playwright's fixtures, overridden ---------------------------------------------
#
# Playwright's sync API keeps an asyncio loop running in this thread from start() to
# stop(), and Django refuses ORM calls while a loop runs unless DJANGO_ALLOW_ASYNC_UNSAFE
# is set. pytest-playwright starts Playwright once per session; here it lives only
# while this package's tests run (scope "package"), and so does the variable: the rest
# of the suite runs with Django's async safety on, and the variable never reaches the
# subprocesses other tests start (manage.py check --deploy refuses it: async.E001).

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="package", autouse=True)
def _orm_beside_playwright():
    """The ORM calls the tests make between browser actions are synchronous and safe."""
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ.setdefault(ASYNC_UNSAFE, "true")
    yield
    if previous is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="package")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="package")
def browser_type(playwright, browser_name: str):
    return getattr(playwright, browser_name)


@pytest.fixture(scope="package")
def launch_browser(browser_type_launch_args: dict, browser_type):
    def launch(**kwargs):
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="package")
def browser(launch_browser):
    browser = launch_browser()
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """The system Chromium (Playwright's download does not work here), headless."""
    return {
        "headless": True,
        **browser_type_launch_args,  # --headed / --slowmo still work when debugging
        "executable_path": chromium_path(),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """``page.goto("/cert/issue/")`` goes to the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(base_url: str) -> dict:
    return {
        "base_url": base_url,
        "locale": "ko-KR",
        "timezone_id": "Asia/Seoul",
        "viewport": DESKTOP,
        "accept_downloads": True,
    }


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    return page


# --- The site -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_flow(settings):
    """The install's progress bar lasts half a second instead of three."""
    settings.INSTALL_SECONDS = 0.5


@pytest.fixture(autouse=True)
def _keypad_as_marked(request, context):
    """The 보안 키패드 is on by default, as at a bank; the browser tests type on the
    keyboard unless marked ``keypad`` (test_keypad.py walks the flow on the keys): the
    learner's choice "off", kept in the browser, as the switch would keep it. The
    phone's PIN pad is the keypad either way (an app has no keyboard)."""
    if request.node.get_closest_marker("keypad") is None:
        context.add_init_script("window.localStorage.setItem('bankportal.keypad', 'off');")


@pytest.fixture
def learner(page, context, ready, issuing_ca) -> Learner:
    """김하나 (the flow tests' ``ready`` customer: an account for internet banking, a
    보안카드, the current banking app, a phone) in a browser: the bank page, and the
    virtual phone in a second window once the flow has started."""
    return Learner(page, context)


@pytest.fixture
def screens() -> Screens:
    """Screenshots (test-artifacts/screenshots/) and axe-core audits of what is on screen."""
    return Screens(ARTIFACTS)
