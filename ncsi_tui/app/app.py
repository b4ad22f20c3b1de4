"""The App: a router. It holds the catalogues and settings (read-only), shows the start
screen or an assessment screen, and knows the app-wide keys. No assessment state here:
each AssessmentScreen owns its core session."""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from ncsi_tui.app import bindings
from ncsi_tui.app.commands import BindingsProvider
from ncsi_tui.app.keyorder import KeysInOrder, typed_keys
from ncsi_tui.app.messages import OpenAssessment
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.files.settings import Settings, load_settings, store_theme
from ncsi_tui.core.model.catalogue import Catalogues
from ncsi_tui.core.model.text import strip_controls


class NcsiApp(App[int]):
    #: the first screens' own .tcss too: read with the App's, they are parsed once; a
    #: screen that brings a new file makes Textual parse every stylesheet again
    CSS_PATH = ["app.tcss", "screens/assessment.tcss", "screens/start.tcss"]
    BINDINGS = bindings.APP
    #: every key of the screen in front is a palette entry too (commands.py)
    COMMANDS = App.COMMANDS | {BindingsProvider}
    TITLE = "ncsi-tui"

    def __init__(
        self,
        catalogues: Catalogues,
        *,
        session: AssessmentSession | None = None,
        folder: Path = Path("assessments"),
        read_only: bool = False,
        autosave_delay: float = 1.0,
        export_dir: Path | None = None,
        served: bool = False,
        driver_class: type[Driver] | None = None,
    ) -> None:
        if driver_class is not None:  # the terminal driver too writes ASCII where it must
            from ncsi_tui.app import charset

            if charset.wanted():
                driver_class = charset.ascii_driver(driver_class)
        super().__init__(driver_class=driver_class)
        self.keys_in_order = KeysInOrder(self, self.route_key)
        self.catalogues = catalogues
        self.first_session = session
        self.folder = folder
        self.read_only = read_only
        self.autosave_delay = autosave_delay
        #: where exports go (None: the assessment's folder; a --read-only session: nowhere)
        self.export_dir = export_dir
        #: `ncsi --serve DIR`: no path outside the folder is accepted anywhere
        self.served = served
        #: run_app pauses the garbage collector until the first screen is painted
        self.collector_paused = False

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications show names, paths and messages from files: never as markup."""
        super().notify(strip_controls(message), title=strip_controls(title),
                       severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        if self.collector_paused:
            self.call_after_refresh(self.resume_collector)
        self.apply_settings()
        if self.first_session is not None:
            from ncsi_tui.app.screens.opening import open_assessment  # asks if in use

            open_assessment(self, self.first_session)
        else:
            from ncsi_tui.app.screens.start import StartScreen

            self.push_screen(StartScreen(self.folder, self.catalogues))

    def resume_collector(self) -> None:
        """The first screen is painted: collect garbage again (paused by run_app)."""
        self.collector_paused = False
        gc.enable()

    def apply_settings(self) -> None:
        """The person's keymap and theme (settings.toml); a theme chosen later is stored."""
        try:
            settings = load_settings()
        except InputError as exc:
            self.notify(f"Settings not used. {exc}", severity="warning", timeout=12)
            settings = Settings()
        if settings.keymap:
            self.set_keymap(settings.keymap)
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        self.theme_changed_signal.subscribe(self, self.remember_theme)

    def remember_theme(self, theme: Theme) -> None:
        """Store a theme chosen in the palette, so that it survives a restart (a worker)."""

        def store() -> None:
            try:
                store_theme(theme.name)
            except (OSError, InputError) as exc:
                self.call_from_thread(self.notify, f"Theme not remembered: {exc}",
                                      severity="warning")

        self.run_worker(store, thread=True, group="settings")

    def assessment_screen(self, session: AssessmentSession) -> Screen[None]:
        from ncsi_tui.app.screens.assessment import AssessmentScreen

        return AssessmentScreen(session, read_only=self.read_only,
                                autosave_delay=self.autosave_delay)

    def on_open_assessment(self, message: OpenAssessment) -> None:
        try:
            session = AssessmentSession.open(message.path, self.catalogues, unresolved_ok=True)
        except InputError as exc:
            self.notify(f"Cannot open. {exc}", severity="error", timeout=12)
            return
        from ncsi_tui.app.screens.opening import open_assessment  # asks if in use

        open_assessment(self, session)

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal go one at a time, each after the last one's effect
        (keyorder.py); everything else as Textual routes it."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            for key in typed_keys(event):
                await self.keys_in_order.take(key)
            return
        if isinstance(event, events.Paste) and not event.is_forwarded:
            await self.keys_in_order.take(event)  # after the keys before it (`e`, then paste)
            return
        await super().on_event(event)

    async def route_key(self, event: events.Key | events.Paste) -> None:
        """Route one key (or paste) from the terminal, as Textual does."""
        await super().on_event(event)

    async def action_quit(self) -> None:
        """Quit from anywhere; an assessment screen below saves first (or asks)."""
        from ncsi_tui.app.screens.assessment import AssessmentScreen

        screens = [s for s in self.screen_stack if isinstance(s, AssessmentScreen)]
        if screens:
            screens[-1].request_quit()
        else:
            self.exit(0)

    def action_help(self) -> None:
        from ncsi_tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, or one that writes pure ASCII where the terminal has no UTF-8
        (the locale, or NCSI_ASCII=1; see charset.py)."""
        from ncsi_tui.app import charset

        base = super().get_driver_class()
        return charset.ascii_driver(base) if charset.wanted() else base

    def get_key_display(self, binding: Binding) -> str:
        """The stage keys show as one range, "1-5", as many as the catalogue has stages."""
        if binding.id == "assessment.stage-1":
            session = getattr(self.screen, "session", None)
            if session is not None and session.catalogue.stages:
                return f"1-{len(session.catalogue.stages)}"
        return super().get_key_display(binding)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own, less the two our bindings give better ("Keys" is `?` for this
        screen; "Quit" saves first): each command once in the palette."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Quit"):
                yield command


#: Seconds a thread that waits for the interpreter lock waits at most while another thread
#: runs Python (CPython's default: 0.005). Textual writes each frame to the terminal from a
#: writer thread and reads keys in an input thread; with the default, a frame queued just
#: before the main thread went on working (filling the panes after a move's first frame,
#: the footer after a focus change) reached the terminal 5-13 ms late: as long as a bare
#: Textual app takes for a whole key (issue 24). Switching costs microseconds, and only
#: while two threads want the lock at once.
THREAD_SWITCH_SECONDS = 0.0005


@contextlib.contextmanager
def prompt_threads(seconds: float = THREAD_SWITCH_SECONDS) -> Iterator[None]:
    """Within the block, the interpreter hands its lock to a waiting thread after at most
    `seconds` (see THREAD_SWITCH_SECONDS); the setting before is restored after it."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def run_app(args: argparse.Namespace, session: AssessmentSession | None = None) -> int:
    """Open the app as `ncsi open` was asked to, on `session` (opened by the CLI, which
    reports a bad file before the app starts) or on the start screen.

    ``args.serve`` (``ncsi --serve DIR``): the folder is DIR; see docs/ssh.md."""
    catalogues = Catalogues(list(getattr(args, "catalogue_dir", []) or []))
    served = getattr(args, "serve", None) is not None
    folder = Path(args.serve).resolve() if served else Path(args.dir)
    export_dir = getattr(args, "export_dir", None)
    driver = None
    if sys.platform != "win32":
        from ncsi_tui.app.terminal import TerminalDriver

        driver = TerminalDriver
    app = NcsiApp(catalogues, session=session, folder=folder,
                  read_only=bool(getattr(args, "read_only", False)),
                  export_dir=Path(export_dir) if export_dir is not None else None,
                  served=served, driver_class=driver)
    # What the imports made lives as long as the process: out of the collector's way. The
    # first screen makes only objects that live on (widgets, styles): no collection until
    # it is painted (NcsiApp.on_mount resumes the collector then).
    gc.freeze()
    gc.disable()
    app.collector_paused = True
    with prompt_threads():  # a frame reaches the terminal as soon as it is drawn
        app.run()
    return app.return_code or 0
