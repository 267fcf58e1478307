"""Personal data held by the services the site runs on, declared for the retention job.

The task queue keeps each email task's arguments (addresses, names, personal links) and the login
guard keeps addresses and user names of sign-in attempts; neither is needed for long."""

from django.db.models import Q

from site_home.retention import After, Anonymise, Delete, PersonalData, Rule, register

LOGS = "LOG_RETENTION_DAYS"
FINISHED = Q(status__in=["SUCCESSFUL", "FAILED"])
NO_ARGUMENTS = {"args": [], "kwargs": {}}


def connect():
    register(
        # django-tasks-db's app label, not its module name.
        "django_tasks_database.DBTaskResult",
        PersonalData(
            fields=("args_kwargs", "return_value", "traceback"),
            rules=(
                # A finished task needs its arguments no more (a retried email is a new task): they
                # go at the next run; status, times and exception class stay as an operations log.
                Rule(
                    "arguments of a finished task",
                    After("finished_at", days=0),
                    Anonymise(
                        {"args_kwargs": NO_ARGUMENTS, "return_value": None, "traceback": ""},
                        done=Q(args_kwargs=NO_ARGUMENTS),
                    ),
                    where=FINISHED,
                ),
                Rule("finished task", After("finished_at", days=LOGS), Delete(), where=FINISHED),
                # A task still queued this long will never run (its backend or worker is gone).
                Rule("stale queued task", After("enqueued_at", days=LOGS), Delete(), where=~FINISHED),
            ),
        ),
    )
    for model in ("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"):
        register(
            model,
            PersonalData(
                fields=("ip_address", "username", "user_agent"),
                rules=(Rule("sign-in record", After("attempt_time", days=LOGS), Delete()),),
            ),
        )
