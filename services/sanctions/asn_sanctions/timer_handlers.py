"""Every durable timer of the sanctions service, by kind: discipline deadlines and coaching."""

from asn_shared.timers.scheduler import TimerHandler

from .coaching.retest import placement_ended
from .coaching.window import PLACEMENT_TIMER, WINDOW_TIMER, window_ended
from .discipline.watch import TIMER_HANDLERS as DISCIPLINE_TIMERS

TIMER_HANDLERS: dict[str, TimerHandler] = {
    **DISCIPLINE_TIMERS,
    WINDOW_TIMER: window_ended,
    PLACEMENT_TIMER: placement_ended,
}
